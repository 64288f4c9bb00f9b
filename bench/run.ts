/**
 * `npm run bench`: fleet-scale benchmarks through the real Pulumi CLI against the emulator.
 *
 *   node dist/bench/run.js [--count 1000] [--runs 3] [--parallel 256] [--only payPerUse,renew,emulator] [--latency 30]
 *                          [--batching both|on|off] [--floors both|shaped] [--floor-from bench/results/<file>.json]
 *
 * --only keeps the Subscription scenarios whose name contains one of the words (the engine floor
 * always runs: it is every row's bound) and the emulator-throughput table when "emulator" is listed.
 * --floors shaped skips the plain Probe floor (printed for comparison only; it bounds no row).
 * --floor-from reuses the Subscription-shaped floors of an earlier results file measured with the same
 * count, latency, rate limit and parallelism instead of measuring them again (about 14 minutes a run at 1,000).
 *
 * Prints a table and writes it as JSON to bench/results/. Every figure is the median of --runs runs.
 * Wall-time bounds: the larger of (a) the engine floor for the same CLI operation over the same
 * number of resources (Probe resources that make no API call) and (b) the BSS calls the work needs
 * divided by the rate limit of each API (APIs are limited separately, so the slowest API bounds).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Stack } from "@pulumi/pulumi/automation";
import { REPO_ROOT, openStack, removeStack, uniqueStackName } from "../test/e2e/harness";
import { watchProviderMemory } from "./process-watch";
import { subscriptionScenarios } from "./subscriptions";
import { formatThroughputTable, measureEmulatorThroughput } from "./emulator-throughput";
import { stateSize } from "./state-size";

export interface BenchOptions {
    readonly count: number;
    readonly runs: number;
    readonly parallel: number;
    readonly latencyMs: number;
    readonly rateLimit: number;
}

/** State per resource of a scenario's first run: after its create, and the largest after any step. */
export interface StateSizes {
    stateBytesPerResource?: number;
    /** Of it, the provider's own input and output properties (all but `__provider`). */
    providerPropertyBytesPerResource?: number;
    stateBytesPerResourceLargest?: number;
    providerPropertyBytesPerResourceLargest?: number;
    largestAfter?: string;
    /** Length of the serialized provider, `__provider` (not a per-resource share: each resource stores it twice). */
    providerBytes?: number;
}

/** One measured CLI operation of a scenario. */
export interface Step {
    readonly label: string;
    /** Which engine-floor step bounds it (same CLI operation over the same number of resources). */
    readonly floor: Exclude<keyof typeof FLOOR_STEP, "createBeforeRenewal">;
    run(stack: Stack, opts: BenchOptions): Promise<void>;
    /** The fewest BSS calls per API this step needs (for the rate-limit bound). */
    neededCalls?(opts: BenchOptions): Record<string, number>;
}

export interface Scenario {
    readonly name: string;
    readonly program: string;
    /** Environment for the CLI and the provider process (e.g. batching switched off). */
    readonly env?: Record<string, string>;
    /** Runs once per run before the steps: stack config, emulator seeding. Returns per-run cleanup. */
    prepare(stack: Stack, opts: BenchOptions): Promise<() => Promise<void>>;
    readonly steps: readonly Step[];
    /** Calls made by operation during a step, when the scenario talks to an emulator. */
    callsDuring?<T>(action: () => Promise<T>): Promise<{ result: T; calls: Record<string, number>; throttled?: number }>;
}

export interface StepResult {
    scenario: string;
    step: string;
    wallMs: number[];
    medianMs: number;
    calls: Record<string, number>;
    totalCalls: number;
    boundMs?: number;
    ratio?: number;
    providerPeakMb: number;
    /** 429 answers the emulator gave (absorbed by the client's pacing and retries: the step succeeded). */
    throttledAnswers: number;
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function parseArgs(argv: string[]): BenchOptions & { only?: string[]; batching: "both" | "on" | "off"; floors: "both" | "shaped"; floorFrom?: string } {
    const get = (name: string) => {
        const at = argv.indexOf(`--${name}`);
        return at >= 0 ? argv[at + 1] : undefined;
    };
    return {
        count: Number(get("count") ?? 1000),
        runs: Number(get("runs") ?? 3),
        parallel: Number(get("parallel") ?? 256),
        latencyMs: Number(get("latency") ?? 30),
        rateLimit: Number(get("rate-limit") ?? 10),
        only: get("only")?.split(","),
        batching: (get("batching") ?? "both") as "both" | "on" | "off",
        floors: (get("floors") ?? "both") as "both" | "shaped",
        floorFrom: get("floor-from"),
    };
}

/**
 * The engine floor: the same CLI operations over Probe resources that make no API call. Shaped like
 * a Subscription (same properties, same state size), it is every row's bound: the engine rewrites
 * the whole checkpoint after each step, so its own cost grows with the state's size. The plain
 * Probe floor is printed too.
 */
function floorScenario(shape: "subscription" | undefined): Scenario {
    return {
        name: shape ? SHAPED_FLOOR : "engine floor (plain Probe, no API call)",
        program: PROBES_PROGRAM,
        prepare: (stack, opts) => prepareProbes(stack, opts, shape),
        steps: [
            { label: FLOOR_STEP.create, floor: "create", run: async (s, o) => void (await s.up({ parallel: o.parallel })) },
            { label: FLOOR_STEP.preview, floor: "preview", run: async (s, o) => void (await s.preview({ parallel: o.parallel, expectNoChanges: true })) },
            { label: FLOOR_STEP.refresh, floor: "refresh", run: async (s, o) => void (await s.refresh({ parallel: o.parallel })) },
            { label: FLOOR_STEP.update, floor: "update", run: (s, o) => updateProbes(s, o, shape) },
            { label: FLOOR_STEP.destroy, floor: "destroy", run: async (s, o) => void (await s.destroy({ parallel: o.parallel })) },
        ],
    };
}

/**
 * The floor of a renewal and of what follows it: a renewal leaves a Subscription's state larger
 * (the executed plan in the inputs, an order in the outputs), so the update that renews and the
 * destroy after it are bounded by Probes whose state grows the same way.
 */
function renewalFloorScenario(): Scenario {
    return {
        name: RENEWAL_FLOOR,
        program: PROBES_PROGRAM,
        prepare: (stack, opts) => prepareProbes(stack, opts, "subscription"),
        steps: [
            { label: FLOOR_STEP.createBeforeRenewal, floor: "create", run: async (s, o) => void (await s.up({ parallel: o.parallel })) },
            { label: FLOOR_STEP.updateToRenewed, floor: "updateToRenewed", run: (s, o) => updateProbes(s, o, "renewedSubscription") },
            { label: FLOOR_STEP.destroyRenewed, floor: "destroyRenewed", run: async (s, o) => void (await s.destroy({ parallel: o.parallel })) },
        ],
    };
}

const PROBES_PROGRAM = path.join(REPO_ROOT, "bench/programs/probes");
const SHAPED_FLOOR = "engine floor (Subscription-shaped Probe, no API call)";
const RENEWAL_FLOOR = "engine floor (Probe growing to a renewed Subscription's state, no API call)";
/** The floor rows' labels; every Subscription step is bounded by the one its `floor` names. */
const FLOOR_STEP = {
    create: "create",
    preview: "no-op preview",
    refresh: "refresh",
    update: "update all",
    destroy: "destroy",
    createBeforeRenewal: "create (before the renewal-sized update)",
    updateToRenewed: "update all to a renewed Subscription's state",
    destroyRenewed: "destroy (renewed Subscription's state)",
} as const;

async function prepareProbes(stack: Stack, opts: BenchOptions, shape: string | undefined): Promise<() => Promise<void>> {
    await stack.setAllConfig({
        "bench-probes:count": { value: String(opts.count) },
        "bench-probes:value": { value: "v1" },
        ...(shape ? { "bench-probes:shape": { value: shape } } : {}),
    });
    return async () => undefined;
}

async function updateProbes(stack: Stack, opts: BenchOptions, shape: string | undefined): Promise<void> {
    await stack.setConfig("bench-probes:value", { value: "v2" });
    if (shape) await stack.setConfig("bench-probes:shape", { value: shape });
    await stack.up({ parallel: opts.parallel });
}

async function measureScenario(scenario: Scenario, opts: BenchOptions, extra: StateSizes): Promise<StepResult[]> {
    const perStep = new Map<string, { wall: number[]; calls: Record<string, number>[]; peak: number[]; throttled: number[] }>();
    for (let run = 0; run < opts.runs; run++) {
        const stack = await openStack(scenario.program, uniqueStackName("bench"), {}, scenario.env ?? {});
        const cleanup = await scenario.prepare(stack, opts);
        try {
            for (const step of scenario.steps) {
                const watch = watchProviderMemory();
                const started = process.hrtime.bigint();
                const measured = scenario.callsDuring
                    ? await scenario.callsDuring(() => step.run(stack, opts))
                    : { result: await step.run(stack, opts), calls: {}, throttled: 0 };
                const wall = Number(process.hrtime.bigint() - started) / 1e6;
                const peakKb = watch.stop();
                const entry = perStep.get(step.label) ?? { wall: [], calls: [], peak: [], throttled: [] };
                entry.wall.push(wall);
                entry.throttled.push(measured.throttled ?? 0);
                entry.calls.push(measured.calls);
                entry.peak.push(peakKb / 1024);
                perStep.set(step.label, entry);
                if (run === 0 && step.floor !== "preview" && step.floor !== "destroy") {
                    // Outside the timed region: renewals add order entries, so state grows after create.
                    const state = await stack.exportStack();
                    const size = stateSize(state);
                    if (step.floor === "create" && extra.stateBytesPerResource === undefined) {
                        extra.stateBytesPerResource = size.bytesPerResource;
                        extra.providerPropertyBytesPerResource = size.providerBytesPerResource;
                        extra.providerBytes = size.serializedProviderBytes;
                    }
                    if (size.bytesPerResource > (extra.stateBytesPerResourceLargest ?? 0)) {
                        extra.stateBytesPerResourceLargest = size.bytesPerResource;
                        extra.providerPropertyBytesPerResourceLargest = size.providerBytesPerResource;
                        extra.largestAfter = step.label;
                    }
                }
                process.stderr.write(`[bench] ${scenario.name} / ${step.label} run ${run + 1}: ${(wall / 1000).toFixed(1)} s\n`);
            }
        } finally {
            await cleanup();
            await removeStack(stack).catch(() => undefined);
        }
    }
    return scenario.steps.map((step) => {
        const entry = perStep.get(step.label)!;
        const calls = entry.calls[Math.floor(entry.calls.length / 2)] ?? {};
        return {
            scenario: scenario.name,
            step: step.label,
            wallMs: entry.wall,
            medianMs: median(entry.wall),
            calls,
            totalCalls: Object.values(calls).reduce((a, b) => a + b, 0),
            providerPeakMb: Math.round(median(entry.peak)),
            throttledAnswers: Math.max(...entry.throttled),
        };
    });
}

function applyBounds(results: StepResult[], scenarios: readonly Scenario[], floor: StepResult[], opts: BenchOptions): void {
    const floorByStep = new Map(floor.map((r) => [r.step, r.medianMs]));
    for (const result of results) {
        const scenario = scenarios.find((s) => s.name === result.scenario);
        const step = scenario?.steps.find((s) => s.label === result.step);
        if (!step) continue;
        const engineMs = floorByStep.get(FLOOR_STEP[step.floor]);
        if (engineMs === undefined) throw new Error(`no engine-floor row "${FLOOR_STEP[step.floor]}" to bound "${result.step}"`);
        const needed = step.neededCalls?.(opts) ?? {};
        const apiMs = Math.max(0, ...Object.values(needed).map((n) => (opts.rateLimit > 0 ? (n / opts.rateLimit) * 1000 : 0)));
        result.boundMs = Math.max(engineMs, apiMs);
        result.ratio = result.boundMs > 0 ? result.medianMs / result.boundMs : undefined;
    }
}

function printTable(results: StepResult[], extras: Record<string, StateSizes>): void {
    const rows = results.map((r) => ({
        scenario: r.scenario,
        step: r.step,
        "median s": (r.medianMs / 1000).toFixed(1),
        "bound s": r.boundMs !== undefined ? (r.boundMs / 1000).toFixed(1) : "",
        ratio: r.ratio !== undefined ? r.ratio.toFixed(2) : "",
        "BSS calls": r.totalCalls ? Object.entries(r.calls).map(([k, v]) => `${k}:${v}`).join(" ") : "0",
        "provider MB": r.providerPeakMb,
        "429 absorbed": r.throttledAnswers,
    }));
    console.table(rows);
    for (const [name, e] of Object.entries(extras)) {
        const ofProvider = (bytes: number | undefined) => (bytes === undefined ? "" : ` (${bytes} of them the provider's properties)`);
        const largest = e.largestAfter ? `, largest ${e.stateBytesPerResourceLargest}${ofProvider(e.providerPropertyBytesPerResourceLargest)} after "${e.largestAfter}"` : "";
        console.log(`${name}: state ${e.stateBytesPerResource ?? "?"} bytes/resource${ofProvider(e.providerPropertyBytesPerResource)} after create${largest}, __provider ${e.providerBytes ?? "?"} bytes`);
    }
}

/** The shaped floors' rows from an earlier results file, refused unless it measured the same fleet and every floor. */
function floorFromFile(file: string, floorNames: readonly string[], opts: BenchOptions, extras: Record<string, StateSizes>): StepResult[] {
    const earlier = JSON.parse(fs.readFileSync(file, "utf8")) as { options: BenchOptions; results: StepResult[]; extras?: Record<string, StateSizes> };
    for (const key of ["count", "latencyMs", "rateLimit", "parallel"] as const) {
        if (earlier.options[key] !== opts[key]) throw new Error(`--floor-from ${file}: it measured ${key} ${earlier.options[key]}, this run ${opts[key]}`);
    }
    return floorNames.flatMap((name) => {
        const rows = earlier.results.filter((r) => r.scenario === name);
        if (rows.length === 0) throw new Error(`--floor-from ${file}: no "${name}" rows in it (measured before that floor existed?)`);
        extras[name] = { ...earlier.extras?.[name] };
        return rows.map((r) => ({ ...r, scenario: `${r.scenario} [from ${path.basename(file)}]` }));
    });
}

async function main(): Promise<void> {
    const opts = parseArgs(process.argv.slice(2));
    const wanted = (name: string) => !opts.only || opts.only.some((o) => name.toLowerCase().includes(o.toLowerCase()));
    const extras: Record<string, StateSizes> = {};
    const results: StepResult[] = [];

    if (opts.floors === "both") {
        const plainFloor = floorScenario(undefined);
        extras[plainFloor.name] = {};
        results.push(...(await measureScenario(plainFloor, opts, extras[plainFloor.name])));
    }
    const shapedFloors = [floorScenario("subscription"), renewalFloorScenario()];
    const floor: StepResult[] = [];
    if (opts.floorFrom) floor.push(...floorFromFile(opts.floorFrom, shapedFloors.map((f) => f.name), opts, extras));
    else {
        for (const shaped of shapedFloors) {
            extras[shaped.name] = {};
            floor.push(...(await measureScenario(shaped, opts, extras[shaped.name])));
        }
    }
    results.push(...floor);

    const batchingWanted = (s: Scenario) => opts.batching === "both" || (opts.batching === "off") === s.name.includes("[no batching]");
    const scenarios = subscriptionScenarios().filter((s) => wanted(s.name) && batchingWanted(s));
    for (const scenario of scenarios) {
        extras[scenario.name] = {};
        results.push(...(await measureScenario(scenario, opts, extras[scenario.name])));
    }
    applyBounds(results, scenarios, floor, opts);

    printTable(results, extras);
    // The emulator's own throughput, so it is visibly not the bottleneck of the rows above.
    const emulatorThroughput = opts.only && !opts.only.includes("emulator") ? undefined : await measureEmulatorThroughput({});
    if (emulatorThroughput) console.log(formatThroughputTable(emulatorThroughput));
    const dir = path.join(REPO_ROOT, "bench/results");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify({ options: opts, results, extras, emulatorThroughput }, null, 2));
    console.log(`written ${path.relative(REPO_ROOT, file)}`);
}

if (require.main === module) {
    main().catch((err) => {
        console.error(err);
        process.exit(1);
    });
}
