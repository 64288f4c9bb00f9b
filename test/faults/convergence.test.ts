/**
 * "Run it again" converges: the Subscription provider driven the way the engine drives it across
 * runs (check, diff, create/update; a create or update that fails midway keeps the outputs it
 * returned with the error, as the engine does), against the emulator in this process, with one
 * precisely placed fault. These reproduce, without the CLI, the failures the chaos test found.
 */
import * as assert from "node:assert/strict";
import * as subscription from "../../provider/subscription";
import { Fixture, startFixture } from "../provider/emulator-fixture";

type Bag = Record<string, any>;
interface Managed {
    id: string;
    inputs: Bag;
    outputs: Bag;
}

/**
 * One `pulumi up` of one resource. A failure that carries the resource's id and outputs
 * (ErrorResourceInitFailed) leaves them in the state, as the engine does; the error is returned.
 */
async function up(state: Managed | undefined, program: Bag): Promise<{ state: Managed | undefined; error?: Error }> {
    const checked = await subscription.check(state?.inputs ?? {}, program);
    if (checked.failures?.length) throw new Error(`check: ${checked.failures.map((f) => f.reason).join(" | ")}`);
    const inputs = checked.inputs as Bag;
    try {
        if (!state) {
            const created = await subscription.create(inputs);
            return { state: { id: created.id, inputs, outputs: created.outs as Bag } };
        }
        const d = await subscription.diff(state.id, state.outputs, inputs);
        if (!d.changes) return { state: { ...state, inputs } };
        const updated = await subscription.update(state.id, state.outputs, inputs);
        return { state: { id: state.id, inputs, outputs: updated.outs as Bag } };
    } catch (error) {
        const partial = error as { id?: string; properties?: Bag };
        if (partial.id && partial.properties) return { state: { id: partial.id, inputs, outputs: partial.properties }, error: error as Error };
        return { state, error: error as Error };
    }
}

/** Runs `up` until it reports no error (at most `runs` times), each run in a new provider process. */
async function upUntilDone(f: Fixture, state: Managed | undefined, program: Bag, runs = 3): Promise<{ state: Managed; errors: string[] }> {
    const errors: string[] = [];
    for (let run = 0; run < runs; run++) {
        f.newProcess();
        const result = await up(state, program);
        state = result.state;
        if (!result.error) return { state: state!, errors };
        errors.push(result.error.message);
    }
    assert.fail(`no convergence after ${runs} runs: ${errors.join(" | ")}`);
}

describe("faults: a run that failed midway converges when run again", function () {
    this.timeout(60_000);
    let f: Fixture;
    let n = 0;
    const ecs = (days: number, expirePolicy: number) => {
        const id = `conv-${++n}-${Date.now().toString(36)}`;
        f.emulator.addResource({ resourceId: id, kind: "ecs", periodType: "month", periodNum: 1, expireTime: f.inDays(days), expirePolicy });
        return id;
    };
    const policy = (id: string) => f.emulator.world.resource(id)!.expirePolicy;

    beforeEach(async () => {
        f = await startFixture();
    });
    afterEach(async () => {
        await f.close();
    });

    for (const [from, to, operation] of [
        [3, "release", "CancelAutoRenewalResources"],
        [0, "renew", "AutoRenewalResources"],
        [0, "payPerUse", "UpdatePeriodToOnDemand"],
    ] as const) {
        it(`an onExpiry switch to "${to}" whose ${operation} failed (5xx: outcome unknown, nothing applied) is made by the next run`, async () => {
            const id = ecs(30, from);
            const program = { resourceId: id, onExpiry: to };
            f.emulator.setFaults([{ operation, kind: "error500", count: 1 }]);
            const first = await up(undefined, program);
            assert.ok(first.error, "the first run reports the failure");
            assert.equal(policy(id), from, "nothing was applied");
            assert.notEqual(first.state?.outputs.onExpiry, to, "the state must not claim the switch that did not happen");
            const { state } = await upUntilDone(f, first.state, program);
            assert.equal(policy(id), { release: 0, renew: 3, payPerUse: 1 }[to]);
            assert.equal(state.outputs.expirePolicy, policy(id));
        });
    }

    it("autoRenewTimes whose auto-renew call failed is sent again by the next run", async () => {
        const id = ecs(30, 3);
        const program = { resourceId: id, onExpiry: "renew", autoRenewTimes: 4 };
        f.emulator.setFaults([{ operation: "AutoRenewalResources", kind: "error500", count: 1 }]);
        const first = await up(undefined, program);
        // The policy already is auto-renew, so the read-back cannot tell whether the count was set.
        await upUntilDone(f, first.state, program);
        assert.equal(f.emulator.world.resource(id)!.autoRenewTimes, 4);
    });

    it("payment switched from pending to automatic pays the waiting order first, so the onExpiry switch it locked goes through", async () => {
        const id = ecs(20, 3);
        const renewUntil = f.inDays(70).slice(0, 10);
        const pending = await upUntilDone(f, undefined, { resourceId: id, onExpiry: "renew", renewUntil, payment: { mode: "pending" } });
        assert.equal(pending.state.outputs.pendingOrders.length, 1);
        const orderId = pending.state.outputs.pendingOrders[0].id;
        f.resetCalls();
        const { state, errors } = await upUntilDone(f, pending.state, { resourceId: id, onExpiry: "payPerUse", renewUntil });
        assert.deepEqual(errors, [], "one run is enough");
        assert.equal(f.emulator.world.order(orderId)!.status, 5, "the waiting order is paid");
        assert.equal(f.calls("RenewalResources"), 0, "no second order");
        assert.equal(policy(id), 1);
        assert.ok(f.emulator.world.resource(id)!.expireTime >= `${renewUntil}T00:00:00Z`);
        assert.deepEqual(state.outputs.pendingOrders, []);
    });

    it("an order left pending that BSS cancelled at its deadline: after a refresh, the next run places a new one and names its deadline", async () => {
        const id = ecs(20, 3);
        const program = { resourceId: id, onExpiry: "renew", renewUntil: f.inDays(70).slice(0, 10), payment: { mode: "pending" } };
        const { state } = await upUntilDone(f, undefined, program);
        const first = f.emulator.world.order(state.outputs.pendingOrders[0].id)!;
        assert.equal(state.outputs.pendingOrders[0].payBefore, first.pendingPaymentEndTime, "payBefore is the order's deadline");
        f.emulator.advanceClock("P8D");
        assert.equal(f.emulator.world.order(first.orderId)!.status, 4, "BSS cancelled it at the deadline");
        f.newProcess();
        const refreshed = await subscription.read(state.id, state.outputs);
        const afterRefresh: Managed = { id: state.id, inputs: (refreshed.inputs as Bag | undefined) ?? state.inputs, outputs: refreshed.props as Bag };
        assert.deepEqual(afterRefresh.outputs.pendingOrders, []);
        const { state: next } = await upUntilDone(f, afterRefresh, program);
        const waiting = next.outputs.pendingOrders;
        assert.equal(waiting.length, 1, "a new order waits for payment");
        assert.notEqual(waiting[0].id, first.orderId);
        assert.equal(f.emulator.world.order(waiting[0].id)!.status, 6);
        assert.equal(waiting[0].payBefore, f.emulator.world.order(waiting[0].id)!.pendingPaymentEndTime);
        f.newProcess();
        assert.equal((await subscription.diff(next.id, next.outputs, (await subscription.check(next.inputs, program)).inputs as Bag)).changes, false, "and then nothing more");
    });
});

describe("faults: renewUntil in the past", function () {
    this.timeout(60_000);
    let f: Fixture;
    beforeEach(async () => {
        f = await startFixture();
    });
    afterEach(async () => {
        await f.close();
    });

    it("is refused when the program sets it (new resource or changed value), by BSS's clock, before any request", async () => {
        f.emulator.addResource({ resourceId: "past-1", kind: "ecs", periodType: "month", periodNum: 1, expireTime: f.inDays(20) });
        const yesterday = f.inDays(-1).slice(0, 10);
        f.resetCalls();
        const created = await subscription.check({}, { resourceId: "past-1", renewUntil: yesterday });
        assert.equal(created.failures?.[0]?.property, "renewUntil");
        assert.match(created.failures![0].reason, new RegExp(`renewUntil ${yesterday} is in the past \\(it is now ${f.emulator.nowIso()}\\)`));
        const changed = await subscription.check({ resourceId: "past-1", renewUntil: f.inDays(40).slice(0, 10) }, { resourceId: "past-1", renewUntil: yesterday });
        assert.equal(changed.failures?.[0]?.property, "renewUntil");
        assert.equal(f.calls(), 0, "known without asking BSS");
        // Tomorrow is fine, by the emulator's clock (not the machine's, months later).
        const tomorrow = await subscription.check({}, { resourceId: "past-1", renewUntil: f.inDays(1).slice(0, 10) });
        assert.deepEqual(tomorrow.failures ?? [], []);
    });

    it("is left alone once it has passed since it was written: the stack keeps working", async () => {
        f.emulator.addResource({ resourceId: "past-2", kind: "ecs", periodType: "month", periodNum: 1, expireTime: f.inDays(20) });
        const written = f.inDays(10).slice(0, 10);
        const first = await subscription.check({}, { resourceId: "past-2", renewUntil: written });
        assert.deepEqual(first.failures ?? [], []);
        f.emulator.advanceClock("P15D");
        const later = await subscription.check(first.inputs as Bag, { resourceId: "past-2", renewUntil: written });
        assert.deepEqual(later.failures ?? [], []);
        assert.equal((later.inputs as Bag).plannedRenewal, null, "nothing to buy");
    });
});
