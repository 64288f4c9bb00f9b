/**
 * The operation table: every operation of both reference indexes (wire definition generated from the
 * reference) plus what the reference cannot say on its own — whether a call moves money or state,
 * its idempotency key, and cross-field request rules.
 */
import { z } from "zod";
import { referenceOperations } from "./generated";

export * from "./generated";

export type OperationName = keyof typeof referenceOperations;
type Reference<K extends OperationName> = (typeof referenceOperations)[K];

/** The flat request of an operation: wire names as keys (path, query, header and body fields together). */
export type RequestOf<K extends OperationName> = z.input<Reference<K>["request"]>;
/** The parsed response body of an operation (`undefined` for operations answering with an empty body). */
export type ResponseOf<K extends OperationName> = Reference<K>["response"] extends z.ZodType ? z.output<Reference<K>["response"]> : undefined;
/** The client method name of an operation: the reference's `operation` in lowerCamelCase. */
export type MethodName<K extends OperationName = OperationName> = Uncapitalize<K>;

/**
 * - `read`: queries, ratings and lists; retried on throttling, 5xx and connection failures.
 * - `mutating`: moves money or state; retried only when the request was certainly rejected or never
 *   sent (throttled, connection refused); an unclear outcome raises AmbiguousOutcomeError.
 */
export type Effect = "read" | "mutating";

export interface OperationPolicy {
    readonly effect: Effect;
    /** A request field that makes retries safe: a retry reuses the same value, the server refuses a second use. */
    readonly idempotencyKey?: "trans_id";
}

const read: OperationPolicy = { effect: "read" };
const mutating: OperationPolicy = { effect: "mutating" };
const mutatingWithTransId: OperationPolicy = { effect: "mutating", idempotencyKey: "trans_id" };

/** Exhaustive: adding an operation to the reference without classifying it does not compile. */
export const OPERATION_POLICIES: { readonly [K in OperationName]: OperationPolicy } = {
    // Group A: subscriptions, orders, accounts
    ListPayPerUseCustomerResources: read,
    RenewalResources: mutating,
    CancelResourcesSubscription: mutating,
    AutoRenewalResources: mutating,
    CancelAutoRenewalResources: mutating,
    UpdatePeriodToOnDemand: mutating,
    ListRenewRateOnPeriod: read,
    SetResourcesRenewConfig: mutating,
    ListCustomerOrders: read,
    ShowCustomerOrderDetails: read,
    ListOrderDiscounts: read,
    PayOrders: mutating,
    CancelCustomerOrder: mutating,
    ShowRefundOrderDetails: read,
    ShowCustomerAccountBalances: read,
    ListSubCustomerCoupons: read,
    CreateEnterpriseProjectAuth: mutating,
    // Group B: prices, bills, catalogue, resource packages, enterprise funds and coupons
    ListOnDemandResourceRatings: read,
    ListRateOnPeriodDetail: read,
    ShowCustomerMonthlySum: read,
    ListCustomerselfResourceRecordDetails: read,
    ListCustomerselfResourceRecords: read,
    QueryResRecordsV1: read,
    ListCosts: read,
    ListServiceTypes: read,
    ListResourceTypes: read,
    ListServiceResources: read,
    ListUsageTypes: read,
    ListMeasureUnits: read,
    ListConversions: read,
    ListFreeResourceInfos: read,
    ListFreeResourceUsages: read,
    ListFreeResourcesUsageRecords: read,
    ListResourceUsageSummary: read,
    ListResourceUsage: read,
    ListInvoices: read,
    ListEnterpriseSubCustomers: read,
    ShowMultiAccountTransferAmount: read,
    UpdateSubEnterpriseAmount: mutatingWithTransId,
    ListEnterpriseMultiAccount: read,
    ReclaimSubEnterpriseAmount: mutatingWithTransId,
    ListMultiAccountTransferCoupons: read,
    ListMultiAccountRetrieveCoupons: read,
    ClaimEnterpriseMultiAccountCoupon: mutatingWithTransId,
    ReclaimEnterpriseMultiAccountCoupon: mutatingWithTransId,
    ListCustomerBillsFeeRecords: read,
    ListCustomerBillsMonthlyBreakDown: read,
};

// ---------------------------------------------------------------------------------------------
// Cross-field rules the per-field schemas cannot express (all from the reference's descriptions).

type Rule = (request: Record<string, unknown>, ctx: z.RefinementCtx) => void;

function issue(ctx: z.RefinementCtx, field: string, message: string): void {
    ctx.addIssue({ code: "custom", path: [field], message });
}

/** period_num is 1..11 for months (period_type 2) and 1..3 for years (period_type 3). */
const renewalPeriod: Rule = (r, ctx) => {
    if (r.period_type === 3 && typeof r.period_num === "number" && r.period_num > 3) {
        issue(ctx, "period_num", "must be 1..3 when period_type is 3 (years)");
    }
};

/** use_coupon/use_discount YES require the matching *_infos list; NO requires it absent. */
const payOrder: Rule = (r, ctx) => {
    for (const [flag, list] of [["use_coupon", "coupon_infos"], ["use_discount", "discount_infos"]] as const) {
        const entries = r[list] as unknown[] | undefined;
        if (r[flag] === "YES" && !(entries && entries.length > 0)) issue(ctx, list, `is required (at least one entry) when ${flag} is YES`);
        if (r[flag] === "NO" && entries !== undefined) issue(ctx, list, `must be absent when ${flag} is NO`);
    }
};

const renewConfig: Rule = (r, ctx) => {
    const value = String(r.config_value ?? "");
    if (r.config_name === "DEDUCTION_DATE" && !/^[2-7]$/.test(value)) issue(ctx, "config_value", "must be '2'..'7' (days before expiry) for DEDUCTION_DATE");
    if (r.config_name === "EXPIRE_DATE" && !/^(-1|[1-9]|1\d|2[0-8])$/.test(value)) issue(ctx, "config_value", "must be '1'..'28' or '-1' (last day of the month) for EXPIRE_DATE");
};

/** Money amounts sent as strings: a decimal > 0 with at most 2 decimals. */
const positiveAmount: Rule = (r, ctx) => {
    if (typeof r.amount !== "string") return;
    if (!/^\d+(\.\d{1,2})?$/.test(r.amount) || Number(r.amount) <= 0) issue(ctx, "amount", "must be a decimal string > 0 with at most 2 decimals, e.g. \"100.50\"");
};

const ONE_YEAR_MS = 366 * 24 * 3600 * 1000;
/** ListCustomerOrders: each begin/end window is ordered and at most one year long. */
const orderTimeWindows: Rule = (r, ctx) => {
    for (const kind of ["create_time", "payment_time"] as const) {
        const begin = r[`${kind}_begin`];
        const end = r[`${kind}_end`];
        if (typeof begin !== "string" || typeof end !== "string" || !begin || !end) continue;
        const span = Date.parse(end) - Date.parse(begin);
        if (span < 0) issue(ctx, `${kind}_end`, `must not be before ${kind}_begin`);
        else if (span > ONE_YEAR_MS) issue(ctx, `${kind}_end`, `must be at most one year after ${kind}_begin`);
    }
};

/** bill_date_begin/end are only honoured together, ordered. */
const billDateRange: Rule = (r, ctx) => {
    const begin = r.bill_date_begin;
    const end = r.bill_date_end;
    if ((begin === undefined) !== (end === undefined)) issue(ctx, begin === undefined ? "bill_date_begin" : "bill_date_end", "must be given together with the other bill_date_* field");
    else if (typeof begin === "string" && typeof end === "string" && begin > end) issue(ctx, "bill_date_end", "must not be before bill_date_begin");
};

const REQUEST_RULES: { readonly [K in OperationName]?: Rule } = {
    RenewalResources: renewalPeriod,
    ListRenewRateOnPeriod: renewalPeriod,
    PayOrders: payOrder,
    SetResourcesRenewConfig: renewConfig,
    UpdateSubEnterpriseAmount: positiveAmount,
    ReclaimSubEnterpriseAmount: positiveAmount,
    ClaimEnterpriseMultiAccountCoupon: positiveAmount,
    ListCustomerOrders: orderTimeWindows,
    ListCustomerselfResourceRecords: billDateRange,
    ListCustomerBillsFeeRecords: billDateRange,
};

// ---------------------------------------------------------------------------------------------

export interface Paging {
    /** `record-offset`: offset = records to skip, from 0. `page-number`: offset = page number, from 1. */
    readonly style: "record-offset" | "page-number";
    readonly itemsField: string;
    readonly totalField: string;
    readonly offsetMin: number;
    readonly offsetMax: number;
    readonly limitMax: number;
}

export interface OperationDefinition<K extends OperationName = OperationName> {
    readonly name: K;
    readonly methodName: MethodName<K>;
    readonly method: "GET" | "POST" | "PUT" | "DELETE";
    /** Path template with `{name}` placeholders. */
    readonly path: string;
    readonly successStatus: readonly number[];
    readonly iamAction: string | undefined;
    readonly body: "none" | "optional" | "required";
    readonly pathParams: readonly string[];
    readonly queryParams: readonly string[];
    readonly headerParams: readonly string[];
    readonly bodyParams: readonly string[];
    readonly effect: Effect;
    readonly idempotencyKey: string | undefined;
    readonly paging: Paging | undefined;
    /** Validates the flat request (field rules plus cross-field rules). */
    readonly request: z.ZodType<unknown, RequestOf<K>>;
    /** Parses the response body; undefined when the operation answers with an empty body. */
    readonly response: z.ZodType<ResponseOf<K>> | undefined;
    /** Where this operation is described in the reference: group A = README.md, B = README-billing.md. */
    readonly reference: { readonly group: "A" | "B"; readonly file: string };
}

export function methodNameOf<K extends OperationName>(name: K): MethodName<K> {
    return (name[0].toLowerCase() + name.slice(1)) as MethodName<K>;
}

function define<K extends OperationName>(name: K): OperationDefinition<K> {
    const ref = referenceOperations[name] as Reference<OperationName>;
    const rule = REQUEST_RULES[name];
    const request = rule ? ref.request.superRefine((value, ctx) => rule(value as Record<string, unknown>, ctx)) : ref.request;
    return Object.freeze({
        name,
        methodName: methodNameOf(name),
        method: ref.method,
        path: ref.path,
        successStatus: ref.successStatus,
        iamAction: ref.iamAction,
        body: ref.body,
        pathParams: ref.pathParams,
        queryParams: ref.queryParams,
        headerParams: ref.headerParams,
        bodyParams: ref.bodyParams,
        effect: OPERATION_POLICIES[name].effect,
        idempotencyKey: OPERATION_POLICIES[name].idempotencyKey,
        paging: ref.paging,
        request: request as unknown as z.ZodType<unknown, RequestOf<K>>,
        response: ref.response as unknown as z.ZodType<ResponseOf<K>> | undefined,
        reference: { group: ref.group, file: ref.file },
    });
}

export const OPERATION_NAMES = Object.keys(referenceOperations).sort() as OperationName[];

export const OPERATIONS: { readonly [K in OperationName]: OperationDefinition<K> } = Object.freeze(
    Object.fromEntries(OPERATION_NAMES.map((name) => [name, define(name)])),
) as { readonly [K in OperationName]: OperationDefinition<K> };

const BY_METHOD_NAME = new Map<string, OperationName>(OPERATION_NAMES.map((name) => [methodNameOf(name), name]));

/** Accepts the reference name (`ListCustomerOrders`) or the method name (`listCustomerOrders`). */
export function lookupOperation(name: string): OperationDefinition | undefined {
    const key = (OPERATIONS as Record<string, OperationDefinition>)[name] ? (name as OperationName) : BY_METHOD_NAME.get(name);
    return key ? OPERATIONS[key] : undefined;
}

/** Operations whose responses are paged with offset/limit. */
export type PagedOperationName = {
    [K in OperationName]: Reference<K>["paging"] extends undefined ? never : K;
}[OperationName];

type ItemsField<K extends PagedOperationName> = Reference<K>["paging"] extends { readonly itemsField: infer F } ? F : never;
/** One record of a paged operation (an element of its items field). */
export type ItemOf<K extends PagedOperationName> = ItemsField<K> extends keyof NonNullable<ResponseOf<K>>
    ? NonNullable<NonNullable<ResponseOf<K>>[ItemsField<K>]> extends readonly (infer T)[]
        ? T
        : never
    : never;
