/**
 * One test per subscription/order operation (reference group A) through the client against the
 * emulator: each call reaches its API with the documented shape and has the documented effect.
 */
import * as assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { BssClient, BssError, NotFoundError, ResourceLockedError } from "../../provider/bss";
import { collect, EmulatorFixture, startFixture } from "./support/emulator";

let serial = 0;
/** A fresh monthly ECS (with a system disk) expiring in 20 days, so tests do not share state. */
function addServer(emulator: RunningEmulator, overrides: Record<string, unknown> = {}): { id: string; disk: string; expireTime: string } {
    serial++;
    const id = `srv-test-${String(serial).padStart(4, "0")}-${Date.now().toString(36)}`;
    const disk = `${id}-disk`;
    const expire = new Date(emulator.now().getTime() + 20 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:\d\d:\d\dZ$/, ":00:00Z");
    const resource = emulator.addResource({
        resourceId: id,
        name: `test-${serial}`,
        kind: "ecs",
        periodType: "month",
        periodNum: 1,
        expireTime: expire,
        attached: [{ resourceId: disk, name: `test-${serial}-disk`, kind: "evs", specSize: 40 }],
        ...overrides,
    });
    return { id, disk, expireTime: resource.expireTime };
}

function addMonth(iso: string): string {
    const d = new Date(iso);
    d.setUTCMonth(d.getUTCMonth() + 1);
    return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

describe("subscription and order operations against the emulator", () => {
    let fx: EmulatorFixture;
    let client: BssClient;
    before(async () => {
        fx = await startFixture();
        client = fx.client({ requestsPerSecond: 0 });
    });
    after(() => fx.close());

    const resource = async (id: string) => (await client.listPayPerUseCustomerResources({ resource_ids: [id], only_main_resource: 1 })).data?.[0];

    it("ListPayPerUseCustomerResources: a primary with its attached resources, or primaries only", async () => {
        const s = addServer(fx.emulator);
        const both = await client.listPayPerUseCustomerResources({ resource_ids: [s.id] });
        assert.deepEqual(both.data!.map((r) => r.resource_id).sort(), [s.id, s.disk].sort());
        assert.equal(both.total_count, 2);
        const disk = both.data!.find((r) => r.resource_id === s.disk)!;
        assert.equal(disk.is_main_resource, 0);
        assert.equal(disk.parent_resource_id, s.id);
        const primary = await client.listPayPerUseCustomerResources({ resource_ids: [s.id], only_main_resource: 1 });
        assert.deepEqual(primary.data!.map((r) => r.resource_id), [s.id]);
        assert.equal(primary.data![0].expire_time, s.expireTime);
        assert.equal(primary.data![0].status, 2);
    });

    it("ListRenewRateOnPeriod: the renewal price as a decimal string; unknown IDs reported per item", async () => {
        const s = addServer(fx.emulator);
        const quote = await client.listRenewRateOnPeriod({ resource_ids: [s.id, "no-such-resource"], period_type: 2, period_num: 1 });
        const amount = quote.renew_inquiry_results!.find((r) => r.resource_id === s.id)!.amount!;
        assert.match(amount, /^\d+\.\d{2}$/);
        assert.ok(Number(amount) > 0);
        assert.equal(quote.fail_resource_infos?.[0]?.resource_id, "no-such-resource");
        assert.equal(quote.fail_resource_infos?.[0]?.error_code, "CBC.30050009");
    });

    it("RenewalResources + ListCustomerOrders + ShowCustomerOrderDetails + ListOrderDiscounts + PayOrders: a renewal is a pending order until paid", async () => {
        const s = addServer(fx.emulator);
        const renewed = await client.renewalResources({ resource_ids: [s.id], period_type: 2, period_num: 1 });
        assert.equal(renewed.order_ids!.length, 1);
        const orderId = renewed.order_ids![0];
        assert.equal((await resource(s.id))!.expire_time, s.expireTime, "expiry moves only when paid");

        const pending = await collect(client.paginate.listCustomerOrders({ status: 6, order_type: "2" }));
        const order = pending.find((o) => o.order_id === orderId);
        assert.ok(order, "the renewal order is listed as pending payment");
        assert.equal(order.order_type, 2);

        const details = await client.showCustomerOrderDetails({ order_id: orderId });
        assert.equal(details.order_info?.status, 6);
        assert.ok(details.order_info?.pending_payment_end_time);
        assert.ok((details.total_count ?? 0) >= 1);
        assert.equal(details.order_line_items!.length, details.total_count);

        const discounts = await client.listOrderDiscounts({ order_id: orderId });
        assert.ok(Array.isArray(discounts.discounts));

        const balanceBefore = (await client.showCustomerAccountBalances()).account_balances!.find((b) => b.account_type === 1)!.amount;
        assert.equal(await client.payOrders({ order_id: orderId, use_coupon: "NO", use_discount: "NO" }), undefined);
        assert.equal((await client.showCustomerOrderDetails({ order_id: orderId })).order_info?.status, 5);
        assert.equal((await resource(s.id))!.expire_time, addMonth(s.expireTime));
        const balanceAfter = (await client.showCustomerAccountBalances()).account_balances!.find((b) => b.account_type === 1)!.amount;
        assert.ok(Math.abs(balanceBefore - balanceAfter - order.amount_after_discount!) < 0.005, "ShowCustomerAccountBalances: paid from the cash balance");
    });

    it("RenewalResources with is_auto_pay=1 pays at once", async () => {
        const s = addServer(fx.emulator);
        const renewed = await client.renewalResources({ resource_ids: [s.id], period_type: 3, period_num: 1, is_auto_pay: 1 });
        const orderId = renewed.order_ids?.[0];
        assert.ok(orderId, "renewal returned no order id");
        assert.equal((await client.showCustomerOrderDetails({ order_id: orderId })).order_info?.status, 5);
        const after = await resource(s.id);
        assert.ok(after?.expire_time, "the renewed resource has no expire_time");
        assert.equal(after.expire_time.slice(0, 4), String(Number(s.expireTime.slice(0, 4)) + 1));
    });

    it("a resource in a pending order is locked (ResourceLockedError) until CancelCustomerOrder", async () => {
        const s = addServer(fx.emulator);
        const orderId = (await client.renewalResources({ resource_ids: [s.id], period_type: 2, period_num: 1 })).order_ids![0];
        const locked = await client.renewalResources({ resource_ids: [s.id], period_type: 2, period_num: 1 }).then(
            () => assert.fail("expected ResourceLockedError"),
            (e: unknown) => e,
        );
        assert.ok(locked instanceof ResourceLockedError);
        assert.equal(locked.code, "CBC.99003100");
        assert.equal(await client.cancelCustomerOrder({ order_id: orderId }), undefined);
        assert.equal((await client.showCustomerOrderDetails({ order_id: orderId })).order_info?.status, 4);
        const again = await client.renewalResources({ resource_ids: [s.id], period_type: 2, period_num: 1 });
        assert.equal(again.order_ids!.length, 1);
    });

    it("AutoRenewalResources and CancelAutoRenewalResources switch expire_policy 3 on and off", async () => {
        const s = addServer(fx.emulator);
        assert.equal(await client.autoRenewalResources({ resource_id: s.id, auto_renew_times: 2 }), undefined);
        assert.equal((await resource(s.id))!.expire_policy, 3);
        assert.equal(await client.cancelAutoRenewalResources({ resource_id: s.id }), undefined);
        assert.notEqual((await resource(s.id))!.expire_policy, 3);
        const twice = await client.cancelAutoRenewalResources({ resource_id: s.id }).then(
            () => assert.fail("expected an error"),
            (e: unknown) => e,
        );
        assert.ok(twice instanceof BssError);
        assert.equal(twice.code, "CBC.99003605");
        await assert.rejects(client.autoRenewalResources({ resource_id: "no-such-resource" }), NotFoundError);
    });

    it("UpdatePeriodToOnDemand sets and cancels conversion to pay-per-use (expire_policy 1), per-item failures in error_details", async () => {
        const s = addServer(fx.emulator);
        const set = await client.updatePeriodToOnDemand({ operation: "SET_UP", resource_ids: [s.id] });
        assert.deepEqual(set.error_details ?? [], []);
        assert.equal((await resource(s.id))!.expire_policy, 1);
        await client.updatePeriodToOnDemand({ operation: "CANCEL", resource_ids: [s.id] });
        assert.notEqual((await resource(s.id))!.expire_policy, 1);
        const expired = addServer(fx.emulator, { status: 5 });
        const partial = await client.updatePeriodToOnDemand({ operation: "SET_UP", resource_ids: [expired.id] });
        assert.equal(partial.error_details?.[0]?.id, expired.id);
        assert.equal(partial.error_details?.[0]?.error_code, "CBC.99003610");
    });

    it("SetResourcesRenewConfig answers CBC.0000 success", async () => {
        const result = await client.setResourcesRenewConfig({ config_name: "DEDUCTION_DATE", config_value: "5" });
        assert.equal(result.error_code, "CBC.0000");
    });

    it("ListSubCustomerCoupons lists the account's coupons with count", async () => {
        const coupon = fx.emulator.addCoupon({ faceValue: 25, couponType: 1 });
        const coupons = await collect(client.paginate.listSubCustomerCoupons({ status: 2 }));
        assert.ok(coupons.some((c) => c.coupon_id === coupon.id && c.face_value === 25));
        const page = await client.listSubCustomerCoupons({ limit: 1 });
        assert.ok((page.count ?? 0) >= 1);
    });

    it("CreateEnterpriseProjectAuth answers 204 (undefined)", async () => {
        assert.equal(await client.createEnterpriseProjectAuth(), undefined);
    });

    it("CancelResourcesSubscription + ShowRefundOrderDetails: the resource is gone, the refund is negative; a second time is NotFoundError CBC.30000067", async () => {
        const s = addServer(fx.emulator);
        const result = await client.cancelResourcesSubscription({ resource_ids: [s.id], unsubscribe_type: 1, unsubscribe_reason_type: 5, unsubscribe_reason: "test" });
        assert.equal(result.order_ids!.length, 1);
        assert.equal(await resource(s.id), undefined);
        const refund = await client.showRefundOrderDetails({ order_id: result.order_ids![0] });
        assert.ok(refund.refund_infos!.length >= 1);
        assert.ok(refund.refund_infos!.some((r) => (r.amount ?? 0) < 0));
        const gone = await client.cancelResourcesSubscription({ resource_ids: [s.id], unsubscribe_type: 1 }).then(
            () => assert.fail("expected NotFoundError"),
            (e: unknown) => e,
        );
        assert.ok(gone instanceof NotFoundError);
        assert.equal(gone.code, "CBC.30000067");
    });
});
