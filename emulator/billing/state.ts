/**
 * State the billing operations own, kept in the World's `extensions.billing` (persisted with the rest,
 * plain JSON). Scenarios and tests seed it through the functions in `scenario.ts`.
 */
import type { World } from "../world";

export const BILLING_EXTENSION = "billing";

/** One allocation or retrieval between an enterprise master and a member (funds or coupons). */
export interface TransferRecord {
    readonly transId: string;
    readonly masterId: string;
    readonly customerId: string;
    readonly kind: "allocateFunds" | "retrieveFunds" | "allocateCoupon" | "retrieveCoupon";
    /** Decimal string in the main currency unit. */
    readonly amount: string;
    readonly balanceType?: "BALANCE_TYPE_DEBIT" | "BALANCE_TYPE_CREDIT";
    readonly expireTime?: string;
    readonly couponId?: string;
    readonly subCouponId?: string;
    readonly time: string;
}

/**
 * A credit ledger with an expiry, beside the account's permanent credit (Account.creditLimit /
 * creditBalance, which has none). Allocation selects a ledger by its exact expire_time.
 */
export interface CreditLedger {
    readonly accountId: string;
    readonly expireTime: string;
    /** Credit limit of this ledger (`credit_amount`). */
    creditLimit: number;
    /** Remaining credit (`amount`). */
    balance: number;
}

/** Cash a master allocated to a member and has not taken back (bounds what it may retrieve). */
export interface MemberAllocation {
    readonly masterId: string;
    readonly memberId: string;
    amount: number;
}

/** A child coupon created in a member account by ClaimEnterpriseMultiAccountCoupon. */
export interface CouponAllocation {
    readonly subCouponId: string;
    readonly parentCouponId: string;
    readonly masterId: string;
    readonly memberId: string;
}

/** An intl invoice application (ListInvoices), in the wire's camelCase. */
export interface InvoiceRecord {
    readonly accountId: string;
    readonly requestId: string;
    readonly applyTime: string;
    readonly invoice: Readonly<Record<string, unknown>>;
}

/** 5-minute bandwidth samples of one resource for 95th-percentile billing. */
export interface UsageSampleSeries {
    readonly customerId: string;
    readonly resourceId: string;
    readonly serviceTypeCode: string;
    readonly resourceTypeCode: string;
    readonly usageType: string;
    /** Unit of the samples and of the billed bandwidth (15 = Mbps). */
    readonly measureId: number;
    /** [UTC time yyyy-MM-ddTHH:mm:ssZ on the 5-minute grid, decimal string], sorted by time. */
    readonly samples: [string, string][];
}

export interface BillingState {
    transfers: TransferRecord[];
    creditLedgers: CreditLedger[];
    memberAllocations: MemberAllocation[];
    couponAllocations: CouponAllocation[];
    /** master id -> UTC time until which an allocation/retrieval is "still running" (CBC.99007461). */
    transferBusyUntil: Record<string, string>;
    invoices: InvoiceRecord[];
    usageSamples: UsageSampleSeries[];
}

export function emptyBillingState(): BillingState {
    return {
        transfers: [],
        creditLedgers: [],
        memberAllocations: [],
        couponAllocations: [],
        transferBusyUntil: {},
        invoices: [],
        usageSamples: [],
    };
}

/** The billing state of a world, created on first use; older saved states get missing lists filled in. */
export function billingState(world: World): BillingState {
    const state = world.extension<BillingState>(BILLING_EXTENSION, emptyBillingState);
    const defaults = emptyBillingState();
    for (const key of Object.keys(defaults) as (keyof BillingState)[]) {
        if (state[key] === undefined) (state as unknown as Record<string, unknown>)[key] = defaults[key];
    }
    return state;
}
