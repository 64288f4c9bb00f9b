/**
 * Server-side refusals through the real CLI: insufficient balance, a resource locked by a pending
 * order, a pending order that expired, a resource gone from BSS, permission denied, a signature
 * rejected (wrong SK) and clock skew. Each must produce an error saying what to do, leave the state
 * consistent with BSS, and converge once the cause is fixed and `pulumi up` runs again.
 *
 * The scenarios are independent (own emulator, own stack) and run at the same time; each `it`
 * reports one of them.
 */
import * as assert from "node:assert/strict";
import { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { createBssClient } from "../../provider/bss";
import type { RunningEmulator } from "../../emulator";
import { CUSTOMER, MASTER, MEMBER_A, movements, startEnterpriseEmulator } from "../provider/enterprise/fixture";
import { eventRecorder } from "../e2e/harness";
import {
    dateFrom,
    declare,
    diagnostics,
    emulatorConfig,
    errorText,
    hoursFrom,
    mutatingCalls,
    openFaultStack,
    renewalOrdersFor,
    Resources,
    startFaultEmulator,
    virtualClockEnv,
} from "./support";

type Bag = Record<string, any>;

interface Scenario {
    emulator?: RunningEmulator;
    stack?: Stack;
}

/** Runs `run` and returns what the user reads when it fails (diagnostics and the CLI's error). */
async function refused(run: (onEvent: (e: EngineEvent) => void) => Promise<unknown>): Promise<string> {
    const { events, onEvent } = eventRecorder();
    try {
        await run(onEvent);
    } catch (error) {
        return `${diagnostics(events).join("\n")}\n${errorText(error)}`;
    }
    assert.fail("the run was expected to fail");
}

async function subscriptionsInState(stack: Stack): Promise<Map<string, Bag>> {
    const state = await stack.exportStack();
    return new Map(state.deployment.resources.filter((r: Bag) => r.type.endsWith(":Subscription")).map((r: Bag) => [r.urn.split("::").pop(), r.outputs]));
}

/** The state's outputs agree with BSS for every subscription it holds. */
async function assertStateMatches(stack: Stack, emulator: RunningEmulator): Promise<void> {
    for (const [name, out] of await subscriptionsInState(stack)) {
        const r = emulator.world.resource(out.resourceId);
        assert.ok(r && r.endedAt === undefined, `${name}: in the state but not in BSS`);
        assert.equal(out.expireTime, r.expireTime, `${name}: expiry in state vs BSS`);
        assert.equal(out.expirePolicy, r.expirePolicy, `${name}: policy in state vs BSS`);
    }
}

describe("faults: refusals by BSS are explained, leave the state consistent, and converge once fixed", function () {
    this.timeout(600_000);
    const scenarios: Scenario[] = [];
    const runs: Record<string, Promise<void>> = {};

    /** Starts a scenario now (they run concurrently); its `it` awaits it. */
    function scenario(name: string, body: (s: Scenario) => Promise<void>): void {
        const s: Scenario = {};
        scenarios.push(s);
        const started = Date.now();
        runs[name] = body(s).finally(() => console.log(`      (${name}: ${Math.round((Date.now() - started) / 1000)} s)`));
        runs[name].catch(() => undefined); // reported by its own `it`
    }

    async function newStack(s: Scenario, prefix: string, emulator?: RunningEmulator): Promise<{ emulator: RunningEmulator; stack: Stack }> {
        s.emulator = emulator ?? (await startFaultEmulator());
        s.stack = await openFaultStack(prefix, emulatorConfig(s.emulator));
        return { emulator: s.emulator, stack: s.stack };
    }

    function addServer(emulator: RunningEmulator, name: string, expirePolicy: number, days = 20): string {
        const id = `refusal-${name}-${Date.now().toString(36)}`;
        emulator.addResource({ resourceId: id, kind: "ecs", periodType: "month", periodNum: 1, expireTime: hoursFrom(emulator, days), expirePolicy, attached: [{ resourceId: `${id}-disk`, kind: "evs" }] });
        return id;
    }

    before(() => {
        scenario("insufficient balance", async (s) => {
            const { emulator, stack } = await newStack(s, "refuse-balance");
            const id = addServer(emulator, "balance", 0);
            const expiry = emulator.world.resource(id)!.expireTime;
            const program: Resources = { subs: { vm: { resourceId: id, onExpiry: "renew", renewUntil: dateFrom(emulator, 70) } } };
            await declare(stack, program);
            emulator.setBalance(emulator.defaultCredential.domainId, { cash: 0 });
            const text = await refused((onEvent) => stack.up({ onEvent }));
            assert.match(text, new RegExp(`${id}: renewing for .* failed: .*The account balance does not cover this: top up the account \\(or use coupons\\)`));
            assert.equal(renewalOrdersFor(emulator, id).length, 0, "a failed automatic payment leaves no order");
            assert.equal(emulator.world.resource(id)!.expireTime, expiry);
            await assertStateMatches(stack, emulator);

            emulator.setBalance(emulator.defaultCredential.domainId, { cash: 10_000 });
            await stack.up();
            assert.equal(renewalOrdersFor(emulator, id).length, 1);
            assert.equal(emulator.world.resource(id)!.expirePolicy, 3);
            await assertStateMatches(stack, emulator);
            await stack.preview({ expectNoChanges: true });
        });

        scenario("resource locked by a pending order", async (s) => {
            const { emulator, stack } = await newStack(s, "refuse-locked");
            const id = addServer(emulator, "locked", 3);
            // Someone renews it in the console and leaves the order unpaid: the order locks the resource.
            const c = emulator.defaultCredential;
            const console_ = createBssClient({ endpoint: emulator.url, accessKey: c.accessKey, secretKey: c.secretKey, domainId: c.domainId, now: () => emulator.now() });
            const placed = await console_.renewalResources({ resource_ids: [id], period_type: 2, period_num: 1, is_auto_pay: 0 });
            const orderId = placed.order_ids![0];
            await declare(stack, { subs: { vm: { resourceId: id, onExpiry: "payPerUse" } } });
            const text = await refused((onEvent) => stack.up({ onEvent }));
            assert.match(text, new RegExp(`${id}: switching onExpiry to "payPerUse" failed .*pay or cancel the pending order \\(ListCustomerOrders status 6\\)`));
            assert.equal(emulator.world.order(orderId)!.status, 6, "an order the program does not own is neither paid nor cancelled");
            await assertStateMatches(stack, emulator);

            await console_.cancelCustomerOrder({ order_id: orderId });
            await console_.close();
            await stack.up();
            assert.equal(emulator.world.resource(id)!.expirePolicy, 1);
            assert.equal(emulator.world.order(orderId)!.status, 4);
            await assertStateMatches(stack, emulator);
            await stack.preview({ expectNoChanges: true });
        });

        scenario("pending order expired", async (s) => {
            const { emulator, stack } = await newStack(s, "refuse-expired");
            const id = addServer(emulator, "expired", 3);
            const until = dateFrom(emulator, 70);
            await declare(stack, { subs: { vm: { resourceId: id, onExpiry: "renew", renewUntil: until, payment: { mode: "pending" } } } });
            const { events, onEvent } = eventRecorder();
            await stack.up({ onEvent });
            const [first] = renewalOrdersFor(emulator, id);
            assert.equal(first.status, 6);
            const warning = diagnostics(events).find((m) => m.includes(first.orderId)) ?? "";
            assert.match(warning, /is pending payment .* in the Billing Center; set payment.mode to "auto" to have the next run pay it/s, "the warning names the order and what to do");
            const reported = (await subscriptionsInState(stack)).get("vm")!.pendingOrders[0];
            // Nobody pays it: BSS cancels it at its deadline (7 days).
            emulator.advanceClock("P8D");
            Object.assign(stack.workspace.envVars, virtualClockEnv(emulator));
            assert.equal(emulator.world.order(first.orderId)!.status, 4);
            await stack.refresh();
            assert.deepEqual((await subscriptionsInState(stack)).get("vm")!.pendingOrders, [], "refresh drops the expired order from pendingOrders");
            // Still "pending": the next run places a new order (the old one is gone) and reports it again.
            await stack.up();
            const pending = renewalOrdersFor(emulator, id).filter((o) => o.status === 6);
            assert.equal(pending.length, 1, "one new order waits for payment");
            assert.deepEqual((await subscriptionsInState(stack)).get("vm")!.pendingOrders.map((o: Bag) => o.id), [pending[0].orderId]);
            // Automatic payment: that order is paid, none added.
            await declare(stack, { subs: { vm: { resourceId: id, onExpiry: "renew", renewUntil: until } } });
            await stack.up();
            assert.equal(renewalOrdersFor(emulator, id).length, 2);
            assert.equal(emulator.world.order(pending[0].orderId)!.status, 5);
            assert.ok(emulator.world.resource(id)!.expireTime >= `${until}T00:00:00Z`);
            await assertStateMatches(stack, emulator);
            await stack.preview({ expectNoChanges: true });
            // BSS cancels an unpaid order at its deadline: the user must be told when.
            assert.equal(reported.payBefore, first.pendingPaymentEndTime, "pendingOrders[].payBefore is the order's deadline");
            assert.ok(warning.includes(`before ${first.pendingPaymentEndTime}`), `the warning names the deadline ${first.pendingPaymentEndTime}: ${warning}`);
        });

        scenario("unknown resource", async (s) => {
            const { emulator, stack } = await newStack(s, "refuse-gone");
            const id = addServer(emulator, "gone", 3);
            const kept = addServer(emulator, "kept", 3);
            await declare(stack, { subs: { vm: { resourceId: id, onExpiry: "renew" }, other: { resourceId: kept, onExpiry: "renew" } } });
            await stack.up();
            emulator.removeResource(id); // deleted in the console
            await declare(stack, { subs: { vm: { resourceId: id, onExpiry: "payPerUse" }, other: { resourceId: kept, onExpiry: "renew" } } });
            const text = await refused((onEvent) => stack.up({ onEvent }));
            assert.match(text, new RegExp(`${id} is no longer listed by BSS .*Run \`pulumi refresh\` to remove it from the stack's state`));
            await stack.refresh();
            assert.deepEqual([...(await subscriptionsInState(stack)).keys()], ["other"], "refresh removes it");
            const again = await refused((onEvent) => stack.preview({ onEvent }));
            assert.match(again, new RegExp(`resourceId ${id}: the account has no yearly/monthly resource with this ID`));
            await declare(stack, { subs: { other: { resourceId: kept, onExpiry: "renew" } } });
            await stack.up();
            await assertStateMatches(stack, emulator);
            await stack.preview({ expectNoChanges: true });
        });

        scenario("permission denied", async (s) => {
            const emulator = await startEnterpriseEmulator("real");
            const { stack } = await newStack(s, "refuse-permission", emulator);
            const use = (c: typeof MASTER) =>
                stack.setAllConfig({
                    "huaweicloud-bss:accessKey": { value: c.accessKey },
                    "huaweicloud-bss:secretKey": { value: c.secretKey, secret: true },
                    "huaweicloud-bss:domainId": { value: c.domainId },
                });
            await use(CUSTOMER);
            await declare(stack, { fundings: { team: { subAccountId: MEMBER_A, amount: "25.00" } } });
            const text = await refused((onEvent) => stack.preview({ onEvent }));
            assert.match(text, /the configured credentials are not an enterprise master account's \(BSS answered 403 CBC\.0151/);
            assert.equal(movements(emulator).length, 0);
            await use(MASTER);
            await stack.up();
            assert.equal(movements(emulator).length, 1, "one allocation");
            await stack.preview({ expectNoChanges: true });
        });

        scenario("signature rejected", async (s) => {
            const { emulator, stack } = await newStack(s, "refuse-signature");
            const id = addServer(emulator, "signature", 0);
            const wrong = "wrong-secret-key-0123456789abcdef";
            await stack.setConfig("huaweicloud-bss:secretKey", { value: wrong, secret: true });
            await declare(stack, { subs: { vm: { resourceId: id, onExpiry: "renew" } } });
            emulator.resetCalls();
            const text = await refused((onEvent) => stack.up({ onEvent }));
            assert.match(text, /The credentials were not accepted: check the access key and secret key \(or token\)/);
            assert.ok(!text.includes(wrong), "the rejected secret key is not echoed");
            assert.deepEqual(mutatingCalls(emulator), {});
            await stack.setConfig("huaweicloud-bss:secretKey", { value: emulator.defaultCredential.secretKey, secret: true });
            await stack.up();
            assert.equal(emulator.world.resource(id)!.expirePolicy, 3);
            await assertStateMatches(stack, emulator);
        });

        scenario("clock skew", async (s) => {
            const { emulator, stack } = await newStack(s, "refuse-skew");
            const id = addServer(emulator, "skew", 0);
            await declare(stack, { subs: { vm: { resourceId: id, onExpiry: "payPerUse" } } });
            // BSS's clock (here: the emulator's) is 3 hours from this machine's.
            emulator.setClock(new Date(Date.now() + 3 * 3_600_000).toISOString());
            emulator.resetCalls();
            const text = await refused((onEvent) => stack.up({ onEvent }));
            assert.match(text, /this machine's clock is within 15 minutes of real time/);
            assert.deepEqual(mutatingCalls(emulator), {});
            // The machine's clock is corrected (here: the emulator's is brought back to the machine's).
            emulator.setClock(new Date().toISOString());
            await stack.up();
            assert.equal(emulator.world.resource(id)!.expirePolicy, 1);
            await assertStateMatches(stack, emulator);
        });
    });

    after(async () => {
        await Promise.allSettled(Object.values(runs));
        for (const s of scenarios) {
            if (s.stack) {
                await s.stack.destroy().catch(() => undefined);
                await s.stack.workspace.removeStack(s.stack.name).catch(() => undefined);
            }
            await s.emulator?.close();
        }
    });

    for (const name of ["insufficient balance", "resource locked by a pending order", "pending order expired", "unknown resource", "permission denied", "signature rejected", "clock skew"]) {
        it(name, () => runs[name]);
    }
});
