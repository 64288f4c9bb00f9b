/**
 * ListCosts (cost analysis v4): the ledger's cent deductions re-aggregated per day or month and per
 * up to two dimensions (list-costs.yaml#semantics_for_emulator). ORIGINAL_COST counts a line on its
 * bill date; AMORTIZED_COST spreads prepaid lines over their service period exactly like the monthly
 * breakdown. PAYMENT_AMOUNT is the deducted amount; NET_AMOUNT leaves out coupon-type payments.
 */
import { amortizationWindow, amortizedAt } from "./amortization";
import { BillLine } from "./bill-line";
import { beijingDayStart } from "../time";
import { datesBetween, monthEndMs, monthStartMs, monthsBetween, nextDate } from "./calendar";
import { formatUnits } from "./decimal";
import { lineShare, LineShare } from "./transactions";

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

export interface CostRow {
    readonly key: string;
    readonly dimensions: { key: string; value: string }[];
    readonly buckets: Map<number, { amount: bigint; official: bigint }>;
    amount: bigint;
    official: bigint;
}

/** The buckets of the requested range, in order. */
export function costBuckets(query: CostQuery): string[] {
    return query.timeMeasureId === 1 ? datesBetween(query.beginTime, query.endTime) : monthsBetween(query.beginTime, query.endTime);
}

/** The requested buckets with their UTC boundaries: bucket i covers [bounds[i], bounds[i + 1]). */
interface BucketGrid {
    readonly names: readonly string[];
    readonly index: ReadonlyMap<string, number>;
    readonly bounds: readonly number[];
}

function bucketGrid(query: CostQuery): BucketGrid {
    const names = costBuckets(query);
    const startOf = query.timeMeasureId === 1 ? beijingDayStart : monthStartMs;
    const bounds = names.map(startOf);
    bounds.push(query.timeMeasureId === 1 ? beijingDayStart(nextDate(names[names.length - 1])) : monthEndMs(names[names.length - 1]));
    return { names, index: new Map(names.map((name, i) => [name, i])), bounds };
}

/** First bucket whose end is after `ms` (binary search over the boundaries). */
function bucketAt(grid: BucketGrid, ms: number): number {
    let low = 0;
    let high = grid.names.length;
    while (low < high) {
        const middle = (low + high) >> 1;
        if (grid.bounds[middle + 1] <= ms) low = middle + 1;
        else high = middle;
    }
    return low;
}

/**
 * Amount and list price a line contributes to each bucket of the range, as [bucket index, amount,
 * official]. Amortised slices are differences of the cumulative amortised amount at the bucket
 * boundaries, so they add up exactly (see amortization.ts).
 */
function lineContributions(line: BillLine, share: LineShare, query: CostQuery, grid: BucketGrid): [number, bigint, bigint][] {
    const amount = query.amountType === "NET_AMOUNT" ? share.netAmount : share.amount;
    const window = query.costType === "AMORTIZED_COST" ? amortizationWindow(line) : undefined;
    if (!window) {
        const index = grid.index.get(query.timeMeasureId === 1 ? line.billDate : line.billDate.slice(0, 7));
        return index === undefined ? [] : [[index, amount, line.officialAmount]];
    }
    if (window.end <= grid.bounds[0] || window.start >= grid.bounds[grid.names.length]) return [];
    const first = bucketAt(grid, window.start);
    const last = Math.min(bucketAt(grid, window.end - 1), grid.names.length - 1);
    const before = (value: bigint, at: number): bigint => amortizedAt(window, value, at);
    const contributions: [number, bigint, bigint][] = [];
    let previousAmount = before(amount, grid.bounds[first]);
    let previousOfficial = before(line.officialAmount, grid.bounds[first]);
    for (let index = first; index <= last; index++) {
        const nextAmount = before(amount, grid.bounds[index + 1]);
        const nextOfficial = before(line.officialAmount, grid.bounds[index + 1]);
        contributions.push([index, nextAmount - previousAmount, nextOfficial - previousOfficial]);
        previousAmount = nextAmount;
        previousOfficial = nextOfficial;
    }
    return contributions;
}

/** The cost rows of a query, sorted by amount over the range (largest first); `record` formats one for the wire. */
export interface CostTable {
    readonly rows: readonly CostRow[];
    record(row: CostRow): Record<string, unknown>;
}

export function computeCosts(lines: readonly BillLine[], query: CostQuery): CostTable {
    const grid = bucketGrid(query);
    const rows = new Map<string, CostRow>();
    for (const line of lines) {
        if (!passesCostFilters(line, query.filters)) continue;
        const contributions = lineContributions(line, lineShare(line), query, grid);
        if (contributions.length === 0) continue;
        const dimensions = query.groupBy.map((groupBy) => ({ key: groupBy.key, value: groupValue(line, groupBy) }));
        const rowKey = dimensions.map((dimension) => dimension.value).join("\u0000");
        let row = rows.get(rowKey);
        if (!row) {
            row = { key: rowKey, dimensions, buckets: new Map(), amount: 0n, official: 0n };
            rows.set(rowKey, row);
        }
        for (const [bucket, amount, official] of contributions) {
            const cell = row.buckets.get(bucket);
            if (cell) {
                cell.amount += amount;
                cell.official += official;
            } else {
                row.buckets.set(bucket, { amount, official });
            }
            row.amount += amount;
            row.official += official;
        }
    }
    const sorted = [...rows.values()].sort((a, b) => {
        if (a.amount !== b.amount) return a.amount > b.amount ? -1 : 1;
        return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    });
    return {
        rows: sorted,
        record: (row) => ({
            dimensions: row.dimensions,
            costs: [...row.buckets.keys()]
                .sort((a, b) => a - b)
                .map((bucket) => {
                    const cell = row.buckets.get(bucket)!;
                    return {
                        time_dimension_value: grid.names[bucket],
                        time_measure_id: query.timeMeasureId,
                        amount: formatUnits(cell.amount, 2),
                        official_amount: formatUnits(cell.official, 2),
                    };
                }),
            amount_by_costs: formatUnits(row.amount, 2),
            official_amount_by_costs: formatUnits(row.official, 2),
        }),
    };
}
