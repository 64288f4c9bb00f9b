/**
 * Requests are validated before anything is sent: the error names the field (wire name) and the
 * rule, and no request leaves the process (onRequest never fires).
 */
import * as assert from "node:assert/strict";
import { BssClient, createBssClient, RequestEvent, ValidationError } from "../../provider/bss";

describe("request validation (nothing is sent)", () => {
    const sent: RequestEvent[] = [];
    let client: BssClient;
    before(() => {
        // Port 9 (discard) on loopback: if anything were sent, it would fail with a network error instead.
        client = createBssClient({
            accessKey: "AKVALIDATION00000001",
            secretKey: "validation-secret",
            domainId: "domain-1",
            endpoint: "http://127.0.0.1:9",
            onRequest: (e) => sent.push(e),
        });
    });
    after(() => client.close());
    afterEach(() => assert.deepEqual(sent, [], "a request was sent"));

    async function rejects(call: Promise<unknown>, field: string, rule: RegExp): Promise<ValidationError> {
        const error = await call.then(
            () => assert.fail("expected a ValidationError"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof ValidationError, `got ${String(error)}`);
        assert.equal(error.clientSide, true);
        assert.equal(error.code, "CLIENT.VALIDATION");
        const issue = error.issues.find((i) => i.field === field);
        assert.ok(issue, `no issue for ${field}: ${error.message}`);
        assert.match(issue.rule, rule);
        assert.match(error.message, new RegExp(`${field.replace(/\./g, "\\.")} `));
        assert.match(error.message, /nothing was sent/);
        return error;
    }

    it("renew: at most 10 resource IDs per call", async () => {
        const ids = Array.from({ length: 11 }, (_, i) => `res-${i}`);
        await rejects(client.renewalResources({ resource_ids: ids, period_type: 2, period_num: 1 }), "resource_ids", /at most 10 items/);
    });

    it("renew: years are 1..3, months 1..11", async () => {
        await rejects(client.renewalResources({ resource_ids: ["r"], period_type: 3, period_num: 5 }), "period_num", /1\.\.3 when period_type is 3/);
        await rejects(client.renewalResources({ resource_ids: ["r"], period_type: 2, period_num: 12 }), "period_num", /at most 11/);
        await rejects(client.renewalResources({ resource_ids: ["r"], period_type: 4 as 2, period_num: 1 }), "period_type", /one of 2, 3/);
    });

    it("names a missing required field", async () => {
        await rejects(client.renewalResources({ resource_ids: ["r"], period_type: 2 } as never), "period_num", /is required/);
        await rejects(client.autoRenewalResources({} as never), "resource_id", /is required/);
    });

    it("rejects keys that are not wire names (e.g. camelCase)", async () => {
        await rejects(client.listPayPerUseCustomerResources({ resourceIds: ["r"] } as never), "resourceIds", /not a field of this operation/);
    });

    it("orders: limit is 1..100 and offsets are >= 0", async () => {
        await rejects(client.listCustomerOrders({ limit: 500 }), "limit", /at most 100 \(got 500\)/);
        await rejects(client.listCustomerOrders({ offset: -1 }), "offset", /at least 0/);
        await rejects(client.listCustomerOrders({ limit: 1.5 }), "limit", /integer/);
    });

    it("resource query: at most 50 IDs, limit up to 500", async () => {
        const ids = Array.from({ length: 51 }, (_, i) => `res-${i}`);
        await rejects(client.listPayPerUseCustomerResources({ resource_ids: ids }), "resource_ids", /at most 50 items/);
        await rejects(client.listPayPerUseCustomerResources({ limit: 501 }), "limit", /at most 500/);
        await rejects(client.listPayPerUseCustomerResources({ service_type_code: "" }), "service_type_code", /at least 1 characters/);
    });

    it("UTC times must be yyyy-MM-ddTHH:mm:ssZ without milliseconds; windows at most a year", async () => {
        await rejects(client.listCustomerOrders({ create_time_begin: "2026-01-01T00:00:00.000Z" }), "create_time_begin", /yyyy-MM-ddTHH:mm:ssZ/);
        await rejects(client.listCustomerOrders({ create_time_begin: "2024-01-01T00:00:00Z", create_time_end: "2026-01-01T00:00:00Z" }), "create_time_end", /at most one year/);
        await rejects(client.listPayPerUseCustomerResources({ expire_time_begin: "tomorrow" }), "expire_time_begin", /yyyy-MM-ddTHH:mm:ssZ/);
    });

    it("bill cycles are YYYY-MM and bill dates YYYY-MM-DD", async () => {
        await rejects(client.listCustomerselfResourceRecords({ cycle: "2026-13" }), "cycle", /YYYY-MM/);
        await rejects(client.listCustomerselfResourceRecords({ cycle: "2026-05", bill_date_begin: "2026-05-01" }), "bill_date_end", /together/);
        await rejects(client.showCustomerMonthlySum({ bill_cycle: "2026-05", limit: 1001 }), "limit", /at most 1000/);
    });

    it("pay: YES/NO flags, coupons required with YES and absent with NO, at most 3 coupons", async () => {
        await rejects(client.payOrders({ order_id: "o", use_coupon: "yes" as "YES", use_discount: "NO" }), "use_coupon", /one of "YES", "NO"/);
        await rejects(client.payOrders({ order_id: "o", use_coupon: "YES", use_discount: "NO" }), "coupon_infos", /required .* when use_coupon is YES/);
        await rejects(client.payOrders({ order_id: "o", use_coupon: "NO", use_discount: "NO", discount_infos: [{ id: "d", type: 2 }] }), "discount_infos", /absent when use_discount is NO/);
        const coupons = Array.from({ length: 4 }, (_, i) => ({ id: `c${i}`, type: 301 as const }));
        await rejects(client.payOrders({ order_id: "o", use_coupon: "YES", use_discount: "NO", coupon_infos: coupons }), "coupon_infos", /at most 3 items/);
        await rejects(client.payOrders({ order_id: "o", use_coupon: "YES", use_discount: "NO", coupon_infos: [{ id: "c", type: 299 as 300 }] }), "coupon_infos.0.type", /one of 300, 301, 302, 303/);
    });

    it("renewal price: duplicate IDs are refused", async () => {
        await rejects(client.listRenewRateOnPeriod({ resource_ids: ["a", "a"], period_type: 2, period_num: 1 }), "resource_ids", /duplicates/);
    });

    it("auto-renew: auto_renew_times 0..99", async () => {
        await rejects(client.autoRenewalResources({ resource_id: "r", auto_renew_times: 100 }), "auto_renew_times", /at most 99/);
    });

    it("renew config: value rules depend on the setting", async () => {
        await rejects(client.setResourcesRenewConfig({ config_name: "DEDUCTION_DATE", config_value: "9" }), "config_value", /'2'\.\.'7'/);
        await rejects(client.setResourcesRenewConfig({ config_name: "EXPIRE_DATE", config_value: "29" }), "config_value", /'1'\.\.'28' or '-1'/);
    });

    it("fund moves: amounts are decimal strings > 0 with at most 2 decimals", async () => {
        await rejects(client.updateSubEnterpriseAmount({ customer_id: "m", amount: "10.005" }), "amount", /at most 2 decimals/);
        await rejects(client.reclaimSubEnterpriseAmount({ customer_id: "m", amount: "0" }), "amount", /> 0/);
        await rejects(client.updateSubEnterpriseAmount({ customer_id: "m", amount: "1", trans_id: "x".repeat(33) }), "trans_id", /at most 32 characters/);
    });

    it("to-on-demand: SET_UP or CANCEL, 1..100 IDs", async () => {
        await rejects(client.updatePeriodToOnDemand({ operation: "ON" as "SET_UP", resource_ids: ["r"] }), "operation", /one of "SET_UP", "CANCEL"/);
        await rejects(client.updatePeriodToOnDemand({ operation: "SET_UP", resource_ids: [] }), "resource_ids", /at least 1 items/);
    });

    it("costs: nested fields are named by their path", async () => {
        await rejects(
            client.listCosts({
                time_condition: { time_measure_id: 3 as 1, begin_time: "2026-01-01", end_time: "2026-01-31" },
                groupby: [],
                cost_type: "ORIGINAL_COST",
                amount_type: "PAYMENT_AMOUNT",
            }),
            "time_condition.time_measure_id",
            /one of 1, 2/,
        );
    });

    it("the X-Language header takes zh_CN or en_US", async () => {
        await rejects(client.showCustomerOrderDetails({ order_id: "o", "X-Language": "fr_FR" as "en_US" }), "X-Language", /one of "zh_CN", "en_US"/);
    });

    it("reports all problems of a request at once", async () => {
        const error = await rejects(client.listCustomerOrders({ limit: 0, offset: -5, status: 7 as 1 }), "limit", /at least 1/);
        assert.deepEqual(error.issues.map((i) => i.field).sort(), ["limit", "offset", "status"]);
    });
});
