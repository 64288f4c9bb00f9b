/**
 * Bills: the monthly summary, resource-level bills (per month, day or charge line), expenditure
 * records, transaction records, the amortised monthly breakdown, the legacy v1.0 resource records,
 * streamed aggregation of resource bills, and the reconciliation of those views for one month.
 *
 * Wire → result names: every field is the camelCase of its wire name (`consume_amount` →
 * `consumeAmount`, `resource_Type_code` → `resourceTypeCode`, `bill_sums` → `rows`,
 * `monthly_records`/`fee_records`/`records`/`details` → `records`); amounts are exact decimal strings
 * in the main currency unit with `measure_id` applied (then dropped); usage quantities are exact
 * decimal strings with their own unit ids kept.
 *
 * Which views agree (README-billing.md, "How the bill APIs and the cost API reconcile"): resource
 * bills and expenditure records are raw amounts (8 decimals); transaction records are the deductions
 * rounded to cents, the rounding recorded as `eraseAmount`; the summary is derived from the
 * transactions. So the summary equals the sum of transaction records exactly, and differs from the
 * sum of resource bills by the erased residue. {@link getBillReconciliation} computes all three.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { GroupedTotals, MoneyTotals, wireMoney } from "./aggregate";
import { convertRecord, RecordShape } from "./convert";
import { Decimal, DecimalString } from "./decimal";
import { limitSchema, ListOperation, ListResult, listRecords, pagerFor } from "./list";
import { currencyOf, money } from "./money";
import { BssDataClient, DataSourceInputs, DataSourceOptions, invoke, invokeOutput, parseArgs, siteOf } from "./source";
import { compact, text } from "./wire";

// ---------------------------------------------------------------------------------------------------
// Shared argument pieces

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month YYYY-MM");
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date YYYY-MM-DD");
const dateRange = z.object({ begin: day, end: day }).strict();

/** Billing modes and their wire codes. */
export const CHARGE_MODE_CODES = { yearlyMonthly: 1, payPerUse: 3, reservedInstance: 10, savingsPlan: 11 } as const;
export type ChargeMode = keyof typeof CHARGE_MODE_CODES;
const chargeMode = z.enum(["yearlyMonthly", "payPerUse", "reservedInstance", "savingsPlan"]);

/** Whose bills: the caller and its enterprise members (`all`, default), only the caller (`own`), or one member. */
export interface BillScope {
    /** `method`: `all` (default) or `own` (`oneself`). Ignored when `subCustomerId` is set. */
    readonly scope?: "all" | "own";
    /** One enterprise member's bills (`method=sub_customer`, `sub_customer_id`). */
    readonly subCustomerId?: string;
}
const scopeFields = {
    scope: z.enum(["all", "own"]).optional(),
    subCustomerId: z.string().min(1).max(64).optional(),
};
function scopeRequest(args: BillScope): Record<string, unknown> {
    if (args.subCustomerId) return { method: "sub_customer", sub_customer_id: args.subCustomerId };
    if (args.scope === "own") return { method: "oneself" };
    return args.scope === "all" ? { method: "all" } : {};
}

/** A date range within one month (UTC+8 bill dates, inclusive). */
export interface BillDateRange {
    readonly begin: string;
    readonly end: string;
}

// ---------------------------------------------------------------------------------------------------
// Monthly summary (ShowCustomerMonthlySum)

const summaryArgs = z
    .object({
        month,
        serviceType: z.string().min(1).max(64).optional(),
        enterpriseProjectId: z.string().min(1).max(64).optional(),
        ...scopeFields,
        limit: limitSchema,
    })
    .strict();

export interface GetMonthlyBillSummaryArgs extends BillScope {
    /** Bill month `YYYY-MM` (UTC+8). */
    readonly month: string;
    readonly serviceType?: string;
    /** `"0"` default project, `"-1"` unclassified. */
    readonly enterpriseProjectId?: string;
    /** At most this many rows (default 10000); totals always cover every row. */
    readonly limit?: number;
}

/** One aggregate row (`BillSumRecordInfoV2`). */
export interface BillSummaryRow {
    readonly billCycle?: string;
    readonly customerId?: string;
    readonly accountName?: string;
    readonly serviceTypeCode?: string;
    readonly serviceTypeName?: string;
    readonly resourceTypeCode?: string;
    readonly resourceTypeName?: string;
    /** 1 yearly/monthly, 3 pay-per-use, 10 reserved instance, 11 savings plan. */
    readonly chargingMode?: number;
    /** 1 consumption, 2 refund, 3 adjustment. */
    readonly billType?: number;
    readonly officialAmount?: DecimalString;
    readonly officialDiscountAmount?: DecimalString;
    /** Erased by rounding to cents. */
    readonly truncatedAmount?: DecimalString;
    /** `officialAmount - officialDiscountAmount - truncatedAmount`. */
    readonly consumeAmount?: DecimalString;
    readonly couponAmount?: DecimalString;
    readonly flexipurchaseCouponAmount?: DecimalString;
    readonly storedValueCardAmount?: DecimalString;
    readonly debtAmount?: DecimalString;
    readonly writeoffAmount?: DecimalString;
    readonly cashAmount?: DecimalString;
    readonly creditAmount?: DecimalString;
}

/** Month totals over every row (the response's top-level amounts). */
export interface BillSummaryTotals {
    readonly consumeAmount: DecimalString;
    readonly debtAmount: DecimalString;
    readonly couponAmount: DecimalString;
    readonly flexipurchaseCouponAmount: DecimalString;
    readonly storedValueCardAmount: DecimalString;
    readonly cashAmount: DecimalString;
    readonly creditAmount: DecimalString;
    readonly writeoffAmount: DecimalString;
}

export interface MonthlyBillSummary extends ListResult {
    readonly month: string;
    readonly currency: string;
    readonly totals: BillSummaryTotals;
    readonly rows: readonly BillSummaryRow[];
}

const SUMMARY_OP: ListOperation = { operation: "showCustomerMonthlySum", itemsField: "bill_sums", pageSize: 1000 };

/** Core of {@link getMonthlyBillSummary}. */
export async function fetchMonthlyBillSummary(client: BssDataClient, args: GetMonthlyBillSummaryArgs): Promise<MonthlyBillSummary> {
    const parsed = parseArgs("getMonthlyBillSummary", summaryArgs, args);
    const request = compact({
        bill_cycle: parsed.month,
        service_type_code: parsed.serviceType,
        enterprise_project_id: parsed.enterpriseProjectId,
        ...scopeRequest(parsed),
    });
    const page = await listRecords<BillSummaryRow>(client, SUMMARY_OP, request, {}, parsed.limit);
    const body = page.firstBody;
    const m = body.measure_id;
    return {
        month: parsed.month,
        currency: currencyOf(body.currency, siteOf(client)),
        totals: {
            consumeAmount: money(body.consume_amount, m, "consume_amount"),
            debtAmount: money(body.debt_amount, m, "debt_amount"),
            couponAmount: money(body.coupon_amount, m, "coupon_amount"),
            flexipurchaseCouponAmount: money(body.flexipurchase_coupon_amount, m, "flexipurchase_coupon_amount"),
            storedValueCardAmount: money(body.stored_value_card_amount, m, "stored_value_card_amount"),
            cashAmount: money(body.cash_amount, m, "cash_amount"),
            creditAmount: money(body.credit_amount, m, "credit_amount"),
            writeoffAmount: money(body.writeoff_amount, m, "writeoff_amount"),
        },
        rows: page.items,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

/**
 * The monthly summary bill (`ShowCustomerMonthlySum`): one row per service, resource type, billing
 * mode and bill type, and the month's totals.
 *
 * @example
 * ```ts
 * const summary = await bss.getMonthlyBillSummary({ month: "2026-05" });
 * console.log(`${summary.totals.consumeAmount} ${summary.currency}`);
 * ```
 */
export function getMonthlyBillSummary(args: GetMonthlyBillSummaryArgs, opts?: DataSourceOptions): Promise<MonthlyBillSummary> {
    return invoke(fetchMonthlyBillSummary, args, opts);
}

/** Output form of {@link getMonthlyBillSummary}. @example `export const spent = bss.getMonthlyBillSummaryOutput({ month: "2026-05" }).totals.consumeAmount;` */
export function getMonthlyBillSummaryOutput(
    args: DataSourceInputs<GetMonthlyBillSummaryArgs>,
    opts?: DataSourceOptions,
): pulumi.Output<MonthlyBillSummary> {
    return invokeOutput(getMonthlyBillSummary, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Resource-level bills (ListCustomerselfResourceRecordDetails)

/** Granularity of resource bills: per resource and month, per resource and day, or per charge line. */
export type ResourceBillGranularity = "month" | "day" | "detail";
const GRANULARITY_CODES: Readonly<Record<ResourceBillGranularity, number>> = { month: 1, day: 2, detail: 3 };

const resourceBillFilterFields = {
    month,
    granularity: z.enum(["month", "day", "detail"]).optional(),
    dateRange: dateRange.optional(),
    serviceType: z.string().max(64).optional(),
    resourceType: z.string().max(64).optional(),
    region: z.string().max(64).optional(),
    resourceId: z.string().max(64).optional(),
    chargeMode: chargeMode.optional(),
    billType: z.number().int().min(1).max(127).optional(),
    enterpriseProjectId: z.string().max(64).optional(),
    includeZeroRecords: z.boolean().optional(),
    payerAccountId: z.string().min(1).max(64).optional(),
    ...scopeFields,
};
const resourceBillArgs = z
    .object({ ...resourceBillFilterFields, limit: limitSchema })
    .strict()
    .superRefine(checkDailyRange);

/** Filters of resource-level bills. */
export interface ResourceBillFilters extends BillScope {
    /** Bill month `YYYY-MM` (UTC+8); months before 2019-01 are not served. */
    readonly month: string;
    /** `statistic_type`: month 1 (default), day 2, detail 3. */
    readonly granularity?: ResourceBillGranularity;
    /** Only these bill dates (`query_type` DAILY; `day` or `detail` granularity). */
    readonly dateRange?: BillDateRange;
    /** `cloud_service_type`. */
    readonly serviceType?: string;
    /** `resource_type`. */
    readonly resourceType?: string;
    readonly region?: string;
    /** `res_instance_id`. */
    readonly resourceId?: string;
    /** `charge_mode`. */
    readonly chargeMode?: ChargeMode;
    /** Detail bill type (1 new purchase, 2 renewal, 4 unsubscription refund, 5 usage, ...). */
    readonly billType?: number;
    readonly enterpriseProjectId?: string;
    /** Also records whose payable amount is 0 (`include_zero_record`). */
    readonly includeZeroRecords?: boolean;
    /** `payer_account_id`. */
    readonly payerAccountId?: string;
}

export interface GetResourceBillsArgs extends ResourceBillFilters {
    /** At most this many records (default 10000). */
    readonly limit?: number;
}

/** A resource-level bill record (`MonthlyBillRes`; `resource_Type_code` → `resourceTypeCode`). */
export interface ResourceBill {
    readonly cycle?: string;
    /** Filled for `day` granularity. */
    readonly billDate?: string;
    readonly billType?: number;
    readonly customerId?: string;
    readonly region?: string;
    readonly regionName?: string;
    readonly cloudServiceType?: string;
    readonly cloudServiceTypeName?: string;
    readonly resourceTypeCode?: string;
    readonly resourceTypeName?: string;
    readonly resInstanceId?: string;
    readonly resourceName?: string;
    readonly resourceTag?: string;
    readonly skuCode?: string;
    readonly enterpriseProjectId?: string;
    readonly enterpriseProjectName?: string;
    readonly chargeMode?: number;
    /** Payable: cash + credit + coupon + flexi-purchase + stored card + bonus + debt + adjustment. */
    readonly consumeAmount?: DecimalString;
    readonly cashAmount?: DecimalString;
    readonly creditAmount?: DecimalString;
    readonly couponAmount?: DecimalString;
    readonly flexipurchaseCouponAmount?: DecimalString;
    readonly storedCardAmount?: DecimalString;
    readonly bonusAmount?: DecimalString;
    readonly debtAmount?: DecimalString;
    readonly adjustmentAmount?: DecimalString;
    readonly officialAmount?: DecimalString;
    readonly discountAmount?: DecimalString;
    /** 19 year, 20 month, 24 day, 25 hour, 5 one-off. */
    readonly periodType?: number;
    readonly periodNum?: DecimalString;
    readonly rootResourceId?: string;
    readonly parentResourceId?: string;
    /** Order id (bill types 1, 2, 3, 4, 8) or transaction id. */
    readonly tradeId?: string;
    readonly id?: string;
    readonly productSpecDesc?: string;
    readonly preOrderId?: string;
    readonly payerAccountId?: string;
    readonly effectiveTime?: string;
    readonly expireTime?: string;
    readonly consumeTime?: string;
    readonly beId?: string;
    readonly accountName?: string;
    readonly [otherWireField: string]: unknown;
}

export interface ResourceBills extends ListResult {
    readonly month: string;
    readonly granularity: ResourceBillGranularity;
    readonly currency: string;
    /** Sum of `consumeAmount` over the returned records. */
    readonly consumeAmount: DecimalString;
    readonly records: readonly ResourceBill[];
}

const RESOURCE_BILLS_OP: ListOperation = { operation: "listCustomerselfResourceRecordDetails", itemsField: "monthly_records", pageSize: 1000 };
const RESOURCE_BILL_SHAPE: RecordShape = { quantities: ["period_num"] };

function checkDailyRange(args: { granularity?: ResourceBillGranularity; dateRange?: BillDateRange; month: string }, ctx: z.RefinementCtx): void {
    if (!args.dateRange) return;
    if ((args.granularity ?? "month") === "month") {
        ctx.addIssue({ code: "custom", path: ["dateRange"], message: 'needs granularity "day" or "detail"' });
    }
    if (args.dateRange.begin > args.dateRange.end) ctx.addIssue({ code: "custom", path: ["dateRange"], message: "begin is after end" });
}

function resourceBillRequest(args: z.output<z.ZodObject<typeof resourceBillFilterFields>>): Record<string, unknown> {
    return compact({
        cycle: args.month,
        statistic_type: GRANULARITY_CODES[args.granularity ?? "month"],
        query_type: args.dateRange ? "DAILY" : undefined,
        bill_cycle_begin: args.dateRange?.begin,
        bill_cycle_end: args.dateRange?.end,
        cloud_service_type: args.serviceType,
        resource_type: args.resourceType,
        region: args.region,
        res_instance_id: args.resourceId,
        charge_mode: args.chargeMode ? CHARGE_MODE_CODES[args.chargeMode] : undefined,
        bill_type: args.billType,
        enterprise_project_id: args.enterpriseProjectId,
        include_zero_record: args.includeZeroRecords,
        payer_account_id: args.payerAccountId,
        ...scopeRequest(args),
    });
}

/** Core of {@link getResourceBills}. */
export async function fetchResourceBills(client: BssDataClient, args: GetResourceBillsArgs): Promise<ResourceBills> {
    const parsed = parseArgs("getResourceBills", resourceBillArgs, args);
    const page = await listRecords<ResourceBill>(client, RESOURCE_BILLS_OP, resourceBillRequest(parsed), RESOURCE_BILL_SHAPE, parsed.limit);
    return {
        month: parsed.month,
        granularity: parsed.granularity ?? "month",
        currency: currencyOf(page.firstBody.currency, siteOf(client)),
        consumeAmount: Decimal.sum(page.items.map((r) => r.consumeAmount ?? "0")).toString(),
        records: page.items,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

/**
 * Resource-level bills (`ListCustomerselfResourceRecordDetails`) per resource and month, per day, or
 * per charge line.
 *
 * @example
 * ```ts
 * const bills = await bss.getResourceBills({ month: "2026-05", granularity: "day", resourceId: "b1f0..." });
 * for (const r of bills.records) console.log(r.billDate, r.consumeAmount);
 * ```
 */
export function getResourceBills(args: GetResourceBillsArgs, opts?: DataSourceOptions): Promise<ResourceBills> {
    return invoke(fetchResourceBills, args, opts);
}

/** Output form of {@link getResourceBills}. @example `export const db = bss.getResourceBillsOutput({ month, resourceId }).consumeAmount;` */
export function getResourceBillsOutput(args: DataSourceInputs<GetResourceBillsArgs>, opts?: DataSourceOptions): pulumi.Output<ResourceBills> {
    return invokeOutput(getResourceBills, args, opts);
}

/**
 * Every resource-level bill record matching `filters`, one page at a time (no bound, nothing kept):
 * the building block for custom aggregations in scripts.
 *
 * @example
 * ```ts
 * for await (const bill of bss.streamResourceBills(client, { month: "2026-05", granularity: "detail" })) { ... }
 * ```
 */
export async function* streamResourceBills(client: BssDataClient, filters: ResourceBillFilters): AsyncGenerator<ResourceBill> {
    const parsed = parseArgs("streamResourceBills", z.object(resourceBillFilterFields).strict().superRefine(checkDailyRange), filters);
    let measure: unknown;
    const pager = pagerFor(client, RESOURCE_BILLS_OP, resourceBillRequest(parsed), undefined, (body) => {
        measure ??= body.measure_id;
    });
    for await (const record of pager) yield convertRecord<ResourceBill>(record, RESOURCE_BILL_SHAPE, measure);
}

// ---------------------------------------------------------------------------------------------------
// Streaming aggregation of resource bills

/** Dimensions resource bills can be grouped by. */
export type ResourceBillGrouping =
    | "service"
    | "resourceType"
    | "region"
    | "resource"
    | "enterpriseProject"
    | "chargeMode"
    | "billType"
    | "day"
    | "account";

/** Wire field of the group key and of its display name, per grouping. */
const GROUPINGS: Readonly<Record<ResourceBillGrouping, { key: string; name?: string }>> = {
    service: { key: "cloud_service_type", name: "cloud_service_type_name" },
    resourceType: { key: "resource_Type_code", name: "resource_type_name" },
    region: { key: "region", name: "region_name" },
    resource: { key: "res_instance_id", name: "resource_name" },
    enterpriseProject: { key: "enterprise_project_id", name: "enterprise_project_name" },
    chargeMode: { key: "charge_mode" },
    billType: { key: "bill_type" },
    day: { key: "bill_date" },
    account: { key: "customer_id", name: "account_name" },
};

/** Money fields of resource bills, wire name → result name. */
const RESOURCE_BILL_MONEY = {
    consume_amount: "consumeAmount",
    official_amount: "officialAmount",
    discount_amount: "discountAmount",
    cash_amount: "cashAmount",
    credit_amount: "creditAmount",
    coupon_amount: "couponAmount",
    flexipurchase_coupon_amount: "flexipurchaseCouponAmount",
    stored_card_amount: "storedCardAmount",
    bonus_amount: "bonusAmount",
    debt_amount: "debtAmount",
    adjustment_amount: "adjustmentAmount",
} as const;
type ResourceBillMoneyField = keyof typeof RESOURCE_BILL_MONEY;
const RESOURCE_BILL_MONEY_FIELDS = Object.keys(RESOURCE_BILL_MONEY) as ResourceBillMoneyField[];

/** Money totals of resource bills. */
export type ResourceBillTotals = { readonly [K in (typeof RESOURCE_BILL_MONEY)[ResourceBillMoneyField]]: DecimalString };

const aggregateArgs = z
    .object({
        ...resourceBillFilterFields,
        groupBy: z.enum(["service", "resourceType", "region", "resource", "enterpriseProject", "chargeMode", "billType", "day", "account"]),
        top: z.number().int().min(1).optional(),
        prefetchPages: z.number().int().min(0).max(16).optional(),
    })
    .strict()
    .superRefine((args, ctx) => {
        checkDailyRange(args, ctx);
        if (args.groupBy === "day" && args.granularity === "month") {
            ctx.addIssue({ code: "custom", path: ["granularity"], message: 'grouping by "day" needs granularity "day" or "detail"' });
        }
    });

export interface AggregateResourceBillsArgs extends ResourceBillFilters {
    /** The dimension to sum by. */
    readonly groupBy: ResourceBillGrouping;
    /**
     * Granularity of the records folded (default `month`, or `day` when grouping by day). Totals are
     * the same for every granularity; finer ones read more records.
     */
    readonly granularity?: ResourceBillGranularity;
    /** Keep only the `top` largest groups by consumed amount (the totals still cover everything). */
    readonly top?: number;
    /**
     * Pages requested ahead while one is being summed (default 2): hides the API's latency; memory
     * stays at `prefetchPages + 1` pages. Requests remain paced under the rate limit by the client.
     */
    readonly prefetchPages?: number;
}

/** Default pages in flight ahead of the one being folded. */
export const AGGREGATE_PREFETCH_PAGES = 2;

export interface ResourceBillGroup extends ResourceBillTotals {
    /** The group's key: a service type code, region code, resource id, bill date, ... (`""` when the records carry none). */
    readonly key: string;
    /** Display name when the records carry one. */
    readonly name?: string;
    readonly recordCount: number;
}

export interface ResourceBillAggregate {
    readonly month: string;
    readonly groupBy: ResourceBillGrouping;
    readonly granularity: ResourceBillGranularity;
    readonly currency: string;
    /** Records folded. */
    readonly recordCount: number;
    /** Requests made. */
    readonly pages: number;
    /** Number of groups before `top`. */
    readonly groupCount: number;
    readonly totals: ResourceBillTotals;
    /** Sorted by `consumeAmount`, largest first. */
    readonly groups: readonly ResourceBillGroup[];
}

/**
 * Core of {@link aggregateResourceBills}: pages through every matching record (1000 per request)
 * and folds each page into per-group exact sums before fetching the next, so memory stays at one
 * page plus one accumulator per group whatever the number of records.
 */
export async function foldResourceBills(client: BssDataClient, args: AggregateResourceBillsArgs): Promise<ResourceBillAggregate> {
    const parsed = parseArgs("aggregateResourceBills", aggregateArgs, args);
    const granularity: ResourceBillGranularity = parsed.granularity ?? (parsed.groupBy === "day" ? "day" : "month");
    const grouping = GROUPINGS[parsed.groupBy];
    let currency: unknown;
    let bodyMeasure: unknown;
    const pager = pagerFor(
        client,
        RESOURCE_BILLS_OP,
        resourceBillRequest({ ...parsed, granularity }),
        undefined,
        (body) => {
            currency ??= body.currency;
            bodyMeasure ??= body.measure_id;
        },
        parsed.prefetchPages ?? AGGREGATE_PREFETCH_PAGES,
    );
    const groups = new GroupedTotals<ResourceBillMoneyField>(RESOURCE_BILL_MONEY_FIELDS);
    for await (const record of pager) {
        const measure = record.measure_id ?? bodyMeasure;
        groups.add(text(record, grouping.key) ?? "", grouping.name ? text(record, grouping.name) : undefined, (field) =>
            wireMoney(record, field, measure),
        );
    }
    const sorted = groups.sorted("consume_amount");
    const kept = parsed.top === undefined ? sorted : sorted.slice(0, parsed.top);
    return {
        month: parsed.month,
        groupBy: parsed.groupBy,
        granularity,
        currency: currencyOf(currency, siteOf(client)),
        recordCount: groups.overall.count,
        pages: pager.info.pages,
        groupCount: groups.size,
        totals: groups.overall.toStrings(RESOURCE_BILL_MONEY),
        groups: kept.map((g) => ({
            key: g.key,
            ...(g.name !== undefined ? { name: g.name } : {}),
            recordCount: g.totals.count,
            ...g.totals.toStrings(RESOURCE_BILL_MONEY),
        })),
    };
}

/**
 * Resource-level bills of a month summed by service, region, resource, day, ... without holding the
 * records: pages are fetched one after another and folded into exact sums.
 *
 * @example
 * ```ts
 * const byService = await bss.aggregateResourceBills({ month: "2026-05", groupBy: "service" });
 * for (const g of byService.groups) console.log(g.key, g.consumeAmount);
 * ```
 */
export function aggregateResourceBills(args: AggregateResourceBillsArgs, opts?: DataSourceOptions): Promise<ResourceBillAggregate> {
    return invoke(foldResourceBills, args, opts);
}

/** Output form of {@link aggregateResourceBills}. @example `export const byService = bss.aggregateResourceBillsOutput({ month, groupBy: "service", top: 5 }).groups;` */
export function aggregateResourceBillsOutput(
    args: DataSourceInputs<AggregateResourceBillsArgs>,
    opts?: DataSourceOptions,
): pulumi.Output<ResourceBillAggregate> {
    return invokeOutput(aggregateResourceBills, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Expenditure records (ListCustomerselfResourceRecords)

const expenditureArgs = z
    .object({
        month,
        granularity: z.enum(["month", "detail"]).optional(),
        dateRange: dateRange.optional(),
        serviceType: z.string().max(64).optional(),
        region: z.string().max(64).optional(),
        chargeMode: chargeMode.optional(),
        billType: z.number().int().min(0).max(127).optional(),
        resourceId: z.string().optional(),
        enterpriseProjectId: z.string().optional(),
        includeZeroRecords: z.boolean().optional(),
        tradeId: z.string().optional(),
        ...scopeFields,
        limit: limitSchema,
    })
    .strict();

export interface GetResourceExpendituresArgs extends BillScope {
    readonly month: string;
    /** `statistic_type`: `detail` (3, default: one record per charge) or `month` (1: per resource). */
    readonly granularity?: "month" | "detail";
    /** Bill dates within the month (`bill_date_begin`/`bill_date_end`). */
    readonly dateRange?: BillDateRange;
    readonly serviceType?: string;
    readonly region?: string;
    readonly chargeMode?: ChargeMode;
    readonly billType?: number;
    readonly resourceId?: string;
    readonly enterpriseProjectId?: string;
    readonly includeZeroRecords?: boolean;
    /** Order id or transaction id (`trade_id`). */
    readonly tradeId?: string;
    readonly limit?: number;
}

/** An expenditure record (`ResFeeRecordV2`); `charge_mode`/`period_type` arrive as strings and are returned as numbers. */
export interface ResourceExpenditure {
    readonly billDate?: string;
    readonly billType?: number;
    readonly customerId?: string;
    readonly region?: string;
    readonly regionName?: string;
    readonly cloudServiceType?: string;
    readonly cloudServiceTypeName?: string;
    readonly resourceType?: string;
    readonly resourceTypeName?: string;
    readonly effectiveTime?: string;
    readonly expireTime?: string;
    readonly resourceId?: string;
    readonly resourceName?: string;
    readonly resourceTag?: string;
    readonly productId?: string;
    readonly productName?: string;
    readonly productSpecDesc?: string;
    readonly skuCode?: string;
    readonly specSize?: DecimalString;
    readonly specSizeMeasureId?: number;
    readonly tradeId?: string;
    readonly id?: string;
    readonly tradeTime?: string;
    readonly enterpriseProjectId?: string;
    readonly enterpriseProjectName?: string;
    readonly chargeMode?: number;
    readonly orderId?: string;
    readonly periodType?: number;
    readonly usageType?: string;
    readonly usage?: DecimalString;
    readonly usageMeasureId?: number;
    /** Usage covered by resource packages. */
    readonly freeResourceUsage?: DecimalString;
    readonly freeResourceMeasureId?: number;
    readonly riUsage?: DecimalString;
    readonly riUsageMeasureId?: number;
    /** Unit price in main currency units. */
    readonly unitPrice?: DecimalString;
    readonly unit?: string;
    readonly officialAmount?: DecimalString;
    readonly discountAmount?: DecimalString;
    /** Payable (incl. coupons) = sum of the payment split. */
    readonly amount?: DecimalString;
    readonly cashAmount?: DecimalString;
    readonly creditAmount?: DecimalString;
    readonly couponAmount?: DecimalString;
    readonly flexipurchaseCouponAmount?: DecimalString;
    readonly storedCardAmount?: DecimalString;
    readonly bonusAmount?: DecimalString;
    readonly debtAmount?: DecimalString;
    readonly adjustmentAmount?: DecimalString;
    readonly formula?: string;
    readonly consumeTime?: string;
    readonly relativeOrderId?: string;
    readonly accountName?: string;
    readonly periodNum?: DecimalString;
    readonly [otherWireField: string]: unknown;
}

export interface ResourceExpenditures extends ListResult {
    readonly month: string;
    readonly currency: string;
    /** Sum of `amount` over the returned records. */
    readonly amount: DecimalString;
    readonly records: readonly ResourceExpenditure[];
}

const EXPENDITURES_OP: ListOperation = { operation: "listCustomerselfResourceRecords", itemsField: "fee_records", pageSize: 1000 };
const EXPENDITURE_SHAPE: RecordShape = {
    extraMoney: ["unit_price"],
    quantities: ["spec_size", "usage", "free_resource_usage", "ri_usage", "period_num"],
};

/** Core of {@link getResourceExpenditures}. */
export async function fetchResourceExpenditures(client: BssDataClient, args: GetResourceExpendituresArgs): Promise<ResourceExpenditures> {
    const parsed = parseArgs("getResourceExpenditures", expenditureArgs, args);
    const request = compact({
        cycle: parsed.month,
        statistic_type: parsed.granularity === "month" ? 1 : 3,
        bill_date_begin: parsed.dateRange?.begin,
        bill_date_end: parsed.dateRange?.end,
        cloud_service_type: parsed.serviceType,
        region: parsed.region,
        charge_mode: parsed.chargeMode ? String(CHARGE_MODE_CODES[parsed.chargeMode]) : undefined,
        bill_type: parsed.billType,
        resource_id: parsed.resourceId,
        enterprise_project_id: parsed.enterpriseProjectId,
        include_zero_record: parsed.includeZeroRecords,
        trade_id: parsed.tradeId,
        ...scopeRequest(parsed),
    });
    const page = await listRecords<ResourceExpenditure>(client, EXPENDITURES_OP, request, EXPENDITURE_SHAPE, parsed.limit);
    const records = page.items.map((r) => ({
        ...r,
        chargeMode: numeric(r.chargeMode),
        periodType: numeric(r.periodType),
    }));
    return {
        month: parsed.month,
        currency: currencyOf(page.firstBody.currency, siteOf(client)),
        amount: Decimal.sum(records.map((r) => r.amount ?? "0")).toString(),
        records,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

/**
 * Resource expenditure records (`ListCustomerselfResourceRecords`): per charge with usage, unit
 * price, package and RI coverage, and the payment split.
 *
 * @example
 * ```ts
 * const spend = await bss.getResourceExpenditures({ month: "2026-05", chargeMode: "payPerUse" });
 * console.log(spend.amount, spend.records[0]?.formula);
 * ```
 */
export function getResourceExpenditures(args: GetResourceExpendituresArgs, opts?: DataSourceOptions): Promise<ResourceExpenditures> {
    return invoke(fetchResourceExpenditures, args, opts);
}

/** Output form of {@link getResourceExpenditures}. @example `export const payg = bss.getResourceExpendituresOutput({ month, chargeMode: "payPerUse" }).amount;` */
export function getResourceExpendituresOutput(
    args: DataSourceInputs<GetResourceExpendituresArgs>,
    opts?: DataSourceOptions,
): pulumi.Output<ResourceExpenditures> {
    return invokeOutput(getResourceExpenditures, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Transaction records (ListCustomerBillsFeeRecords, Chinese site)

const transactionArgs = z
    .object({
        month,
        dateRange: dateRange.optional(),
        provider: z.enum(["huaweiCloud", "marketplace"]).optional(),
        serviceType: z.string().optional(),
        resourceType: z.string().optional(),
        region: z.string().optional(),
        chargeMode: chargeMode.optional(),
        billType: z.number().int().min(1).max(103).optional(),
        tradeId: z.string().optional(),
        enterpriseProjectId: z.string().optional(),
        includeZeroRecords: z.boolean().optional(),
        status: z.enum(["paid", "unsettled", "unbilled"]).optional(),
        ...scopeFields,
        limit: limitSchema,
    })
    .strict();

export interface GetTransactionRecordsArgs extends BillScope {
    readonly month: string;
    readonly dateRange?: BillDateRange;
    /** `provider_type`: Huawei Cloud (1) or KooGallery marketplace (2). */
    readonly provider?: "huaweiCloud" | "marketplace";
    readonly serviceType?: string;
    readonly resourceType?: string;
    /** `region_code`. */
    readonly region?: string;
    /** `charging_mode`. */
    readonly chargeMode?: ChargeMode;
    readonly billType?: number;
    readonly tradeId?: string;
    readonly enterpriseProjectId?: string;
    readonly includeZeroRecords?: boolean;
    /** `status`: paid 1, unsettled 2, unbilled 3. */
    readonly status?: "paid" | "unsettled" | "unbilled";
    readonly limit?: number;
}

/** A deduction transaction at cent precision (`MonthlyBillRecord`). */
export interface TransactionRecord {
    readonly billCycle?: string;
    readonly customerId?: string;
    readonly serviceTypeCode?: string;
    readonly resourceTypeCode?: string;
    readonly serviceTypeName?: string;
    readonly resourceTypeName?: string;
    readonly regionCode?: string;
    readonly regionName?: string;
    readonly enterpriseProjectId?: string;
    readonly enterpriseProjectName?: string;
    readonly chargingMode?: number;
    readonly consumeTime?: string;
    readonly tradeTime?: string;
    readonly providerType?: number;
    readonly tradeId?: string;
    readonly id?: string;
    readonly billType?: number;
    /** 1 paid, 2 unsettled, 3 unbilled. */
    readonly status?: number;
    /** `officialDiscountAmount + eraseAmount + consumeAmount`. */
    readonly officialAmount?: DecimalString;
    readonly officialDiscountAmount?: DecimalString;
    /** Dropped by rounding to cents. */
    readonly eraseAmount?: DecimalString;
    readonly consumeAmount?: DecimalString;
    readonly cashAmount?: DecimalString;
    readonly creditAmount?: DecimalString;
    readonly couponAmount?: DecimalString;
    readonly flexipurchaseCouponAmount?: DecimalString;
    readonly storedValueCardAmount?: DecimalString;
    readonly bonusAmount?: DecimalString;
    readonly debtAmount?: DecimalString;
    readonly writeoffAmount?: DecimalString;
    readonly accountName?: string;
}

export interface TransactionRecords extends ListResult {
    readonly month: string;
    readonly currency: string;
    /** Sums over the returned records. */
    readonly consumeAmount: DecimalString;
    readonly eraseAmount: DecimalString;
    readonly officialAmount: DecimalString;
    readonly records: readonly TransactionRecord[];
}

const TRANSACTIONS_OP: ListOperation = { operation: "listCustomerBillsFeeRecords", itemsField: "records", pageSize: 1000 };
const TRANSACTION_STATUS = { paid: 1, unsettled: 2, unbilled: 3 } as const;

function transactionRequest(parsed: z.output<typeof transactionArgs>): Record<string, unknown> {
    return compact({
        bill_cycle: parsed.month,
        bill_date_begin: parsed.dateRange?.begin,
        bill_date_end: parsed.dateRange?.end,
        provider_type: parsed.provider ? (parsed.provider === "huaweiCloud" ? 1 : 2) : undefined,
        service_type_code: parsed.serviceType,
        resource_type_code: parsed.resourceType,
        region_code: parsed.region,
        charging_mode: parsed.chargeMode ? CHARGE_MODE_CODES[parsed.chargeMode] : undefined,
        bill_type: parsed.billType,
        trade_id: parsed.tradeId,
        enterprise_project_id: parsed.enterpriseProjectId,
        include_zero_record: parsed.includeZeroRecords,
        status: parsed.status ? TRANSACTION_STATUS[parsed.status] : undefined,
        ...scopeRequest(parsed),
    });
}

/** Core of {@link getTransactionRecords}. */
export async function fetchTransactionRecords(client: BssDataClient, args: GetTransactionRecordsArgs): Promise<TransactionRecords> {
    const parsed = parseArgs("getTransactionRecords", transactionArgs, args);
    const page = await listRecords<TransactionRecord>(client, TRANSACTIONS_OP, transactionRequest(parsed), {}, parsed.limit);
    const sum = (field: keyof TransactionRecord) => Decimal.sum(page.items.map((r) => (r[field] as string | undefined) ?? "0")).toString();
    return {
        month: parsed.month,
        currency: currencyOf(page.firstBody.currency, siteOf(client)),
        consumeAmount: sum("consumeAmount"),
        eraseAmount: sum("eraseAmount"),
        officialAmount: sum("officialAmount"),
        records: page.items,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

/**
 * Transaction (deduction) records at cent precision (`ListCustomerBillsFeeRecords`, Chinese site).
 *
 * @example
 * ```ts
 * const tx = await bss.getTransactionRecords({ month: "2026-05" });
 * console.log(tx.consumeAmount, "erased by rounding:", tx.eraseAmount);
 * ```
 */
export function getTransactionRecords(args: GetTransactionRecordsArgs, opts?: DataSourceOptions): Promise<TransactionRecords> {
    return invoke(fetchTransactionRecords, args, opts);
}

/** Output form of {@link getTransactionRecords}. @example `export const paid = bss.getTransactionRecordsOutput({ month, status: "paid" }).consumeAmount;` */
export function getTransactionRecordsOutput(
    args: DataSourceInputs<GetTransactionRecordsArgs>,
    opts?: DataSourceOptions,
): pulumi.Output<TransactionRecords> {
    return invokeOutput(getTransactionRecords, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Amortised monthly breakdown (ListCustomerBillsMonthlyBreakDown, Chinese site)

const amortizedArgs = z
    .object({
        month,
        serviceType: z.string().optional(),
        resourceType: z.string().optional(),
        region: z.string().optional(),
        chargeMode: chargeMode.optional(),
        billType: z.number().int().min(1).max(103).optional(),
        resourceId: z.string().optional(),
        resourceName: z.string().optional(),
        enterpriseProjectId: z.string().optional(),
        ...scopeFields,
        limit: limitSchema,
    })
    .strict();

export interface GetAmortizedCostsArgs extends BillScope {
    /** The month whose amortised share is wanted (`shared_month`; last 18 months). */
    readonly month: string;
    readonly serviceType?: string;
    readonly resourceType?: string;
    readonly region?: string;
    readonly chargeMode?: ChargeMode;
    readonly billType?: number;
    readonly resourceId?: string;
    readonly resourceName?: string;
    readonly enterpriseProjectId?: string;
    readonly limit?: number;
}

/** An amortised charge (`NvlCostAnalysedBillDetail`). */
export interface AmortizedCost {
    readonly sharedMonth?: string;
    /** Month the original charge was billed. */
    readonly billCycle?: string;
    readonly billType?: number;
    readonly customerId?: string;
    readonly regionCode?: string;
    readonly serviceTypeCode?: string;
    readonly resourceTypeCode?: string;
    readonly resourceId?: string;
    readonly resourceName?: string;
    readonly chargingMode?: number;
    readonly orderId?: string;
    readonly periodType?: number;
    readonly effectiveTime?: string;
    readonly expireTime?: string;
    /** The whole charge = past + current + future amortised amounts. */
    readonly consumeAmount?: DecimalString;
    readonly pastMonthsAmortizedAmount?: DecimalString;
    readonly currentMonthAmortizedAmount?: DecimalString;
    readonly futureMonthsAmortizedAmount?: DecimalString;
    readonly amortizedCashAmount?: DecimalString;
    readonly amortizedCreditAmount?: DecimalString;
    readonly amortizedCouponAmount?: DecimalString;
    readonly amortizedFlexipurchaseCouponAmount?: DecimalString;
    readonly amortizedStoredValueCardAmount?: DecimalString;
    readonly amortizedBonusAmount?: DecimalString;
    readonly usage?: DecimalString;
    readonly freeResourceUsage?: DecimalString;
    readonly riUsage?: DecimalString;
    readonly [otherWireField: string]: unknown;
}

export interface AmortizedCosts extends ListResult {
    readonly month: string;
    readonly currency: string;
    /** Sum of `currentMonthAmortizedAmount` over the returned records: the month's amortised cost. */
    readonly currentMonthAmortizedAmount: DecimalString;
    readonly records: readonly AmortizedCost[];
}

const AMORTIZED_OP: ListOperation = { operation: "listCustomerBillsMonthlyBreakDown", itemsField: "details", pageSize: 1000 };
const AMORTIZED_SHAPE: RecordShape = { quantities: ["usage", "free_resource_usage", "ri_usage"] };

/** Core of {@link getAmortizedCosts}. */
export async function fetchAmortizedCosts(client: BssDataClient, args: GetAmortizedCostsArgs): Promise<AmortizedCosts> {
    const parsed = parseArgs("getAmortizedCosts", amortizedArgs, args);
    const request = compact({
        shared_month: parsed.month,
        service_type_code: parsed.serviceType,
        resource_type_code: parsed.resourceType,
        region_code: parsed.region,
        charging_mode: parsed.chargeMode ? CHARGE_MODE_CODES[parsed.chargeMode] : undefined,
        bill_type: parsed.billType,
        resource_id: parsed.resourceId,
        resource_name: parsed.resourceName,
        enterprise_project_id: parsed.enterpriseProjectId,
        ...scopeRequest(parsed),
    });
    const page = await listRecords<AmortizedCost>(client, AMORTIZED_OP, request, AMORTIZED_SHAPE, parsed.limit);
    return {
        month: parsed.month,
        currency: currencyOf(page.firstBody.currency, siteOf(client)),
        currentMonthAmortizedAmount: Decimal.sum(page.items.map((r) => r.currentMonthAmortizedAmount ?? "0")).toString(),
        records: page.items,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

/**
 * Amortised monthly cost breakdown (`ListCustomerBillsMonthlyBreakDown`, Chinese site): prepaid charges
 * spread over their service period.
 *
 * @example
 * ```ts
 * const amortized = await bss.getAmortizedCosts({ month: "2026-05" });
 * console.log(amortized.currentMonthAmortizedAmount);
 * ```
 */
export function getAmortizedCosts(args: GetAmortizedCostsArgs, opts?: DataSourceOptions): Promise<AmortizedCosts> {
    return invoke(fetchAmortizedCosts, args, opts);
}

/** Output form of {@link getAmortizedCosts}. @example `export const amortized = bss.getAmortizedCostsOutput({ month }).currentMonthAmortizedAmount;` */
export function getAmortizedCostsOutput(args: DataSourceInputs<GetAmortizedCostsArgs>, opts?: DataSourceOptions): pulumi.Output<AmortizedCosts> {
    return invokeOutput(getAmortizedCosts, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Legacy v1.0 resource records

const PAY_METHOD_CODES = { yearlyMonthly: "0", payPerUse: "1", reservedInstance: "10" } as const;

const legacyArgs = z
    .object({
        month,
        payMethod: z.enum(["yearlyMonthly", "payPerUse", "reservedInstance"]),
        serviceType: z.string().min(1).max(64).optional(),
        resourceType: z.string().min(1).max(64).optional(),
        region: z.string().min(1).max(64).optional(),
        resourceId: z.string().min(1).max(256).optional(),
        enterpriseProjectId: z.string().min(1).max(64).optional(),
        limit: limitSchema,
    })
    .strict();

export interface GetLegacyResourceRecordsArgs {
    readonly month: string;
    /** `payMethod`: yearly/monthly "0", pay-per-use "1", reserved instance "10". */
    readonly payMethod: "yearlyMonthly" | "payPerUse" | "reservedInstance";
    /** `cloudServiceTypeCode`. */
    readonly serviceType?: string;
    /** `resourceTypeCode`. */
    readonly resourceType?: string;
    /** `regionCode`. */
    readonly region?: string;
    /** `resInstanceId`. */
    readonly resourceId?: string;
    readonly enterpriseProjectId?: string;
    readonly limit?: number;
}

/** A v1.0 resource record (camelCase on the wire already). */
export interface LegacyResourceRecord {
    readonly cloudServiceTypeCode?: string;
    readonly regionCode?: string;
    readonly resourceTypeCode?: string;
    readonly resInstanceId?: string;
    readonly resourceName?: string;
    readonly resourceTag?: string;
    readonly consumeAmount?: DecimalString;
    readonly officialAmount?: DecimalString;
    readonly cycle?: string;
    readonly enterpriseProjectId?: string;
    readonly payMethod?: string;
}

export interface LegacyResourceRecords extends ListResult {
    readonly month: string;
    readonly currency: string;
    readonly consumeAmount: DecimalString;
    readonly records: readonly LegacyResourceRecord[];
}

/** `offset` is a 1-based page number on this API. */
const LEGACY_OP: ListOperation = {
    operation: "queryResRecordsV1",
    itemsField: "monthlyRecords",
    totalField: "totalCount",
    pageSize: 1000,
    style: "pageNumber",
};

/** Core of {@link getLegacyResourceRecords}. */
export async function fetchLegacyResourceRecords(client: BssDataClient, args: GetLegacyResourceRecordsArgs): Promise<LegacyResourceRecords> {
    const parsed = parseArgs("getLegacyResourceRecords", legacyArgs, args);
    const request = compact({
        cycle: parsed.month,
        payMethod: PAY_METHOD_CODES[parsed.payMethod],
        cloudServiceTypeCode: parsed.serviceType,
        resourceTypeCode: parsed.resourceType,
        regionCode: parsed.region,
        resInstanceId: parsed.resourceId,
        enterpriseProjectId: parsed.enterpriseProjectId,
    });
    const page = await listRecords<LegacyResourceRecord>(client, LEGACY_OP, request, { measureField: "measureId" }, parsed.limit);
    return {
        month: parsed.month,
        currency: currencyOf(page.firstBody.currency, siteOf(client)),
        consumeAmount: Decimal.sum(page.items.map((r) => r.consumeAmount ?? "0")).toString(),
        records: page.items,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

/**
 * Resource records of the deprecated v1.0 API (`GET /v1.0/{domain_id}/customer/account-mgr/bill/res-records`),
 * for accounts and tools that still compare against it.
 *
 * @example
 * ```ts
 * const legacy = await bss.getLegacyResourceRecords({ month: "2026-05", payMethod: "payPerUse" });
 * ```
 */
export function getLegacyResourceRecords(args: GetLegacyResourceRecordsArgs, opts?: DataSourceOptions): Promise<LegacyResourceRecords> {
    return invoke(fetchLegacyResourceRecords, args, opts);
}

/** Output form of {@link getLegacyResourceRecords}. @example `export const v1 = bss.getLegacyResourceRecordsOutput({ month, payMethod: "payPerUse" }).consumeAmount;` */
export function getLegacyResourceRecordsOutput(
    args: DataSourceInputs<GetLegacyResourceRecordsArgs>,
    opts?: DataSourceOptions,
): pulumi.Output<LegacyResourceRecords> {
    return invokeOutput(getLegacyResourceRecords, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Reconciliation of one month

const reconcileArgs = z.object({ month, ...scopeFields }).strict();

export interface GetBillReconciliationArgs extends BillScope {
    readonly month: string;
}

export interface BillReconciliation {
    readonly month: string;
    readonly currency: string;
    /** `consume_amount` of the monthly summary. */
    readonly summaryConsumeAmount: DecimalString;
    /** Sum of transaction records (`undefined` on sites without that API). */
    readonly transactionConsumeAmount?: DecimalString;
    /** Sum of the transactions' erased rounding. */
    readonly transactionEraseAmount?: DecimalString;
    /** Sum of resource bills (per resource and month). */
    readonly resourceConsumeAmount: DecimalString;
    /** `summaryConsumeAmount - resourceConsumeAmount`: the rounding residue Huawei warns about. */
    readonly residue: DecimalString;
    /** Summary and transactions agree exactly (they must). */
    readonly summaryMatchesTransactions?: boolean;
    readonly resourceRecordCount: number;
    readonly transactionCount?: number;
}

/** Core of {@link getBillReconciliation}. */
export async function fetchBillReconciliation(client: BssDataClient, args: GetBillReconciliationArgs): Promise<BillReconciliation> {
    const parsed = parseArgs("getBillReconciliation", reconcileArgs, args);
    const summary = await fetchMonthlyBillSummary(client, { ...parsed, limit: 0 });
    const resources = await foldResourceBills(client, { ...parsed, groupBy: "service" });
    let transactions: MoneyTotals<"consume_amount" | "erase_amount"> | undefined;
    if (siteOf(client) !== "intl") {
        transactions = new MoneyTotals(["consume_amount", "erase_amount"] as const);
        let bodyMeasure: unknown;
        const pager = pagerFor(
            client,
            TRANSACTIONS_OP,
            transactionRequest({ month: parsed.month, ...scopeOnly(parsed) }),
            undefined,
            (body) => {
                bodyMeasure ??= body.measure_id;
            },
            AGGREGATE_PREFETCH_PAGES,
        );
        for await (const record of pager) {
            const measure = record.measure_id ?? bodyMeasure;
            transactions.add((field) => wireMoney(record, field, measure));
        }
    }
    const summaryAmount = Decimal.from(summary.totals.consumeAmount);
    const transactionAmount = transactions?.get("consume_amount");
    return {
        month: parsed.month,
        currency: summary.currency,
        summaryConsumeAmount: summaryAmount.toString(),
        transactionConsumeAmount: transactionAmount?.toString(),
        transactionEraseAmount: transactions?.get("erase_amount").toString(),
        resourceConsumeAmount: resources.totals.consumeAmount,
        residue: summaryAmount.minus(resources.totals.consumeAmount).toString(),
        summaryMatchesTransactions: transactionAmount === undefined ? undefined : transactionAmount.equals(summaryAmount),
        resourceRecordCount: resources.recordCount,
        transactionCount: transactions?.count,
    };
}

/**
 * The month seen three ways, for reconciliation: the summary bill, the sum of transaction records
 * (equal to the summary) and the sum of resource bills (differs by the cent-rounding residue).
 *
 * @example
 * ```ts
 * const r = await bss.getBillReconciliation({ month: "2026-05" });
 * if (!r.summaryMatchesTransactions) throw new Error("summary and transactions disagree");
 * console.log("rounding residue", r.residue);
 * ```
 */
export function getBillReconciliation(args: GetBillReconciliationArgs, opts?: DataSourceOptions): Promise<BillReconciliation> {
    return invoke(fetchBillReconciliation, args, opts);
}

/** Output form of {@link getBillReconciliation}. @example `export const residue = bss.getBillReconciliationOutput({ month }).residue;` */
export function getBillReconciliationOutput(
    args: DataSourceInputs<GetBillReconciliationArgs>,
    opts?: DataSourceOptions,
): pulumi.Output<BillReconciliation> {
    return invokeOutput(getBillReconciliation, args, opts);
}

function scopeOnly(args: BillScope): BillScope {
    return compact({ scope: args.scope, subCustomerId: args.subCustomerId });
}

function numeric(value: unknown): number | undefined {
    if (typeof value === "number") return value;
    if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
    return undefined;
}

