/**
 * Amounts as BSS moves them (cents: "at most 2 decimals") and the idempotency keys (trans_id) of
 * every movement. A key is a pure function of the resource's lifecycle, its sub-account, a
 * generation counter kept in state and the change itself, so a retried or interrupted run resends
 * the same key and BSS refuses a second movement (CBC.99007009).
 */
import { createHash } from "node:crypto";
import { Decimal } from "../../sdk/data/decimal";

/** The most BSS accepts in `trans_id`. */
export const TRANS_ID_LENGTH = 32;

/** Exact value in cents of an amount with at most 2 decimals; throws otherwise. */
export function toCents(value: string | number): bigint {
    const decimal = Decimal.from(value);
    const cents = decimal.times(100);
    if (cents.scale !== 0) throw new RangeError(`amount ${JSON.stringify(value)} has more than 2 decimals`);
    return cents.coefficient;
}

/** An amount in cents as BSS expects it: "150.00", "0.50". */
export function formatCents(cents: bigint): string {
    const negative = cents < 0n;
    const digits = (negative ? -cents : cents).toString().padStart(3, "0");
    return `${negative ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** A wire amount (number or string, main currency unit) in cents, rounded down to whole cents. */
export function wireCents(value: unknown): bigint {
    if (value === undefined || value === null || value === "") return 0n;
    const decimal = Decimal.from(value as string | number);
    return decimal.round(2, "down").times(100).coefficient;
}

/**
 * 32 lower-case hex digits (the shape of a UUID without dashes, which the reference suggests)
 * derived from `parts`. Parts are joined as JSON, so no two different part lists collide by
 * concatenation.
 */
export function deriveTransId(parts: readonly (string | number)[]): string {
    return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, TRANS_ID_LENGTH);
}

export type FundingDirection = "allocate" | "retrieve";

export interface FundingKeyParts {
    /** Random per created resource (drawn by create, kept in state): two lifecycles never share keys. */
    readonly lifecycleId: string;
    readonly subAccountId: string;
    /** Movements this resource completed before this one. */
    readonly generation: number;
    readonly direction: FundingDirection;
    /** Allocated amount before and after the movement, in cents. */
    readonly fromCents: bigint;
    readonly toCents: bigint;
}

export function fundingTransId(parts: FundingKeyParts): string {
    return deriveTransId([
        "SubAccountFunding",
        parts.lifecycleId,
        parts.subAccountId,
        parts.generation,
        parts.direction,
        formatCents(parts.fromCents),
        formatCents(parts.toCents),
    ]);
}

export interface CouponClaimKeyParts {
    readonly lifecycleId: string;
    readonly subAccountId: string;
    readonly generation: number;
    readonly couponId: string;
    /** Value of this coupon handed to the member before and after the claim, in cents. */
    readonly fromCents: bigint;
    readonly toCents: bigint;
}

export function couponClaimTransId(parts: CouponClaimKeyParts): string {
    return deriveTransId([
        "SubAccountCoupons/claim",
        parts.lifecycleId,
        parts.subAccountId,
        parts.generation,
        parts.couponId,
        formatCents(parts.fromCents),
        formatCents(parts.toCents),
    ]);
}

/** A child coupon is retrieved at most once, so its ID (with the lifecycle) names the retrieval. */
export function couponReclaimTransId(parts: { readonly lifecycleId: string; readonly subAccountId: string; readonly couponId: string; readonly subCouponId: string }): string {
    return deriveTransId(["SubAccountCoupons/reclaim", parts.lifecycleId, parts.subAccountId, parts.couponId, parts.subCouponId]);
}
