/**
 * Cost analysis (`ListCosts`, cost analysis v4): costs per day or month, grouped by up to two
 * dimensions and filtered by include/exclude lists, as original or amortised cost, payable or net.
 *
 * Wire → result names: `cost_data` → `rows`; `dimensions[{key, value}]` → `dimensions` as an object
 * keyed by dimension key; `costs[].time_dimension_value` → `costs[].period`; `amount_by_costs` →
 * `amount`; `official_amount_by_costs` → `officialAmount`. Amounts (strings on the wire) are exact
 * decimal strings in the main currency unit.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { Decimal, DecimalString } from "./decimal";
import { limitSchema, ListOperation, ListResult, listRecords } from "./list";
import { currencyOf, money } from "./money";
import { BssDataClient, DataSourceInputs, DataSourceOptions, invoke, invokeOutput, parseArgs, siteOf } from "./source";
import { compact, records, text, WireRecord } from "./wire";

/** Built-in grouping dimensions. */
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

/** Keys a filter may name. */
export const COST_FILTER_KEYS = [
    "CLOUD_SERVICE_TYPE",
    "ASSOCIATED_ACCOUNT",
    "REGION_CODE",
    "RES_SPEC_CODE",
    "USAGE_TYPE",
    "ENTERPRISE_PROJECT_ID",
    "RESOURCE_ID",
    "CHARGING_MODE",
    "BILL_TYPE",
    "RESOURCE_TYPE",
    "AZ_CODE",
    "BE_ID",
    "PAYER_ACCOUNT_ID",
    "RESOURCE_TAG",
    "COST_UNIT",
] as const;
export type CostFilterKey = (typeof COST_FILTER_KEYS)[number];

/** A grouping: a built-in dimension, a cost tag key, or a cost-unit key. */
export type CostGrouping = CostDimension | { readonly tag: string } | { readonly costUnit: string };

export interface CostFilter {
    readonly key: CostFilterKey;
    readonly values: readonly string[];
    /** Exclude these values instead of keeping only them (`operator` 1). */
    readonly exclude?: boolean;
}

const grouping = z.union([
    z.enum(COST_DIMENSIONS),
    z.object({ tag: z.string().min(1).max(64) }).strict(),
    z.object({ costUnit: z.string().min(1).max(64) }).strict(),
]);

const costsArgs = z
    .object({
        granularity: z.enum(["day", "month"]),
        from: z.string().min(1),
        to: z.string().min(1),
        groupBy: z.array(grouping).max(2).default([]),
        costType: z.enum(["original", "amortized"]).default("original"),
        amountType: z.enum(["payment", "net"]).default("payment"),
        filters: z
            .array(z.object({ key: z.enum(COST_FILTER_KEYS), values: z.array(z.string()).min(1), exclude: z.boolean().optional() }).strict())
            .max(100)
            .optional(),
        language: z.enum(["zh_CN", "en_US"]).optional(),
        limit: limitSchema,
    })
    .strict()
    .superRefine((a, ctx) => {
        const pattern = a.granularity === "day" ? /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/ : /^\d{4}-(0[1-9]|1[0-2])$/;
        const format = a.granularity === "day" ? "YYYY-MM-DD" : "YYYY-MM";
        for (const field of ["from", "to"] as const) {
            if (!pattern.test(a[field])) ctx.addIssue({ code: "custom", path: [field], message: `must be ${format} for granularity "${a.granularity}"` });
        }
        if (a.from > a.to) ctx.addIssue({ code: "custom", path: ["to"], message: "is before from" });
        const kinds = a.groupBy.map((g) => (typeof g === "string" ? "dimension" : "tag" in g ? "tag" : "costUnit"));
        if (kinds.length === 2 && kinds[0] === kinds[1] && kinds[0] !== "dimension") {
            ctx.addIssue({ code: "custom", path: ["groupBy"], message: `two groupings must not both be ${kinds[0]} groupings` });
        }
    });

export interface GetCostsArgs {
    /** `time_measure_id`: day (1) or month (2). */
    readonly granularity: "day" | "month";
    /** First day `YYYY-MM-DD` or month `YYYY-MM` (inclusive). */
    readonly from: string;
    /** Last day or month (inclusive). */
    readonly to: string;
    /** Up to two groupings; none = one row for everything. */
    readonly groupBy?: readonly CostGrouping[];
    /** `ORIGINAL_COST` (default) or `AMORTIZED_COST`. */
    readonly costType?: "original" | "amortized";
    /** `PAYMENT_AMOUNT` (default, payable) or `NET_AMOUNT` (after coupon-type payments). */
    readonly amountType?: "payment" | "net";
    readonly filters?: readonly CostFilter[];
    readonly language?: "zh_CN" | "en_US";
    /** At most this many rows (default 10000; the API stops at offset 200000). */
    readonly limit?: number;
}

export interface CostPeriod {
    /** `YYYY-MM-DD` or `YYYY-MM`. */
    readonly period: string;
    readonly amount: DecimalString;
    readonly officialAmount: DecimalString;
}

export interface CostRow {
    /** Dimension key → value, e.g. `{ CLOUD_SERVICE_TYPE: "hws.service.type.ec2" }`. */
    readonly dimensions: Readonly<Record<string, string>>;
    readonly costs: readonly CostPeriod[];
    /** Total over the range. */
    readonly amount: DecimalString;
    readonly officialAmount: DecimalString;
}

export interface Costs extends ListResult {
    readonly currency: string;
    /** Sum over the returned rows. */
    readonly amount: DecimalString;
    readonly officialAmount: DecimalString;
    readonly rows: readonly CostRow[];
}

const COSTS_OP: ListOperation = { operation: "listCosts", itemsField: "cost_data", pageSize: 1000, maxOffset: 200000 };

/** Core of {@link getCosts}. */
export async function fetchCosts(client: BssDataClient, args: GetCostsArgs): Promise<Costs> {
    const parsed = parseArgs("getCosts", costsArgs, args);
    const request = compact({
        time_condition: { time_measure_id: parsed.granularity === "day" ? 1 : 2, begin_time: parsed.from, end_time: parsed.to },
        groupby: parsed.groupBy.map((g) =>
            typeof g === "string" ? { type: "dimension", key: g } : "tag" in g ? { type: "tag", key: g.tag } : { type: "cost_unit", key: g.costUnit },
        ),
        cost_type: parsed.costType === "amortized" ? "AMORTIZED_COST" : "ORIGINAL_COST",
        amount_type: parsed.amountType === "net" ? "NET_AMOUNT" : "PAYMENT_AMOUNT",
        filters: parsed.filters?.map((f) => ({ operator: f.exclude ? 1 : 0, filter_factor: { key: f.key, value: f.values } })),
        "X-Language": parsed.language,
    });
    // Rows are read raw and mapped here: their shape (dimension list, string amounts) is particular.
    const page = await listRecords<WireRecord>(client, COSTS_OP, request, { money: [] }, parsed.limit);
    const rows = page.items.map(readCostRow);
    return {
        currency: currencyOf(page.firstBody.currency, siteOf(client)),
        amount: Decimal.sum(rows.map((r) => r.amount)).toString(),
        officialAmount: Decimal.sum(rows.map((r) => r.officialAmount)).toString(),
        rows,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

function readCostRow(converted: WireRecord): CostRow {
    // `listRecords` camel-cased the keys: costData rows have `dimensions`, `costs`, `amountByCosts`, `officialAmountByCosts`.
    const dimensions: Record<string, string> = {};
    for (const d of records(converted, "dimensions")) {
        const key = text(d, "key");
        if (key !== undefined) dimensions[key] = text(d, "value") ?? "";
    }
    const costs = records(converted, "costs").map((c) => ({
        period: text(c, "timeDimensionValue") ?? "",
        amount: money(c.amount),
        officialAmount: money(c.officialAmount),
    }));
    return {
        dimensions,
        costs,
        amount: converted.amountByCosts !== undefined ? money(converted.amountByCosts) : Decimal.sum(costs.map((c) => c.amount)).toString(),
        officialAmount:
            converted.officialAmountByCosts !== undefined
                ? money(converted.officialAmountByCosts)
                : Decimal.sum(costs.map((c) => c.officialAmount)).toString(),
    };
}

/**
 * Cost data (`ListCosts`): original or amortised costs per day or month, grouped and filtered.
 *
 * @example
 * ```ts
 * const costs = await bss.getCosts({ granularity: "month", from: "2026-01", to: "2026-06", groupBy: ["CLOUD_SERVICE_TYPE"] });
 * for (const row of costs.rows) console.log(row.dimensions.CLOUD_SERVICE_TYPE, row.amount);
 * ```
 */
export function getCosts(args: GetCostsArgs, opts?: DataSourceOptions): Promise<Costs> {
    return invoke(fetchCosts, args, opts);
}

/** Output form of {@link getCosts}. @example `export const halfYear = bss.getCostsOutput({ granularity: "month", from: "2026-01", to: "2026-06" }).amount;` */
export function getCostsOutput(args: DataSourceInputs<GetCostsArgs>, opts?: DataSourceOptions): pulumi.Output<Costs> {
    return invokeOutput(getCosts, args, opts);
}
