/**
 * The Subscription provider driven the way the engine drives it (check, diff, create/update,
 * read, delete), against the emulator in this process.
 */
import * as assert from "node:assert/strict";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import * as subscription from "../../provider/subscription";
import { Fixture, startFixture } from "./emulator-fixture";

type Bag = Record<string, unknown>;
interface Managed {
    id: string;
    inputs: Bag;
    outputs: Bag;
}

/** check + diff + create/update, as `pulumi up` does for one resource. Throws check failures. */
async function up(state: Managed | undefined, program: Bag): Promise<Managed> {
    const checked = await subscription.check(state?.inputs ?? {}, program);
    if (checked.failures?.length) throw new Error(`check: ${checked.failures.map((f) => f.reason).join(" | ")}`);
    const inputs = checked.inputs as Bag;
    if (!state) {
        const created = await subscription.create(inputs);
        return { id: created.id, inputs, outputs: created.outs as Bag };
    }
    const d = await subscription.diff(state.id, state.outputs, inputs);
    if (!d.changes) return { ...state, inputs };
    assert.deepEqual(d.replaces ?? [], [], "unexpected replacement");
    const updated = await subscription.update(state.id, state.outputs, inputs);
    return { id: state.id, inputs, outputs: updated.outs as Bag };
}

/** `pulumi refresh` for one resource (in a new provider process): undefined when it is gone. */
async function refresh(f: Fixture, state: Managed): Promise<Managed | undefined> {
    f.newProcess();
    const result = await subscription.read(state.id, state.outputs);
    if (!result.id) return undefined;
    // Without `inputs` in the result, the engine keeps the stored inputs.
    return { id: result.id, inputs: (result.inputs as Bag | undefined) ?? state.inputs, outputs: result.props as Bag };
}

/** A preview after `up` (in a new provider process): true when the engine would change nothing. */
async function noChanges(f: Fixture, state: Managed, program: Bag): Promise<boolean> {
    f.newProcess();
    const checked = await subscription.check(state.inputs, program);
    assert.deepEqual(checked.failures ?? [], []);
    return !(await subscription.diff(state.id, state.outputs, checked.inputs as Bag)).changes;
}

function resourcePolicy(f: Fixture, id: string): number {
    return f.emulator.world.resource(id)!.expirePolicy;
}

describe("Subscription provider against the emulator", function () {
    this.timeout(60_000);
    let f: Fixture;
    let n = 0;
    /** A fresh monthly ECS with one attached disk, expiring in `days`. */
    const ecs = (days = 20, fields: Bag = {}) => {
        const id = `ecs-${++n}-${Date.now().toString(36)}`;
        f.emulator.addResource({ resourceId: id, kind: "ecs", periodType: "month", periodNum: 1, expireTime: f.inDays(days), attached: [{ resourceId: `${id}-disk`, kind: "evs" }], ...fields });
        return id;
    };

    beforeEach(async () => {
        f = await startFixture();
    });
    afterEach(async () => {
        await f.close();
    });

    describe("check (preview)", () => {
        it("refuses a resource that does not exist, naming it, with no request that changes anything", async () => {
            const result = await subscription.check({}, { resourceId: "no-such-resource", onExpiry: "renew" });
            assert.equal(result.failures?.[0]?.property, "resourceId");
            assert.match(result.failures![0].reason, /no-such-resource.*no yearly\/monthly resource/);
            assert.deepEqual(f.mutatingCalls(), {});
        });

        it("refuses an attached resource and names its primary", async () => {
            const id = ecs();
            const result = await subscription.check({}, { resourceId: `${id}-disk` });
            assert.match(result.failures?.[0]?.reason ?? "", new RegExp(`attached resource.*${id}`));
        });

        it("refuses a pay-per-use resource", async () => {
            f.emulator.addResource({ resourceId: "ondemand-1", kind: "ecs", billingMode: "onDemand" });
            const result = await subscription.check({}, { resourceId: "ondemand-1" });
            assert.equal(result.failures?.[0]?.property, "resourceId");
        });

        it("puts the planned renewal and its BSS price in the checked inputs", async () => {
            const id = ecs(20);
            const result = await subscription.check({}, { resourceId: id, renewUntil: f.inDays(70).slice(0, 10) });
            assert.deepEqual(result.failures ?? [], []);
            const plan = (result.inputs as Bag).plannedRenewal as Bag;
            assert.equal(plan.periodType, "month");
            assert.ok(Number(plan.amount) > 0, `amount ${plan.amount}`);
            assert.equal(plan.currency, "CNY");
            assert.ok(f.calls("ListRenewRateOnPeriod") >= 1);
            assert.deepEqual(f.mutatingCalls(), {});
        });

        it("fails maxRenewalCost at preview with the planned amount and the limit", async () => {
            const id = ecs(20);
            const result = await subscription.check({}, { resourceId: id, renewUntil: f.inDays(300).slice(0, 10), maxRenewalCost: "1" });
            const failure = result.failures?.find((x) => x.property === "maxRenewalCost");
            assert.ok(failure, JSON.stringify(result.failures));
            const plan = (result.inputs as Bag).plannedRenewal as Bag;
            assert.ok(failure.reason.includes(String(plan.amount)), failure.reason);
            assert.match(failure.reason, /more than maxRenewalCost 1/);
            assert.deepEqual(f.mutatingCalls(), {});
        });

        it("a no-op preview of many subscriptions reads the account list once, not per resource", async () => {
            const states: Managed[] = [];
            for (let i = 0; i < 25; i++) states.push(await up(undefined, { resourceId: ecs(40 + i), renewUntil: f.inDays(30).slice(0, 10), onExpiry: "renew" }));
            // One preview in a new provider process: fresh caches, same client.
            f.newProcess();
            f.resetCalls();
            for (const s of states) {
                const checked = await subscription.check(s.inputs, { resourceId: s.id, renewUntil: s.inputs.renewUntil, onExpiry: "renew" });
                assert.deepEqual(checked.failures ?? [], []);
                assert.equal((await subscription.diff(s.id, s.outputs, checked.inputs as Bag)).changes, false);
            }
            assert.equal(f.calls(), 1, JSON.stringify(f.emulator.calls().byOperation));
        });

        it("unknown values at preview: no validation, a plan that is unknown, and diff reports a change", async () => {
            const id = ecs();
            const result = await subscription.check({}, { resourceId: id, renewUntil: unknownValue, onExpiry: unknownValue });
            assert.deepEqual(result.failures ?? [], []);
            assert.equal((result.inputs as Bag).plannedRenewal, unknownValue);
        });
    });

    describe("create adopts; update switches onExpiry with the fewest calls", () => {
        it("walks release -> renew -> payPerUse -> renew -> release, reading back each time", async () => {
            const id = ecs();
            let s = await up(undefined, { resourceId: id, onExpiry: "release" });
            assert.equal(s.outputs.expirePolicy, 0);
            assert.deepEqual(f.mutatingCalls(), {}, "already released: adopting makes no change");

            f.resetCalls();
            s = await up(s, { resourceId: id, onExpiry: "renew", autoRenewTimes: 3 });
            assert.equal(resourcePolicy(f, id), 3);
            assert.equal(f.emulator.world.resource(id)!.autoRenewTimes, 3);
            assert.deepEqual(f.mutatingCalls(), { AutoRenewalResources: 1 });

            f.resetCalls();
            s = await up(s, { resourceId: id, onExpiry: "payPerUse" });
            assert.equal(resourcePolicy(f, id), 1);
            assert.deepEqual(f.mutatingCalls(), { CancelAutoRenewalResources: 1, UpdatePeriodToOnDemand: 1 });
            assert.equal(s.outputs.onExpiry, "payPerUse");

            f.resetCalls();
            s = await up(s, { resourceId: id, onExpiry: "renew" });
            assert.equal(resourcePolicy(f, id), 3);
            assert.deepEqual(f.mutatingCalls(), { UpdatePeriodToOnDemand: 1, AutoRenewalResources: 1 });

            f.resetCalls();
            s = await up(s, { resourceId: id, onExpiry: "release" });
            assert.equal(resourcePolicy(f, id), 0);
            assert.deepEqual(f.mutatingCalls(), { CancelAutoRenewalResources: 1 });
            assert.equal(await noChanges(f, s, { resourceId: id, onExpiry: "release" }), true);
        });

        it("an update of onDelete or maxRenewalCost makes no BSS call at all", async () => {
            const id = ecs();
            let s = await up(undefined, { resourceId: id, onExpiry: "renew" });
            f.resetCalls();
            s = await up(s, { resourceId: id, onExpiry: "renew", onDelete: "unsubscribe", maxRenewalCost: 500 });
            assert.equal(f.calls(), 0, JSON.stringify(f.emulator.calls().byOperation));
            assert.equal(s.outputs.onDelete, "unsubscribe");
            assert.equal(s.outputs.expireTime, f.emulator.world.resource(id)!.expireTime);
        });

        it("reports BSS's view in the outputs: expiry, status, codes, attached resources", async () => {
            const id = ecs(10);
            const s = await up(undefined, { resourceId: id });
            const r = f.emulator.world.resource(id)!;
            assert.equal(s.outputs.expireTime, r.expireTime);
            assert.equal(s.outputs.status, "active");
            assert.equal(s.outputs.serviceTypeCode, "hws.service.type.ec2");
            assert.equal(s.outputs.resourceTypeCode, "hws.resource.type.vm");
            assert.equal(s.outputs.region, r.regionCode);
            assert.deepEqual((s.outputs.subResources as Bag[]).map((x) => x.resourceId), [`${id}-disk`]);
            assert.equal(s.outputs.plannedRenewal, null);
        });
    });

    describe("renewUntil", () => {
        it("renews once to reach the date, records the order, then converges with no further order", async () => {
            const id = ecs(10);
            const until = f.inDays(70).slice(0, 10);
            let s = await up(undefined, { resourceId: id, renewUntil: until });
            const planned = s.inputs.plannedRenewal as Bag;
            assert.ok(planned, "a renewal was planned");
            const expire = f.emulator.world.resource(id)!.expireTime;
            assert.ok(expire >= `${until}T00:00:00Z`, `expire ${expire} < ${until}`);
            assert.equal(expire, planned.until);
            const orders = s.outputs.orders as Bag[];
            assert.equal(orders.length, 1);
            assert.equal(orders[0].status, "completed");
            const order = f.emulator.world.order(String(orders[0].id))!;
            assert.equal(order.amountAfterDiscount.toFixed(2), Number(planned.amount).toFixed(2), "the quote is what was charged");
            assert.equal(s.outputs.plannedRenewal, null);
            assert.equal(await noChanges(f, s, { resourceId: id, renewUntil: until }), true);

            f.resetCalls();
            s = await up(s, { resourceId: id, renewUntil: until });
            assert.equal(f.calls("RenewalResources"), 0);
        });

        it("extending renewUntil renews the difference only", async () => {
            const id = ecs(10);
            let s = await up(undefined, { resourceId: id, renewUntil: f.inDays(40).slice(0, 10) });
            const first = f.emulator.world.resource(id)!.expireTime;
            f.resetCalls();
            s = await up(s, { resourceId: id, renewUntil: f.inDays(100).slice(0, 10) });
            assert.equal(f.calls("RenewalResources"), 1);
            assert.ok(f.emulator.world.resource(id)!.expireTime > first);
            assert.equal((s.outputs.orders as Bag[]).length, 2);
        });

        it('payment.mode "pending" leaves the order unpaid, says so, and never orders twice', async () => {
            const id = ecs(10);
            const program = { resourceId: id, renewUntil: f.inDays(70).slice(0, 10), payment: { mode: "pending" } };
            const before = f.emulator.world.resource(id)!.expireTime;
            let s = await up(undefined, program);
            assert.equal(f.emulator.world.resource(id)!.expireTime, before, "unpaid: the expiry does not move");
            const pending = s.outputs.pendingOrders as Bag[];
            assert.equal(pending.length, 1);
            assert.equal(f.emulator.world.order(String(pending[0].id))!.status, 6);
            assert.ok(f.logs.some((l) => l.severity === "warning" && /pending payment/.test(l.message) && l.message.includes(String(pending[0].id))));
            assert.equal(await noChanges(f, s, program), true, "a pending renewal shows no perpetual diff");
            const refreshed = await refresh(f, s);
            assert.deepEqual(refreshed?.outputs, s.outputs, "refresh while the order is pending changes nothing");
            assert.equal(await noChanges(f, refreshed!, program), true);

            // The payment is switched to auto: the pending order is paid, not a new one placed.
            f.resetCalls();
            s = await up(s, { ...program, payment: { mode: "auto" } });
            assert.equal(f.calls("RenewalResources"), 0);
            assert.equal(f.calls("PayOrders"), 1);
            assert.ok(f.emulator.world.resource(id)!.expireTime > before);
            assert.deepEqual(s.outputs.pendingOrders, []);
        });

        it("pays with the given coupon through PayOrders", async () => {
            const id = ecs(10);
            const coupon = f.emulator.addCoupon({ couponType: 1, faceValue: 50 });
            const s = await up(undefined, { resourceId: id, renewUntil: f.inDays(40).slice(0, 10), payment: { couponIds: [coupon.id] } });
            assert.equal(f.calls("PayOrders"), 1);
            const orderId = String((s.outputs.orders as Bag[])[0].id);
            const order = f.emulator.world.order(orderId)!;
            assert.equal(order.status, 5);
            assert.ok(order.amountInfo.couponAmount > 0, "the coupon paid part of the order");
        });

        it("a renewal committed but whose response was lost converges without a second order", async () => {
            const id = ecs(10);
            f.emulator.setFaults([{ operation: "RenewalResources", kind: "commitThenDrop", count: 1 }]);
            const program = { resourceId: id, renewUntil: f.inDays(70).slice(0, 10) };
            const s = await up(undefined, program);
            const renewals = f.emulator.world.ordersOf(f.emulator.defaultCredential.domainId).filter((o) => o.orderType === 2);
            assert.equal(renewals.length, 1, "exactly one renewal order");
            assert.equal(renewals[0].status, 5);
            assert.ok(f.emulator.world.resource(id)!.expireTime >= `${program.renewUntil}T00:00:00Z`);
            assert.equal((s.outputs.orders as Bag[])[0].id, renewals[0].orderId);
            // Running again (e.g. after a killed `pulumi up`) finds nothing to buy.
            f.resetCalls();
            await up(undefined, program);
            assert.equal(f.calls("RenewalResources"), 0);
        });

        it("coalesces the renewals of concurrent updates into calls of up to 10 resources", async () => {
            const ids = Array.from({ length: 12 }, () => ecs(10));
            const until = f.inDays(40).slice(0, 10);
            const checked = [];
            for (const id of ids) checked.push((await subscription.check({}, { resourceId: id, renewUntil: until })).inputs as Bag);
            f.resetCalls();
            await Promise.all(checked.map((inputs) => subscription.create(inputs)));
            assert.equal(f.calls("RenewalResources"), 2);
            assert.ok(f.calls("ListPayPerUseCustomerResources") <= 6, JSON.stringify(f.emulator.calls().byOperation));
            for (const id of ids) assert.ok(f.emulator.world.resource(id)!.expireTime >= `${until}T00:00:00Z`);
        });

        it("with HUAWEICLOUD_BSS_BATCHING=off every resource gets its own calls", async () => {
            process.env.HUAWEICLOUD_BSS_BATCHING = "off";
            try {
                const ids = Array.from({ length: 4 }, () => ecs(10));
                const until = f.inDays(40).slice(0, 10);
                const checked = [];
                for (const id of ids) checked.push((await subscription.check({}, { resourceId: id, renewUntil: until })).inputs as Bag);
                f.resetCalls();
                await Promise.all(checked.map((inputs) => subscription.create(inputs)));
                assert.equal(f.calls("RenewalResources"), 4);
                // Each resource is read before its renewal and once after it (never twice after).
                assert.equal(f.calls("ListPayPerUseCustomerResources"), 8, JSON.stringify(f.emulator.calls().byOperation));
            } finally {
                delete process.env.HUAWEICLOUD_BSS_BATCHING;
            }
        });
    });

    describe("refresh", () => {
        it("shows console changes as drift, and nothing after a refresh with no change", async () => {
            const id = ecs();
            const program = { resourceId: id, onExpiry: "renew" };
            let s = await up(undefined, program);
            f.newProcess();
            const raw = await subscription.read(s.id, s.outputs);
            assert.equal(raw.inputs, undefined, "no drift: the stored inputs are kept");
            assert.deepEqual(raw.props, s.outputs, "no drift: the same outputs");
            const same = await refresh(f, s);
            assert.ok(same);
            assert.equal(await noChanges(f, same, program), true, "refresh without drift leaves no diff");

            f.emulator.setExpirePolicy(id, 0);
            s = (await refresh(f, same))!;
            assert.equal(s.inputs.onExpiry, "release", "refresh rewrites the input to what BSS reports");
            assert.equal(s.outputs.expirePolicy, 0);
            assert.equal(await noChanges(f, s, program), false, "the program still wants renew: the next up changes it back");
            s = await up(s, program);
            assert.equal(resourcePolicy(f, id), 3);
        });

        it("a resource released outside the stack disappears from state", async () => {
            const id = ecs();
            const s = await up(undefined, { resourceId: id });
            f.emulator.removeResource(id);
            assert.equal(await refresh(f, s), undefined);
        });
    });

    describe("delete", () => {
        it('"retain" (the default) makes no call', async () => {
            const id = ecs();
            const s = await up(undefined, { resourceId: id });
            f.resetCalls();
            await subscription.delete(s.id, s.outputs);
            assert.equal(f.calls(), 0);
            assert.ok(f.emulator.world.resource(id));
        });

        it('"unsubscribe" unsubscribes the resource and its attached ones and reports the refund', async () => {
            const id = ecs(60);
            const s = await up(undefined, { resourceId: id, onDelete: "unsubscribe" });
            await subscription.delete(s.id, s.outputs);
            assert.equal(f.calls("CancelResourcesSubscription"), 1);
            assert.ok(f.logs.some((l) => /unsubscribed the resource and its renewals; order \S+: refund/.test(l.message)), JSON.stringify(f.logs));
            const check = await subscription.check({}, { resourceId: id });
            assert.equal(check.failures?.[0]?.property, "resourceId", "gone from BSS");
        });

        it('"unsubscribeRenewals" removes only renewed periods, and is a no-op when there are none', async () => {
            const id = ecs(10);
            const s = await up(undefined, { resourceId: id, renewUntil: f.inDays(70).slice(0, 10), onDelete: "unsubscribeRenewals" });
            const renewed = f.emulator.world.resource(id)!.expireTime;
            await subscription.delete(s.id, s.outputs);
            assert.ok(f.emulator.world.resource(id)!.expireTime < renewed, "renewed period removed");
            assert.ok(f.emulator.world.resource(id), "resource kept");
            await subscription.delete(s.id, s.outputs);
            assert.ok(f.logs.some((l) => /nothing to unsubscribe/.test(l.message)));
        });
    });
});
