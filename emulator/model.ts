/**
 * The emulator's state: plain, JSON-serialisable records (persisted as-is by `--state`).
 *
 * Conventions used by every record:
 * - Times are UTC strings `yyyy-MM-ddTHH:mm:ssZ` (the wire format, no milliseconds). Strings in that
 *   one format compare correctly with `<`/`>`, so filters and sorting never need to parse them.
 * - Bill dates/cycles are Beijing time (UTC+8) `YYYY-MM-DD` / `YYYY-MM`, as the bill APIs use them.
 * - Money is a JS number in the major currency unit (yuan on "cn", US dollar on "intl"), kept at
 *   8 decimals for resource-level lines and 2 decimals for deductions (see emulator/money.ts).
 * - Ids are strings; account id == domain id == `customer_id` on the wire.
 *
 * Mutations go through the World class (emulator/world.ts), which keeps indexes in step.
 */

export type Site = "cn" | "intl";
export type Currency = "CNY" | "USD";

export const CURRENCY_BY_SITE: Readonly<Record<Site, Currency>> = { cn: "CNY", intl: "USD" };

/** An AK/SK pair that maps to an account (auth.md §2). */
export interface Credential {
    readonly accessKey: string;
    readonly secretKey: string;
    /** Account (domain) the key belongs to. */
    readonly accountId: string;
    /** Present for temporary credentials: requests must carry it as X-Security-Token (auth.md §2.6 step 9). */
    readonly securityToken?: string;
    /** Temporary credentials stop working at this time (virtual clock). */
    readonly expiresAt?: string;
    /** IAM user name shown as the orders' `user_name`. */
    readonly userName?: string;
}

/** An IAM user who can obtain a token with `POST /v3/auth/tokens` (password method). */
export interface IamUser {
    readonly name: string;
    readonly password: string;
    readonly accountId: string;
}

/** A token issued by the emulated IAM (`X-Subject-Token`), valid 24 h of virtual time. */
export interface IssuedToken {
    readonly token: string;
    readonly accountId: string;
    readonly userName: string;
    readonly issuedAt: string;
    readonly expiresAt: string;
}

/** Account-level auto-renew settings (SetResourcesRenewConfig). */
export interface RenewConfig {
    /** DEDUCTION_DATE: auto-renew charges this many days (2..7) before expiry. Default 7. */
    deductionDays: number;
    /** EXPIRE_DATE: day of month (1..28, -1 = last day) renewed resources are aligned to; undefined = not set. */
    expireDay?: number;
}

/** A discount the account may apply when paying (ListOrderDiscounts / PayOrders.discount_infos). */
export interface DiscountRule {
    readonly discountId: string;
    /** 0 promotion, 1 contract, 2 business, 3 partner-granted, 609 price adjustment (mandatory when offered). */
    readonly discountType: number;
    /** Multiplier applied to the order amount, e.g. 0.9 = 10 % off. */
    readonly ratio: number;
    readonly name: string;
    /** Restrict to these service type codes; undefined = every service. */
    readonly serviceTypeCodes?: readonly string[];
}

/**
 * A customer account (a Huawei Cloud "domain") with its money.
 * Balances: cash = account_type 1, credit = account_type 2 (remaining `creditBalance` of `creditLimit`),
 * bonus = account_type 5.
 */
export interface Account {
    readonly id: string;
    /** Login / domain name (IAM `domain.name`, enterprise member `name`). */
    name: string;
    displayName?: string;
    readonly site: Site;
    readonly currency: Currency;
    cashBalance: number;
    /** Total credit line; 0 = no credit account. */
    creditLimit: number;
    /** Remaining credit (the credit account's `amount`). */
    creditBalance: number;
    bonusBalance: number;
    /** Outstanding arrears (pay-per-use charges that found no money). */
    debtAmount: number;
    /** Part of the cash balance earmarked for designated use. */
    designatedAmount?: number;
    /** Enterprise master: may call the enterprise multi-account APIs (others get 403 CBC.0151). */
    isEnterpriseMaster: boolean;
    /** Set on an enterprise member: the master's account id. */
    masterAccountId?: string;
    /** Member is under unified accounting: its orders and usage are paid from the master's balance. */
    unifiedAccounting?: boolean;
    /** Member status as ListEnterpriseSubCustomers shows it (1 normal ...). */
    memberStatus?: number;
    orgId?: string;
    orgName?: string;
    /** Real-name verified (CreateEnterpriseProjectAuth precondition). */
    realNameVerified: boolean;
    enterpriseProjectEnabled: boolean;
    renewConfig: RenewConfig;
    discounts: DiscountRule[];
}

/** Coupon restriction record (wire `use_limits[]`; note the wire name `use_limiti_info_id`). */
export interface CouponUseLimit {
    readonly id: string;
    readonly limitKey: string;
    readonly value1?: string;
    readonly value2?: string;
    readonly valueUnit?: string;
    readonly limitType?: string;
    readonly promotionPlanId?: string;
}

/** A coupon owned by an account (ListSubCustomerCoupons). */
export interface Coupon {
    readonly id: string;
    readonly code: string;
    /** Owner account. Changes when an enterprise master allocates it to a member. */
    customerId: string;
    /** 1 cash coupon, 2 discount coupon, 3 product coupon, 4 flexi-purchase coupon (intl: 1 only). */
    readonly couponType: number;
    /** 1 not activated, 2 available, 3 used, 4 expired, 5 reclaimed. */
    status: number;
    readonly faceValue: number;
    /** Remaining value (coupon_version 2 coupons are reusable until the balance is 0). */
    balance: number;
    readonly currency: Currency;
    readonly validTime: string;
    readonly expireTime: string;
    readonly createTime: string;
    activeTime?: string;
    /** Last time it paid something (`reserve_time`). */
    reserveTime?: string;
    /** Last order it paid. */
    orderId?: string;
    /** Order currently holding it. */
    lockOrderId?: string;
    readonly promotionPlanId: string;
    readonly planName: string;
    readonly planDesc?: string;
    readonly promotionId?: string;
    readonly mediaType: number;
    readonly fetchMethod: number;
    /** 1 legacy single-use, 2 reusable with balance. */
    readonly couponVersion: number;
    readonly useLimits: CouponUseLimit[];
    isFrozen: boolean;
    readonly sourceId?: string;
    readonly couponUsage?: string;
    /** Discount coupons (type 2): multiplier, e.g. 0.8. */
    readonly discountRatio?: number;
    /** Service types it may pay for; undefined = any. */
    readonly serviceTypeCodes?: readonly string[];
    /** Set while allocated from an enterprise master to a member: the master's account id. */
    allocatedFrom?: string;
}

/**
 * One sellable product: a spec of a resource type of a service, with its list prices.
 * Prices are per unit of `specSize` when `linear` (e.g. per GB of disk), else per instance.
 */
export interface CatalogueEntry {
    readonly serviceTypeCode: string;
    readonly serviceTypeName: string;
    readonly resourceTypeCode: string;
    readonly resourceTypeName: string;
    readonly resourceSpecCode: string;
    readonly productId: string;
    readonly productSpecDesc: string;
    /** Undefined = sold in every region at the same price. */
    readonly regionCode?: string;
    /** List price of one month. */
    readonly monthlyPrice: number;
    /** List price of one year; undefined = yearly not sold (CBC.30010069 / CBC.30050008). */
    readonly yearlyPrice?: number;
    /** Pay-per-use list price per hour (pay-per-use conversion and usage lines). */
    readonly hourlyPrice: number;
    /** Price is multiplied by the resource's spec size. */
    readonly linear: boolean;
    /** Unit of spec size (ListMeasureUnits id, e.g. 17 GB, 15 Mbit/s). */
    readonly specSizeMeasureId?: number;
    /** Multiplier applied to list price (business discount), 1 = none. Official - discount = payable. */
    readonly discountFactor: number;
    /** Usage type code of pay-per-use usage lines (ListUsageTypes), e.g. "duration". */
    readonly usageType: string;
    /** Unit of pay-per-use usage (4 = hour). */
    readonly usageMeasureId: number;
    /** Product category code (order line `category_code`). */
    readonly categoryCode: string;
}

/** A paid stretch of a yearly/monthly resource's service time; refunds and type-2 unsubscription use them. */
export interface PaidPeriod {
    readonly orderId: string;
    readonly start: string;
    readonly end: string;
    /** Payable amount (after discounts, before coupons). */
    readonly amount: number;
    readonly officialAmount: number;
    /** Money sources of `amount`. */
    readonly payment: PaymentSplit;
    /** 1 new purchase, 2 renewal, 8 auto-renewal (detail bill type). */
    readonly billType: number;
}

export type ResourceBillingMode = "prepaid" | "onDemand";

/**
 * A cloud resource. Yearly/monthly ("prepaid") resources are what ListPayPerUseCustomerResources returns;
 * a prepaid resource converted at expiry becomes "onDemand" and accrues pay-per-use usage lines.
 * Ended resources stay in the state (bills still name them) with `endedAt` set.
 */
export interface Resource {
    /** Subscription instance id (`id` on the wire, differs from resource_id). */
    readonly id: string;
    readonly resourceId: string;
    resourceName: string;
    readonly customerId: string;
    readonly regionCode: string;
    readonly serviceTypeCode: string;
    readonly resourceTypeCode: string;
    resourceSpecCode: string;
    productId: string;
    productSpecDesc: string;
    specSize?: number;
    specSizeMeasureId?: number;
    readonly projectId: string;
    /** Set on attached resources: the primary's resource_id. */
    readonly parentResourceId?: string;
    readonly isMainResource: boolean;
    /** 2 in use, 3 closed, 4 frozen, 5 expired (grace/retention). */
    status: number;
    effectiveTime: string;
    expireTime: string;
    /** 0 grace at expiry, 1 pay-per-use at expiry, 2 delete at expiry, 3 auto-renew, 4 freeze, 5 delete from retention. */
    expirePolicy: number;
    /** With expirePolicy 3: remaining automatic renewals; undefined = unlimited. */
    autoRenewTimes?: number;
    /** Billing unit of the original subscription: 2 month, 3 year (auto-renew renews by one of it). */
    readonly periodType: number;
    billingMode: ResourceBillingMode;
    updateTime: string;
    enterpriseProjectId: string;
    enterpriseProjectName: string;
    /** Order that created it. */
    readonly originalOrderId?: string;
    /** Paid service periods, oldest first (attached resources have their own). */
    periods: PaidPeriod[];
    /** Pay-per-use usage has been charged up to this time (onDemand resources). */
    usageChargedUntil?: string;
    /** Last failed auto-renew attempt (retried daily). */
    autoRenewFailedAt?: string;
    /** Why and when it stopped existing: unsubscribed, released after expiry, deleted in console. */
    endedAt?: string;
    endReason?: "unsubscribed" | "released" | "deleted";
    tags?: Readonly<Record<string, string>>;
}

/** Money sources of a deduction; the sum is the amount paid. */
export interface PaymentSplit {
    cash: number;
    credit: number;
    coupon: number;
    flexipurchaseCoupon: number;
    storedCard: number;
    bonus: number;
    debt: number;
    /** Arrears write-off (`adjustment_amount` / `writeoff_amount`). */
    writeoff: number;
}

export interface DiscountItem {
    /** Wire discount_type code as a string, e.g. "605" business contract, "301" cash coupon. */
    readonly discountType: string;
    readonly discountAmount: number;
}

/** amount_info of orders and order lines. */
export interface OrderAmountInfo {
    discounts: DiscountItem[];
    couponAmount: number;
    flexipurchaseCouponAmount: number;
    storedCardAmount: number;
    /** Unsubscription orders only. */
    commissionAmount?: number;
    /** Unsubscription orders only. */
    consumedAmount?: number;
}

/** One line item of an order: one resource (primary or attached) for one period. */
export interface OrderLine {
    readonly orderLineItemId: string;
    readonly orderId: string;
    readonly resourceId: string;
    readonly parentResourceId?: string;
    readonly serviceTypeCode: string;
    readonly serviceTypeName: string;
    readonly resourceTypeCode: string;
    readonly resourceTypeName: string;
    readonly resourceSpecCode: string;
    readonly regionCode: string;
    readonly productId: string;
    readonly productSpecDesc: string;
    readonly categoryCode: string;
    /** 2 month, 3 year, 5 one-off; undefined for unsubscription lines. */
    readonly periodType?: number;
    readonly periodNum?: number;
    /** Service period the line pays for (renewals: old expiry .. new expiry). */
    readonly effectiveTime: string;
    readonly expireTime: string;
    readonly subscriptionNum: number;
    readonly officialAmount: number;
    amountAfterDiscount: number;
    amountInfo: OrderAmountInfo;
    readonly enterpriseProjectId: string;
}

/** A refund record of an unsubscription order (ShowRefundOrderDetails): negative = refunded, positive = consumed/fee. */
export interface RefundLine {
    readonly id: string;
    readonly amount: number;
    readonly resourceId: string;
    readonly resourceTypeCode: string;
    readonly resourceTypeName: string;
    readonly serviceTypeCode: string;
    readonly serviceTypeName: string;
    readonly regionCode: string;
    readonly baseOrderId?: string;
}

/** What an order does to resources once it completes. */
export type OrderAction =
    | { readonly kind: "newPurchase" }
    | { readonly kind: "renew"; readonly periodType: number; readonly periodNum: number; readonly resourceIds: readonly string[] }
    | { readonly kind: "unsubscribe"; readonly unsubscribeType: number; readonly resourceIds: readonly string[] }
    | { readonly kind: "toOnDemand"; readonly resourceIds: readonly string[] };

/** A yearly/monthly order (ListCustomerOrders / ShowCustomerOrderDetails). */
export interface Order {
    readonly orderId: string;
    readonly customerId: string;
    /** Service of the first line (orders of several services show the primary's). */
    readonly serviceTypeCode: string;
    readonly serviceTypeName: string;
    /** 1 customer, 8 created by the system (auto-renew, conversion). */
    readonly sourceType: number;
    /** 1 pending approval, 2 pending refund, 3 processing, 4 cancelled, 5 completed, 6 pending payment. */
    status: number;
    /** 1 new purchase, 2 renewal, 3 change, 4 unsubscription, 10 to pay-per-use. */
    readonly orderType: number;
    readonly currency: Currency;
    readonly officialAmount: number;
    /** Price due after discounts (before coupons). Unsubscription: the (negative) net refund. */
    amountAfterDiscount: number;
    amountInfo: OrderAmountInfo;
    readonly createTime: string;
    paymentTime?: string;
    /** Payment deadline of a pending-payment order. */
    readonly pendingPaymentEndTime?: string;
    readonly userName: string;
    contractId?: string;
    readonly enterpriseProjects: { readonly id: string; readonly name: string }[];
    readonly lines: OrderLine[];
    readonly refundLines: RefundLine[];
    readonly action: OrderAction;
    /** Money actually taken (after coupons) once paid. */
    payment?: PaymentSplit;
    /** Set when the enterprise master paid it (unified accounting). */
    agentPayInfo?: { readonly payingAgentId: string; readonly isAgentPay: boolean };
    /** Set when the deadline cancelled it (PayOrders then answers CBC.99003110). */
    cancelReason?: "customer" | "paymentDeadline";
    /** Coupons and discount applied at payment. */
    couponIds?: string[];
    discountId?: string;
}

/** bill_type codes of ledger lines (billing-common.yaml#enums.bill_type_detail). */
export const BILL_TYPE = {
    newPurchase: 1,
    renewal: 2,
    change: 3,
    unsubscribeRefund: 4,
    usage: 5,
    autoRenewal: 8,
    compensation: 9,
    toOnDemandRefund: 24,
} as const;

/** charge_mode codes: 1 yearly/monthly, 3 pay-per-use. */
export const CHARGE_MODE = { prepaid: 1, onDemand: 3 } as const;

/**
 * One ledger ("charge") line: one resource × one charge event (a paid order line, a day of pay-per-use
 * usage, a refund). The bill and cost APIs are views over these (README-billing.md "How the bill APIs and
 * the cost API reconcile"). Identities kept by the writer:
 *   amount = officialAmount - discountAmount            (payable, 8 decimals)
 *   amount = cash + credit + coupon + flexipurchaseCoupon + storedCard + bonus + debt + writeoff
 *   amount = deducted (2 decimals) + erasedAmount
 * Refund lines carry negative amounts and splits.
 */
export interface ChargeLine {
    readonly id: string;
    /** Account that consumed (the resource owner). */
    readonly customerId: string;
    /** Account whose money paid (differs under enterprise unified accounting). */
    readonly payerAccountId: string;
    readonly serviceTypeCode: string;
    readonly serviceTypeName: string;
    readonly resourceTypeCode: string;
    readonly resourceTypeName: string;
    readonly regionCode: string;
    readonly regionName: string;
    readonly resourceId: string;
    readonly resourceName: string;
    /** Primary resource when this line is for an attached resource. */
    readonly parentResourceId?: string;
    readonly resourceSpecCode: string;
    readonly productId: string;
    readonly productSpecDesc: string;
    readonly specSize?: number;
    readonly specSizeMeasureId?: number;
    /** "0" = default project; undefined = service without enterprise projects (unclassified). */
    readonly enterpriseProjectId?: string;
    readonly enterpriseProjectName?: string;
    /** 1 yearly/monthly, 3 pay-per-use. */
    readonly chargeMode: number;
    /** Detail bill type (BILL_TYPE). */
    readonly billType: number;
    /** Order id for bill types 1,2,3,4,8; otherwise a transaction id. */
    readonly tradeId: string;
    /** Yearly/monthly lines: the order. */
    readonly orderId?: string;
    /** When the charge was made (UTC). */
    readonly tradeTime: string;
    /** Beijing-time date and month of the charge (`bill_date`, `cycle`). */
    readonly billDate: string;
    readonly billCycle: string;
    /** Service period covered: prepaid = the paid period (amortisation spreads over it); pay-per-use = usage window. */
    readonly effectiveTime: string;
    readonly expireTime: string;
    /** Bill period type: 19 year, 20 month, 24 day, 25 hour, 5 one-off. */
    readonly periodType: number;
    readonly periodNum?: number;
    /** Pay-per-use: usage quantity in usageMeasureId units (before packages), package-covered part, unit price. */
    readonly usageType?: string;
    readonly usage?: number;
    readonly usageMeasureId?: number;
    readonly freeResourceUsage?: number;
    readonly freeResourceMeasureId?: number;
    readonly unitPrice?: number;
    readonly unit?: string;
    readonly officialAmount: number;
    readonly discountAmount: number;
    /** Payable = officialAmount - discountAmount, 8 decimals. */
    readonly amount: number;
    /** amount - (what was deducted at 2 decimals): the rounding residue ("erased"). */
    readonly erasedAmount: number;
    readonly payment: PaymentSplit;
    readonly currency: Currency;
    readonly measureId: number;
}

/** One usage-type quota inside a resource package. */
export interface FreeResourceItem {
    readonly freeResourceId: string;
    readonly usageType: string;
    readonly usageTypeName: string;
    readonly originalAmount: number;
    /** Remaining quota; decreases as usage lines are covered. */
    amount: number;
    readonly measureId: number;
}

/** A prepaid resource package that covers pay-per-use usage (ListFreeResourceInfos). */
export interface FreeResourcePackage {
    readonly orderInstanceId: string;
    readonly customerId: string;
    readonly orderId?: string;
    readonly productId: string;
    readonly productName: string;
    readonly serviceTypeCode: string;
    readonly serviceTypeName: string;
    /** Resource type it covers. */
    readonly resourceTypeCode: string;
    /** Undefined = every region. */
    readonly regionCode?: string;
    readonly enterpriseProjectId?: string;
    readonly effectiveTime: string;
    readonly expireTime: string;
    /** 0 not yet effective, 1 in effect, 2 used up, 3 expired, 4 unsubscribed. */
    status: number;
    readonly items: FreeResourceItem[];
}

/** A deduction from a resource package (ListFreeResourcesUsageRecords). */
export interface FreeResourceUsageRecord {
    readonly id: string;
    readonly freeResourceId: string;
    readonly orderInstanceId: string;
    readonly customerId: string;
    readonly resourceId: string;
    readonly chargeLineId: string;
    readonly deductTime: string;
    readonly usedAmount: number;
    readonly remainingAmount: number;
    readonly measureId: number;
}

/** An order lifecycle event (the order log tests read). */
export interface OrderEvent {
    readonly time: string;
    readonly orderId: string;
    readonly customerId: string;
    readonly event: "created" | "paid" | "cancelled" | "completed" | "paymentFailed" | "expired";
    readonly orderType: number;
    readonly status: number;
    readonly amount: number;
    readonly resourceIds: readonly string[];
    /** Who triggered it: an API operation name, or "clock" for expiry processing, or "admin". */
    readonly by: string;
}

/** A lifecycle event of a resource caused by the clock (auto-renew, grace, freeze, release, conversion). */
export interface LifecycleEvent {
    readonly time: string;
    readonly resourceId: string;
    readonly customerId: string;
    readonly event: "autoRenewed" | "autoRenewFailed" | "graceStarted" | "frozen" | "released" | "convertedToOnDemand" | "pendingOrderExpired";
    readonly detail?: string;
}

/** The serialisable state (`GET /__emulator/state`, the --state file). */
export interface WorldState {
    /** Format version of this record. */
    readonly version: 1;
    readonly site: Site;
    /** Virtual time the state was last processed to. */
    processedUntil: string;
    /** Counter behind generated ids (ids stay unique across restarts). */
    sequence: number;
    accounts: Account[];
    credentials: Credential[];
    users: IamUser[];
    tokens: IssuedToken[];
    coupons: Coupon[];
    catalogue: CatalogueEntry[];
    resources: Resource[];
    orders: Order[];
    ledger: ChargeLine[];
    freeResourcePackages: FreeResourcePackage[];
    freeResourceUsageRecords: FreeResourceUsageRecord[];
    orderLog: OrderEvent[];
    lifecycleLog: LifecycleEvent[];
    /**
     * Extra state owned by other modules (e.g. the billing operations: fund transfers, invoices), keyed by
     * module name. Persisted with the rest; must stay JSON-serialisable.
     */
    extensions: Record<string, unknown>;
}
