/**
 * After a month of activity, every bill and cost view of that month tells the same story
 * (README-billing.md, "How the bill APIs and the cost API reconcile"):
 * resource bills (res-records, res-fee-records, both aggregations) add up exactly; the summary's consume
 * amount is that total minus the erased (truncated) residue; transaction bills equal the summary;
 * ListCosts equals the summary; amortised breakdown rows split each charge exactly.
 */
import assert from "node:assert/strict";
import { allPages, BillingHarness, buildMonthOfActivity, MonthOfActivity, startBillingEmulator, sumUnits, units } from "./harness";

for (const site of ["cn", "intl"] as const) {
    describe(`billing reconciliation over a month of activity (${site})`, function () {
        this.timeout(20000);
        let harness: BillingHarness;
        let activity: MonthOfActivity;

        before(async () => {
            harness = await startBillingEmulator({ site });
            activity = buildMonthOfActivity(harness);
        });
        after(() => harness.close());

        const resRecords = (statisticType: number) =>
            allPages(
                harness,
                (offset, limit) =>
                    harness.call("POST", "/v2/bills/customer-bills/res-records/query", { body: { cycle: activity.month, statistic_type: statisticType, offset, limit } }),
                "monthly_records",
            );
        const resFeeRecords = (statisticType: number) =>
            allPages(
                harness,
                (offset, limit) =>
                    harness.call("GET", "/v2/bills/customer-bills/res-fee-records", { query: { cycle: activity.month, statistic_type: statisticType, offset, limit } }),
                "fee_records",
            );
        const monthlySum = async () => {
            const reply = await harness.call("GET", "/v2/bills/customer-bills/monthly-sum", { query: { bill_cycle: activity.month, limit: 1000 } });
            assert.equal(reply.status, 200);
            assert.equal(reply.body.bill_sums.length, reply.body.total_count);
            return reply.body;
        };
        const costs = async (body: Record<string, unknown>) => {
            const reply = await harness.call("POST", "/v4/costs/cost-analysed-bills/query", { body: { groupby: [], limit: 1000, ...body } });
            assert.equal(reply.status, 200, JSON.stringify(reply.body));
            return reply.body;
        };

        it("has a month with purchases, a renewal, an auto-renewal, a refund and pay-per-use usage", async () => {
            const lines = await resFeeRecords(3);
            const billTypes = new Set(lines.map((line) => line.bill_type));
            for (const billType of [1, 2, 4, 5, 8]) assert.ok(billTypes.has(billType), `bill type ${billType} present`);
            assert.ok(lines.some((line) => units(line.amount) < 0n), "the refund is negative");
            assert.ok(lines.some((line) => units(line.coupon_amount) > 0n), "the renewal used the coupon");
        });

        it("resource bills add up to the same amount in every aggregation", async () => {
            const detail = await resFeeRecords(3);
            const expected = sumUnits(detail.map((record) => record.amount));
            assert.notEqual(expected, 0n);
            assert.equal(sumUnits((await resFeeRecords(1)).map((record) => record.amount)), expected, "res-fee-records per month");
            for (const statisticType of [1, 2, 3]) {
                assert.equal(sumUnits((await resRecords(statisticType)).map((record) => record.consume_amount)), expected, `res-records statistic_type ${statisticType}`);
            }
        });

        it("every resource line is paid exactly by its payment split and priced as list minus discount", async () => {
            for (const record of await resFeeRecords(3)) {
                const parts = ["cash_amount", "credit_amount", "coupon_amount", "flexipurchase_coupon_amount", "stored_card_amount", "bonus_amount", "debt_amount", "adjustment_amount"];
                assert.equal(sumUnits(parts.map((part) => record[part])), units(record.amount), `split of ${String(record.id)}`);
                assert.equal(units(record.official_amount) - units(record.discount_amount), units(record.amount));
                const formulaValue = String(record.formula).split("=").pop()!.trim();
                assert.equal(units(formulaValue), units(record.amount) - units(record.coupon_amount), "formula ends in amount - coupon");
            }
        });

        it("the summary's consume amount is the resource total minus the erased residue, at cents", async () => {
            const summary = await monthlySum();
            const resourceTotal = sumUnits((await resRecords(1)).map((record) => record.consume_amount));
            const rows = summary.bill_sums as Record<string, unknown>[];
            const truncated = sumUnits(rows.map((row) => row.truncated_amount));
            assert.ok(truncated > 0n, "pay-per-use usage left sub-cent residues");
            assert.ok(truncated < 100000000n, "the residue stays below one currency unit");
            assert.equal(units(summary.consume_amount), resourceTotal - truncated);
            assert.equal(sumUnits(rows.map((row) => row.consume_amount)), units(summary.consume_amount));
            for (const row of rows) {
                assert.equal(units(row.consume_amount) % 1000000n, 0n, "summary amounts are whole cents");
                assert.equal(units(row.official_amount) - units(row.official_discount_amount) - units(row.truncated_amount), units(row.consume_amount));
                const parts = ["cash_amount", "credit_amount", "coupon_amount", "flexipurchase_coupon_amount", "stored_value_card_amount", "debt_amount", "writeoff_amount"];
                assert.equal(sumUnits(parts.map((part) => row[part])), units(row.consume_amount), "summary payment split");
            }
            assert.ok(rows.some((row) => row.bill_type === 2 && units(row.consume_amount) < 0n), "a refund row nets the total");
            assert.equal(units(summary.coupon_amount), sumUnits(rows.map((row) => row.coupon_amount)));
        });

        it("ListCosts original payable cost equals the summary, by month and by day", async () => {
            const summary = await monthlySum();
            const byMonth = await costs({ time_condition: { time_measure_id: 2, begin_time: activity.month, end_time: activity.month }, cost_type: "ORIGINAL_COST", amount_type: "PAYMENT_AMOUNT" });
            assert.equal(byMonth.total_count, 1);
            assert.equal(units(byMonth.cost_data[0].amount_by_costs), units(summary.consume_amount));
            const byDay = await costs({
                time_condition: { time_measure_id: 1, begin_time: `${activity.month}-01`, end_time: `${activity.month}-31` },
                groupby: [{ type: "dimension", key: "CLOUD_SERVICE_TYPE" }],
                cost_type: "ORIGINAL_COST",
                amount_type: "PAYMENT_AMOUNT",
            });
            const dayCells = (byDay.cost_data as { costs: { amount: string }[] }[]).flatMap((row) => row.costs.map((cost) => cost.amount));
            assert.equal(sumUnits(dayCells), units(summary.consume_amount));
            const perService = (summary.bill_sums as Record<string, unknown>[]).reduce((map, row) => {
                map.set(String(row.service_type_code), (map.get(String(row.service_type_code)) ?? 0n) + units(row.consume_amount));
                return map;
            }, new Map<string, bigint>());
            for (const row of byDay.cost_data as { dimensions: { value: string }[]; amount_by_costs: string }[]) {
                assert.equal(units(row.amount_by_costs), perService.get(row.dimensions[0].value), `service ${row.dimensions[0].value}`);
            }
        });

        it("NET_AMOUNT leaves out what coupons paid", async () => {
            const summary = await monthlySum();
            const net = await costs({ time_condition: { time_measure_id: 2, begin_time: activity.month, end_time: activity.month }, cost_type: "ORIGINAL_COST", amount_type: "NET_AMOUNT" });
            const couponLike = units(summary.coupon_amount) + units(summary.flexipurchase_coupon_amount) + units(summary.stored_value_card_amount);
            assert.ok(couponLike > 0n);
            assert.equal(units(net.cost_data[0].amount_by_costs), units(summary.consume_amount) - couponLike);
        });

        it("amortised cost spreads prepaid charges without losing a cent over their whole service periods", async () => {
            const range = { time_measure_id: 2, begin_time: "2025-01", end_time: "2028-12" };
            const original = await costs({ time_condition: range, cost_type: "ORIGINAL_COST", amount_type: "PAYMENT_AMOUNT" });
            const amortized = await costs({ time_condition: range, cost_type: "AMORTIZED_COST", amount_type: "PAYMENT_AMOUNT" });
            assert.equal(units(amortized.cost_data[0].amount_by_costs), units(original.cost_data[0].amount_by_costs));
            const months = (amortized.cost_data[0].costs as { time_dimension_value: string }[]).map((cost) => cost.time_dimension_value);
            assert.ok(months.length > 3, "a yearly charge lands in many months");
        });

        if (site === "cn") {
            it("transaction bills (fee-records) equal the summary and carry the erased residue", async () => {
                const summary = await monthlySum();
                const records = await allPages(
                    harness,
                    (offset, limit) => harness.call("GET", "/v2/bills/customer-bills/fee-records", { query: { bill_cycle: activity.month, offset, limit } }),
                    "records",
                );
                assert.equal(sumUnits(records.map((record) => record.consume_amount)), units(summary.consume_amount));
                assert.equal(
                    sumUnits(records.map((record) => record.erase_amount)),
                    sumUnits((summary.bill_sums as Record<string, unknown>[]).map((row) => row.truncated_amount)),
                );
                for (const record of records) {
                    assert.equal(units(record.official_amount), units(record.official_discount_amount) + units(record.erase_amount) + units(record.consume_amount));
                }
            });

            it("the amortised breakdown splits every charge into past + current + future and matches amortised cost", async () => {
                const details = await allPages(
                    harness,
                    (offset, limit) => harness.call("GET", "/v2/costs/cost-analysed-bills/monthly-breakdown", { query: { shared_month: activity.month, offset, limit } }),
                    "details",
                );
                assert.ok(details.some((row) => units(row.future_months_amortized_amount) > 0n), "the yearly database still has months to amortise");
                for (const row of details) {
                    assert.equal(
                        units(row.past_months_amortized_amount) + units(row.current_month_amortized_amount) + units(row.future_months_amortized_amount),
                        units(row.consume_amount),
                    );
                }
                const amortized = await costs({ time_condition: { time_measure_id: 2, begin_time: activity.month, end_time: activity.month }, cost_type: "AMORTIZED_COST", amount_type: "PAYMENT_AMOUNT" });
                assert.equal(sumUnits(details.map((row) => row.current_month_amortized_amount)), units(amortized.cost_data[0].amount_by_costs));
            });
        }
    });
}
