import * as fs from "node:fs";

/**
 * Samples the peak resident memory of the dynamic-provider processes (pulumi-resource-pulumi-nodejs,
 * i.e. node running @pulumi/pulumi/cmd/dynamic-provider) while a CLI operation runs.
 */
export function watchProviderMemory(intervalMs = 100): { stop(): number } {
    let peakKb = 0;
    const sample = () => {
        for (const pid of fs.readdirSync("/proc")) {
            if (!/^\d+$/.test(pid)) continue;
            try {
                const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
                if (!cmdline.includes("dynamic-provider")) continue;
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
