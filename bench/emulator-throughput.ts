/**
 * Throughput of the emulator itself, to show it is not the bottleneck of the provider benchmarks (which
 * need about 10 requests/s per API, the BSS rate limit).
 *
 *   node dist/bench/emulator-throughput.js [--resources 10000] [--concurrency 1,8,32] [--runs 3]
 *       [--duration-ms 2000] [--client raw|bss] [--only query-1,query-50,query-page,renew,auto-renew] [--json <file>]
 *
 * One emulator process (the CLI) with a generated account of `resources` records and the rate limit
 * disabled; clients in this process over loopback. Each figure is the median requests/s of `runs` timed
 * runs of `durationMs`, with `n` clients each sending its next request as soon as the previous one is
 * answered. Clients are either raw (signed with provider/bss/signer.ts, sent with undici, bodies read but
 * not parsed: the emulator's cost) or the project's BSS client (pacing and retries off, responses parsed
 * and validated: what the provider sees).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Pool, request } from "undici";
import { createBssClient, type BssClient } from "../provider/bss/client";
import { signRequest } from "../provider/bss/signer";

export type ThroughputScenario = "query-1" | "query-50" | "query-page" | "renew" | "auto-renew";
export const THROUGHPUT_SCENARIOS: readonly ThroughputScenario[] = ["query-1", "query-50", "query-page", "renew", "auto-renew"];

const SCENARIO_LABELS: Readonly<Record<ThroughputScenario, string>> = {
    "query-1": "ListPayPerUseCustomerResources, 1 id",
    "query-50": "ListPayPerUseCustomerResources, 50 ids",
    "query-page": "ListPayPerUseCustomerResources, 500-record page",
    renew: "RenewalResources, 1 resource, auto-pay",
    "auto-renew": "AutoRenewalResources",
};

export interface EmulatorThroughputOptions {
    /** Resources of the generated account. Default 10 000. */
    readonly resources?: number;
    /** Concurrent clients per measurement. Default [1, 8, 32]. */
    readonly concurrency?: readonly number[];
    /** Timed runs per figure (the median is reported). Default 3. */
    readonly runs?: number;
    /** Length of one timed run. Default 2000 ms. */
    readonly durationMs?: number;
    /** Untimed traffic before each scenario's first run (JIT, caches). Default 300 ms. */
    readonly warmupMs?: number;
    /** "raw" (default): signer + undici, bodies not parsed. "bss": the project's client (createBssClient). */
    readonly client?: "raw" | "bss";
    readonly scenarios?: readonly ThroughputScenario[];
    /** Extra node flags for the emulator process, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"]. */
    readonly emulatorNodeArgs?: readonly string[];
    /** Progress lines (default: none). */
    readonly log?: (line: string) => void;
}

export interface ThroughputFigure {
    readonly scenario: ThroughputScenario;
    readonly label: string;
    readonly concurrency: number;
    /** Median over the runs. */
    readonly requestsPerSecond: number;
    readonly runsPerSecond: readonly number[];
    /** Answers other than 2xx (and transport failures) over all runs; the first one is described. */
    readonly errors: number;
    readonly firstError?: string;
    /** Latency percentiles over every request of every run, ms. */
    readonly p50Ms: number;
    readonly p95Ms: number;
    /** Mean response size, bytes (raw client only). */
    readonly meanResponseBytes?: number;
    /**
     * CPU time the emulator process spent per request (user + system, median over the runs), and the
     * requests/s one core of it could serve at that cost: its capacity whatever the clients' own cost.
     */
    readonly emulatorCpuMsPerRequest?: number;
    readonly emulatorCapacityPerCore?: number;
}

export interface EmulatorThroughput {
    readonly resources: number;
    /** Yearly/monthly records the resource query lists (generated minus pay-per-use ones). */
    readonly listedResources: number;
    readonly mainResources: number;
    readonly client: "raw" | "bss";
    readonly runs: number;
    readonly durationMs: number;
    /** From spawning the emulator to its "listening" line (includes generating the account). */
    readonly emulatorStartMs: number;
    readonly figures: readonly ThroughputFigure[];
}

const START_TIME = "2026-03-01T00:00:00Z";
const QUERY_PATH = "/v2/orders/suscriptions/resources/query";
const RENEW_PATH = "/v2/orders/subscriptions/resources/renew";
const autoRenewPath = (id: string) => `/v2/orders/subscriptions/resources/autorenew/${id}`;
/** The emulator's built-in default account. */
const CREDENTIAL = { accessKey: "EMULATORAK0000000001", secretKey: "emulator-secret-key-not-secret-0000000001", domainId: "emulator0domain0000000000000001" };

interface EmulatorProcess {
    readonly url: string;
    readonly startMs: number;
    stop(): Promise<void>;
}

async function startEmulatorProcess(resources: number, nodeArgs: readonly string[]): Promise<EmulatorProcess> {
    const cli = path.resolve(__dirname, "../emulator/cli.js");
    const args = [...nodeArgs, cli, "--port", "0", "--generate", String(resources), "--rate-limit", "0", "--no-demo", "--freeze-clock", "--now", START_TIME, "--seed", "1"];
    const started = performance.now();
    const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const line = out.split("\n")[0];
            if (out.includes("\n")) resolve(line.slice(line.indexOf("http://")));
        });
        child.once("exit", (code) => reject(new Error(`the emulator exited with ${code} before listening: ${stderr}`)));
    });
    const startMs = performance.now() - started;
    return {
        url,
        startMs,
        stop: () =>
            new Promise<void>((resolve) => {
                if (child.exitCode !== null) return resolve();
                child.once("exit", () => resolve());
                child.kill("SIGTERM");
            }),
    };
}

/** Sends one request; resolves to the response size, or throws with the error code of a non-2xx answer. */
type Sender = () => Promise<number>;

interface ClientSide {
    /** A sender factory per scenario; `next` picks the scenario's varying input. */
    sender(scenario: ThroughputScenario, inputs: ScenarioInputs): Sender;
    close(): Promise<void>;
}

interface ScenarioInputs {
    readonly listed: number;
    readonly mainIds: readonly string[];
    /** Main resources in status 2 (auto-renew refuses expired ones). */
    readonly activeMainIds: readonly string[];
}

/** Deterministic pseudo-random picks (xorshift), so runs send the same mix. */
function picker(seed: number): (n: number) => number {
    let x = seed | 1;
    return (n) => {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return (x >>> 0) % n;
    };
}

function requestBodies(scenario: ThroughputScenario, inputs: ScenarioInputs): () => { method: "POST"; path: string; body?: Record<string, unknown> } {
    const pick = picker(7);
    let cursor = 0;
    const pages = Math.max(1, Math.ceil(inputs.listed / 500));
    switch (scenario) {
        case "query-1":
            return () => ({ method: "POST", path: QUERY_PATH, body: { resource_ids: [inputs.mainIds[pick(inputs.mainIds.length)]] } });
        case "query-50":
            return () => {
                const start = pick(Math.max(1, inputs.mainIds.length - 50));
                return { method: "POST", path: QUERY_PATH, body: { resource_ids: inputs.mainIds.slice(start, start + 50), limit: 500 } };
            };
        case "query-page":
            return () => ({ method: "POST", path: QUERY_PATH, body: { offset: pick(pages) * 500, limit: 500 } });
        case "renew":
            // Round robin: each resource is renewed by a month at a time, far from the 5-year ceiling.
            return () => ({ method: "POST", path: RENEW_PATH, body: { resource_ids: [inputs.mainIds[cursor++ % inputs.mainIds.length]], period_type: 2, period_num: 1, is_auto_pay: 1 } });
        case "auto-renew":
            return () => ({ method: "POST", path: autoRenewPath(inputs.activeMainIds[pick(inputs.activeMainIds.length)]) });
    }
}

function rawClient(url: string, now: Date, connections: number): ClientSide {
    const pool = new Pool(url, { connections, pipelining: 1 });
    return {
        sender(scenario, inputs) {
            const next = requestBodies(scenario, inputs);
            return async () => {
                const { method, path: requestPath, body } = next();
                const text = body === undefined ? undefined : JSON.stringify(body);
                const signed = signRequest({ method, url: url + requestPath, headers: { "Content-Type": "application/json" }, body: text, accessKey: CREDENTIAL.accessKey, secretKey: CREDENTIAL.secretKey, date: now });
                const response = await request(signed.url, { method, headers: signed.headers, body: text, dispatcher: pool });
                const bytes = (await response.body.arrayBuffer()).byteLength;
                if (response.statusCode >= 300) throw new Error(`HTTP ${response.statusCode}`);
                return bytes;
            };
        },
        close: () => pool.close(),
    };
}

function bssClient(url: string, now: Date, connections: number): ClientSide {
    const client: BssClient = createBssClient({
        endpoint: url,
        accessKey: CREDENTIAL.accessKey,
        secretKey: CREDENTIAL.secretKey,
        domainId: CREDENTIAL.domainId,
        now: () => now,
        requestsPerSecond: 0,
        maxRetries: 0,
        connections,
    });
    return {
        sender(scenario, inputs) {
            const next = requestBodies(scenario, inputs);
            return async () => {
                const { path: requestPath, body } = next();
                if (scenario === "renew") await client.renewalResources(body as never);
                else if (scenario === "auto-renew") await client.autoRenewalResources({ resource_id: requestPath.slice(requestPath.lastIndexOf("/") + 1) });
                else await client.listPayPerUseCustomerResources(body as never);
                return 0;
            };
        },
        close: () => client.close(),
    };
}

function percentile(sorted: readonly number[], p: number): number {
    if (sorted.length === 0) return 0;
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface RunOutcome {
    readonly completed: number;
    readonly errors: number;
    readonly firstError?: string;
    readonly latenciesMs: number[];
    readonly bytes: number;
    readonly elapsedMs: number;
}

/** CPU milliseconds the emulator process has used so far (undefined when it does not say). */
async function emulatorCpuMs(url: string): Promise<number | undefined> {
    const response = await request(`${url}/__emulator/process`);
    if (response.statusCode !== 200) {
        await response.body.dump();
        return undefined;
    }
    const usage = (await response.body.json()) as { cpuUserMs: number; cpuSystemMs: number };
    return usage.cpuUserMs + usage.cpuSystemMs;
}

/** `concurrency` loops, each sending the next request when the previous is answered, until `durationMs`. */
async function runFor(send: Sender, concurrency: number, durationMs: number): Promise<RunOutcome> {
    const started = performance.now();
    const deadline = started + durationMs;
    let completed = 0;
    let errors = 0;
    let bytes = 0;
    let firstError: string | undefined;
    const latenciesMs: number[] = [];
    await Promise.all(
        Array.from({ length: concurrency }, async () => {
            while (performance.now() < deadline) {
                const sent = performance.now();
                try {
                    bytes += await send();
                } catch (error) {
                    errors++;
                    firstError ??= (error as Error).message;
                }
                latenciesMs.push(performance.now() - sent);
                completed++;
            }
        }),
    );
    return { completed, errors, firstError, latenciesMs, bytes, elapsedMs: performance.now() - started };
}

async function adminPost(url: string, adminPath: string, body: unknown): Promise<void> {
    const response = await request(`${url}/__emulator/${adminPath}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new Error(`admin ${adminPath}: HTTP ${response.statusCode} ${text}`);
}

/** The main resources of the generated account, read through the API (pages of 500). */
async function listMainResources(url: string, now: Date): Promise<{ listed: number; mainIds: string[]; activeMainIds: string[] }> {
    const mainIds: string[] = [];
    const activeMainIds: string[] = [];
    let listed = 0;
    for (let offset = 0; ; offset += 500) {
        const body = JSON.stringify({ offset, limit: 500 });
        const signed = signRequest({ method: "POST", url: url + QUERY_PATH, headers: { "Content-Type": "application/json" }, body, accessKey: CREDENTIAL.accessKey, secretKey: CREDENTIAL.secretKey, date: now });
        const response = await request(signed.url, { method: "POST", headers: signed.headers, body });
        const page = (await response.body.json()) as { total_count: number; data: { resource_id: string; is_main_resource: number; status: number }[] };
        listed = page.total_count;
        for (const record of page.data) {
            if (record.is_main_resource !== 1) continue;
            mainIds.push(record.resource_id);
            if (record.status === 2) activeMainIds.push(record.resource_id);
        }
        if (page.data.length < 500) break;
    }
    return { listed, mainIds, activeMainIds };
}

export async function measureEmulatorThroughput(options: EmulatorThroughputOptions = {}): Promise<EmulatorThroughput> {
    const resources = options.resources ?? 10_000;
    const concurrency = options.concurrency ?? [1, 8, 32];
    const runs = options.runs ?? 3;
    const durationMs = options.durationMs ?? 2000;
    const warmupMs = options.warmupMs ?? 300;
    const clientKind = options.client ?? "raw";
    const scenarios = options.scenarios ?? THROUGHPUT_SCENARIOS;
    const log = options.log ?? (() => undefined);

    const emulator = await startEmulatorProcess(resources, options.emulatorNodeArgs ?? []);
    const figures: ThroughputFigure[] = [];
    let client: ClientSide | undefined;
    try {
        log(`emulator with ${resources} generated resources ready in ${Math.round(emulator.startMs)} ms at ${emulator.url}`);
        const clock = await request(`${emulator.url}/__emulator/clock`);
        const now = new Date(((await clock.body.json()) as { now: string }).now);
        const inputs = await listMainResources(emulator.url, now);
        // Renewals are paid at once: enough cash for every run.
        await adminPost(emulator.url, "accounts", { action: "setBalance", accountId: CREDENTIAL.domainId, cash: 1_000_000_000 });
        client = clientKind === "bss" ? bssClient(emulator.url, now, Math.max(...concurrency)) : rawClient(emulator.url, now, Math.max(...concurrency));
        for (const scenario of scenarios) {
            const send = client.sender(scenario, inputs);
            if (warmupMs > 0) await runFor(send, Math.max(...concurrency), warmupMs);
            for (const n of concurrency) {
                const outcomes: RunOutcome[] = [];
                const cpuPerRequest: number[] = [];
                for (let run = 0; run < runs; run++) {
                    const cpuBefore = await emulatorCpuMs(emulator.url);
                    const outcome = await runFor(send, n, durationMs);
                    const cpuAfter = await emulatorCpuMs(emulator.url);
                    outcomes.push(outcome);
                    if (cpuBefore !== undefined && cpuAfter !== undefined && outcome.completed > 0) cpuPerRequest.push((cpuAfter - cpuBefore) / outcome.completed);
                }
                const cpuMs = cpuPerRequest.length ? median(cpuPerRequest) : undefined;
                const perSecond = outcomes.map((o) => (o.completed * 1000) / o.elapsedMs);
                const latencies = outcomes.flatMap((o) => o.latenciesMs).sort((a, b) => a - b);
                const completed = outcomes.reduce((sum, o) => sum + o.completed, 0);
                const errors = outcomes.reduce((sum, o) => sum + o.errors, 0);
                const figure: ThroughputFigure = {
                    scenario,
                    label: SCENARIO_LABELS[scenario],
                    concurrency: n,
                    requestsPerSecond: Math.round(median(perSecond) * 10) / 10,
                    runsPerSecond: perSecond.map((v) => Math.round(v * 10) / 10),
                    errors,
                    firstError: outcomes.find((o) => o.firstError)?.firstError,
                    p50Ms: Math.round(percentile(latencies, 50) * 100) / 100,
                    p95Ms: Math.round(percentile(latencies, 95) * 100) / 100,
                    meanResponseBytes: clientKind === "raw" && completed > 0 ? Math.round(outcomes.reduce((sum, o) => sum + o.bytes, 0) / completed) : undefined,
                    emulatorCpuMsPerRequest: cpuMs === undefined ? undefined : Math.round(cpuMs * 1000) / 1000,
                    emulatorCapacityPerCore: cpuMs ? Math.round(1000 / cpuMs) : undefined,
                };
                figures.push(figure);
                log(`${figure.label} x${n}: ${figure.requestsPerSecond} req/s (runs ${figure.runsPerSecond.join(", ")}), p50 ${figure.p50Ms} ms, p95 ${figure.p95Ms} ms${cpuMs !== undefined ? `, emulator ${figure.emulatorCpuMsPerRequest} ms CPU/request` : ""}${errors ? `, ${errors} errors (${figure.firstError})` : ""}`);
            }
        }
        return {
            resources,
            listedResources: inputs.listed,
            mainResources: inputs.mainIds.length,
            client: clientKind,
            runs,
            durationMs,
            emulatorStartMs: Math.round(emulator.startMs),
            figures,
        };
    } finally {
        await client?.close();
        await emulator.stop();
    }
}

/** A plain-text table: one row per scenario, one requests/s column per concurrency. */
export function formatThroughputTable(result: EmulatorThroughput): string {
    const levels = [...new Set(result.figures.map((f) => f.concurrency))];
    const scenarios = [...new Set(result.figures.map((f) => f.scenario))];
    const header = ["operation", ...levels.map((n) => `${n} client${n === 1 ? "" : "s"} req/s (p50 ms)`), "emulator CPU ms/req", "1-core capacity req/s", "errors"];
    const rows = scenarios.map((scenario) => {
        const figures = result.figures.filter((f) => f.scenario === scenario);
        const rates = levels.map((n) => {
            const figure = figures.find((f) => f.concurrency === n);
            return figure ? `${figure.requestsPerSecond.toFixed(1)} (${figure.p50Ms.toFixed(1)})` : "";
        });
        // The emulator's CPU cost per request: the median over the concurrency levels.
        const costs = figures.map((f) => f.emulatorCpuMsPerRequest).filter((c): c is number => c !== undefined);
        const cost = costs.length ? median(costs) : undefined;
        const cpu = cost === undefined ? ["n/a", "n/a"] : [cost.toFixed(3), String(Math.round(1000 / cost))];
        return [SCENARIO_LABELS[scenario], ...rates, ...cpu, String(figures.reduce((sum, f) => sum + f.errors, 0))];
    });
    const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
    const line = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(" | ");
    return [
        `emulator throughput: ${result.resources} generated resources (${result.listedResources} listed, ${result.mainResources} main), ${result.client} client, median of ${result.runs} runs of ${result.durationMs} ms, rate limit off`,
        line(header),
        widths.map((w) => "-".repeat(w)).join("-|-"),
        ...rows.map(line),
    ].join("\n");
}

function parseArgs(argv: readonly string[]): EmulatorThroughputOptions & { json?: string } {
    const get = (name: string): string | undefined => {
        const at = argv.indexOf(`--${name}`);
        return at >= 0 ? argv[at + 1] : undefined;
    };
    const numbers = (text: string | undefined) => text?.split(",").map(Number);
    const only = get("only")?.split(",") as ThroughputScenario[] | undefined;
    for (const name of only ?? []) if (!THROUGHPUT_SCENARIOS.includes(name)) throw new Error(`--only: unknown scenario ${name} (${THROUGHPUT_SCENARIOS.join(", ")})`);
    const client = get("client");
    if (client !== undefined && client !== "raw" && client !== "bss") throw new Error("--client must be raw or bss");
    return {
        resources: get("resources") ? Number(get("resources")) : undefined,
        concurrency: numbers(get("concurrency")),
        runs: get("runs") ? Number(get("runs")) : undefined,
        durationMs: get("duration-ms") ? Number(get("duration-ms")) : undefined,
        client,
        scenarios: only,
        emulatorNodeArgs: get("emulator-node-args")?.split(" ").filter(Boolean),
        json: get("json"),
    };
}

if (require.main === module) {
    const { json, ...options } = parseArgs(process.argv.slice(2));
    measureEmulatorThroughput({ ...options, log: (line) => process.stderr.write(`${line}\n`) }).then(
        (result) => {
            process.stdout.write(`${formatThroughputTable(result)}\n`);
            if (json) fs.writeFileSync(json, JSON.stringify(result, null, 2) + "\n");
        },
        (error: unknown) => {
            process.stderr.write(`emulator-throughput: ${(error as Error)?.stack ?? String(error)}\n`);
            process.exit(1);
        },
    );
}
