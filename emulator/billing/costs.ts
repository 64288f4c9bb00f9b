/**
 * ListCosts (cost analysis v4): the ledger's cent deductions re-aggregated per day or month and per
 * up to two dimensions (list-costs.yaml#semantics_for_emulator). ORIGINAL_COST counts a line on its
 * bill date; AMORTIZED_COST spreads prepaid lines over their service period exactly like the monthly
 * breakdown. PAYMENT_AMOUNT is the deducted amount; NET_AMOUNT leaves out coupon-type payments.
 */
import { amortizationWindow, amortizedInDate, amortizedInMonth } from "./amortization";
import { BillLine } from "./bill-line";
import { billDateOf, billMonthOf, datesBetween, monthsBetween } from "./calendar";
import { formatUnits } from "./decimal";
import { LineShare } from "./transactions";

export const COST_DIMENSIONS = [
    "CLOUD_SERVICE_TYPE",
    "RESOURCE_TYPE",
    "ASSOCIATED_ACCOUNT",
    "REGION_CODE",
    "AZ_CODE",
    "ENTERPRISE_PROJECT_ID",
    "RES_SPEC_CODE",
    "CHARGING_MODE",
    "USAGE_TYPE",
    "BILL_TYPE",
    "BE_ID",
    "PAYER_ACCOUNT_ID",
    "RESOURCE_ID",
] as const;
export type CostDimension = (typeof COST_DIMENSIONS)[number];

export const COST_FILTER_KEYS = [...COST_DIMENSIONS, "RESOURCE_TAG", "COST_UNIT"] as const;
export type CostFilterKey = (typeof COST_FILTER_KEYS)[number];

/** Enterprise project id as the cost API shows it: unclassified is "-1". */
const UNCLASSIFIED_PROJECT = "-1";

export function dimensionValue(line: BillLine, dimension: CostDimension): string {
    switch (dimension) {
        case "CLOUD_SERVICE_TYPE":
            return line.serviceTypeCode;
        case "RESOURCE_TYPE":
            return line.resourceTypeCode;
        case "ASSOCIATED_ACCOUNT":
            return line.customerId;
        case "REGION_CODE":
            return line.regionCode;
        case "AZ_CODE":
            return line.azCode ?? "";
        case "ENTERPRISE_PROJECT_ID":
            return line.enterpriseProjectId ?? UNCLASSIFIED_PROJECT;
        case "RES_SPEC_CODE":
            return line.specCode;
        case "CHARGING_MODE":
            return String(line.chargeMode);
        case "USAGE_TYPE":
            return line.usageType ?? "";
        case "BILL_TYPE":
            return String(line.billType);
        case "BE_ID":
            return line.beId ?? "";
        case "PAYER_ACCOUNT_ID":
            return line.payerAccountId;
        case "RESOURCE_ID":
            return line.resourceId;
    }
}

export interface CostGroupBy {
    readonly type: "dimension" | "tag" | "cost_unit";
    readonly key: string;
}

export interface CostFilter {
    /** 0 include only these values, 1 exclude them. */
    readonly operator: number;
    readonly key: CostFilterKey;
    readonly values: readonly string[];
}

export interface CostQuery {
    /** 1 day, 2 month. */
    readonly timeMeasureId: 1 | 2;
    /** Inclusive bucket range: YYYY-MM-DD (day) or YYYY-MM (month). */
    readonly beginTime: string;
    readonly endTime: string;
    readonly groupBy: readonly CostGroupBy[];
    readonly costType: "ORIGINAL_COST" | "AMORTIZED_COST";
    readonly amountType: "PAYMENT_AMOUNT" | "NET_AMOUNT";
    readonly filters: readonly CostFilter[];
}

function filterMatches(line: BillLine, key: CostFilterKey, value: string): boolean {
    switch (key) {
        case "RESOURCE_TAG": {
            const separator = value.search(/[:=]/);
            const tagKey = separator < 0 ? value : value.slice(0, separator);
            const tagValue = separator < 0 ? undefined : value.slice(separator + 1);
            const actual = line.tags?.[tagKey];
            return actual !== undefined && (tagValue === undefined || actual === tagValue);
        }
        case "COST_UNIT":
            return false; // cost units are not modelled: no line belongs to one
        case "ENTERPRISE_PROJECT_ID":
            return line.enterpriseProjectId === null
                ? value === UNCLASSIFIED_PROJECT || value === "" || value === "null"
                : line.enterpriseProjectId === value;
        default:
            return dimensionValue(line, key) === value;
    }
}

/** Does a line pass every include/exclude filter? */
export function passesCostFilters(line: BillLine, filters: readonly CostFilter[]): boolean {
    return filters.every((filter) => {
        const matched = filter.values.some((value) => filterMatches(line, filter.key, value));
        return filter.operator === 1 ? !matched : matched;
    });
}

function groupValue(line: BillLine, groupBy: CostGroupBy): string {
    if (groupBy.type === "tag") return line.tags?.[groupBy.key] ?? "";
    if (groupBy.type === "cost_unit") return "";
    return dimensionValue(line, groupBy.key as CostDimension);
}

interface CostRow {
    readonly dimensions: { key: string; value: string }[];
    readonly buckets: Map<string, { amount: bigint; official: bigint }>;
    amount: bigint;
    official: bigint;
}

/** The buckets of the requested range, in order. */
export function costBuckets(query: CostQuery): string[] {
    return query.timeMeasureId === 1 ? datesBetween(query.beginTime, query.endTime) : monthsBetween(query.beginTime, query.endTime);
}

/** Amount and list price a line contributes to each bucket of the range. */
function lineContributions(line: BillLine, share: LineShare, query: CostQuery, buckets: ReadonlySet<string>): [string, bigint, bigint][] {
    const amount = query.amountType === "NET_AMOUNT" ? share.netAmount : share.amount;
    const window = query.costType === "AMORTIZED_COST" ? amortizationWindow(line) : undefined;
    if (!window) {
        const bucket = query.timeMeasureId === 1 ? line.billDate : line.billDate.slice(0, 7);
        return buckets.has(bucket) ? [[bucket, amount, line.officialAmount]] : [];
    }
    const first = query.timeMeasureId === 1 ? billDateOf(window.start) : billMonthOf(window.start);
    const last = query.timeMeasureId === 1 ? billDateOf(window.end - 1) : billMonthOf(window.end - 1);
    const from = first > query.beginTime ? first : query.beginTime;
    const to = last < query.endTime ? last : query.endTime;
    if (from > to) return [];
    const covered = query.timeMeasureId === 1 ? datesBetween(from, to) : monthsBetween(from, to);
    const slice = query.timeMeasureId === 1 ? amortizedInDate : amortizedInMonth;
    return covered.map((bucket) => [bucket, slice(line, amount, bucket), slice(line, line.officialAmount, bucket)]);
}

export interface CostResult {
    readonly totalCount: number;
    readonly rows: readonly Record<string, unknown>[];
}

/** Every cost row (sorted by amount over the range, largest first), before paging. */
export function computeCosts(lines: readonly BillLine[], shares: ReadonlyMap<string, LineShare>, query: CostQuery): Record<string, unknown>[] {
    const bucketList = costBuckets(query);
    const buckets = new Set(bucketList);
    const rows = new Map<string, CostRow>();
    for (const line of lines) {
        if (!passesCostFilters(line, query.filters)) continue;
        const share = shares.get(line.id);
        if (!share) continue;
        const contributions = lineContributions(line, share, query, buckets);
        if (contributions.length === 0) continue;
        const dimensions = query.groupBy.map((groupBy) => ({ key: groupBy.key, value: groupValue(line, groupBy) }));
        const rowKey = JSON.stringify(dimensions.map((dimension) => dimension.value));
        let row = rows.get(rowKey);
        if (!row) {
            row = { dimensions, buckets: new Map(), amount: 0n, official: 0n };
            rows.set(rowKey, row);
        }
        for (const [bucket, amount, official] of contributions) {
            const cell = row.buckets.get(bucket) ?? { amount: 0n, official: 0n };
            cell.amount += amount;
            cell.official += official;
            row.buckets.set(bucket, cell);
            row.amount += amount;
            row.official += official;
        }
    }
    const sorted = [...rows.values()].sort((a, b) => {
        if (a.amount !== b.amount) return a.amount > b.amount ? -1 : 1;
        const left = JSON.stringify(a.dimensions);
        const right = JSON.stringify(b.dimensions);
        return left < right ? -1 : left > right ? 1 : 0;
    });
    return sorted.map((row) => ({
        dimensions: row.dimensions,
        costs: bucketList
            .filter((bucket) => row.buckets.has(bucket))
            .map((bucket) => {
                const cell = row.buckets.get(bucket)!;
                return {
                    time_dimension_value: bucket,
                    time_measure_id: query.timeMeasureId,
                    amount: formatUnits(cell.amount, 2),
                    official_amount: formatUnits(cell.official, 2),
                };
            }),
        amount_by_costs: formatUnits(row.amount, 2),
        official_amount_by_costs: formatUnits(row.official, 2),
    }));
}
