/**
 * The account's yearly/monthly resources, orders, renewal quotes, refunds, discounts, balances and
 * coupons, read through the data sources and checked against the emulator's state and against the
 * money that actually moves when orders are placed.
 */
import * as assert from "node:assert/strict";
import { DEFAULT_ACCESS_KEY, DEFAULT_DOMAIN_ID, DEFAULT_SECRET_KEY } from "../../emulator";
import * as data from "../../sdk/data";
import { Decimal } from "../../sdk/data";
import { startTestEmulator, TestEmulator } from "./emulator-support";

describe("data: account, orders and prices against the emulator", function () {
    this.timeout(60_000);
    let t: TestEmulator;
    let opts: data.DataSourceOptions;

    before(async () => {
        t = await startTestEmulator({
            site: "cn",
            now: "2026-05-20T00:00:00Z",
            scenario: {
                accounts: [
                    {
                        id: DEFAULT_DOMAIN_ID,
                        name: "emulator-account",
                        cash: 100000,
                        credentials: [{ accessKey: DEFAULT_ACCESS_KEY, secretKey: DEFAULT_SECRET_KEY }],
                        discounts: [{ discountId: "biz-10", discountType: 2, ratio: 0.9, name: "business 10%" }],
                    },
                ],
                coupons: [
                    { faceValue: 50, balance: 20.5 },
                    { faceValue: 30.25 },
                    { faceValue: 10, status: 4 },
                ],
                generate: { resources: 160, seed: 7 },
            },
        });
        opts = { client: t.client };
    });

    after(async () => {
        await t?.close();
    });

    const live = () => t.emulator.world.subscribedResources(DEFAULT_DOMAIN_ID);
    const primaries = () => live().filter((r) => r.isMainResource);

    it("lists the yearly/monthly resources the emulator holds, with each filter applied", async () => {
        const all = await data.getSubscribedResources({}, opts);
        assert.equal(all.totalCount, live().length);
        assert.deepEqual(new Set(all.resources.map((r) => r.resourceId)), new Set(live().map((r) => r.resourceId)));
        assert.equal(all.truncated, false);

        const main = await data.getSubscribedResources({ onlyMainResources: true }, opts);
        assert.equal(main.totalCount, primaries().length);
        assert.ok(main.resources.every((r) => r.isMainResource === true));

        // More ids than one request takes (50): queried in batches, nothing lost or duplicated.
        const wanted = primaries().slice(0, 60).map((r) => r.resourceId);
        const chosen = await data.getSubscribedResources({ resourceIds: wanted, onlyMainResources: true }, opts);
        assert.deepEqual(chosen.resources.map((r) => r.resourceId).sort(), [...wanted].sort());

        const expired = await data.getSubscribedResources({ statuses: ["expired"] }, opts);
        assert.equal(expired.totalCount, live().filter((r) => r.status === 5).length);
        assert.ok(expired.resources.every((r) => r.status === 5));

        const soon = "2026-07-01T00:00:00Z";
        const expiring = await data.getSubscribedResources({ expireTimeEnd: soon }, opts);
        assert.equal(expiring.totalCount, live().filter((r) => r.expireTime <= soon).length);

        const bounded = await data.getSubscribedResources({ limit: 7 }, opts);
        assert.equal(bounded.resources.length, 7);
        assert.equal(bounded.truncated, true);
        assert.equal(bounded.totalCount, live().length);
    });

    it("a renewal quote is what the renewal orders cost when paid with the best offer, to the cent of the balance", async () => {
        const ids = primaries()
            .filter((r) => r.status === 2)
            .slice(0, 13)
            .map((r) => r.resourceId);
        assert.equal(ids.length, 13);
        const quote = await data.getRenewalPrice({ resourceIds: ids, periodType: "month", periods: 2 }, opts);
        assert.equal(quote.resources.length, 13);
        assert.equal(Decimal.sum(quote.resources.map((r) => r.amount)).toString(), quote.officialAmount);
        assert.equal(quote.bestOffer?.discountId, "biz-10");
        assert.equal(Decimal.from(quote.officialAmount).minus(quote.bestOffer.discountAmount).toString(), quote.amount);
        const before = await data.getAccountBalances({}, opts);

        // Renew 10 + 3 (the API takes 10 ids per call) and pay each order with the best offer.
        const orderIds: string[] = [];
        for (const batch of [ids.slice(0, 10), ids.slice(10)]) {
            const result = await t.client.renewalResources({ resource_ids: batch, period_type: 2, period_num: 2, is_auto_pay: 0 });
            orderIds.push(...(result?.order_ids ?? []));
        }
        assert.ok(orderIds.length >= 2);
        for (const orderId of orderIds) {
            await t.client.payOrders({ order_id: orderId, use_coupon: "NO", use_discount: "YES", discount_infos: [{ id: "biz-10", type: 2 }] });
        }
        const after = await data.getAccountBalances({}, opts);
        assert.equal(Decimal.from(before.cashBalance).minus(after.cashBalance).toString(), quote.amount);

        const renewals = await data.getOrders({ orderType: 2 }, opts);
        const placed = renewals.orders.filter((o) => orderIds.includes(o.orderId ?? ""));
        assert.equal(placed.length, orderIds.length);
        assert.ok(placed.every((o) => o.status === 5));
        assert.equal(Decimal.sum(placed.map((o) => o.officialAmount ?? "0")).toString(), quote.officialAmount);

        const details = await data.getOrder({ orderId: orderIds[0] }, opts);
        assert.equal(details.order.orderId, orderIds[0]);
        assert.equal(details.order.status, 5);
        assert.ok(details.lineItems.length > 0);
        assert.equal(details.totalCount, details.lineItems.length);
        assert.equal(Decimal.sum(details.lineItems.map((l) => l.officialAmount ?? "0")).toString(), details.order.officialAmount);
    });

    it("a pending renewal shows its payment deadline and usable discounts; an unsubscription shows its refund", async () => {
        const [pendingId, goneId] = primaries()
            .filter((r) => r.status === 2)
            .slice(20, 22)
            .map((r) => r.resourceId);
        const pending = await t.client.renewalResources({ resource_ids: [pendingId], period_type: 2, period_num: 1, is_auto_pay: 0 });
        const pendingOrderId = pending?.order_ids?.[0];
        assert.ok(pendingOrderId);
        const order = await data.getOrder({ orderId: pendingOrderId }, opts);
        assert.equal(order.order.status, 6);
        assert.ok(order.order.pendingPaymentEndTime && order.order.pendingPaymentEndTime > t.emulator.nowIso());
        const unpaid = await data.getOrders({ status: 6 }, opts);
        assert.ok(unpaid.orders.some((o) => o.orderId === pendingOrderId));
        const { discounts } = await data.getOrderDiscounts({ orderId: pendingOrderId }, opts);
        const business = discounts.find((d) => d.discountId === "biz-10");
        assert.ok(business, `discounts offered: ${JSON.stringify(discounts)}`);
        assert.ok(business.orders.some((o) => o.orderId === pendingOrderId));

        const before = await data.getAccountBalances({}, opts);
        const unsubscribed = await t.client.cancelResourcesSubscription({ resource_ids: [goneId], unsubscribe_type: 1 });
        const refundOrderId = unsubscribed?.order_ids?.[0];
        assert.ok(refundOrderId);
        const refund = await data.getRefund({ orderId: refundOrderId }, opts);
        assert.ok(Decimal.from(refund.refundedAmount).compare(0) > 0);
        assert.equal(Decimal.from(refund.withheldAmount).minus(refund.refundedAmount).toString(), refund.netAmount);
        const after = await data.getAccountBalances({}, opts);
        assert.equal(Decimal.from(after.cashBalance).minus(before.cashBalance).toString(), Decimal.from(refund.netAmount).negated().toString());
        const unsubscriptions = await data.getOrders({ orderType: 4 }, opts);
        assert.ok(unsubscriptions.orders.some((o) => o.orderId === refundOrderId));
        const stillListed = await data.getSubscribedResources({ resourceIds: [goneId] }, opts);
        assert.equal(stillListed.totalCount, 0);
    });

    it("coupons: filters by status and totals the balance of the available ones exactly", async () => {
        const all = await data.getCoupons({}, opts);
        assert.equal(all.totalCount, 3);
        assert.equal(all.availableBalance, "50.75"); // 20.5 left on one, 30.25 untouched on the other
        const expired = await data.getCoupons({ status: 4 }, opts);
        assert.deepEqual(expired.coupons.map((c) => c.status), [4]);
        assert.equal(expired.availableBalance, "0");
        assert.ok(all.coupons.every((c) => typeof c.faceValue === "string" && c.isFrozen === false));
    });
});
