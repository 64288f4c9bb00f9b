/**
 * The Probe behind the benchmarks' engine floor: with shape "subscription" its state carries a
 * Subscription's fields, so the floor prices state of the same size; anything else is refused.
 */
import * as assert from "node:assert/strict";
import * as probe from "../../provider/probe";

describe("Probe (engine floor of the benchmarks)", () => {
    it("plain: outputs only the value and the update count", async () => {
        const created = await probe.create({ value: "v1" });
        assert.deepEqual(created.outs, { value: "v1", updates: 0 });
    });

    it('shape "subscription": outputs a Subscription\'s fields, kept through update and read', async () => {
        const created = await probe.create({ value: "v1", shape: "subscription" });
        const outs = created.outs as unknown as Record<string, unknown>;
        for (const field of ["expireTime", "expirePolicy", "subResources", "orders", "pendingOrders", "plannedRenewal", "resourceSpecCode"]) {
            assert.ok(field in outs, field);
        }
        assert.ok(JSON.stringify(outs).length > 600, "about as large as a Subscription's outputs");
        const updated = await probe.update(created.id, created.outs!, { value: "v2", shape: "subscription" });
        assert.equal(updated.outs!.updates, 1);
        assert.equal((updated.outs as unknown as Record<string, unknown>).expireTime, outs.expireTime);
        const read = await probe.read(created.id, updated.outs as never);
        assert.deepEqual(read.inputs, { value: "v2", shape: "subscription" });
    });

    it('shape "renewedSubscription": the checked inputs carry an executed plan and the outputs an order, as after a renewal', async () => {
        const checked = await probe.check(undefined, { value: "v2", shape: "renewedSubscription" });
        assert.equal(checked.failures, undefined);
        const plan = (checked.inputs as Record<string, unknown>).plannedRenewal as Record<string, unknown>;
        assert.deepEqual([plan.periods, plan.periodType, typeof plan.amount], [1, "month", "string"]);
        const plainCreated = await probe.create({ value: "v1", shape: "subscription" });
        const renewed = await probe.update(plainCreated.id, plainCreated.outs!, checked.inputs as { value: string; shape: string });
        const outs = renewed.outs as unknown as Record<string, unknown>;
        assert.equal((outs.orders as unknown[]).length, 1);
        assert.deepEqual([outs.onExpiry, outs.expirePolicy, outs.renewUntil], ["renew", 3, "2027-01-12"]);
        assert.ok(JSON.stringify(outs).length > JSON.stringify(plainCreated.outs).length + 100, "larger than before the renewal");
    });

    it("refuses an unknown shape, naming the field and the allowed values", async () => {
        const checked = await probe.check(undefined, { value: "v1", shape: "bucket" });
        assert.deepEqual(checked.failures, [{ property: "shape", reason: 'shape must be one of "subscription", "renewedSubscription" or not set' }]);
    });
});
