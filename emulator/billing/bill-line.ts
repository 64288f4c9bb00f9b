/**
 * The billing side's normalised view of one ledger charge line (README-billing.md, "How the bill APIs
 * and the cost API reconcile"). Built from the core's ledger by `ledger-adapter.ts`; every bill, cost
 * and amortisation view is a pure function over a list of these.
 */

/** How a line was paid, in units of 1e-8 (see decimal.ts). The parts sum to `amount`. */
export interface PaymentSplit {
    readonly cash: bigint;
    readonly credit: bigint;
    readonly coupon: bigint;
    readonly flexipurchaseCoupon: bigint;
    readonly storedCard: bigint;
    readonly bonus: bigint;
    readonly debt: bigint;
    readonly writeoff: bigint;
}

export const PAYMENT_PARTS = [
    "cash",
    "credit",
    "coupon",
    "flexipurchaseCoupon",
    "storedCard",
    "bonus",
    "debt",
    "writeoff",
] as const satisfies readonly (keyof PaymentSplit)[];

export const ZERO_SPLIT: PaymentSplit = {
    cash: 0n,
    credit: 0n,
    coupon: 0n,
    flexipurchaseCoupon: 0n,
    storedCard: 0n,
    bonus: 0n,
    debt: 0n,
    writeoff: 0n,
};

export function splitTotal(split: PaymentSplit): bigint {
    let total = 0n;
    for (const part of PAYMENT_PARTS) total += split[part];
    return total;
}

export function addSplits(a: PaymentSplit, b: PaymentSplit): PaymentSplit {
    const sum = { ...a };
    for (const part of PAYMENT_PARTS) sum[part] = a[part] + b[part];
    return sum;
}

/** The coupon-type parts NET_AMOUNT leaves out (README-billing.md, inferred). */
export function couponLikeTotal(split: PaymentSplit): bigint {
    return split.coupon + split.flexipurchaseCoupon + split.storedCard;
}

export interface BillLine {
    /** Unique, stable id of the charge line (res-fee-records `id`). */
    readonly id: string;
    /** Account that consumed. */
    readonly customerId: string;
    readonly accountName: string;
    /** Account that paid (the master for unified-accounting members). */
    readonly payerAccountId: string;
    readonly serviceTypeCode: string;
    readonly serviceTypeName: string;
    readonly resourceTypeCode: string;
    readonly resourceTypeName: string;
    readonly regionCode: string;
    readonly regionName: string;
    readonly azCode?: string;
    readonly resourceId: string;
    readonly resourceName: string;
    readonly resourceTag?: string;
    /** Spec code (`sku_code`, RES_SPEC_CODE). */
    readonly specCode: string;
    readonly productId?: string;
    readonly productName?: string;
    readonly productSpecDesc?: string;
    readonly specSize?: number;
    readonly specSizeMeasureId?: number;
    readonly parentResourceId?: string;
    readonly rootResourceId?: string;
    /** "0" = default project; null = unclassified (service without enterprise projects). */
    readonly enterpriseProjectId: string | null;
    readonly enterpriseProjectName?: string;
    /** 1 yearly/monthly, 3 pay-per-use, 10 reserved instance, 11 savings plan. */
    readonly chargeMode: number;
    /** Detail bill type (billing-common.yaml#enums.bill_type_detail). */
    readonly billType: number;
    /** Beijing bill date YYYY-MM-DD; the bill month is its first 7 characters. */
    readonly billDate: string;
    /** Order id for bill types 1,2,3,4,8; transaction id otherwise. */
    readonly tradeId: string;
    readonly orderId?: string;
    /** When the money was deducted (UTC ms). */
    readonly tradeTimeMs: number;
    /** Bill period type: 19 year, 20 month, 24 day, 25 hour, 5 one-off. */
    readonly periodType?: number;
    readonly periodNum?: number;
    /** Service period (prepaid) or CDR window (pay-per-use) the fee covers, UTC ms. */
    readonly effectiveTimeMs?: number;
    readonly expireTimeMs?: number;
    readonly usageType?: string;
    readonly usage?: string;
    readonly usageMeasureId?: number;
    readonly freeResourceUsage?: string;
    readonly freeResourceMeasureId?: number;
    readonly unitPrice?: string;
    readonly unit?: string;
    readonly beId?: string;
    /** 1 Huawei Cloud, 2 KooGallery. */
    readonly providerType: number;
    /** List price, units of 1e-8. */
    readonly officialAmount: bigint;
    /** Discount against the list price, units of 1e-8. */
    readonly discountAmount: bigint;
    /** Payable = official − discount, units of 1e-8 (8 decimals). */
    readonly amount: bigint;
    /** Part of `amount` dropped when it was deducted at cent precision, units of 1e-8. */
    readonly erasedAmount: bigint;
    readonly split: PaymentSplit;
    readonly tags?: Readonly<Record<string, string>>;
}

export function billMonthOfLine(line: BillLine): string {
    return line.billDate.slice(0, 7);
}

/** Summary bill type (1 consumption, 2 refund, 3 adjustment) of a detail bill type. */
export function summaryBillType(detailBillType: number): number {
    switch (detailBillType) {
        case 4:
        case 20:
        case 24:
        case 100:
            return 2;
        case 9:
        case 16:
        case 101:
        case 102:
            return 3;
        default:
            return 1;
    }
}

/** Charge modes whose fee is spread over a service period by amortisation. */
export function isPrepaidChargeMode(chargeMode: number): boolean {
    return chargeMode === 1 || chargeMode === 10 || chargeMode === 11;
}
