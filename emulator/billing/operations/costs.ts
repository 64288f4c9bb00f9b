/** ListCosts (cost analysis v4) over the caller's ledger and, for an enterprise master, its members'. */
import { bodyOf, fail, ok, OperationDef, pageOf } from "../../operation";
import { isDate, isMonth } from "../../time";
import { computeCosts, COST_DIMENSIONS, CostDimension, CostFilter, CostFilterKey, CostGroupBy, CostQuery } from "../costs";
import { billAccounts, billLinesOf, bodyInteger } from "./common";

/** Longest range one query may cover, in buckets (about 3 years of days, 10 years of months). */
const MAX_DAY_BUCKETS = 1100;
const MAX_MONTH_BUCKETS = 120;

function parseCostQuery(body: Record<string, unknown>): CostQuery {
    const time = body.time_condition as { time_measure_id: number; begin_time: string; end_time: string };
    const timeMeasureId = time.time_measure_id as 1 | 2;
    const valid = timeMeasureId === 1 ? isDate : isMonth;
    const format = timeMeasureId === 1 ? "YYYY-MM-DD" : "YYYY-MM";
    for (const [name, value] of [["begin_time", time.begin_time], ["end_time", time.end_time]] as const) {
        if (!valid(value)) fail("CBC.0100", `time_condition.${name} must be ${format} when time_measure_id is ${timeMeasureId}`);
    }
    if (time.begin_time > time.end_time) fail("CBC.0100", "time_condition.begin_time must not be after end_time");
    const groupBy = (body.groupby as { type: string; key: string }[]).map((g) => ({ type: g.type, key: g.key }) as CostGroupBy);
    if (groupBy.length === 2 && groupBy[0].type === groupBy[1].type && groupBy[0].type !== "dimension") {
        fail("CBC.0100", `groupby cannot contain two entries of type ${groupBy[0].type}`);
    }
    for (const g of groupBy) {
        if (g.type === "dimension" && !COST_DIMENSIONS.includes(g.key as CostDimension)) fail("CBC.0100", `groupby key ${g.key} is not a dimension`);
    }
    const filters = ((body.filters as { operator: number; filter_factor: { key: string; value: string[] } }[] | undefined) ?? []).map(
        (f): CostFilter => ({ operator: f.operator, key: f.filter_factor.key as CostFilterKey, values: f.filter_factor.value }),
    );
    return {
        timeMeasureId,
        beginTime: time.begin_time,
        endTime: time.end_time,
        groupBy,
        costType: body.cost_type as CostQuery["costType"],
        amountType: body.amount_type as CostQuery["amountType"],
        filters,
    };
}

function bucketCount(query: CostQuery): number {
    const [by, bm, bd] = query.beginTime.split("-").map(Number);
    const [ey, em, ed] = query.endTime.split("-").map(Number);
    if (query.timeMeasureId === 2) return (ey - by) * 12 + (em - bm) + 1;
    return Math.round((Date.UTC(ey, em - 1, ed) - Date.UTC(by, bm - 1, bd)) / 86400000) + 1;
}

export const listCosts: OperationDef = {
    name: "ListCosts",
    method: "POST",
    path: "/v4/costs/cost-analysed-bills/query",
    handle(request, world) {
        const body = bodyOf(request);
        const query = parseCostQuery(body);
        const max = query.timeMeasureId === 1 ? MAX_DAY_BUCKETS : MAX_MONTH_BUCKETS;
        if (bucketCount(query) > max) fail("CBC.0100", `time_condition covers more than ${max} ${query.timeMeasureId === 1 ? "days" : "months"}`);
        const lines = billLinesOf(world, billAccounts(world, request.account, "all", undefined));
        const table = computeCosts(lines, query);
        return ok({
            currency: world.currency,
            total_count: table.rows.length,
            cost_data: pageOf(table.rows, bodyInteger(body, "offset") ?? 0, bodyInteger(body, "limit") ?? 10).map(table.record),
        });
    },
};
