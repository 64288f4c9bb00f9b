/**
 * Contract of every group-A operation against the wire reference: success status, response field names
 * and types (recursively, odd spellings included), always-present fields, validation errors naming the
 * field, and pagination semantics.
 */
import assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { SPEC } from "../../emulator/spec";
import { type HttpAnswer, loadReference, SignedCaller, startTestEmulator } from "./support";

const ACCOUNT = "emulator0domain0000000000000001";
const SERVER = "33333333-0000-4000-8000-000000000001";
const DB = "33333333-0000-4000-8000-000000000002";
const SPARE = "33333333-0000-4000-8000-000000000003";

/** Checks a JSON value against a group-A reference type description. */
function conforms(value: unknown, type: string, types: Record<string, any>, where: string): void {
    const array = /^array<(.+)>$/.exec(type);
    if (array) {
        assert.ok(Array.isArray(value), `${where} should be an array`);
        (value as unknown[]).forEach((item, i) => conforms(item, array[1], types, `${where}[${i}]`));
        return;
    }
    switch (type) {
        case "string":
            assert.equal(typeof value, "string", `${where} should be a string, got ${JSON.stringify(value)}`);
            return;
        case "integer":
            assert.ok(Number.isInteger(value), `${where} should be an integer, got ${JSON.stringify(value)}`);
            return;
        case "number":
            assert.equal(typeof value, "number", `${where} should be a number, got ${JSON.stringify(value)}`);
            return;
        case "boolean":
            assert.equal(typeof value, "boolean", `${where} should be a boolean`);
            return;
    }
    const named = types[type];
    assert.ok(named, `reference type ${type} is unknown (${where})`);
    conformsFields(value, named.fields, types, where);
}

function conformsFields(value: unknown, fields: any[], types: Record<string, any>, where: string): void {
    assert.ok(value !== null && typeof value === "object" && !Array.isArray(value), `${where} should be an object`);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
        const field = fields.find((f) => f.name === key);
        assert.ok(field, `${where}.${key} is not a documented field (documented: ${fields.map((f) => f.name).join(", ")})`);
        assert.notEqual(record[key], null, `${where}.${key} is null; absent values are omitted`);
        conforms(record[key], field.type, types, `${where}.${key}`);
    }
    for (const field of fields) if (field.always_present === true) assert.ok(field.name in record, `${where}.${field.name} must always be present`);
}

function checkResponse(file: string, answer: HttpAnswer): void {
    const reference = loadReference(file);
    assert.equal(answer.status, reference.response.success_status, `${file}: ${answer.text}`);
    if (reference.response.success_status === 204) {
        assert.equal(answer.text, "", `${file}: 204 has no body`);
        return;
    }
    conformsFields(answer.body, reference.response.body.fields, reference.response.types ?? {}, reference.operation);
}

function expect400(answer: HttpAnswer, field: string, code = "CBC.0100"): void {
    assert.equal(answer.status, 400, answer.text);
    assert.equal(answer.body.error_code, code);
    assert.ok(answer.body.error_msg.includes(field), `error_msg should name ${field}: ${answer.body.error_msg}`);
}

describe("emulator contract of group A operations", () => {
    let emulator: RunningEmulator;
    let bss: SignedCaller;
    let pendingOrder: string;
    let paidOrder: string;
    let refundOrder: string;

    before(async () => {
        emulator = await startTestEmulator({
            scenario: {
                accounts: [
                    {
                        id: ACCOUNT,
                        name: "emulator-account",
                        cash: 50000,
                        credit: 2000,
                        bonus: 10,
                        credentials: [{ accessKey: "EMULATORAK0000000001", secretKey: "emulator-secret-key-not-secret-0000000001" }],
                        discounts: [{ discountId: "DISC-BUSINESS-01", discountType: 2, ratio: 0.9, name: "business discount" }],
                    },
                ],
                coupons: [
                    { id: "COUPON-CASH-01", faceValue: 100, couponType: 1 },
                    { id: "COUPON-CASH-02", faceValue: 50, couponType: 1, couponVersion: 1 },
                    { id: "COUPON-OLD-01", faceValue: 20, couponType: 1, validTime: "2025-06-01T00:00:00Z", expireTime: "2026-01-01T00:00:00Z" },
                ],
                resources: [
                    { resourceId: SERVER, kind: "ecs", expireTime: "2026-04-01T00:00:00Z", effectiveTime: "2026-03-01T00:00:00Z", attached: [{ kind: "evs", specSize: 40 }, { kind: "eip" }] },
                    { resourceId: DB, kind: "rds", periodType: "year", effectiveTime: "2025-06-01T00:00:00Z", expireTime: "2026-06-01T00:00:00Z", attached: [{ kind: "rdsStorage", specSize: 100 }] },
                    { resourceId: SPARE, kind: "evs", specSize: 200, expireTime: "2026-05-01T00:00:00Z", effectiveTime: "2026-02-01T00:00:00Z" },
                    ...Array.from({ length: 22 }, (_, i) => ({ kind: "evs", specSize: 10 + i, effectiveTime: `2026-01-${String(i + 1).padStart(2, "0")}T00:00:00Z`, expireTime: `2026-07-${String(i + 1).padStart(2, "0")}T00:00:00Z`, periodNum: 6 })),
                ],
            },
        });
        bss = new SignedCaller(emulator);
        const paid = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { resource_ids: [DB], period_type: 2, period_num: 1, is_auto_pay: 1 } });
        paidOrder = paid.body.order_ids[0];
        const pending = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { resource_ids: [SERVER], period_type: 2, period_num: 1 } });
        pendingOrder = pending.body.order_ids[0];
        const refund = await bss.call("POST", "/v2/orders/subscriptions/resources/unsubscribe", { body: { resource_ids: [SPARE], unsubscribe_type: 1 } });
        refundOrder = refund.body.order_ids[0];
    });
    after(() => emulator.close());

    it("implements every group-A operation of the reference at its documented method and path", () => {
        const groupA = SPEC.operations.filter((o) => o.group === "A");
        assert.equal(groupA.length, 17);
        const registered = new Set(require("../../emulator/operations").subscriptionOperations.map((d: any) => `${d.name} ${d.method} ${d.path}`));
        for (const op of groupA) assert.ok(registered.has(`${op.name} ${op.method} ${op.path}`), `${op.name} ${op.method} ${op.path}`);
    });

    describe("ListPayPerUseCustomerResources", () => {
        const path = "/v2/orders/suscriptions/resources/query";
        it("answers with the documented fields", async () => {
            const answer = await bss.call("POST", path, { body: { resource_ids: [SERVER] } });
            checkResponse("list-subscribed-resources.yaml", answer);
            assert.equal(answer.body.total_count, 3, "primary plus two attached");
            const attached = answer.body.data.filter((r: any) => r.is_main_resource === 0);
            assert.ok(attached.every((r: any) => r.parent_resource_id === SERVER));
            assert.match(answer.body.data[0].expire_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
            const mainOnly = await bss.call("POST", path, { body: { resource_ids: [SERVER], only_main_resource: 1 } });
            assert.equal(mainOnly.body.total_count, 1);
        });
        it("pages by 0-based record offset with a default limit of 10 and a maximum of 500", async () => {
            const all = await bss.call("POST", path, { body: { limit: 500 } });
            const total = all.body.total_count;
            assert.ok(total >= 25);
            const first = await bss.call("POST", path, { body: {} });
            assert.equal(first.body.data.length, 10);
            const seen: string[] = [];
            for (let offset = 0; offset < total; offset += 7) {
                const page = await bss.call("POST", path, { body: { offset, limit: 7 } });
                assert.equal(page.body.total_count, total);
                seen.push(...page.body.data.map((r: any) => r.resource_id));
            }
            assert.deepEqual(seen, all.body.data.map((r: any) => r.resource_id));
            const beyond = await bss.call("POST", path, { body: { offset: total + 5 } });
            assert.deepEqual(beyond.body.data, []);
            assert.equal(beyond.body.total_count, total);
            expect400(await bss.call("POST", path, { body: { limit: 501 } }), "limit");
            expect400(await bss.call("POST", path, { body: { limit: 0 } }), "limit");
            expect400(await bss.call("POST", path, { body: { offset: -1 } }), "offset");
        });
        it("filters by status, expiry window, service and order", async () => {
            const window = await bss.call("POST", path, { body: { expire_time_begin: "2026-07-05T00:00:00Z", expire_time_end: "2026-07-10T00:00:00Z", limit: 100 } });
            assert.equal(window.body.total_count, 6);
            const byOrder = await bss.call("POST", path, { body: { order_id: paidOrder, only_main_resource: 1 } });
            assert.deepEqual(byOrder.body.data.map((r: any) => r.resource_id), [DB]);
            const expired = await bss.call("POST", path, { body: { status_list: [5] } });
            assert.equal(expired.body.total_count, 0);
            expect400(await bss.call("POST", path, { body: { service_type_code: "" } }), "service_type_code");
            expect400(await bss.call("POST", path, { body: { expire_time_begin: "2026-07-05" } }), "expire_time_begin");
            expect400(await bss.call("POST", path, { body: { status_list: [7] } }), "status_list[0]");
            expect400(await bss.call("POST", path, { body: { resource_ids: "not-a-list" } }), "resource_ids");
        });
    });

    describe("RenewalResources and ListRenewRateOnPeriod", () => {
        it("quotes with decimal strings and the account's discounts", async () => {
            const answer = await bss.call("POST", "/v2/bills/ratings/period-resources/renew-rate", { body: { resource_ids: [DB, "unknown-id"], period_type: 2, period_num: 2 } });
            checkResponse("list-renew-rate.yaml", answer);
            assert.equal(answer.body.currency, "CNY");
            assert.match(answer.body.renew_inquiry_results[0].amount, /^\d+\.\d\d$/);
            assert.equal(answer.body.fail_resource_infos[0].error_code, "CBC.30050009");
            assert.equal(answer.body.optional_discount_rating_results[0].best_offer, 1);
            expect400(await bss.call("POST", "/v2/bills/ratings/period-resources/renew-rate", { body: { resource_ids: [DB, DB], period_type: 2, period_num: 1 } }), "duplicate", "CBC.30050012");
        });
        it("validates the request", async () => {
            const path = "/v2/orders/subscriptions/resources/renew";
            expect400(await bss.call("POST", path, { body: { resource_ids: [DB], period_num: 1 } }), "period_type");
            expect400(await bss.call("POST", path, { body: { resource_ids: [DB], period_type: "2", period_num: 1 } }), "period_type");
            expect400(await bss.call("POST", path, { body: { resource_ids: [DB], period_type: 2, period_num: 12 } }), "period_num");
            expect400(await bss.call("POST", path, { body: { resource_ids: [], period_type: 2, period_num: 1 } }), "resource_ids");
            expect400(await bss.call("POST", path, { body: { resource_ids: Array.from({ length: 11 }, (_, i) => `id-${i}`), period_type: 2, period_num: 1 } }), "resource_ids");
            expect400(await bss.call("POST", path, { body: { resource_ids: [DB], period_type: 2, period_num: 1, is_auto_pay: 2 } }), "is_auto_pay");
            expect400(await bss.call("POST", path, { body: { resource_ids: ["x".repeat(65)], period_type: 2, period_num: 1 } }), "resource_ids[0]");
            expect400(await bss.call("POST", path, { body: undefined }), "body");
            expect400(await bss.call("POST", path, { rawBody: "{" }), "JSON");
            expect400(await bss.call("POST", path, { rawBody: "[1]" }), "body");
        });
        it("answers the documented renewal shape", async () => {
            const answer = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { resource_ids: [DB], period_type: 2, period_num: 1 } });
            checkResponse("renew-resources.yaml", answer);
            await bss.call("PUT", "/v2/orders/customer-orders/cancel", { body: { order_id: answer.body.order_ids[0] } });
        });
    });

    describe("orders", () => {
        it("ListCustomerOrders answers the documented fields, newest first, paged", async () => {
            const answer = await bss.call("GET", "/v2/orders/customer-orders", { query: [["limit", "100"]] });
            checkResponse("list-orders.yaml", answer);
            const times = answer.body.order_infos.map((o: any) => o.create_time);
            assert.deepEqual(times, [...times].sort().reverse());
            const ascending = await bss.call("GET", "/v2/orders/customer-orders", { query: [["limit", "100"], ["order_by", "createTime"]] });
            assert.deepEqual(ascending.body.order_infos.map((o: any) => o.order_id), [...answer.body.order_infos.map((o: any) => o.order_id)].reverse());
            const pages = [];
            for (let offset = 0; offset < answer.body.total_count; offset += 2) {
                const page = await bss.call("GET", "/v2/orders/customer-orders", { query: [["offset", String(offset)], ["limit", "2"]] });
                pages.push(...page.body.order_infos.map((o: any) => o.order_id));
            }
            assert.deepEqual(pages, answer.body.order_infos.map((o: any) => o.order_id));
            const pendingOnly = await bss.call("GET", "/v2/orders/customer-orders", { query: [["status", "6"]] });
            assert.deepEqual(pendingOnly.body.order_infos.map((o: any) => o.order_id), [pendingOrder]);
            expect400(await bss.call("GET", "/v2/orders/customer-orders", { query: [["limit", "101"]] }), "limit");
            expect400(await bss.call("GET", "/v2/orders/customer-orders", { query: [["limit", "ten"]] }), "limit");
            expect400(await bss.call("GET", "/v2/orders/customer-orders", { query: [["create_time_begin", "2025-01-01T00:00:00Z"], ["create_time_end", "2026-03-01T00:00:00Z"]] }), "create_time_end");
            expect400(await bss.call("GET", "/v2/orders/customer-orders", { query: [["indirect_partner_id", "reseller"]] }), "reseller", "CBC.99000037");
        });
        it("ShowCustomerOrderDetails pages line items and carries the payment deadline", async () => {
            const answer = await bss.call("GET", `/v2/orders/customer-orders/details/${pendingOrder}`, { query: [["limit", "2"]], headers: { "X-Language": "en_US" } });
            checkResponse("show-order-details.yaml", answer);
            assert.equal(answer.body.total_count, 3);
            assert.equal(answer.body.order_line_items.length, 2);
            assert.equal(answer.body.order_info.pending_payment_end_time, "2026-03-08T00:00:00Z");
            const rest = await bss.call("GET", `/v2/orders/customer-orders/details/${pendingOrder}`, { query: [["offset", "2"], ["limit", "2"]] });
            assert.equal(rest.body.order_line_items.length, 1);
            const unknown = await bss.call("GET", "/v2/orders/customer-orders/details/CS0000000000NOPE");
            assert.equal(unknown.body.error_code, "CBC.30000010");
            expect400(await bss.call("GET", `/v2/orders/customer-orders/details/${pendingOrder}`, { headers: { "X-Language": "fr_FR" } }), "X-Language");
        });
        it("ListOrderDiscounts lists the account's discounts for a pending order", async () => {
            const answer = await bss.call("GET", "/v2/orders/customer-orders/order-discounts", { query: [["order_id", pendingOrder]] });
            checkResponse("list-order-discounts.yaml", answer);
            assert.equal(answer.body.discounts[0].discount_id, "DISC-BUSINESS-01");
            expect400(await bss.call("GET", "/v2/orders/customer-orders/order-discounts"), "order_id");
        });
        it("ShowRefundOrderDetails lists the refund lines of an unsubscription", async () => {
            const answer = await bss.call("GET", "/v2/orders/customer-orders/refund-orders", { query: [["order_id", refundOrder]] });
            checkResponse("show-refund-order-details.yaml", answer);
            assert.equal(answer.body.refund_infos[0].measure_id, "1");
        });
        it("PayOrders validates coupons and discounts, applies them, answers 204", async () => {
            const path = "/v3/orders/customer-orders/pay";
            expect400(await bss.call("POST", path, { body: { order_id: pendingOrder, use_coupon: "MAYBE", use_discount: "NO" } }), "use_coupon");
            expect400(await bss.call("POST", path, { body: { order_id: pendingOrder, use_coupon: "YES", use_discount: "NO" } }), "coupon_infos");
            expect400(await bss.call("POST", path, { body: { order_id: pendingOrder, use_coupon: "NO", use_discount: "NO", coupon_infos: [{ id: "COUPON-CASH-01", type: 301 }] } }), "coupon_infos");
            expect400(await bss.call("POST", path, { body: { order_id: pendingOrder, use_coupon: "YES", use_discount: "NO", coupon_infos: [{ id: "a", type: 301 }, { id: "b", type: 301 }, { id: "c", type: 301 }, { id: "d", type: 301 }] } }), "coupon_infos");
            expect400(await bss.call("POST", path, { body: { order_id: pendingOrder, use_coupon: "YES", use_discount: "NO", coupon_infos: [{ id: "COUPON-CASH-01", type: 299 }] } }), "coupon_infos[0].type");
            assert.equal((await bss.call("POST", path, { body: { order_id: pendingOrder, use_coupon: "NO", use_discount: "YES", discount_infos: [{ id: "NOPE", type: 2 }] } })).body.error_code, "CBC.99003108");
            assert.equal((await bss.call("POST", path, { body: { order_id: "CS0000000000NOPE", use_coupon: "NO", use_discount: "NO" } })).body.error_code, "CBC.30000010");
            const before = emulator.world.order(pendingOrder)!.amountAfterDiscount;
            const paid = await bss.call("POST", path, { body: { order_id: pendingOrder, use_coupon: "YES", use_discount: "YES", coupon_infos: [{ id: "COUPON-CASH-01", type: 301 }], discount_infos: [{ id: "DISC-BUSINESS-01", type: 2 }] } });
            checkResponse("pay-orders.yaml", paid);
            const detail = await bss.call("GET", `/v2/orders/customer-orders/details/${pendingOrder}`);
            assert.equal(detail.body.order_info.status, 5);
            assert.equal(detail.body.order_info.amount_info.coupon_amount, 100);
            assert.equal(detail.body.order_info.amount_after_discount, Math.round(before * 0.9 * 100) / 100);
            const coupon = await bss.call("GET", "/v2/promotions/benefits/coupons", { query: [["coupon_id", "COUPON-CASH-01"]] });
            assert.equal(coupon.body.user_coupons[0].balance, 0);
            assert.equal(coupon.body.user_coupons[0].order_id, pendingOrder);
        });
        it("CancelCustomerOrder answers 204 and validates", async () => {
            const renewal = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { resource_ids: [DB], period_type: 2, period_num: 1 } });
            const answer = await bss.call("PUT", "/v2/orders/customer-orders/cancel", { body: { order_id: renewal.body.order_ids[0] } });
            checkResponse("cancel-order.yaml", answer);
            expect400(await bss.call("PUT", "/v2/orders/customer-orders/cancel", { body: { order_id: "" } }), "order_id");
            expect400(await bss.call("PUT", "/v2/orders/customer-orders/cancel", { body: {} }), "order_id");
        });
    });

    describe("subscription settings", () => {
        it("AutoRenewalResources accepts an empty POST and a body, answers 204", async () => {
            checkResponse("enable-auto-renew.yaml", await bss.call("POST", `/v2/orders/subscriptions/resources/autorenew/${DB}`));
            checkResponse("enable-auto-renew.yaml", await bss.call("POST", `/v2/orders/subscriptions/resources/autorenew/${DB}`, { body: { auto_renew_times: 3 } }));
            assert.equal(emulator.world.resource(DB)!.autoRenewTimes, 3);
            expect400(await bss.call("POST", `/v2/orders/subscriptions/resources/autorenew/${DB}`, { body: { auto_renew_times: 100 } }), "auto_renew_times");
            assert.equal((await bss.call("POST", "/v2/orders/subscriptions/resources/autorenew/unknown-id")).body.error_code, "CBC.99003012");
            expect400(await bss.call("POST", `/v2/orders/subscriptions/resources/autorenew/${"y".repeat(65)}`), "resource_id");
        });
        it("CancelAutoRenewalResources answers 204", async () => {
            checkResponse("disable-auto-renew.yaml", await bss.call("DELETE", `/v2/orders/subscriptions/resources/autorenew/${DB}`));
        });
        it("UpdatePeriodToOnDemand answers error_details", async () => {
            const answer = await bss.call("POST", "/v2/orders/subscriptions/resources/to-on-demand", { body: { operation: "SET_UP", resource_ids: [DB] } });
            checkResponse("set-to-on-demand.yaml", answer);
            assert.deepEqual(answer.body.error_details, []);
            assert.equal(emulator.world.resource(DB)!.expirePolicy, 1);
            await bss.call("POST", "/v2/orders/subscriptions/resources/to-on-demand", { body: { operation: "CANCEL", resource_ids: [DB] } });
            assert.equal(emulator.world.resource(DB)!.expirePolicy, 0);
            expect400(await bss.call("POST", "/v2/orders/subscriptions/resources/to-on-demand", { body: { operation: "ENABLE", resource_ids: [DB] } }), "operation");
        });
        it("SetResourcesRenewConfig answers 200 with CBC.0000", async () => {
            const answer = await bss.call("POST", "/v2/orders/subscriptions/resources/renew/config", { body: { config_name: "EXPIRE_DATE", config_value: "-1" } });
            checkResponse("set-renew-config.yaml", answer);
            assert.deepEqual(answer.body, { error_code: "CBC.0000", error_msg: "success" });
            expect400(await bss.call("POST", "/v2/orders/subscriptions/resources/renew/config", { body: { config_name: "DEDUCTION_DATE", config_value: "9" } }), "config_value");
        });
        it("CancelResourcesSubscription answers order ids and validates", async () => {
            expect400(await bss.call("POST", "/v2/orders/subscriptions/resources/unsubscribe", { body: { resource_ids: [DB], unsubscribe_type: 3 } }), "unsubscribe_type");
            expect400(await bss.call("POST", "/v2/orders/subscriptions/resources/unsubscribe", { body: { resource_ids: [DB], unsubscribe_type: 1, unsubscribe_reason: "x".repeat(513) } }), "unsubscribe_reason");
            const answer = await bss.call("POST", "/v2/orders/subscriptions/resources/unsubscribe", { body: { resource_ids: [DB], unsubscribe_type: 1 } });
            checkResponse("unsubscribe-resources.yaml", answer);
        });
    });

    describe("account", () => {
        it("ShowCustomerAccountBalances lists cash, credit and bonus accounts in the site's currency", async () => {
            const answer = await bss.call("GET", "/v2/accounts/customer-accounts/balances");
            checkResponse("show-account-balances.yaml", answer);
            assert.deepEqual(answer.body.account_balances.map((b: any) => b.account_type), [1, 2, 5]);
            assert.equal(answer.body.account_balances[1].credit_amount, 2000);
            assert.equal(answer.body.currency, "CNY");
            assert.equal(answer.body.measure_id, 1);
        });
        it("ListSubCustomerCoupons answers count and user_coupons, paged, with filters", async () => {
            const answer = await bss.call("GET", "/v2/promotions/benefits/coupons");
            checkResponse("list-coupons.yaml", answer);
            assert.equal(answer.body.count, 3);
            const page = await bss.call("GET", "/v2/promotions/benefits/coupons", { query: [["offset", "1"], ["limit", "1"]] });
            assert.equal(page.body.user_coupons.length, 1);
            assert.equal(page.body.count, 3);
            const expired = await bss.call("GET", "/v2/promotions/benefits/coupons", { query: [["status", "4"]] });
            assert.deepEqual(expired.body.user_coupons.map((c: any) => c.coupon_id), ["COUPON-OLD-01"]);
            const emptyFilter = await bss.call("GET", "/v2/promotions/benefits/coupons", { query: [["coupon_id", ""]] });
            assert.equal(emptyFilter.body.count, 0, "an empty coupon_id is a filter");
            expect400(await bss.call("GET", "/v2/promotions/benefits/coupons", { query: [["coupon_type", "5"]] }), "coupon_type");
        });
        it("CreateEnterpriseProjectAuth answers 204 and is idempotent", async () => {
            checkResponse("enable-enterprise-project.yaml", await bss.call("POST", "/v2/enterprises/enterprise-projects/authority"));
            checkResponse("enable-enterprise-project.yaml", await bss.call("POST", "/v2/enterprises/enterprise-projects/authority"));
        });
    });
});

describe("emulator contract on the international site", () => {
    let emulator: RunningEmulator;
    before(async () => {
        emulator = await startTestEmulator({ site: "intl", demo: true });
    });
    after(() => emulator.close());

    it("uses USD, intl regions and omits the fields reserved on intl", async () => {
        const bss = new SignedCaller(emulator);
        const balances = await bss.call("GET", "/v2/accounts/customer-accounts/balances");
        assert.equal(balances.body.currency, "USD");
        const resources = await bss.call("POST", "/v2/orders/suscriptions/resources/query", { body: { limit: 50 } });
        assert.ok(resources.body.total_count > 0);
        assert.ok(resources.body.data.every((r: any) => !r.region_code.startsWith("cn-")));
        const orders = await bss.call("GET", "/v2/orders/customer-orders");
        checkResponse("list-orders.yaml", orders);
        assert.ok(orders.body.order_infos.every((o: any) => o.currency === "USD" && !("stored_card_amount" in o.amount_info)));
        const quote = await bss.call("POST", "/v2/bills/ratings/period-resources/renew-rate", { body: { resource_ids: [resources.body.data.find((r: any) => r.is_main_resource === 1).resource_id], period_type: 2, period_num: 1 } });
        assert.equal(quote.body.currency, "USD");
    });
});
