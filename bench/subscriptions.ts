import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, RunningEmulator } from "../emulator";
import { REPO_ROOT } from "../test/e2e/harness";
import type { BenchOptions, Scenario, Step } from "./run";

const PROGRAM = path.join(REPO_ROOT, "bench/programs/subscriptions");
const DAY_MS = 86_400_000;

/** A fresh emulator per run with `count` main resources expiring on the same day (so renewals can share orders). */
async function prepareAccount(stack: Stack, opts: BenchOptions, onExpiry: string, batching: boolean): Promise<{ emulator: RunningEmulator; cleanup: () => Promise<void> }> {
    const emulator = await startEmulator({ port: 0, rateLimit: opts.rateLimit, latencyMs: opts.latencyMs, generate: opts.count * 4, demo: false, seed: 7 });
    const accountId = emulator.defaultCredential.domainId;
    const now = emulator.now().getTime();
    const expireTime = new Date(now + 20 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
    const mains = emulator.world
        .subscribedResources(accountId)
        .filter((r) => r.isMainResource && r.status === 2)
        .slice(0, opts.count);
    if (mains.length < opts.count) throw new Error(`the generated account has ${mains.length} main resources, ${opts.count} wanted`);
    // Active, expiring on the same day, no expiry policy yet: every subscription needs the same work.
    for (const r of mains) emulator.updateResource(r.resourceId, { expireTime, expirePolicy: 0, status: 2 });
    emulator.setBalance(accountId, { cash: 100_000_000 });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-subs-"));
    const idsFile = path.join(dir, "ids.json");
    fs.writeFileSync(idsFile, JSON.stringify(mains.map((r) => r.resourceId)));
    await stack.setAllConfig({
        "bench-subscriptions:idsFile": { value: idsFile },
        "bench-subscriptions:onExpiry": { value: onExpiry },
        "huaweicloud-bss:endpoint": { value: emulator.url },
        "huaweicloud-bss:accessKey": { value: emulator.defaultCredential.accessKey },
        "huaweicloud-bss:secretKey": { value: emulator.defaultCredential.secretKey, secret: true },
        "huaweicloud-bss:domainId": { value: accountId },
    });
    // The renewal target: one month past the common expiry.
    (stack as unknown as { benchRenewUntil: string }).benchRenewUntil = new Date(now + 50 * DAY_MS).toISOString().slice(0, 10);
    void batching;
    return {
        emulator,
        cleanup: async () => {
            await emulator.close();
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}

const ceil = (n: number, per: number) => Math.ceil(n / per);

function scenario(name: string, onExpiry: "payPerUse" | "renew", batching: boolean, steps: Step[]): Scenario {
    let current: RunningEmulator | undefined;
    return {
        name: `${name}${batching ? "" : " [no batching]"}`,
        program: PROGRAM,
        env: batching ? {} : { HUAWEICLOUD_BSS_BATCHING: "off" },
        async prepare(stack, opts) {
            const { emulator, cleanup } = await prepareAccount(stack, opts, onExpiry, batching);
            current = emulator;
            return cleanup;
        },
        async callsDuring(action) {
            current!.resetCalls();
            const result = await action();
            const counts = current!.calls();
            const throttled = Object.values(counts.byOperationStatus).reduce((total, byStatus) => total + (byStatus["429"] ?? 0), 0);
            return { result, calls: { ...counts.byOperation }, throttled };
        },
        steps,
    };
}

const up = (s: Stack, o: BenchOptions) => s.up({ parallel: o.parallel }).then(() => undefined);

function payPerUseFlow(batching: boolean): Scenario {
    return scenario("Subscriptions, payPerUse flow", "payPerUse", batching, [
        {
            label: "create (payPerUse)",
            floor: "create",
            run: up,
            neededCalls: (o) => ({ UpdatePeriodToOnDemand: ceil(o.count, 100), ListPayPerUseCustomerResources: ceil(o.count, 500) }),
        },
        { label: "no-op preview", floor: "preview", run: async (s, o) => void (await s.preview({ parallel: o.parallel, expectNoChanges: true })), neededCalls: () => ({}) },
        { label: "refresh", floor: "refresh", run: async (s, o) => void (await s.refresh({ parallel: o.parallel })), neededCalls: (o) => ({ ListPayPerUseCustomerResources: ceil(o.count, 500) }) },
        {
            label: "switch payPerUse -> renew",
            floor: "update",
            run: async (s, o) => {
                await s.setConfig("bench-subscriptions:onExpiry", { value: "renew" });
                await up(s, o);
            },
            // One auto-renew call per resource is the API's own bound.
            neededCalls: (o) => ({ AutoRenewalResources: o.count, UpdatePeriodToOnDemand: ceil(o.count, 100) }),
        },
        {
            label: "extend renewUntil (1 month each)",
            floor: "updateToRenewed",
            run: async (s, o) => {
                await s.setConfig("bench-subscriptions:renewUntil", { value: (s as unknown as { benchRenewUntil: string }).benchRenewUntil });
                await up(s, o);
            },
            // Each plan prices its two candidate orders (1 month, 1 year): two periods, 10 resources per quote.
            neededCalls: (o) => ({ RenewalResources: ceil(o.count, 10), ListRenewRateOnPeriod: 2 * ceil(o.count, 10) }),
        },
        // After the renewal: state as large as the renewal floor's.
        { label: "destroy (retain)", floor: "destroyRenewed", run: async (s, o) => void (await s.destroy({ parallel: o.parallel })), neededCalls: () => ({}) },
    ]);
}

function renewCreate(batching: boolean): Scenario {
    return scenario("Subscriptions, created with renew", "renew", batching, [
        { label: "create (renew)", floor: "create", run: up, neededCalls: (o) => ({ AutoRenewalResources: o.count, ListPayPerUseCustomerResources: ceil(o.count, 500) }) },
        { label: "destroy (retain)", floor: "destroy", run: async (s, o) => void (await s.destroy({ parallel: o.parallel })), neededCalls: () => ({}) },
    ]);
}

export function subscriptionScenarios(): Scenario[] {
    return [payPerUseFlow(true), renewCreate(true), payPerUseFlow(false), renewCreate(false)];
}
