/** Contract of the bill and cost operations: status, documented wire names and types, paging, filters, errors. */
import assert from "node:assert/strict";
import { allPages, assertDocumentedShape, BillingHarness, buildMonthOfActivity, MonthOfActivity, startBillingEmulator, sumUnits, units } from "./harness";

describe("billing contract: bills and costs", function () {
    this.timeout(20000);
    let harness: BillingHarness;
    let intl: BillingHarness;
    let activity: MonthOfActivity;

    before(async () => {
        harness = await startBillingEmulator();
        activity = buildMonthOfActivity(harness);
        intl = await startBillingEmulator({ site: "intl" });
    });
    after(async () => {
        await harness.close();
        await intl.close();
    });

    describe("ShowCustomerMonthlySum GET /v2/bills/customer-bills/monthly-sum", () => {
        const path = "/v2/bills/customer-bills/monthly-sum";

        it("answers 200 with the documented fields and totals over all rows, not the page", async () => {
            const all = await harness.call("GET", path, { query: { bill_cycle: activity.month, limit: 1000 } });
            assert.equal(all.status, 200);
            assertDocumentedShape("ShowCustomerMonthlySum", all.body, ["total_count", "bill_sums", "consume_amount", "currency", "measure_id"]);
            assert.equal(all.body.currency, "CNY");
            assert.ok(all.body.total_count >= 4);
            const page = await harness.call("GET", path, { query: { bill_cycle: activity.month, offset: 2, limit: 2 } });
            assert.deepEqual(page.body.bill_sums, all.body.bill_sums.slice(2, 4), "offset is a 0-based record offset");
            assert.equal(page.body.total_count, all.body.total_count);
            assert.equal(page.body.consume_amount, all.body.consume_amount);
            const first = await harness.call("GET", path, { query: { bill_cycle: activity.month } });
            assert.equal(first.body.bill_sums.length, Math.min(10, all.body.total_count), "default limit 10");
        });

        it("names services in Chinese by default on the Chinese site and in English on request", async () => {
            const query = { bill_cycle: activity.month, service_type_code: "hws.service.type.ec2", limit: 1 };
            const chinese = await harness.call("GET", path, { query });
            assert.equal(chinese.body.bill_sums[0].service_type_name, "弹性云服务器");
            const english = await harness.call("GET", path, { query, headers: { "X-Language": "en_US" } });
            assert.equal(english.body.bill_sums[0].service_type_name, "Elastic Cloud Server");
            assert.equal(english.body.bill_sums[0].service_type_code, chinese.body.bill_sums[0].service_type_code);
        });

        it("filters by service type and enterprise project", async () => {
            const ecs = await harness.call("GET", path, { query: { bill_cycle: activity.month, service_type_code: "hws.service.type.ec2", limit: 100 } });
            assert.ok(ecs.body.bill_sums.length > 0);
            assert.ok(ecs.body.bill_sums.every((row: { service_type_code: string }) => row.service_type_code === "hws.service.type.ec2"));
            const batch = await harness.call("GET", path, { query: { bill_cycle: activity.month, enterprise_project_id: "ep-batch", limit: 100 } });
            assert.equal(batch.body.total_count, 1, "only the pay-per-use ECS is in ep-batch");
            assert.equal(batch.body.bill_sums[0].charging_mode, 3);
        });

        it("rejects a bad cycle, a limit above 1000 and sub_customer without a member id", async () => {
            for (const query of [{ bill_cycle: "2026-3" }, { bill_cycle: activity.month, limit: 1001 }, { bill_cycle: activity.month, method: "sub_customer" }]) {
                const reply = await harness.call("GET", path, { query });
                assert.equal(reply.status, 400, JSON.stringify(query));
                assert.equal(reply.body.error_code, "CBC.0100");
            }
        });

        it("is an empty month with totals of 0 before anything happened", async () => {
            const reply = await intl.call("GET", path, { query: { bill_cycle: "2026-03" } });
            assert.equal(reply.status, 200);
            assert.equal(reply.body.total_count, 0);
            assert.equal(reply.body.consume_amount, 0);
            assert.equal(reply.body.currency, "USD");
        });
    });

    describe("ListCustomerselfResourceRecordDetails POST /v2/bills/customer-bills/res-records/query", () => {
        const path = "/v2/bills/customer-bills/res-records/query";

        it("returns per-month rows with the capital-T resource_Type_code and integer codes", async () => {
            const reply = await harness.call("POST", path, { body: { cycle: activity.month, limit: 1000 } });
            assert.equal(reply.status, 200);
            assertDocumentedShape("ListCustomerselfResourceRecordDetails", reply.body, ["monthly_records", "total_count", "currency"]);
            const record = reply.body.monthly_records[0];
            assert.ok("resource_Type_code" in record && !("resource_type_code" in record));
            assert.equal(typeof record.charge_mode, "number");
            assert.equal(record.bill_date, undefined, "bill_date only with statistic_type 2");
            const ids = reply.body.monthly_records.map((r: { res_instance_id: string; bill_type: number }) => `${r.res_instance_id}/${r.bill_type}`);
            assert.equal(new Set(ids).size, ids.length, "one row per resource and bill type");
        });

        it("statistic_type 2 has one row per day with bill_date, 3 the charge lines with their times", async () => {
            const daily = await harness.call("POST", path, { body: { cycle: activity.month, statistic_type: 2, res_instance_id: activity.payPerUse.resourceId, limit: 100 } });
            assert.equal(daily.body.total_count, 31, "31 days of usage in March");
            assert.ok(daily.body.monthly_records.every((r: { bill_date: string }) => r.bill_date.startsWith(activity.month)));
            const detail = await harness.call("POST", path, { body: { cycle: activity.month, statistic_type: 3, limit: 5 } });
            const line = detail.body.monthly_records[0];
            for (const field of ["trade_id", "id", "effective_time", "expire_time", "consume_time"]) assert.ok(field in line, field);
        });

        it("DAILY narrows to a date range and needs statistic_type 2 or 3", async () => {
            const body = { cycle: activity.month, statistic_type: 2, query_type: "DAILY", bill_cycle_begin: "2026-03-05", bill_cycle_end: "2026-03-06", res_instance_id: activity.payPerUse.resourceId };
            const reply = await harness.call("POST", path, { body });
            assert.deepEqual(
                reply.body.monthly_records.map((r: { bill_date: string }) => r.bill_date),
                ["2026-03-05", "2026-03-06"],
            );
            const refused = await harness.call("POST", path, { body: { ...body, statistic_type: 1 } });
            assert.equal(refused.status, 400);
            const outside = await harness.call("POST", path, { body: { ...body, bill_cycle_end: "2026-04-02" } });
            assert.equal(outside.status, 400);
        });

        it("filters by charge mode and bill type, and refuses cycles before 2019-01", async () => {
            const ppu = await harness.call("POST", path, { body: { cycle: activity.month, charge_mode: 3, limit: 100 } });
            assert.ok(ppu.body.total_count > 0 && ppu.body.monthly_records.every((r: { charge_mode: number }) => r.charge_mode === 3));
            const refunds = await harness.call("POST", path, { body: { cycle: activity.month, bill_type: 4, limit: 100 } });
            assert.equal(refunds.body.total_count, 1);
            assert.ok(units(refunds.body.monthly_records[0].consume_amount) < 0n);
            const old = await harness.call("POST", path, { body: { cycle: "2018-12" } });
            assert.equal(old.status, 400);
        });
    });

    describe("ListCustomerselfResourceRecords GET /v2/bills/customer-bills/res-fee-records", () => {
        const path = "/v2/bills/customer-bills/res-fee-records";

        it("defaults to detail records with string charge_mode/period_type, id and formula", async () => {
            const reply = await harness.call("GET", path, { query: { cycle: activity.month } });
            assert.equal(reply.status, 200);
            assertDocumentedShape("ListCustomerselfResourceRecords", reply.body, ["fee_records", "total_count", "currency"]);
            const record = reply.body.fee_records[0];
            assert.equal(typeof record.charge_mode, "string");
            assert.equal(typeof record.period_type, "string");
            assert.ok(record.id && record.formula && record.bill_date);
            assert.equal(reply.body.fee_records.length, 10);
        });

        it("statistic_type 1 aggregates a month per resource without id or formula", async () => {
            const reply = await harness.call("GET", path, { query: { cycle: activity.month, statistic_type: 1, resource_id: activity.payPerUse.resourceId } });
            assert.equal(reply.body.total_count, 1);
            const [row] = reply.body.fee_records;
            assert.equal(row.id, undefined);
            assert.equal(row.formula, undefined);
            const detail = await allPages(
                harness,
                (offset, limit) => harness.call("GET", path, { query: { cycle: activity.month, resource_id: activity.payPerUse.resourceId, offset, limit } }),
                "fee_records",
            );
            assert.equal(units(row.amount), sumUnits(detail.map((record) => record.amount)));
        });

        it("honours bill_date windows only inside the cycle and only as a pair", async () => {
            const windowed = await harness.call("GET", path, {
                query: { cycle: activity.month, resource_id: activity.payPerUse.resourceId, bill_date_begin: "2026-03-10", bill_date_end: "2026-03-12", limit: 100 },
            });
            assert.equal(windowed.body.total_count, 3);
            const halfPair = await harness.call("GET", path, { query: { cycle: activity.month, resource_id: activity.payPerUse.resourceId, bill_date_begin: "2026-03-10" } });
            assert.equal(halfPair.body.total_count, 31, "one bound alone is ignored");
            const outside = await harness.call("GET", path, { query: { cycle: activity.month, bill_date_begin: "2026-02-27", bill_date_end: "2026-03-02" } });
            assert.equal(outside.status, 400);
            assert.equal(outside.body.error_code, "CBC.0100");
        });

        it("filters by trade id, charge mode (a string) and an empty region (matches nothing)", async () => {
            const detail = await harness.call("GET", path, { query: { cycle: activity.month, charge_mode: "1", limit: 1000 } });
            assert.ok(detail.body.fee_records.every((r: { charge_mode: string }) => r.charge_mode === "1"));
            const tradeId = detail.body.fee_records[0].trade_id;
            const byTrade = await harness.call("GET", path, { query: { cycle: activity.month, trade_id: tradeId, limit: 1000 } });
            assert.ok(byTrade.body.total_count >= 1 && byTrade.body.fee_records.every((r: { trade_id: string }) => r.trade_id === tradeId));
            const emptyRegion = await harness.call("GET", path, { query: { cycle: activity.month, region: "" } });
            assert.equal(emptyRegion.body.total_count, 0);
        });
    });

    describe("QueryResRecordsV1 GET /v1.0/{domain_id}/customer/account-mgr/bill/res-records", () => {
        it("answers camelCase records with totalCount and a 1-based page number", async () => {
            const domainId = harness.emulator.defaultCredential.domainId;
            const path = `/v1.0/${domainId}/customer/account-mgr/bill/res-records`;
            const all = await harness.call("GET", path, { query: { cycle: activity.month, payMethod: "0", offset: 1, limit: 100 } });
            assert.equal(all.status, 200);
            assertDocumentedShape("QueryResRecordsV1", all.body, ["currency", "totalCount", "monthlyRecords"]);
            assert.ok(all.body.monthlyRecords.every((r: { payMethod: string }) => r.payMethod === "0"));
            const second = await harness.call("GET", path, { query: { cycle: activity.month, payMethod: "0", offset: 2, limit: 2 } });
            assert.deepEqual(second.body.monthlyRecords, all.body.monthlyRecords.slice(2, 4));
            const ppu = await harness.call("GET", path, { query: { cycle: activity.month, payMethod: "1", offset: 1, limit: 100 } });
            const v2 = await harness.call("POST", "/v2/bills/customer-bills/res-records/query", { body: { cycle: activity.month, charge_mode: 3, limit: 100 } });
            assert.equal(sumUnits(ppu.body.monthlyRecords.map((r: { consumeAmount: number }) => r.consumeAmount)), sumUnits(v2.body.monthly_records.map((r: { consume_amount: number }) => r.consume_amount)));
        });

        it("refuses another account's domain id and a page number of 0", async () => {
            const other = await harness.call("GET", "/v1.0/someone-else/customer/account-mgr/bill/res-records", { query: { cycle: activity.month, payMethod: "0", offset: 1, limit: 10 } });
            assert.equal(other.status, 403);
            assert.equal(other.body.error_code, "CBC.0151");
            const domainId = harness.emulator.defaultCredential.domainId;
            const zero = await harness.call("GET", `/v1.0/${domainId}/customer/account-mgr/bill/res-records`, { query: { cycle: activity.month, payMethod: "0", offset: 0, limit: 10 } });
            assert.equal(zero.status, 400);
        });
    });

    describe("ListCustomerBillsFeeRecords GET /v2/bills/customer-bills/fee-records (bss only)", () => {
        const path = "/v2/bills/customer-bills/fee-records";
        it("lists deduction transactions at cents with the documented fields", async () => {
            const reply = await harness.call("GET", path, { query: { bill_cycle: activity.month, limit: 1000 } });
            assert.equal(reply.status, 200);
            assertDocumentedShape("ListCustomerBillsFeeRecords", reply.body, ["total_count", "records", "currency"]);
            for (const record of reply.body.records) {
                assert.equal(units(record.consume_amount) % 1000000n, 0n, "cents");
                assert.ok([1, 2].includes(record.status));
            }
            const orders = reply.body.records.filter((r: { bill_type: number }) => r.bill_type === 1);
            assert.ok(orders.length > 0);
            const filtered = await harness.call("GET", path, { query: { bill_cycle: activity.month, charging_mode: 3, limit: 1000 } });
            assert.ok(filtered.body.records.every((r: { charging_mode: number }) => r.charging_mode === 3));
        });
        it("does not exist on the international site", async () => {
            const reply = await intl.call("GET", path, { query: { bill_cycle: "2026-03" } });
            assert.equal(reply.status, 404);
        });
    });

    describe("ListCustomerBillsMonthlyBreakDown GET /v2/costs/cost-analysed-bills/monthly-breakdown (bss only)", () => {
        const path = "/v2/costs/cost-analysed-bills/monthly-breakdown";
        it("lists amortised rows with the documented fields; a yearly charge still has future months", async () => {
            const reply = await harness.call("GET", path, { query: { shared_month: "2026-02", limit: 100 } });
            assert.equal(reply.status, 200);
            assertDocumentedShape("ListCustomerBillsMonthlyBreakDown", reply.body, ["total_count", "details", "currency"]);
            const dcs = reply.body.details.find((row: { resource_id: string }) => row.resource_id === activity.autoRenewed.resourceId);
            assert.ok(dcs, "the DCS bought on Feb 15 is amortised in February");
            assert.ok(units(dcs.future_months_amortized_amount) > 0n, "half of it falls into March");
            assert.equal(units(dcs.past_months_amortized_amount), 0n);
        });
        it("does not exist on the international site", async () => {
            const reply = await intl.call("GET", path, { query: { shared_month: "2026-03" } });
            assert.equal(reply.status, 404);
        });
    });

    describe("ListCosts POST /v4/costs/cost-analysed-bills/query", () => {
        const path = "/v4/costs/cost-analysed-bills/query";
        const month = { time_measure_id: 2, begin_time: "2026-03", end_time: "2026-03" };

        it("groups by up to two dimensions, pages rows and returns amounts as strings", async () => {
            const body = { time_condition: month, groupby: [{ type: "dimension", key: "RESOURCE_ID" }, { type: "dimension", key: "CHARGING_MODE" }], cost_type: "ORIGINAL_COST", amount_type: "PAYMENT_AMOUNT", limit: 1000 };
            const all = await harness.call("POST", path, { body });
            assert.equal(all.status, 200);
            assertDocumentedShape("ListCosts", all.body, ["currency", "total_count", "cost_data"]);
            const row = all.body.cost_data[0];
            assert.deepEqual(row.dimensions.map((d: { key: string }) => d.key), ["RESOURCE_ID", "CHARGING_MODE"]);
            assert.equal(typeof row.amount_by_costs, "string");
            const page = await harness.call("POST", path, { body: { ...body, offset: 1, limit: 2 } });
            assert.deepEqual(page.body.cost_data, all.body.cost_data.slice(1, 3));
            assert.equal(page.body.total_count, all.body.total_count);
        });

        it("includes or excludes by filter", async () => {
            const base = { time_condition: month, groupby: [{ type: "dimension", key: "CLOUD_SERVICE_TYPE" }], cost_type: "ORIGINAL_COST", amount_type: "PAYMENT_AMOUNT", limit: 100 };
            const only = await harness.call("POST", path, { body: { ...base, filters: [{ operator: 0, filter_factor: { key: "CLOUD_SERVICE_TYPE", value: ["hws.service.type.ec2"] } }] } });
            assert.deepEqual(only.body.cost_data.map((r: { dimensions: { value: string }[] }) => r.dimensions[0].value), ["hws.service.type.ec2"]);
            const without = await harness.call("POST", path, { body: { ...base, filters: [{ operator: 1, filter_factor: { key: "CLOUD_SERVICE_TYPE", value: ["hws.service.type.ec2"] } }] } });
            assert.ok(without.body.cost_data.every((r: { dimensions: { value: string }[] }) => r.dimensions[0].value !== "hws.service.type.ec2"));
            const all = await harness.call("POST", path, { body: base });
            assert.equal(sumUnits([...only.body.cost_data, ...without.body.cost_data].map((r: { amount_by_costs: string }) => r.amount_by_costs)), sumUnits(all.body.cost_data.map((r: { amount_by_costs: string }) => r.amount_by_costs)));
            const tagged = await harness.call("POST", path, { body: { ...base, filters: [{ operator: 0, filter_factor: { key: "RESOURCE_TAG", value: ["team:web"] } }] } });
            assert.deepEqual(tagged.body.cost_data.map((r: { dimensions: { value: string }[] }) => r.dimensions[0].value), ["hws.service.type.ec2"]);
        });

        it("groups by a tag key (free text), while a dimension key must be one of the documented dimensions", async () => {
            const base = { time_condition: month, cost_type: "ORIGINAL_COST", amount_type: "PAYMENT_AMOUNT", limit: 100 };
            const byTag = await harness.call("POST", path, { body: { ...base, groupby: [{ type: "tag", key: "team" }] } });
            assert.equal(byTag.status, 200, JSON.stringify(byTag.body));
            const values = byTag.body.cost_data.map((r: { dimensions: { key: string; value: string }[] }) => `${r.dimensions[0].key}=${r.dimensions[0].value}`);
            assert.ok(values.includes("team=web"), values.join(", "));
            assert.ok(values.includes("team="), "untagged charges form their own row");
            const total = await harness.call("POST", path, { body: { ...base, groupby: [] } });
            assert.equal(sumUnits(byTag.body.cost_data.map((r: { amount_by_costs: string }) => r.amount_by_costs)), sumUnits(total.body.cost_data.map((r: { amount_by_costs: string }) => r.amount_by_costs)));
            const mixed = await harness.call("POST", path, { body: { ...base, groupby: [{ type: "dimension", key: "CLOUD_SERVICE_TYPE" }, { type: "tag", key: "team" }] } });
            assert.equal(mixed.status, 200);
            const badDimension = await harness.call("POST", path, { body: { ...base, groupby: [{ type: "dimension", key: "team" }] } });
            assert.equal(badDimension.status, 400);
            assert.equal(badDimension.body.error_code, "CBC.0100");
            assert.match(badDimension.body.error_msg, /groupby\[0\]\.key must be one of CLOUD_SERVICE_TYPE/);
            const badType = await harness.call("POST", path, { body: { ...base, groupby: [{ type: "label", key: "team" }] } });
            assert.match(badType.body.error_msg, /groupby\[0\]\.type must be one of dimension, tag, cost_unit/);
        });

        it("refuses time ranges in the wrong format or backwards, and two groupings by tag", async () => {
            const base = { groupby: [], cost_type: "ORIGINAL_COST", amount_type: "PAYMENT_AMOUNT" };
            for (const time_condition of [
                { time_measure_id: 1, begin_time: "2026-03", end_time: "2026-03" },
                { time_measure_id: 2, begin_time: "2026-04", end_time: "2026-03" },
            ]) {
                const reply = await harness.call("POST", path, { body: { ...base, time_condition } });
                assert.equal(reply.status, 400, JSON.stringify(time_condition));
                assert.equal(reply.body.error_code, "CBC.0100");
            }
            const twoTags = await harness.call("POST", path, { body: { ...base, time_condition: month, groupby: [{ type: "tag", key: "CLOUD_SERVICE_TYPE" }, { type: "tag", key: "RESOURCE_ID" }] } });
            assert.equal(twoTags.status, 400);
        });
    });
});
