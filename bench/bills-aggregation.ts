/**
 * Benchmark (not a test): aggregating 100,000 resource-level bill records by service.
 *
 *   node dist/bench/bills-aggregation.js [--records 100000] [--runs 3] [--heap-cap 96]
 *
 * An emulator (in its own process, so that its ledger does not count against the measured memory)
 * is seeded through its scenario feature with pay-per-use resources that each produce one ledger
 * line per Beijing day: 4000 resources over 25 days are 100,000 charge lines in one month. Each
 * measurement runs in a fresh Node process:
 *
 * - `stream, paced 30/s`: aggregateResourceBills({ groupBy: "service", granularity: "detail" })
 *   (1000 records per page) with the client paced at the API's documented limit for res-records
 *   (30 requests/s) and the emulator enforcing it; with 2 pages requested ahead (the default) and
 *   sequentially. Bound: pages / rate, the time the rate limit alone imposes (100 / 30 = 3.3 s).
 * - `stream, unpaced`: no rate limit anywhere: the processing floor on this machine.
 * - `collect all records`: getResourceBills holding every record, then summed: what streaming saves.
 * - heap cap: both again under --max-old-space-size; streaming is expected to finish, holding every
 *   record is not.
 *
 * Per variant: median wall time of --runs runs, the time spent waiting for responses, the measuring
 * process's CPU time, its peak RSS (getrusage maxRSS) and peak V8 heap (sampled every 5 ms, garbage
 * included). Prints a table and writes JSON to bench/results/.
 */
import { ChildProcess, fork } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Decimal } from "../sdk/data";

const MONTH = "2026-03";
/** Beijing 2026-03-07 00:00: 25 full days of usage to 2026-04-01 00:00 Beijing. */
const USAGE_START = "2026-03-06T16:00:00Z";
const DAYS = 25;
const RES_RECORDS_OPERATION = "ListCustomerselfResourceRecordDetails";
/** Documented rate limit of res-records/query (billing-common.yaml#throttling). */
const DOCUMENTED_RATE = 30;
const PAGE_SIZE = 1000;
const KINDS = ["ecs", "evs", "bandwidth", "eip", "dcs", "rds", "obs", "cce"] as const;

interface Args {
    readonly records: number;
    readonly runs: number;
    readonly heapCapMb: number;
}

interface Measurement {
    readonly variant: string;
    readonly ok: boolean;
    readonly error?: string;
    readonly wallMs: number;
    readonly records: number;
    readonly pages: number;
    readonly groups: number;
    readonly total: string;
    readonly baselineRssMb: number;
    readonly peakRssMb: number;
    readonly peakHeapMb: number;
    /** Time spent waiting for responses (sum over requests; overlapping requests count each). */
    readonly serverMs: number;
    /** CPU time of the measuring process during the run. */
    readonly clientCpuMs: number;
}

/** What one measuring process does. */
interface Job {
    readonly variant: string;
    readonly mode: "stream" | "collect";
    /** Client pace for every operation, requests/s; 0 = unpaced. */
    readonly rate: number;
    readonly prefetchPages?: number;
    readonly heapCapMb?: number;
}

function parseArgs(argv: readonly string[]): Args {
    const get = (name: string) => {
        const at = argv.indexOf(`--${name}`);
        return at >= 0 ? argv[at + 1] : undefined;
    };
    return { records: Number(get("records") ?? 100_000), runs: Number(get("runs") ?? 3), heapCapMb: Number(get("heap-cap") ?? 96) };
}

function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// ---------------------------------------------------------------------------------------------------
// Mode --serve: the emulator host (a child process with IPC)

async function serve(records: number): Promise<void> {
    const { startEmulator } = await import("../emulator");
    const resources = Math.ceil(records / DAYS);
    const scenario = {
        resources: Array.from({ length: resources }, (_, i) => {
            const kind = KINDS[i % KINDS.length];
            const sized = kind === "evs" || kind === "bandwidth";
            return { kind, name: `payg-${kind}-${i}`, billingMode: "onDemand" as const, effectiveTime: USAGE_START, ...(sized ? { specSize: 1 + (i % 97) } : {}) };
        }),
    };
    const emulator = await startEmulator({ port: 0, host: "127.0.0.1", now: USAGE_START, freezeClock: true, demo: false, scenario });
    emulator.advanceClock(`P${DAYS}D`);
    const send = (message: unknown) => process.send?.(message);
    process.on("message", (message: { type: string; rate?: number }) => {
        if (message.type === "calls") send({ type: "calls", calls: emulator.calls() });
        else if (message.type === "rate") {
            emulator.setRateLimit(message.rate ?? 0);
            send({ type: "rate" });
        } else if (message.type === "close") void emulator.close().then(() => process.exit(0));
    });
    send({ type: "ready", url: emulator.url, now: emulator.nowIso(), credential: emulator.defaultCredential, lines: emulator.world.ledgerOf(emulator.defaultCredential.domainId, MONTH).length });
}

// ---------------------------------------------------------------------------------------------------
// Mode --measure: one measurement in a fresh process

async function measure(job: Job, url: string, now: string, credential: { accessKey: string; secretKey: string; domainId: string }): Promise<Measurement> {
    const { createBssClient, resolveClientOptions } = await import("../provider/bss");
    const data = await import("../sdk/data");
    let serverMs = 0;
    const client = createBssClient(
        resolveClientOptions({
            options: {
                ...credential,
                endpoint: url,
                now: () => new Date(now),
                requestsPerSecond: job.rate,
                operationRates: { [RES_RECORDS_OPERATION]: job.rate },
                onResponse: (event) => {
                    serverMs += event.durationMs;
                },
            },
        }),
    );
    const opts = { client };
    // Warm the connection and the modules, then take the baseline.
    await data.getServiceTypes({ limit: 1 }, opts);
    globalThis.gc?.();
    serverMs = 0;
    const baselineRss = process.resourceUsage().maxRSS / 1024;
    let peakHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 5);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const finish = (fields: Pick<Measurement, "ok" | "records" | "pages" | "groups" | "total"> & { error?: string }): Measurement => {
        const wallMs = performance.now() - started;
        const cpu = process.cpuUsage(cpuBefore);
        clearInterval(sampler);
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
        return {
            variant: job.variant,
            ...fields,
            wallMs,
            baselineRssMb: baselineRss,
            peakRssMb: process.resourceUsage().maxRSS / 1024,
            peakHeapMb: peakHeap / 2 ** 20,
            serverMs,
            clientCpuMs: (cpu.user + cpu.system) / 1000,
        };
    };
    try {
        if (job.mode === "stream") {
            const aggregate = await data.aggregateResourceBills(
                { month: MONTH, groupBy: "service", granularity: "detail", prefetchPages: job.prefetchPages },
                opts,
            );
            return finish({ ok: true, records: aggregate.recordCount, pages: aggregate.pages, groups: aggregate.groupCount, total: aggregate.totals.consumeAmount });
        }
        const bills = await data.getResourceBills({ month: MONTH, granularity: "detail", limit: 10_000_000 }, opts);
        const byService = new Map<string, Decimal>();
        for (const record of bills.records) {
            const key = record.cloudServiceType ?? "";
            byService.set(key, (byService.get(key) ?? data.Decimal.ZERO).plus(record.consumeAmount ?? "0"));
        }
        return finish({ ok: true, records: bills.records.length, pages: Math.ceil(bills.records.length / PAGE_SIZE), groups: byService.size, total: bills.consumeAmount });
    } catch (error) {
        return finish({ ok: false, error: (error as Error).message, records: 0, pages: 0, groups: 0, total: "" });
    } finally {
        await client.close();
    }
}

// ---------------------------------------------------------------------------------------------------
// Orchestration

function request<T>(child: ChildProcess, message: unknown, type: string): Promise<T> {
    return new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`child exited with ${code}`));
        const onMessage = (reply: { type?: string }) => {
            if (reply.type !== type) return;
            child.off("message", onMessage);
            child.off("exit", onExit);
            resolve(reply as T);
        };
        child.on("message", onMessage);
        child.once("exit", onExit);
        if (message !== undefined) child.send(message as never);
    });
}

function runMeasurement(job: Job, server: { url: string; now: string; credential: unknown }): Promise<Measurement> {
    return new Promise((resolve) => {
        const execArgv = ["--expose-gc", ...(job.heapCapMb ? [`--max-old-space-size=${job.heapCapMb}`] : [])];
        const child = fork(__filename, ["--measure", JSON.stringify({ job, url: server.url, now: server.now, credential: server.credential })], {
            execArgv,
            stdio: ["ignore", "ignore", "pipe", "ipc"],
        });
        let stderr = "";
        child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
        let measured: Measurement | undefined;
        child.on("message", (m: Measurement) => (measured = m));
        child.on("exit", (code, signal) => {
            const failure = /heap out of memory/i.test(stderr) ? "JavaScript heap out of memory" : `exited with ${code ?? signal}`;
            resolve(
                measured ?? { variant: job.variant, ok: false, error: failure, wallMs: 0, records: 0, pages: 0, groups: 0, total: "", baselineRssMb: 0, peakRssMb: 0, peakHeapMb: 0, serverMs: 0, clientCpuMs: 0 },
            );
        });
    });
}

async function main(args: Args): Promise<void> {
    console.log(`seeding the emulator with ${args.records} resource bill lines (${Math.ceil(args.records / DAYS)} pay-per-use resources × ${DAYS} days)...`);
    const seedStarted = performance.now();
    const host = fork(__filename, ["--serve", String(args.records)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const ready = await request<{ url: string; now: string; credential: unknown; lines: number }>(host, undefined, "ready");
    console.log(`emulator ready at ${ready.url} with ${ready.lines} ledger lines in ${MONTH} (${((performance.now() - seedStarted) / 1000).toFixed(1)} s)`);
    const callsOf = async () => (await request<{ calls: { byOperationStatus: Record<string, Record<string, number>> } }>(host, { type: "calls" }, "calls")).calls.byOperationStatus[RES_RECORDS_OPERATION] ?? {};

    type Row = { label: string; results: Measurement[]; boundMs?: number; throttled?: number };
    const rows: Row[] = [];
    const boundMs = (Math.ceil(args.records / PAGE_SIZE) / DOCUMENTED_RATE) * 1000;
    const repeat = async (job: Job, runs: number, row: Omit<Row, "results"> = { label: job.variant }) => {
        const before = await callsOf();
        const results: Measurement[] = [];
        for (let run = 0; run < runs; run++) results.push(await runMeasurement(job, ready));
        const after = await callsOf();
        rows.push({ ...row, results, throttled: (after["429"] ?? 0) - (before["429"] ?? 0) });
        console.log(`  ${job.variant}: ${results.map((m) => (m.ok ? `${(m.wallMs / 1000).toFixed(1)} s` : m.error)).join(", ")}`);
    };
    // With the emulator enforcing the documented 30/s, and the client pacing at it.
    await repeat({ variant: `stream, paced ${DOCUMENTED_RATE}/s, 2 pages ahead`, mode: "stream", rate: DOCUMENTED_RATE }, args.runs, { label: `stream, paced ${DOCUMENTED_RATE}/s, 2 pages ahead`, boundMs });
    await repeat({ variant: `stream, paced ${DOCUMENTED_RATE}/s, sequential`, mode: "stream", rate: DOCUMENTED_RATE, prefetchPages: 0 }, args.runs, { label: `stream, paced ${DOCUMENTED_RATE}/s, sequential`, boundMs });
    // No rate limit anywhere: the processing floor (client + emulator on the same 2 cores).
    await request(host, { type: "rate", rate: 0 }, "rate");
    await repeat({ variant: "stream, unpaced, 2 pages ahead", mode: "stream", rate: 0 }, args.runs);
    await repeat({ variant: "collect all records, unpaced", mode: "collect", rate: 0 }, args.runs);
    await repeat({ variant: `stream, ${args.heapCapMb} MB heap cap`, mode: "stream", rate: 0, heapCapMb: args.heapCapMb }, 1);
    await repeat({ variant: `collect all, ${args.heapCapMb} MB heap cap`, mode: "collect", rate: 0, heapCapMb: args.heapCapMb }, 1);
    host.send({ type: "close" });

    const totals = new Set(rows.flatMap((r) => r.results.filter((m) => m.ok).map((m) => m.total)));
    const table = rows.map((row) => {
        const ok = row.results.filter((m) => m.ok);
        const wall = ok.length ? median(ok.map((m) => m.wallMs)) : undefined;
        return {
            variant: row.label,
            runs: row.results.length,
            ok: `${ok.length}/${row.results.length}`,
            records: ok[0]?.records,
            pages: ok[0]?.pages,
            groups: ok[0]?.groups,
            medianWallMs: wall === undefined ? undefined : Math.round(wall),
            boundMs: row.boundMs === undefined ? undefined : Math.round(row.boundMs),
            wallOverBound: wall !== undefined && row.boundMs ? Number((wall / row.boundMs).toFixed(2)) : undefined,
            throttled429: row.throttled,
            medianPeakRssMb: ok.length ? Number(median(ok.map((m) => m.peakRssMb)).toFixed(1)) : undefined,
            medianRssGrowthMb: ok.length ? Number(median(ok.map((m) => m.peakRssMb - m.baselineRssMb)).toFixed(1)) : undefined,
            medianPeakHeapMb: ok.length ? Number(median(ok.map((m) => m.peakHeapMb)).toFixed(1)) : undefined,
            medianServerMs: ok.length ? Math.round(median(ok.map((m) => m.serverMs))) : undefined,
            medianClientCpuMs: ok.length ? Math.round(median(ok.map((m) => m.clientCpuMs))) : undefined,
            failure: row.results.find((m) => !m.ok)?.error,
        };
    });
    console.table(table);
    console.log(`aggregated total (identical in every successful run: ${totals.size === 1}): ${[...totals].join(", ")} CNY`);
    const resultsDir = path.join(__dirname, "..", "..", "bench", "results");
    fs.mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `bills-aggregation-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(
        file,
        JSON.stringify(
            {
                benchmark: "bills-aggregation",
                date: new Date().toISOString(),
                machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.release()}` },
                setup: { records: args.records, ledgerLines: ready.lines, month: MONTH, pageSize: PAGE_SIZE, documentedRate: DOCUMENTED_RATE, runs: args.runs, heapCapMb: args.heapCapMb },
                consistentTotal: totals.size === 1,
                total: [...totals][0],
                table,
                raw: rows,
            },
            null,
            2,
        ),
    );
    console.log(`results written to ${path.relative(process.cwd(), file)}`);
}

const argv = process.argv.slice(2);
if (argv[0] === "--serve") {
    void serve(Number(argv[1]));
} else if (argv[0] === "--measure") {
    const { job, url, now, credential } = JSON.parse(argv[1]);
    void measure(job, url, now, credential).then((m) => process.send?.(m, () => process.exit(0)));
} else {
    main(parseArgs(argv)).catch((error) => {
        console.error(error);
        process.exit(1);
    });
}
