import assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { SignedCaller, startTestEmulator, T0 } from "./support";

const SERVER = "11111111-0000-4000-8000-000000000001";
const DISK = "11111111-0000-4000-8000-000000000002";
const EIP = "11111111-0000-4000-8000-000000000003";
const DB = "22222222-0000-4000-8000-000000000001";

const EXPIRY = "2026-03-21T00:00:00Z";

async function world(options: { cash?: number; policy?: number } = {}): Promise<{ emulator: RunningEmulator; bss: SignedCaller }> {
    const emulator = await startTestEmulator({
        scenario: {
            accounts: [{ id: "emulator0domain0000000000000001", name: "emulator-account", cash: options.cash ?? 10000, credentials: [{ accessKey: "EMULATORAK0000000001", secretKey: "emulator-secret-key-not-secret-0000000001" }] }],
            resources: [
                {
                    resourceId: SERVER,
                    name: "web-01",
                    kind: "ecs",
                    periodType: "month",
                    effectiveTime: "2026-02-21T00:00:00Z",
                    expireTime: EXPIRY,
                    expirePolicy: options.policy ?? 0,
                    attached: [
                        { resourceId: DISK, kind: "evs", specSize: 100 },
                        { resourceId: EIP, kind: "eip" },
                    ],
                },
                { resourceId: DB, kind: "rds", periodType: "year", effectiveTime: "2025-09-01T00:00:00Z", expireTime: "2026-09-01T00:00:00Z" },
            ],
        },
    });
    return { emulator, bss: new SignedCaller(emulator) };
}

async function resources(bss: SignedCaller, ids: string[]): Promise<any[]> {
    const answer = await bss.call("POST", "/v2/orders/suscriptions/resources/query", { body: { resource_ids: ids, limit: 50 } });
    assert.equal(answer.status, 200, answer.text);
    return answer.body.data;
}

async function expiryOf(bss: SignedCaller, id: string): Promise<string | undefined> {
    return (await resources(bss, [id])).find((r) => r.resource_id === id)?.expire_time;
}

async function balance(bss: SignedCaller): Promise<number> {
    const answer = await bss.call("GET", "/v2/accounts/customer-accounts/balances");
    return answer.body.account_balances.find((b: any) => b.account_type === 1).amount;
}

async function order(bss: SignedCaller, orderId: string): Promise<any> {
    const answer = await bss.call("GET", `/v2/orders/customer-orders/details/${orderId}`, { query: [["limit", "100"]] });
    assert.equal(answer.status, 200, answer.text);
    return answer.body;
}

const renewBody = (ids: string[], extra: Record<string, unknown> = {}) => ({ resource_ids: ids, period_type: 2, period_num: 1, ...extra });
const payBody = (orderId: string) => ({ order_id: orderId, use_coupon: "NO", use_discount: "NO" });

describe("emulator subscription lifecycle", () => {
    let emulator: RunningEmulator;
    let bss: SignedCaller;
    afterEach(() => emulator?.close());

    it("renewal without auto-pay leaves the expiry alone until the order is paid", async () => {
        ({ emulator, bss } = await world());
        const before = await balance(bss);
        const quote = await bss.call("POST", "/v2/bills/ratings/period-resources/renew-rate", { body: renewBody([SERVER]) });
        const renewal = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([SERVER]) });
        assert.equal(renewal.status, 200, renewal.text);
        const [orderId] = renewal.body.order_ids;
        const pending = await order(bss, orderId);
        assert.equal(pending.order_info.status, 6);
        assert.equal(pending.order_info.order_type, 2);
        assert.equal(pending.order_info.pending_payment_end_time, "2026-03-08T00:00:00Z");
        assert.equal(String(pending.order_info.amount_after_discount.toFixed(2)), quote.body.renew_inquiry_results[0].amount);
        assert.equal(pending.total_count, 3, "primary and its two attached resources are renewed together");
        assert.equal(await expiryOf(bss, SERVER), EXPIRY);
        assert.equal(await balance(bss), before);

        const paid = await bss.call("POST", "/v3/orders/customer-orders/pay", { body: payBody(orderId) });
        assert.equal(paid.status, 204);
        assert.equal(paid.text, "");
        const after = await resources(bss, [SERVER]);
        for (const r of after) assert.equal(r.expire_time, "2026-04-21T00:00:00Z", r.resource_id);
        const done = await order(bss, orderId);
        assert.equal(done.order_info.status, 5);
        assert.equal(done.order_info.payment_time, T0);
        assert.equal(await balance(bss), Math.round((before - done.order_info.amount_after_discount) * 100) / 100);
        const again = await bss.call("POST", "/v3/orders/customer-orders/pay", { body: payBody(orderId) });
        assert.equal(again.body.error_code, "CBC.99003106");
        assert.equal(emulator.orderLog().filter((e) => e.orderId === orderId && e.event === "paid").length, 1);
        const ledger = emulator.world.ledgerOf("emulator0domain0000000000000001").filter((l) => l.orderId === orderId);
        assert.equal(ledger.length, 3);
        assert.ok(ledger.every((l) => l.billType === 2 && l.chargeMode === 1));
        assert.equal(Math.round(ledger.reduce((s, l) => s + l.amount, 0) * 100) / 100, done.order_info.amount_after_discount);
    });

    it("auto-pay renews at once, and without funds fails with CBC.30050006 leaving nothing behind", async () => {
        ({ emulator, bss } = await world({ cash: 5 }));
        const failed = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([SERVER], { is_auto_pay: 1 }) });
        assert.equal(failed.status, 400);
        assert.equal(failed.body.error_code, "CBC.30050006");
        assert.equal(await expiryOf(bss, SERVER), EXPIRY);
        const orders = await bss.call("GET", "/v2/orders/customer-orders", { query: [["order_type", "2"]] });
        assert.equal(orders.body.total_count, 0);
        assert.equal(await balance(bss), 5);

        emulator.setBalance("emulator0domain0000000000000001", { cash: 10000 });
        const ok = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([SERVER], { is_auto_pay: 1, expire_policy: 3 }) });
        assert.equal(ok.status, 200, ok.text);
        assert.equal(await expiryOf(bss, SERVER), "2026-04-21T00:00:00Z");
        const detail = await order(bss, ok.body.order_ids[0]);
        assert.equal(detail.order_info.status, 5);
        assert.equal((await resources(bss, [SERVER]))[0].expire_policy, 0, "the deprecated expire_policy field is ignored");
    });

    it("locks resources in a pending order: renew and unsubscribe fail, the quote reports it, cancelling unlocks", async () => {
        ({ emulator, bss } = await world());
        const renewal = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([SERVER]) });
        const [orderId] = renewal.body.order_ids;
        const second = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([SERVER, DB]) });
        assert.equal(second.body.error_code, "CBC.99003100");
        const unsub = await bss.call("POST", "/v2/orders/subscriptions/resources/unsubscribe", { body: { resource_ids: [SERVER], unsubscribe_type: 1 } });
        assert.equal(unsub.body.error_code, "CBC.99003100");
        const quote = await bss.call("POST", "/v2/bills/ratings/period-resources/renew-rate", { body: renewBody([SERVER, DB]) });
        assert.equal(quote.status, 200);
        assert.deepEqual(quote.body.fail_resource_infos.map((f: any) => [f.resource_id, f.error_code]), [[SERVER, "CBC.30050010"]]);
        assert.deepEqual(quote.body.renew_inquiry_results.map((r: any) => r.resource_id), [DB]);

        const cancel = await bss.call("PUT", "/v2/orders/customer-orders/cancel", { body: { order_id: orderId } });
        assert.equal(cancel.status, 204);
        assert.equal((await order(bss, orderId)).order_info.status, 4);
        assert.equal((await bss.call("PUT", "/v2/orders/customer-orders/cancel", { body: { order_id: orderId } })).body.error_code, "CBC.99005010");
        assert.equal((await bss.call("POST", "/v3/orders/customer-orders/pay", { body: payBody(orderId) })).body.error_code, "CBC.99003106");
        assert.equal((await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([SERVER]) })).status, 200);
    });

    it("locks resources in a processing order with the processing codes", async () => {
        ({ emulator, bss } = await world());
        const renewal = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([SERVER]) });
        emulator.setOrderStatus(renewal.body.order_ids[0], 3);
        assert.equal((await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([SERVER]) })).body.error_code, "CBC.99003144");
        assert.equal((await bss.call("POST", "/v2/orders/subscriptions/resources/unsubscribe", { body: { resource_ids: [SERVER], unsubscribe_type: 1 } })).body.error_code, "CBC.99003651");
    });

    it("rejects attached, unknown and over-long renewals with the documented codes", async () => {
        ({ emulator, bss } = await world());
        assert.equal((await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([DISK]) })).body.error_code, "CBC.30010036");
        assert.equal((await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody(["no-such-resource"]) })).body.error_code, "CBC.99003016");
        assert.equal((await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { resource_ids: [DB], period_type: 3, period_num: 5 } })).body.error_code, "CBC.99000092");
        emulator.setBalance("emulator0domain0000000000000001", { cash: 100000 });
        const long = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { resource_ids: [DB], period_type: 3, period_num: 3 } });
        assert.equal(long.status, 200);
        await bss.call("POST", "/v3/orders/customer-orders/pay", { body: payBody(long.body.order_ids[0]) });
        assert.equal((await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { resource_ids: [DB], period_type: 3, period_num: 2 } })).body.error_code, "CBC.99003154");
    });

    it("unsubscription ends the resource and its attached ones and creates a refund order", async () => {
        ({ emulator, bss } = await world());
        const before = await balance(bss);
        const answer = await bss.call("POST", "/v2/orders/subscriptions/resources/unsubscribe", { body: { resource_ids: [SERVER], unsubscribe_type: 1, unsubscribe_reason_type: 5 } });
        assert.equal(answer.status, 200, answer.text);
        const [orderId] = answer.body.order_ids;
        const detail = await order(bss, orderId);
        assert.equal(detail.order_info.order_type, 4);
        assert.equal(detail.order_info.status, 5);
        const refund = await bss.call("GET", "/v2/orders/customer-orders/refund-orders", { query: [["order_id", orderId]] });
        assert.equal(refund.status, 200);
        const net = refund.body.refund_infos.reduce((s: number, l: any) => s + l.amount, 0);
        assert.ok(net < 0, "a net refund (negative)");
        assert.ok(refund.body.refund_infos.some((l: any) => l.amount > 0), "the consumed part is listed as positive");
        assert.equal(refund.body.total_count, refund.body.refund_infos.length);
        assert.equal(Math.round(net * 100) / 100, detail.order_info.amount_after_discount);
        // 8 of 28 days used: about 20/28 of the paid amount comes back.
        assert.equal(await balance(bss), Math.round((before - net) * 100) / 100);
        assert.deepEqual(await resources(bss, [SERVER, DISK, EIP]), []);
        const again = await bss.call("POST", "/v2/orders/subscriptions/resources/unsubscribe", { body: { resource_ids: [SERVER], unsubscribe_type: 1 } });
        assert.equal(again.body.error_code, "CBC.30000067");
        const notRefund = await bss.call("GET", "/v2/orders/customer-orders/refund-orders", { query: [["order_id", emulator.world.ordersOf("emulator0domain0000000000000001")[0].orderId]] });
        assert.equal(notRefund.body.error_code, "CBC.99005026");
    });

    it("unsubscribing renewals only moves the expiry back to the end of the current period", async () => {
        ({ emulator, bss } = await world());
        const none = await bss.call("POST", "/v2/orders/subscriptions/resources/unsubscribe", { body: { resource_ids: [SERVER], unsubscribe_type: 2 } });
        assert.equal(none.body.error_code, "CBC.99003128");
        const renewal = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { ...renewBody([SERVER]), period_num: 2, is_auto_pay: 1 } });
        assert.equal(await expiryOf(bss, SERVER), "2026-05-21T00:00:00Z");
        const paid = (await order(bss, renewal.body.order_ids[0])).order_info.amount_after_discount;
        const before = await balance(bss);
        const answer = await bss.call("POST", "/v2/orders/subscriptions/resources/unsubscribe", { body: { resource_ids: [SERVER], unsubscribe_type: 2 } });
        assert.equal(answer.status, 200, answer.text);
        assert.equal(await expiryOf(bss, SERVER), EXPIRY);
        assert.equal(await expiryOf(bss, DISK), EXPIRY);
        assert.equal(await balance(bss), Math.round((before + paid) * 100) / 100, "renewals not yet started are refunded in full");
    });

    it("auto-renew charges once, 7 days before expiry, when the clock gets there", async () => {
        ({ emulator, bss } = await world());
        assert.equal((await bss.call("POST", `/v2/orders/subscriptions/resources/autorenew/${SERVER}`)).status, 204);
        assert.equal((await resources(bss, [SERVER, DISK])).every((r) => r.expire_policy === 3), true);
        const before = await balance(bss);
        emulator.setClock("2026-03-13T23:59:59Z");
        assert.equal(await expiryOf(bss, SERVER), EXPIRY);
        assert.equal(await balance(bss), before);
        emulator.setClock("2026-03-14T00:00:00Z");
        assert.equal(await expiryOf(bss, SERVER), "2026-04-21T00:00:00Z");
        emulator.advanceClock("P6D");
        const renewals = emulator.orderLog().filter((e) => e.event === "paid" && e.orderType === 2);
        assert.equal(renewals.length, 1, JSON.stringify(emulator.orderLog()));
        assert.equal(renewals[0].time, "2026-03-14T00:00:00Z");
        const list = await bss.call("GET", "/v2/orders/customer-orders", { query: [["order_type", "2"]] });
        assert.equal(list.body.order_infos[0].source_type, 8, "created by the system");
        assert.ok((await balance(bss)) < before);
        const lines = emulator.world.ledgerOf("emulator0domain0000000000000001").filter((l) => l.billType === 8);
        assert.equal(lines.length, 3);
        assert.equal(lines[0].effectiveTime, EXPIRY);
        assert.equal(lines[0].expireTime, "2026-04-21T00:00:00Z");
        // Disabling stops further charges.
        assert.equal((await bss.call("DELETE", `/v2/orders/subscriptions/resources/autorenew/${SERVER}`)).status, 204);
        assert.equal((await bss.call("DELETE", `/v2/orders/subscriptions/resources/autorenew/${SERVER}`)).body.error_code, "CBC.99003605");
        emulator.advanceClock("P40D");
        assert.equal(emulator.orderLog().filter((e) => e.event === "paid" && e.orderType === 2).length, 1);
    });

    it("auto-renew honours auto_renew_times and the account's deduction day", async () => {
        ({ emulator, bss } = await world());
        assert.equal((await bss.call("POST", "/v2/orders/subscriptions/resources/renew/config", { body: { config_name: "DEDUCTION_DATE", config_value: "3" } })).body.error_code, "CBC.0000");
        await bss.call("POST", `/v2/orders/subscriptions/resources/autorenew/${SERVER}`, { body: { auto_renew_times: 2 } });
        emulator.setClock("2026-03-17T23:00:00Z");
        assert.equal(emulator.orderLog().filter((e) => e.event === "paid").length, 0);
        emulator.setClock("2026-03-18T00:00:00Z");
        assert.equal(emulator.orderLog().filter((e) => e.event === "paid").length, 1);
        emulator.setClock("2026-06-01T00:00:00Z");
        const paid = emulator.orderLog().filter((e) => e.event === "paid").map((e) => e.time);
        assert.deepEqual(paid, ["2026-03-18T00:00:00Z", "2026-04-18T00:00:00Z"]);
        const server = emulator.world.resource(SERVER)!;
        assert.equal(server.expirePolicy, 0, "the count ran out");
        assert.equal(server.status, 5, "then it expired into the grace period");
    });

    it("with a unified expiry day (EXPIRE_DATE) renewals end on that day and the extra days are charged; quote and order agree", async () => {
        ({ emulator, bss } = await world());
        const quote = async (id: string, periodType: number) => {
            const answer = await bss.call("POST", "/v2/bills/ratings/period-resources/renew-rate", { body: { resource_ids: [id], period_type: periodType, period_num: 1 } });
            assert.equal(answer.status, 200, answer.text);
            return Number(answer.body.renew_inquiry_results[0].amount);
        };
        const plainMonth = await quote(SERVER, 2);
        assert.equal((await bss.call("POST", "/v2/orders/subscriptions/resources/renew/config", { body: { config_name: "EXPIRE_DATE", config_value: "1" } })).body.error_code, "CBC.0000");
        // Expiry 2026-03-21 (Beijing) + 1 month = 04-21, stretched to 05-01: 10 more days at a 30th of the month each.
        const alignedMonth = await quote(SERVER, 2);
        assert.ok(Math.abs(alignedMonth - plainMonth * (1 + 10 / 30)) < 0.05, `${alignedMonth} vs ${plainMonth}`);
        const cash = await balance(bss);
        const renewal = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([SERVER], { is_auto_pay: 1 }) });
        assert.equal(renewal.status, 200, renewal.text);
        for (const id of [SERVER, DISK, EIP]) assert.equal(await expiryOf(bss, id), "2026-05-01T00:00:00Z", id);
        assert.equal(Math.round((cash - (await balance(bss))) * 100), Math.round(alignedMonth * 100), "the order costs what was quoted");

        // -1: the last day of the month (Beijing time); a yearly renewal from 2026-09-01 ends on 2027-09-30.
        await bss.call("POST", "/v2/orders/subscriptions/resources/renew/config", { body: { config_name: "EXPIRE_DATE", config_value: "-1" } });
        const yearly = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { resource_ids: [DB], period_type: 3, period_num: 1, is_auto_pay: 1 } });
        assert.equal(yearly.status, 200, yearly.text);
        assert.equal(await expiryOf(bss, DB), "2027-09-30T00:00:00Z");
    });

    it("without funds auto-renew retries daily, the resource enters the grace period, and a later retry succeeds", async () => {
        ({ emulator, bss } = await world({ cash: 1, policy: 3 }));
        emulator.setClock("2026-03-21T12:00:00Z");
        const failures = emulator.lifecycleLog().filter((e) => e.event === "autoRenewFailed");
        assert.deepEqual(
            failures.filter((e) => e.time < EXPIRY).map((e) => e.time.slice(0, 10)),
            ["2026-03-14", "2026-03-15", "2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20"],
        );
        assert.equal(emulator.orderLog().filter((e) => e.event === "paid").length, 0);
        const [server] = await resources(bss, [SERVER]);
        assert.equal(server.status, 5);
        assert.equal(server.expire_time, EXPIRY);
        emulator.setBalance("emulator0domain0000000000000001", { cash: 10000 });
        emulator.advanceClock("P1D");
        const [renewed] = await resources(bss, [SERVER]);
        assert.equal(renewed.status, 2);
        assert.equal(renewed.expire_time, "2026-04-21T00:00:00Z");
        assert.equal(emulator.orderLog().filter((e) => e.event === "paid").length, 1);
    });

    it("converts to pay-per-use at expiry when set up, and bills usage daily", async () => {
        ({ emulator, bss } = await world());
        const answer = await bss.call("POST", "/v2/orders/subscriptions/resources/to-on-demand", { body: { operation: "SET_UP", resource_ids: [SERVER, "unknown-id"] } });
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body.error_details.map((d: any) => [d.id, d.error_code]), [["unknown-id", "CBC.99003012"]]);
        assert.equal((await resources(bss, [SERVER]))[0].expire_policy, 1);
        emulator.setClock("2026-03-20T23:59:59Z");
        assert.equal((await resources(bss, [SERVER])).length, 3);
        emulator.setClock("2026-03-23T00:00:00Z");
        assert.deepEqual(await resources(bss, [SERVER]), [], "pay-per-use resources leave the yearly/monthly query");
        const conversions = await bss.call("GET", "/v2/orders/customer-orders", { query: [["order_type", "10"]] });
        assert.equal(conversions.body.total_count, 1);
        const usage = emulator.world.ledgerOf("emulator0domain0000000000000001").filter((l) => l.billType === 5 && l.resourceId === SERVER);
        // Beijing days: 03-21 08:00-16:00 UTC+8 partial... the conversion at 00:00 UTC (08:00 Beijing) starts a 16-hour first day.
        assert.deepEqual(usage.map((l) => [l.billDate, l.usage]), [
            ["2026-03-21", 16],
            ["2026-03-22", 24],
        ]);
        assert.ok(usage.every((l) => l.chargeMode === 3 && Math.abs(l.amount - (l.payment.cash + l.payment.credit + l.payment.debt)) < 1e-9));
    });

    it("without a policy: grace at expiry, frozen after 15 days, released after 15 more", async () => {
        ({ emulator, bss } = await world());
        emulator.setClock("2026-03-21T00:00:00Z");
        assert.deepEqual((await resources(bss, [SERVER])).map((r) => r.status), [5, 5, 5]);
        emulator.setClock("2026-04-05T00:00:00Z");
        assert.equal((await resources(bss, [SERVER]))[0].status, 4);
        const frozen = await bss.call("POST", `/v2/orders/subscriptions/resources/autorenew/${SERVER}`);
        assert.equal(frozen.body.error_code, "CBC.99003602");
        emulator.setClock("2026-04-20T00:00:00Z");
        assert.deepEqual(await resources(bss, [SERVER]), []);
        assert.deepEqual(
            emulator.lifecycleLog().filter((e) => e.resourceId === SERVER).map((e) => [e.event, e.time]),
            [
                ["graceStarted", "2026-03-21T00:00:00Z"],
                ["frozen", "2026-04-05T00:00:00Z"],
                ["released", "2026-04-20T00:00:00Z"],
            ],
        );
    });

    it("a renewal paid during the grace period brings the resource back", async () => {
        ({ emulator, bss } = await world());
        emulator.setClock("2026-03-25T00:00:00Z");
        const renewal = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([SERVER], { is_auto_pay: 1 }) });
        assert.equal(renewal.status, 200, renewal.text);
        const [server] = await resources(bss, [SERVER]);
        assert.equal(server.status, 2);
        assert.equal(server.expire_time, "2026-04-21T00:00:00Z", "extended from the old expiry, not from now");
    });

    it("an unpaid order is cancelled at its deadline and paying it then answers CBC.99003110", async () => {
        ({ emulator, bss } = await world());
        const renewal = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([DB]) });
        const [orderId] = renewal.body.order_ids;
        emulator.advanceClock("P7DT1S");
        assert.equal((await order(bss, orderId)).order_info.status, 4);
        assert.equal((await bss.call("POST", "/v3/orders/customer-orders/pay", { body: payBody(orderId) })).body.error_code, "CBC.99003110");
        assert.equal((await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: renewBody([DB]) })).status, 200, "the lock is gone");
    });

    it("processes a long jump exactly like many small steps", async () => {
        const run = async (steps: string[]) => {
            const { emulator: e, bss: b } = await world({ policy: 3 });
            await b.call("POST", "/v2/orders/subscriptions/resources/to-on-demand", { body: { operation: "SET_UP", resource_ids: [DB] } });
            for (const step of steps) e.advanceClock(step);
            const summary = {
                orders: e.orderLog().map((x) => [x.event, x.time, x.amount]),
                lifecycle: e.lifecycleLog().map((x) => [x.event, x.time, x.resourceId]),
                ledger: e.world.ledgerOf("emulator0domain0000000000000001").map((l) => [l.billType, l.billDate, l.amount, l.resourceId]),
                cash: e.world.account("emulator0domain0000000000000001")!.cashBalance,
            };
            await e.close();
            return summary;
        };
        const jump = await run(["P1Y"]);
        const steps = await run(Array.from({ length: 73 }, () => "P5D"));
        assert.ok(jump.orders.length > 10);
        assert.ok(jump.ledger.some((l) => l[0] === 5), "the database converted and accrued usage");
        assert.deepEqual(jump.orders, steps.orders.slice(0, jump.orders.length));
        assert.deepEqual(jump.lifecycle, steps.lifecycle.slice(0, jump.lifecycle.length));
    });
});

describe("emulator money paths", () => {
    let emulator: RunningEmulator;
    afterEach(() => emulator?.close());

    it("a member under unified accounting is paid for by its enterprise master", async () => {
        emulator = await startTestEmulator({
            scenario: {
                accounts: [
                    { id: "master0domain000000000000000001", name: "corp", master: true, cash: 5000, credentials: [{ accessKey: "MASTERAK000000000001", secretKey: "master-secret" }] },
                    { id: "emulator0domain0000000000000001", name: "team", cash: 0, masterAccountId: "master0domain000000000000000001", unifiedAccounting: true, credentials: [{ accessKey: "EMULATORAK0000000001", secretKey: "emulator-secret-key-not-secret-0000000001" }] },
                ],
                resources: [{ resourceId: SERVER, accountId: "emulator0domain0000000000000001", kind: "ecs", effectiveTime: "2026-02-21T00:00:00Z", expireTime: EXPIRY }],
            },
        });
        const member = new SignedCaller(emulator);
        const renewal = await member.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { ...renewBody([SERVER]), is_auto_pay: 1 } });
        assert.equal(renewal.status, 200, renewal.text);
        const [orderId] = renewal.body.order_ids;
        const master = new SignedCaller(emulator, { accessKey: "MASTERAK000000000001", secretKey: "master-secret" });
        const paidFor = await master.call("GET", "/v2/orders/customer-orders", { query: [["method", "sub_customer"], ["customer_id", "emulator0domain0000000000000001"]] });
        assert.deepEqual(paidFor.body.order_infos.map((o: any) => [o.order_id, o.agent_pay_info?.is_agent_pay, o.agent_pay_info?.paying_agent_id]), [[orderId, true, "master0domain000000000000000001"]]);
        const amount = paidFor.body.order_infos[0].amount_after_discount;
        assert.equal(emulator.world.account("master0domain000000000000000001")!.cashBalance, Math.round((5000 - amount) * 100) / 100);
        assert.equal(emulator.world.account("emulator0domain0000000000000001")!.cashBalance, 0);
        assert.ok(emulator.world.ledgerOf("emulator0domain0000000000000001").filter((l) => l.orderId === orderId).every((l) => l.payerAccountId === "master0domain000000000000000001"));
    });

    it("resource packages cover pay-per-use usage before money does, and usage lines can be monthly", async () => {
        emulator = await startTestEmulator({
            behaviour: { usageLinePeriod: "month" },
            scenario: {
                accounts: [{ id: "emulator0domain0000000000000001", name: "emulator-account", cash: 1000, credentials: [{ accessKey: "EMULATORAK0000000001", secretKey: "emulator-secret-key-not-secret-0000000001" }] }],
                freeResourcePackages: [{ serviceTypeCode: "hws.service.type.ec2", resourceTypeCode: "hws.resource.type.vm", amount: 100, usageType: "duration", effectiveTime: "2026-03-01T00:00:00Z", expireTime: "2027-03-01T00:00:00Z" }],
                resources: [{ resourceId: SERVER, kind: "ecs", effectiveTime: "2026-02-21T00:00:00Z", expireTime: EXPIRY, expirePolicy: 1 }],
            },
        });
        emulator.setClock("2026-05-10T00:00:00Z");
        const vmLines = emulator.world.ledgerOf("emulator0domain0000000000000001").filter((l) => l.billType === 5 && l.resourceId === SERVER);
        assert.deepEqual(vmLines.map((l) => l.billCycle), ["2026-03", "2026-04"], "one line per Beijing month, the current month not yet charged");
        assert.equal(vmLines[0].freeResourceUsage, 100);
        assert.equal(vmLines[0].usage, 256, "11 days minus 8 hours in March (Beijing time)");
        assert.ok(Math.abs(vmLines[0].amount - (256 - 100) * vmLines[0].unitPrice!) < 1e-6);
        assert.equal(vmLines[1].freeResourceUsage, undefined, "the package is used up");
        assert.equal(emulator.world.freeResourcePackagesOf("emulator0domain0000000000000001")[0].status, 2);
        const records = emulator.world.state.freeResourceUsageRecords;
        assert.deepEqual(records.map((r) => [r.usedAmount, r.remainingAmount]), [[100, 0]]);
    });
});
