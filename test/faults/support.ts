/**
 * Shared pieces of the fault-tolerance and security tests: an emulator set up for them, the one
 * program they all run (test/faults/programs/stack, configured through stack config), the real
 * Pulumi CLI run either through the Automation API or as a child process (so it can be killed),
 * and readers of the emulator's order log.
 */
import { ChildProcess, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { EmulatorOptions, RunningEmulator, startEmulator } from "../../emulator";
import type { FaultSpec, Order } from "../../emulator";
import { formatUtc } from "../../emulator/time";
import { REPO_ROOT, StackConfig, eventRecorder, offlineEnv, openStack, uniqueStackName } from "../e2e/harness";

export const PROGRAM_DIR = path.join(REPO_ROOT, "test/faults/programs/stack");
export const PROJECT = "bss-faults";
/** The policy pack as the repository holds it. */
export const POLICY_PACK_DIR = path.join(REPO_ROOT, "policy");
/** Keeps the Node processes of a run on the emulator's virtual clock (BSS refuses signatures 15 min off). */
export const VIRTUAL_CLOCK_PRELOAD = path.join(REPO_ROOT, "examples/shared/virtual-clock.js");

/** BSS operations that move money or change a resource. */
export const MUTATING_OPERATIONS = [
    "RenewalResources",
    "PayOrders",
    "CancelCustomerOrder",
    "CancelResourcesSubscription",
    "AutoRenewalResources",
    "CancelAutoRenewalResources",
    "UpdatePeriodToOnDemand",
    "SetResourcesRenewConfig",
    "UpdateSubEnterpriseAmount",
    "ReclaimSubEnterpriseAmount",
    "SendSubCustomerCoupons",
    "ReclaimSubCustomerCoupons",
    "CreateEnterpriseProjectAuth",
];

export const DAY_MS = 86_400_000;

/** The chaos tests' faults: about 10% of requests of every operation fail or stall, seeded so runs repeat. */
export const CHAOS_FAULTS: FaultSpec = {
    seed: 20261122,
    rules: [
        { operation: "*", kind: "latency", probability: 0.02, latencyMs: 1500 },
        { operation: "*", kind: "error500", probability: 0.025 },
        { operation: "*", kind: "throttle", probability: 0.025 },
        { operation: "*", kind: "commitThenDrop", probability: 0.025 },
    ],
};

/** An emulator for these tests: no demo resources, a rate limit well above the client's pace, a rich account. */
export async function startFaultEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const emulator = await startEmulator({ port: 0, demo: false, rateLimit: 1000, ...options });
    emulator.setBalance(emulator.defaultCredential.domainId, { cash: 50_000_000 });
    return emulator;
}

/** The emulator's time `days` from now, on the hour, in BSS wire format. */
export function hoursFrom(emulator: RunningEmulator, days: number): string {
    return formatUtc(Math.floor((emulator.now().getTime() + days * DAY_MS) / 3_600_000) * 3_600_000);
}

/** The emulator's date `days` from now (YYYY-MM-DD, the renewUntil form). */
export function dateFrom(emulator: RunningEmulator, days: number): string {
    return hoursFrom(emulator, days).slice(0, 10);
}

/** Stack config that points the program at the emulator with its default (permanent) credential. */
export function emulatorConfig(emulator: RunningEmulator): StackConfig {
    const c = emulator.defaultCredential;
    return {
        "huaweicloud-bss:endpoint": { value: emulator.url },
        "huaweicloud-bss:accessKey": { value: c.accessKey },
        "huaweicloud-bss:secretKey": { value: c.secretKey, secret: true },
        "huaweicloud-bss:domainId": { value: c.domainId },
    };
}

/** Environment variables that make the Node processes of a run follow the emulator's virtual clock. */
export function virtualClockEnv(emulator: RunningEmulator): Record<string, string> {
    return {
        BSS_EMULATOR_CLOCK_OFFSET_MS: String(emulator.now().getTime() - Date.now()),
        NODE_OPTIONS: `--require ${VIRTUAL_CLOCK_PRELOAD}`,
    };
}

export interface Resources {
    readonly subs?: Record<string, Record<string, unknown>>;
    readonly fundings?: Record<string, Record<string, unknown>>;
    readonly coupons?: Record<string, Record<string, unknown>>;
    readonly renewConfig?: Record<string, unknown>;
}

/** The program's config keys for a set of resources (every key present, so earlier ones are replaced). */
export function resourcesConfig(resources: Resources): StackConfig {
    return {
        [`${PROJECT}:subs`]: { value: JSON.stringify(resources.subs ?? {}) },
        [`${PROJECT}:fundings`]: { value: JSON.stringify(resources.fundings ?? {}) },
        [`${PROJECT}:coupons`]: { value: JSON.stringify(resources.coupons ?? {}) },
        ...(resources.renewConfig ? { [`${PROJECT}:renewConfig`]: { value: JSON.stringify(resources.renewConfig) } } : {}),
    };
}

/** Creates a stack of the faults program. */
export function openFaultStack(prefix: string, config: StackConfig, extraEnv: Record<string, string> = {}): Promise<Stack> {
    return openStack(PROGRAM_DIR, uniqueStackName(prefix), config, extraEnv);
}

export async function declare(stack: Stack, resources: Resources): Promise<void> {
    if (!resources.renewConfig) await stack.removeConfig(`${PROJECT}:renewConfig`).catch(() => undefined);
    await stack.setAllConfig(resourcesConfig(resources));
}

export function diagnostics(events: readonly EngineEvent[]): string[] {
    return events.filter((e) => e.diagnosticEvent && (e.diagnosticEvent.severity as string) !== "debug").map((e) => e.diagnosticEvent!.message);
}

/** Mutating requests the emulator received (each attempt, whatever the answer). */
export function mutatingCalls(emulator: RunningEmulator): Record<string, number> {
    const counts = emulator.calls().byOperation;
    return Object.fromEntries(MUTATING_OPERATIONS.filter((op) => counts[op]).map((op) => [op, counts[op]]));
}

/** The text of an error from the Automation API (its message holds the CLI's output). */
export function errorText(error: unknown): string {
    return error instanceof Error ? `${error.message}\n${(error as { stderr?: string }).stderr ?? ""}\n${(error as { stdout?: string }).stdout ?? ""}` : String(error);
}

// ---------------------------------------------------------------------------------------------
// A step run again until it succeeds, as a user would

/** How many runs a step of the chaos tests may take. */
export const MAX_RUNS = 5;

export interface Step {
    readonly runs: number;
    /** What the user read after each failed run. */
    readonly errors: string[];
    readonly ms: number;
}

/**
 * Runs `step` until it succeeds, at most MAX_RUNS times; a failure that asks for a refresh gets one.
 * The error diagnostics of every failed run are kept (what the user would read).
 */
export async function untilDone(label: string, step: (onEvent: (e: EngineEvent) => void) => Promise<unknown>, refresh: () => Promise<unknown>): Promise<Step> {
    const started = Date.now();
    const errors: string[] = [];
    for (let run = 1; run <= MAX_RUNS; run++) {
        const { events, onEvent } = eventRecorder();
        try {
            await step(onEvent);
            return { runs: run, errors, ms: Date.now() - started };
        } catch (error) {
            const shown = events
                .filter((e) => e.diagnosticEvent?.severity === "error" && e.diagnosticEvent.urn)
                .map((e) => `${e.diagnosticEvent!.urn!.split("::").pop()}: ${e.diagnosticEvent!.message.trim()}`);
            errors.push(shown.length ? shown.join("\n") : errorText(error).slice(-3000));
            if (/pulumi refresh/.test(errors[errors.length - 1])) await refresh().catch(() => undefined);
        }
    }
    throw new Error(`${label} still failed after ${MAX_RUNS} runs:\n${errors.map((e, i) => `run ${i + 1}:\n${e}`).join("\n-----\n")}`);
}

/** Prints the runs and seconds each step took, and with BSS_FAULTS_VERBOSE the failures a re-run fixed. */
export function reportSteps(title: string, steps: Record<string, Step>): void {
    console.log(`      ${title}: ${JSON.stringify(Object.fromEntries(Object.entries(steps).map(([k, s]) => [k, { runs: s.runs, seconds: Math.round(s.ms / 1000) }])))}`);
    if (process.env.BSS_FAULTS_VERBOSE) for (const [k, s] of Object.entries(steps)) s.errors.forEach((e, i) => console.log(`--- ${k} run ${i + 1}:\n${e}`));
}

// ---------------------------------------------------------------------------------------------
// Orders, as the emulator recorded them

export function ordersOf(emulator: RunningEmulator): readonly Order[] {
    return emulator.world.ordersOf(emulator.defaultCredential.domainId);
}

/** Renewal orders (type 2) that a customer placed (not the clock's auto-renewals) holding `resourceId`. */
export function renewalOrdersFor(emulator: RunningEmulator, resourceId: string, orders = ordersOf(emulator)): Order[] {
    return orders.filter((o) => o.orderType === 2 && o.sourceType !== 8 && o.lines.some((l) => l.resourceId === resourceId));
}

/** Unsubscription orders (type 4) for `resourceId`, with their unsubscription type (1 resource, 2 renewals). */
export function unsubscriptionsFor(emulator: RunningEmulator, resourceId: string, orders = ordersOf(emulator)): { order: Order; type: number }[] {
    return orders
        .filter((o) => o.orderType === 4 && o.action.kind === "unsubscribe" && o.action.resourceIds.includes(resourceId))
        .map((order) => ({ order, type: order.action.kind === "unsubscribe" ? order.action.unsubscribeType : 0 }));
}

/** How many times each order was paid, by the order log. */
export function paymentsByOrder(emulator: RunningEmulator): Map<string, number> {
    const paid = new Map<string, number>();
    for (const event of emulator.orderLog()) if (event.event === "paid") paid.set(event.orderId, (paid.get(event.orderId) ?? 0) + 1);
    return paid;
}

// ---------------------------------------------------------------------------------------------
// The CLI as a child process

export interface CliResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** The offline environment plus `extra`, for a CLI child process. */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, ...offlineEnv() };
    for (const [key, value] of Object.entries(extra)) {
        if (value === undefined) delete env[key];
        else env[key] = value;
    }
    return env;
}

/** Runs `pulumi <args>` in the program directory and collects its output (never throws on a failing exit). */
export function runPulumi(args: readonly string[], env: NodeJS.ProcessEnv, cwd = PROGRAM_DIR): Promise<CliResult> {
    return new Promise((resolve) => {
        execFile("pulumi", [...args], { cwd, env, maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
            const code = error ? (typeof (error as { code?: unknown }).code === "number" ? ((error as { code: number }).code) : 1) : 0;
            resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        });
    });
}

/** Starts `pulumi <args>` in its own process group, so the whole tree (CLI, language host, program, provider) can be killed. */
export function spawnPulumi(args: readonly string[], env: NodeJS.ProcessEnv, cwd = PROGRAM_DIR): ChildProcess {
    return spawn("pulumi", [...args], { cwd, env, detached: true, stdio: "ignore" });
}

/** SIGKILLs the process group of `child` (the CLI and everything it started) and waits for the CLI to exit. */
export async function killTree(child: ChildProcess): Promise<void> {
    const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once("exit", () => resolve());
    });
    // Pulumi starts its plugins (language host, dynamic provider) in process groups of their own,
    // so the CLI's group is not enough: every descendant is found through /proc first.
    const victims = [...descendantsOf(child.pid!)];
    for (const pid of [-child.pid!, ...victims]) {
        try {
            process.kill(pid, "SIGKILL");
        } catch {
            // already gone
        }
    }
    await exited;
}

/**
 * A SIGKILL that lands while the file backend writes the checkpoint can leave `<stack>.json` cut
 * short, or its sidecar `<stack>.json.attrs` (content type and MD5) empty: every later command then
 * fails with "failed to load checkpoint: EOF". The backend keeps the previous checkpoint as
 * `<stack>.json.bak` (+ `.bak.attrs`); the recipe puts back what is broken before `pulumi cancel`,
 * `refresh` and `up`. Returns what was restored, if anything.
 */
export function restoreTruncatedCheckpoint(stackName: string): "checkpoint" | "attributes" | undefined {
    const backend = (offlineEnv().PULUMI_BACKEND_URL ?? "").replace(/^file:\/\//, "");
    const stacksDir = path.join(backend, ".pulumi", "stacks");
    if (!fs.existsSync(stacksDir)) return undefined;
    const parses = (file: string) => {
        try {
            JSON.parse(fs.readFileSync(file, "utf8"));
            return true;
        } catch {
            return false;
        }
    };
    for (const project of fs.readdirSync(stacksDir)) {
        const file = path.join(stacksDir, project, `${stackName}.json`);
        if (!fs.existsSync(file)) continue;
        if (!parses(file)) {
            if (!fs.existsSync(`${file}.bak`)) return undefined;
            fs.copyFileSync(`${file}.bak`, file);
            if (fs.existsSync(`${file}.bak.attrs`)) fs.copyFileSync(`${file}.bak.attrs`, `${file}.attrs`);
            return "checkpoint";
        }
        if (fs.existsSync(`${file}.attrs`) && !parses(`${file}.attrs`) && fs.existsSync(`${file}.bak.attrs`)) {
            // The checkpoint is whole: keep it, with the previous attributes and its own MD5.
            const attributes = JSON.parse(fs.readFileSync(`${file}.bak.attrs`, "utf8")) as Record<string, unknown>;
            attributes.md5 = createHash("md5").update(fs.readFileSync(file)).digest("base64");
            fs.writeFileSync(`${file}.attrs`, JSON.stringify(attributes));
            return "attributes";
        }
        return undefined;
    }
    return undefined;
}

/** The pids of every live descendant of `root` (children, grandchildren, ...), read from /proc. */
function descendantsOf(root: number): Set<number> {
    const parentOf = new Map<number, number>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            // Fields after the parenthesised command name: state, ppid, ...
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            parentOf.set(Number(entry), ppid);
        } catch {
            // the process ended meanwhile
        }
    }
    const found = new Set<number>();
    let grew = true;
    while (grew) {
        grew = false;
        for (const [pid, ppid] of parentOf) {
            if (!found.has(pid) && (ppid === root || found.has(ppid))) {
                found.add(pid);
                grew = true;
            }
        }
    }
    return found;
}

/** Resolves when `condition` holds (polled every 5 ms), or rejects after `timeoutMs`. */
export function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const timer = setInterval(() => {
            if (condition()) {
                clearInterval(timer);
                resolve();
            } else if (Date.now() - started > timeoutMs) {
                clearInterval(timer);
                reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
            }
        }, 5);
    });
}

export function temporaryDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** After a test block that may have left the stack locked or half-destroyed: unlock, empty and remove it, stop the emulator. */
export async function tearDownFaultStack(stack: Stack | undefined, emulator: RunningEmulator | undefined, parallel?: number): Promise<void> {
    emulator?.clearFaults();
    if (stack) {
        await stack.cancel().catch(() => undefined);
        await stack.destroy(parallel ? { parallel } : {}).catch(() => undefined);
        await stack.workspace.removeStack(stack.name).catch(() => undefined);
    }
    await emulator?.close();
}
