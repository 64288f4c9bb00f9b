/**
 * The account: its yearly/monthly resources, orders (details, refunds, usable discounts), balances
 * and coupons.
 *
 * Wire → result names: every field is the camelCase of its wire name (`expire_policy` →
 * `expirePolicy`, `amount_after_discount` → `amountAfterDiscount`, `user_coupons` → `coupons`,
 * `order_infos` → `orders`, `account_balances` → `accounts`); amounts are exact decimal strings in
 * the main currency unit (`measure_id` applied, then dropped).
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { convertRecord, RecordShape, sumField } from "./convert";
import { Decimal, DecimalString } from "./decimal";
import { limitSchema, ListOperation, ListResult, listRecords } from "./list";
import { currencyOf, money } from "./money";
import { chunk } from "./paging";
import { BssDataClient, call, DataSourceInputs, DataSourceOptions, invoke, invokeOutput, parseArgs, siteOf } from "./source";
import { asRecord, compact, records } from "./wire";

const utcTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, "must be a UTC time yyyy-MM-ddTHH:mm:ssZ");

/** Enterprise project of a record. */
export interface EnterpriseProjectRef {
    readonly id?: string;
    readonly name?: string;
}

// ---------------------------------------------------------------------------------------------------
// Yearly/monthly resources (ListPayPerUseCustomerResources)

/** Resource status names and their wire codes. */
export const RESOURCE_STATUS_CODES = { active: 2, closed: 3, frozen: 4, expired: 5 } as const;
export type ResourceStatus = keyof typeof RESOURCE_STATUS_CODES;

const subscribedArgs = z
    .object({
        resourceIds: z.array(z.string().min(1).max(64)).optional(),
        orderId: z.string().min(1).max(64).optional(),
        onlyMainResources: z.boolean().optional(),
        statuses: z.array(z.enum(["active", "closed", "frozen", "expired"])).max(10).optional(),
        expireTimeBegin: utcTime.optional(),
        expireTimeEnd: utcTime.optional(),
        serviceType: z.string().min(1).max(64).optional(),
        limit: limitSchema,
    })
    .strict();

export interface GetSubscribedResourcesArgs {
    /** Only these resources (any number; queried 50 at a time) plus, unless `onlyMainResources`, their attached ones. */
    readonly resourceIds?: readonly string[];
    /** Resources created or changed by this order (`order_id`). */
    readonly orderId?: string;
    /** Primary resources only (`only_main_resource` 1). */
    readonly onlyMainResources?: boolean;
    /** `status_list`: active 2, closed 3, frozen 4, expired 5 (grace/retention). */
    readonly statuses?: readonly ResourceStatus[];
    /** Expiring at or after this UTC time (`expire_time_begin`). */
    readonly expireTimeBegin?: string;
    /** Expiring at or before this UTC time (`expire_time_end`). */
    readonly expireTimeEnd?: string;
    /** Cloud service type code (`service_type_code`). */
    readonly serviceType?: string;
    /** At most this many resources (default 10000). */
    readonly limit?: number;
}

/** A yearly/monthly resource (`OrderInstanceV2`). */
export interface SubscribedResource {
    /** Subscription-instance id (differs from `resourceId`). */
    readonly id?: string;
    readonly resourceId?: string;
    readonly resourceName?: string;
    readonly regionCode?: string;
    readonly serviceTypeCode?: string;
    readonly serviceTypeName?: string;
    readonly resourceTypeCode?: string;
    readonly resourceTypeName?: string;
    readonly resourceSpecCode?: string;
    readonly projectId?: string;
    readonly productId?: string;
    readonly parentResourceId?: string;
    /** `is_main_resource` 1 → true. */
    readonly isMainResource?: boolean;
    /** 2 active, 3 closed, 4 frozen, 5 expired. */
    readonly status?: number;
    readonly effectiveTime?: string;
    readonly expireTime?: string;
    /** 0 grace period, 1 pay-per-use, 2 delete, 3 auto-renew, 4 freeze, 5 delete from retention. */
    readonly expirePolicy?: number;
    readonly productSpecDesc?: string;
    /** Size of linear products, exact decimal. */
    readonly specSize?: DecimalString;
    readonly specSizeMeasureId?: number;
    readonly updateTime?: string;
    readonly enterpriseProject?: EnterpriseProjectRef;
}

export interface SubscribedResources extends ListResult {
    readonly resources: readonly SubscribedResource[];
}

const RESOURCES_OP: ListOperation = { operation: "listPayPerUseCustomerResources", itemsField: "data", pageSize: 500 };
const RESOURCE_SHAPE: RecordShape = { money: [], quantities: ["spec_size"], booleans: ["is_main_resource"] };

/** Core of {@link getSubscribedResources}. */
export async function fetchSubscribedResources(client: BssDataClient, args: GetSubscribedResourcesArgs): Promise<SubscribedResources> {
    const parsed = parseArgs("getSubscribedResources", subscribedArgs, args);
    const base = compact({
        order_id: parsed.orderId,
        only_main_resource: parsed.onlyMainResources === undefined ? undefined : parsed.onlyMainResources ? 1 : 0,
        status_list: parsed.statuses?.map((s) => RESOURCE_STATUS_CODES[s]),
        expire_time_begin: parsed.expireTimeBegin,
        expire_time_end: parsed.expireTimeEnd,
        service_type_code: parsed.serviceType,
    });
    const idBatches = parsed.resourceIds && parsed.resourceIds.length > 0 ? chunk(parsed.resourceIds, 50) : [undefined];
    const resources: SubscribedResource[] = [];
    let totalCount = 0;
    let truncated = false;
    let remaining = parsed.limit;
    for (const ids of idBatches) {
        const request = ids ? { ...base, resource_ids: ids } : base;
        const page = await listRecords<SubscribedResource>(client, RESOURCES_OP, request, RESOURCE_SHAPE, remaining);
        resources.push(...page.items);
        totalCount += page.totalCount;
        truncated ||= page.truncated;
        if (remaining !== undefined) remaining = Math.max(0, remaining - page.items.length);
    }
    return { resources, totalCount, truncated };
}

/**
 * Yearly/monthly resources of the account (`ListPayPerUseCustomerResources`).
 *
 * @example
 * ```ts
 * const expiring = await bss.getSubscribedResources({
 *     statuses: ["active"], expireTimeEnd: "2026-12-31T23:59:59Z", onlyMainResources: true,
 * });
 * for (const r of expiring.resources) console.log(r.resourceId, r.expireTime, r.expirePolicy);
 * ```
 */
export function getSubscribedResources(args: GetSubscribedResourcesArgs, opts?: DataSourceOptions): Promise<SubscribedResources> {
    return invoke(fetchSubscribedResources, args, opts);
}

/** Output form of {@link getSubscribedResources}. @example `export const count = bss.getSubscribedResourcesOutput({ statuses: ["active"] }).totalCount;` */
export function getSubscribedResourcesOutput(
    args: DataSourceInputs<GetSubscribedResourcesArgs>,
    opts?: DataSourceOptions,
): pulumi.Output<SubscribedResources> {
    return invokeOutput(getSubscribedResources, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Orders (ListCustomerOrders)

const ordersArgs = z
    .object({
        orderId: z.string().min(1).max(64).optional(),
        createTimeBegin: utcTime.optional(),
        createTimeEnd: utcTime.optional(),
        paymentTimeBegin: utcTime.optional(),
        paymentTimeEnd: utcTime.optional(),
        serviceType: z.string().max(64).optional(),
        status: z.literal([1, 3, 4, 5, 6, 9]).optional(),
        orderType: z.literal([1, 2, 3, 4, 10, 11, 13, 14, 15]).optional(),
        sort: z.enum(["createTime", "-createTime"]).optional(),
        subCustomerId: z.string().min(1).max(64).optional(),
        limit: limitSchema,
    })
    .strict();

export interface GetOrdersArgs {
    readonly orderId?: string;
    /** Created at/after (UTC, `create_time_begin`); a range spans at most one year. */
    readonly createTimeBegin?: string;
    readonly createTimeEnd?: string;
    /** Paid at/after (UTC, `payment_time_begin`). */
    readonly paymentTimeBegin?: string;
    readonly paymentTimeEnd?: string;
    /** `service_type_code`. */
    readonly serviceType?: string;
    /** 1 pending approval, 3 processing, 4 cancelled, 5 completed, 6 pending payment, 9 to be confirmed. */
    readonly status?: number;
    /** 1 new, 2 renewal, 3 change, 4 unsubscription, 10 to pay-per-use, 11 to yearly/monthly, ... */
    readonly orderType?: number;
    /** `order_by`: `createTime` ascending or `-createTime` descending. */
    readonly sort?: "createTime" | "-createTime";
    /** Enterprise master: orders paid on behalf of this member (`method=sub_customer`, `customer_id`). */
    readonly subCustomerId?: string;
    readonly limit?: number;
}

/** Money breakdown of an order (`amount_info`). */
export interface OrderAmountInfo {
    readonly discounts?: readonly { readonly discountType?: string; readonly discountAmount?: DecimalString }[];
    readonly flexipurchaseCouponAmount?: DecimalString;
    readonly couponAmount?: DecimalString;
    readonly storedCardAmount?: DecimalString;
    readonly commissionAmount?: DecimalString;
    readonly consumedAmount?: DecimalString;
}

/** An order (`CustomerOrderV2`/`V3`). */
export interface Order {
    readonly orderId?: string;
    readonly customerId?: string;
    readonly serviceTypeCode?: string;
    readonly serviceTypeName?: string;
    readonly sourceType?: number;
    /** 2 pending refund, 3 processing, 4 cancelled, 5 completed, 6 pending payment, ... */
    readonly status?: number;
    readonly orderType?: number;
    /** Price due after discounts, before coupons. */
    readonly amountAfterDiscount?: DecimalString;
    readonly officialAmount?: DecimalString;
    readonly createTime?: string;
    readonly paymentTime?: string;
    readonly currency?: string;
    readonly contractId?: string;
    readonly amountInfo?: OrderAmountInfo;
    readonly enterpriseProjects?: readonly EnterpriseProjectRef[];
    readonly subOrderInfos?: readonly Order[];
    readonly agentPayInfo?: { readonly payingAgentId?: string; readonly isAgentPay?: boolean };
    /** Order details only. */
    readonly userName?: string;
    /** Order details only: pay before this UTC time. */
    readonly pendingPaymentEndTime?: string;
}

export interface Orders extends ListResult {
    readonly orders: readonly Order[];
}

const ORDERS_OP: ListOperation = { operation: "listCustomerOrders", itemsField: "order_infos", pageSize: 100 };
const ORDER_SHAPE: RecordShape = {};

/** Core of {@link getOrders}. */
export async function fetchOrders(client: BssDataClient, args: GetOrdersArgs): Promise<Orders> {
    const parsed = parseArgs("getOrders", ordersArgs, args);
    const request = compact({
        order_id: parsed.orderId,
        create_time_begin: parsed.createTimeBegin,
        create_time_end: parsed.createTimeEnd,
        payment_time_begin: parsed.paymentTimeBegin,
        payment_time_end: parsed.paymentTimeEnd,
        service_type_code: parsed.serviceType,
        status: parsed.status,
        order_type: parsed.orderType === undefined ? undefined : String(parsed.orderType),
        order_by: parsed.sort,
        method: parsed.subCustomerId ? "sub_customer" : undefined,
        customer_id: parsed.subCustomerId,
    });
    const page = await listRecords<Order>(client, ORDERS_OP, request, ORDER_SHAPE, parsed.limit);
    return { orders: page.items, totalCount: page.totalCount, truncated: page.truncated };
}

/**
 * Yearly/monthly orders of the account (`ListCustomerOrders`).
 *
 * @example
 * ```ts
 * const unpaid = await bss.getOrders({ status: 6 });
 * for (const o of unpaid.orders) console.log(o.orderId, o.amountAfterDiscount, o.currency);
 * ```
 */
export function getOrders(args: GetOrdersArgs, opts?: DataSourceOptions): Promise<Orders> {
    return invoke(fetchOrders, args, opts);
}

/** Output form of {@link getOrders}. @example `export const pending = bss.getOrdersOutput({ status: 6 }).totalCount;` */
export function getOrdersOutput(args: DataSourceInputs<GetOrdersArgs>, opts?: DataSourceOptions): pulumi.Output<Orders> {
    return invokeOutput(getOrders, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Order details (ShowCustomerOrderDetails)

const orderArgs = z.object({ orderId: z.string().min(1).max(64), limit: limitSchema }).strict();

export interface GetOrderArgs {
    readonly orderId: string;
    /** At most this many line items (default 10000). */
    readonly limit?: number;
}

/** A line of an order (`OrderLineItemEntityV2`). */
export interface OrderLineItem {
    readonly orderLineItemId?: string;
    readonly orderId?: string;
    readonly serviceTypeCode?: string;
    readonly serviceTypeName?: string;
    readonly productId?: string;
    readonly productSpecDesc?: string;
    /** 0 day, 1 week, 2 month, 3 year, 4 hour, 5 one-off. */
    readonly periodType?: number;
    readonly periodNum?: number;
    readonly effectiveTime?: string;
    readonly expireTime?: string;
    readonly subscriptionNum?: number;
    readonly amountAfterDiscount?: DecimalString;
    readonly officialAmount?: DecimalString;
    readonly amountInfo?: OrderAmountInfo;
    readonly currency?: string;
    readonly categoryCode?: string;
    readonly productOwnerService?: string;
    readonly commercialResource?: string;
    readonly baseProductInfo?: Readonly<Record<string, unknown>>;
}

export interface OrderDetails extends ListResult {
    readonly order: Order;
    readonly lineItems: readonly OrderLineItem[];
}

const ORDER_DETAILS_OP: ListOperation = { operation: "showCustomerOrderDetails", itemsField: "order_line_items", pageSize: 100 };

/** Core of {@link getOrder}. */
export async function fetchOrder(client: BssDataClient, args: GetOrderArgs): Promise<OrderDetails> {
    const parsed = parseArgs("getOrder", orderArgs, args);
    const page = await listRecords<OrderLineItem>(client, ORDER_DETAILS_OP, { order_id: parsed.orderId }, {}, parsed.limit);
    const header = asRecord(page.firstBody.order_info);
    return {
        order: convertRecord<Order>(header, ORDER_SHAPE),
        lineItems: page.items,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

/**
 * One order with its line items (`ShowCustomerOrderDetails`).
 *
 * @example
 * ```ts
 * const { order, lineItems } = await bss.getOrder({ orderId: "CS2011091132EMKL9" });
 * console.log(order.status, order.pendingPaymentEndTime, lineItems.length);
 * ```
 */
export function getOrder(args: GetOrderArgs, opts?: DataSourceOptions): Promise<OrderDetails> {
    return invoke(fetchOrder, args, opts);
}

/** Output form of {@link getOrder}. @example `export const status = bss.getOrderOutput({ orderId }).order.status;` */
export function getOrderOutput(args: DataSourceInputs<GetOrderArgs>, opts?: DataSourceOptions): pulumi.Output<OrderDetails> {
    return invokeOutput(getOrder, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Refund amounts of an unsubscription order (ShowRefundOrderDetails)

const refundArgs = z.object({ orderId: z.string().min(1).max(64) }).strict();

export interface GetRefundArgs {
    /** An unsubscription (type 4) or downgrade (type 3) order. */
    readonly orderId: string;
}

/** One amount behind a refund (`OrderRefundInfoV2`): negative = refunded, positive = consumed or fee. */
export interface RefundLine {
    readonly id?: string;
    readonly amount: DecimalString;
    readonly customerId?: string;
    readonly resourceTypeCode?: string;
    readonly serviceTypeCode?: string;
    readonly resourceTypeName?: string;
    readonly serviceTypeName?: string;
    readonly regionCode?: string;
    /** The original order the amount comes from. */
    readonly baseOrderId?: string;
}

export interface Refund {
    readonly orderId: string;
    readonly currency: string;
    /** Sum of the lines: negative = money back to the account. */
    readonly netAmount: DecimalString;
    /** Refunded money as a positive number (minus the sum of negative lines). */
    readonly refundedAmount: DecimalString;
    /** Consumed amounts and fees withheld (sum of positive lines). */
    readonly withheldAmount: DecimalString;
    readonly lines: readonly RefundLine[];
}

/** Core of {@link getRefund}. */
export async function fetchRefund(client: BssDataClient, args: GetRefundArgs): Promise<Refund> {
    const parsed = parseArgs("getRefund", refundArgs, args);
    const body = asRecord(await call(client, "showRefundOrderDetails", { order_id: parsed.orderId }));
    const lines = records(body, "refund_infos").map((r) => convertRecord<RefundLine>(r, { money: ["amount"] }));
    let refunded = Decimal.ZERO;
    let withheld = Decimal.ZERO;
    for (const line of lines) {
        const amount = Decimal.from(line.amount);
        if (amount.isNegative()) refunded = refunded.minus(amount);
        else withheld = withheld.plus(amount);
    }
    return {
        orderId: parsed.orderId,
        currency: currencyOf(body.currency, siteOf(client)),
        netAmount: sumField(lines as unknown as Record<string, unknown>[], "amount").toString(),
        refundedAmount: refunded.toString(),
        withheldAmount: withheld.toString(),
        lines,
    };
}

/**
 * The money behind an unsubscription order (`ShowRefundOrderDetails`).
 *
 * @example
 * ```ts
 * const refund = await bss.getRefund({ orderId: unsubscribeOrderId });
 * console.log(`refunded ${refund.refundedAmount} ${refund.currency}, withheld ${refund.withheldAmount}`);
 * ```
 */
export function getRefund(args: GetRefundArgs, opts?: DataSourceOptions): Promise<Refund> {
    return invoke(fetchRefund, args, opts);
}

/** Output form of {@link getRefund}. @example `export const refunded = bss.getRefundOutput({ orderId }).refundedAmount;` */
export function getRefundOutput(args: DataSourceInputs<GetRefundArgs>, opts?: DataSourceOptions): pulumi.Output<Refund> {
    return invokeOutput(getRefund, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Discounts usable for a pending order (ListOrderDiscounts)

export interface GetOrderDiscountsArgs {
    /** A pending-payment order. */
    readonly orderId: string;
}

/** A discount you may apply when paying (`DiscountInfoV3`); pass `discountId` to the payment. */
export interface OrderDiscount {
    readonly discountId?: string;
    /** Rate or reduction as BSS words it; empty for fixed prices. */
    readonly discountValue?: string;
    /** 0 promotion, 1 contract, 2 business, 3 partner, 609 price adjustment (must be used). */
    readonly discountType?: number;
    readonly orders: readonly {
        readonly orderId?: string;
        readonly orderLineItems: readonly {
            readonly orderLineItemIds?: readonly string[];
            /** 0 rate, 1 fixed price, 2 fixed reduction. */
            readonly discountMode?: number;
            readonly discountAmount?: DecimalString;
            /** Exact decimal ratio, e.g. "0.8". */
            readonly discountRatio?: DecimalString;
        }[];
    }[];
}

export interface OrderDiscounts {
    readonly orderId: string;
    readonly discounts: readonly OrderDiscount[];
}

const DISCOUNT_SHAPE: RecordShape = {
    nested: {
        orders: {
            nested: { order_line_items: { money: ["discount_amount"], quantities: ["discount_ratio"] } },
        },
    },
    money: [],
};

/** Core of {@link getOrderDiscounts}. */
export async function fetchOrderDiscounts(client: BssDataClient, args: GetOrderDiscountsArgs): Promise<OrderDiscounts> {
    const parsed = parseArgs("getOrderDiscounts", refundArgs, args);
    const body = asRecord(await call(client, "listOrderDiscounts", { order_id: parsed.orderId }));
    const discounts = records(body, "discounts").map((d) => {
        const converted = convertRecord<OrderDiscount>(d, DISCOUNT_SHAPE);
        return { ...converted, orders: (converted.orders ?? []).map((o) => ({ ...o, orderLineItems: o.orderLineItems ?? [] })) };
    });
    return { orderId: parsed.orderId, discounts };
}

/**
 * Discounts usable when paying a pending order (`ListOrderDiscounts`).
 *
 * @example
 * ```ts
 * const { discounts } = await bss.getOrderDiscounts({ orderId });
 * const mandatory = discounts.find((d) => d.discountType === 609);
 * ```
 */
export function getOrderDiscounts(args: GetOrderDiscountsArgs, opts?: DataSourceOptions): Promise<OrderDiscounts> {
    return invoke(fetchOrderDiscounts, args, opts);
}

/** Output form of {@link getOrderDiscounts}. @example `export const n = bss.getOrderDiscountsOutput({ orderId }).discounts.length;` */
export function getOrderDiscountsOutput(args: DataSourceInputs<GetOrderDiscountsArgs>, opts?: DataSourceOptions): pulumi.Output<OrderDiscounts> {
    return invokeOutput(getOrderDiscounts, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Balances (ShowCustomerAccountBalances)

/** Account kinds of balances. */
export const ACCOUNT_TYPES = { 1: "cash", 2: "credit", 5: "bonus", 7: "deposit" } as const;

/** One account (`AccountBalanceV3`). */
export interface AccountBalance {
    readonly accountId?: string;
    /** 1 cash, 2 credit, 5 bonus, 7 deposit. */
    readonly accountType?: number;
    /** `cash`, `credit`, `bonus`, `deposit` (or `type-N` for an unknown code). */
    readonly kind: string;
    /** Balance; for credit accounts the remaining credit. */
    readonly amount: DecimalString;
    readonly currency?: string;
    /** Earmarked part of the balance. */
    readonly designatedAmount?: DecimalString;
    /** Credit accounts: the credit line. */
    readonly creditAmount?: DecimalString;
}

export interface AccountBalances {
    readonly currency: string;
    /** Balance of the cash account (0 when it has none). */
    readonly cashBalance: DecimalString;
    /** Outstanding arrears. */
    readonly debtAmount: DecimalString;
    readonly accounts: readonly AccountBalance[];
}

/** Core of {@link getAccountBalances}. */
export async function fetchAccountBalances(client: BssDataClient, args: Record<string, never> = {}): Promise<AccountBalances> {
    parseArgs("getAccountBalances", z.object({}).strict(), args);
    const body = asRecord(await call(client, "showCustomerAccountBalances", {}));
    const accounts = records(body, "account_balances").map((a) => {
        const converted = convertRecord<Omit<AccountBalance, "kind">>(a, {}, body.measure_id);
        const type = converted.accountType;
        const kind = type !== undefined && type in ACCOUNT_TYPES ? ACCOUNT_TYPES[type as keyof typeof ACCOUNT_TYPES] : `type-${type ?? "unknown"}`;
        return { ...converted, kind, amount: converted.amount ?? "0" };
    });
    const cash = accounts.filter((a) => a.accountType === 1);
    return {
        currency: currencyOf(body.currency, siteOf(client)),
        cashBalance: Decimal.sum(cash.map((a) => a.amount)).toString(),
        debtAmount: money(body.debt_amount, body.measure_id, "debt_amount"),
        accounts,
    };
}

/**
 * Balances of the account (`ShowCustomerAccountBalances`).
 *
 * @example
 * ```ts
 * const balances = await bss.getAccountBalances({});
 * if (Decimal.from(balances.cashBalance).compare("100") < 0) console.warn("top up soon");
 * ```
 */
export function getAccountBalances(args: Record<string, never> = {}, opts?: DataSourceOptions): Promise<AccountBalances> {
    return invoke(fetchAccountBalances, args, opts);
}

/** Output form of {@link getAccountBalances}. @example `export const cash = bss.getAccountBalancesOutput({}).cashBalance;` */
export function getAccountBalancesOutput(args: DataSourceInputs<Record<string, never>> = {}, opts?: DataSourceOptions): pulumi.Output<AccountBalances> {
    return invokeOutput(getAccountBalances, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Coupons (ListSubCustomerCoupons)

const couponArgs = z
    .object({
        couponId: z.string().max(64).optional(),
        orderId: z.string().max(64).optional(),
        promotionPlanId: z.string().max(64).optional(),
        couponType: z.number().int().min(1).max(4).optional(),
        status: z.number().int().min(1).max(5).optional(),
        activeStartTime: utcTime.optional(),
        activeEndTime: utcTime.optional(),
        sourceId: z.string().optional(),
        limit: limitSchema,
    })
    .strict();

export interface GetCouponsArgs {
    readonly couponId?: string;
    readonly orderId?: string;
    readonly promotionPlanId?: string;
    /** 1 cash, 2 discount, 3 product, 4 flexi-purchase (the international site has cash coupons only). */
    readonly couponType?: number;
    /** 2 available, 3 used, 4 expired, 5 reclaimed. */
    readonly status?: number;
    readonly activeStartTime?: string;
    readonly activeEndTime?: string;
    readonly sourceId?: string;
    readonly limit?: number;
}

/** Usage restriction of a coupon (`ICouponUseLimitInfoV2`; `use_limiti_info_id` → `useLimitInfoId`). */
export interface CouponUseLimit {
    readonly useLimitInfoId?: string;
    readonly limitKey?: string;
    readonly value1?: string;
    readonly value2?: string;
    readonly valueUnit?: string;
    readonly limitType?: string;
    readonly promotionPlanId?: string;
}

/** A coupon (`IQueryUserCouponsResultV2`). */
export interface Coupon {
    readonly couponId?: string;
    readonly couponCode?: string;
    readonly status?: number;
    readonly customerId?: string;
    readonly couponType?: number;
    readonly faceValue?: DecimalString;
    readonly validTime?: string;
    readonly expireTime?: string;
    readonly orderId?: string;
    readonly promotionPlanId?: string;
    readonly planName?: string;
    readonly planDesc?: string;
    readonly mediaType?: number;
    readonly fetchMethod?: number;
    readonly useLimits?: readonly CouponUseLimit[];
    readonly activeTime?: string;
    readonly reserveTime?: string;
    readonly promotionId?: string;
    readonly createTime?: string;
    readonly couponVersion?: number;
    /** Remaining value (new-version coupons). */
    readonly balance?: DecimalString;
    readonly lockOrderId?: string;
    readonly couponUsage?: string;
    /** `is_frozen` "1" → true. */
    readonly isFrozen?: boolean;
    readonly currency?: string;
    readonly sourceId?: string;
}

export interface Coupons extends ListResult {
    readonly currency: string;
    /** Sum of `balance` (or `faceValue` for legacy coupons without a balance) over the returned available coupons (status 2). */
    readonly availableBalance: DecimalString;
    readonly coupons: readonly Coupon[];
}

/** Shape of coupon use limits (the misspelt `use_limiti_info_id` is renamed). */
export const COUPON_USE_LIMIT_SHAPE: RecordShape = { money: [], rename: { use_limiti_info_id: "useLimitInfoId" } };
const COUPON_SHAPE: RecordShape = {
    money: ["face_value", "balance"],
    booleans: ["is_frozen"],
    nested: { use_limits: COUPON_USE_LIMIT_SHAPE },
};
const COUPONS_OP: ListOperation = { operation: "listSubCustomerCoupons", itemsField: "user_coupons", totalField: "count", pageSize: 100 };

/** Core of {@link getCoupons}. */
export async function fetchCoupons(client: BssDataClient, args: GetCouponsArgs): Promise<Coupons> {
    const parsed = parseArgs("getCoupons", couponArgs, args);
    const request = compact({
        coupon_id: parsed.couponId,
        order_id: parsed.orderId,
        promotion_plan_id: parsed.promotionPlanId,
        coupon_type: parsed.couponType,
        status: parsed.status,
        active_start_time: parsed.activeStartTime,
        active_end_time: parsed.activeEndTime,
        source_id: parsed.sourceId,
    });
    const page = await listRecords<Coupon>(client, COUPONS_OP, request, COUPON_SHAPE, parsed.limit);
    const available = page.items.filter((c) => c.status === 2);
    const currency = page.items.find((c) => c.currency)?.currency;
    return {
        currency: currencyOf(currency, siteOf(client)),
        availableBalance: Decimal.sum(available.map((c) => c.balance ?? c.faceValue ?? "0")).toString(),
        coupons: page.items,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

/**
 * Coupons of the account (`ListSubCustomerCoupons`).
 *
 * @example
 * ```ts
 * const coupons = await bss.getCoupons({ status: 2 });
 * console.log(`${coupons.availableBalance} ${coupons.currency} in ${coupons.totalCount} coupons`);
 * ```
 */
export function getCoupons(args: GetCouponsArgs, opts?: DataSourceOptions): Promise<Coupons> {
    return invoke(fetchCoupons, args, opts);
}

/** Output form of {@link getCoupons}. @example `export const couponBalance = bss.getCouponsOutput({ status: 2 }).availableBalance;` */
export function getCouponsOutput(args: DataSourceInputs<GetCouponsArgs>, opts?: DataSourceOptions): pulumi.Output<Coupons> {
    return invokeOutput(getCoupons, args, opts);
}
