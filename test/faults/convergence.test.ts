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
});
