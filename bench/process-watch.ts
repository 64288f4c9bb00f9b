import * as fs from "node:fs";

/** The parent of `pid`, from /proc/<pid>/stat (the field after the parenthesised command name). */
function parentOf(pid: number): number | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return Number(fields[1]);
    } catch {
        return undefined;
    }
}

/** True when `pid` was started, directly or not, by `ancestor` (other runs' leftovers are not). */
function descendsFrom(pid: number, ancestor: number): boolean {
    for (let current: number | undefined = pid, hops = 0; current && current > 1 && hops < 32; hops++) {
        if (current === ancestor) return true;
        current = parentOf(current);
    }
    return false;
}

/**
 * Samples the peak resident memory of the dynamic-provider processes (pulumi-resource-pulumi-nodejs,
 * i.e. node running @pulumi/pulumi/cmd/dynamic-provider) that this benchmark's CLI started, while
 * a CLI operation runs.
 */
export function watchProviderMemory(intervalMs = 100): { stop(): number } {
    let peakKb = 0;
    const sample = () => {
        for (const pid of fs.readdirSync("/proc")) {
            if (!/^\d+$/.test(pid)) continue;
            try {
                const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
                if (!cmdline.includes("dynamic-provider") || !descendsFrom(Number(pid), process.pid)) continue;
                const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
                const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
                if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
            } catch {
                // the process ended between listing and reading
            }
        }
    };
    const timer = setInterval(sample, intervalMs);
    return {
        stop() {
            clearInterval(timer);
            sample();
            return peakKb;
        },
    };
}
