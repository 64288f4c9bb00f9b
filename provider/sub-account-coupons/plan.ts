/**
 * Which coupon movements bring the member's coupons from what this resource handed over so far to
 * what the program asks for. Pure functions, tested with tables.
 *
 * BSS hands coupon value over as a child coupon in the member account (claim: any amount up to the
 * master coupon's balance) and takes a child coupon back whole (reclaim: its remaining balance). So:
 * - a new coupon entry is one claim;
 * - an increase claims the difference (one more child coupon);
 * - a decrease reclaims the coupon's children and claims the new amount;
 * - a removed entry reclaims its children.
 * Reclaims go first (they give value back to the master's coupons), then claims.
 */
import { couponClaimTransId, couponReclaimTransId, formatCents, toCents } from "../sub-account-funding/transfer-keys";

/** A child coupon this resource created in the member account. */
export interface SubCouponRecord {
    /** Empty when BSS confirmed the claim but the child could not be identified. */
    readonly subCouponId: string;
    readonly amount: string;
    readonly transId: string;
    /** Remaining value at the last read; absent when the member no longer holds it (spent, expired or taken back). */
    readonly balance?: string;
}

/** What this resource handed over from one master coupon. */
export interface CouponGrant {
    readonly couponId: string;
    /** Value handed over (the sum of the children's amounts). */
    readonly amount: string;
    readonly subCoupons: readonly SubCouponRecord[];
    /** Remaining balance of the master's coupon at the last read. */
    readonly couponBalance?: string;
}

export interface CouponLedger {
    readonly lifecycleId: string;
    readonly subAccountId: string;
    readonly generation: number;
    readonly grants: readonly CouponGrant[];
}

export type CouponStep =
    | { readonly kind: "reclaim"; readonly couponId: string; readonly subCouponId: string; readonly transId: string; readonly amount: string }
    | { readonly kind: "claim"; readonly couponId: string; readonly amountCents: bigint; readonly fromCents: bigint; readonly toCents: bigint; readonly generation: number; readonly transId: string };

/** A movement as the state records it. */
export interface CouponTransferRecord {
    readonly transId: string;
    readonly direction: "allocate" | "retrieve";
    readonly couponId: string;
    readonly subCouponId?: string;
    readonly amount: string;
    readonly confirmedBy: "response" | "duplicate";
}

/** A movement whose outcome is unknown; resent under its key by the next run. */
export type PendingCouponStep =
    | { readonly kind: "reclaim"; readonly couponId: string; readonly subCouponId: string; readonly transId: string; readonly amount: string }
    | { readonly kind: "claim"; readonly couponId: string; readonly amount: string; readonly from: string; readonly to: string; readonly generation: number; readonly transId: string };

function reclaimStep(ledger: CouponLedger, couponId: string, child: SubCouponRecord): CouponStep {
    return {
        kind: "reclaim",
        couponId,
        subCouponId: child.subCouponId,
        amount: child.amount,
        transId: couponReclaimTransId({ lifecycleId: ledger.lifecycleId, subAccountId: ledger.subAccountId, couponId, subCouponId: child.subCouponId }),
    };
}

/** The children that can be taken back (an unidentified child cannot be named in a reclaim). */
function reclaimable(grant: CouponGrant): SubCouponRecord[] {
    return grant.subCoupons.filter((c) => c.subCouponId !== "");
}

/**
 * The steps from `ledger` to `desired`, in order. Claims are numbered with consecutive generations
 * from the ledger's, which is what they will have when they run (each completed step advances it).
 */
export function planCouponSteps(ledger: CouponLedger, desired: readonly { couponId: string; cents: bigint }[]): CouponStep[] {
    const reclaims: CouponStep[] = [];
    const claims: { couponId: string; fromCents: bigint; toCents: bigint }[] = [];
    const current = new Map(ledger.grants.map((g) => [g.couponId, g]));
    const wanted = new Map(desired.map((d) => [d.couponId, d.cents]));
    for (const grant of ledger.grants) {
        if (!wanted.has(grant.couponId)) for (const child of reclaimable(grant)) reclaims.push(reclaimStep(ledger, grant.couponId, child));
    }
    for (const { couponId, cents } of desired) {
        const grant = current.get(couponId);
        const handed = grant ? toCents(grant.amount) : 0n;
        if (cents === handed) continue;
        if (cents > handed) {
            claims.push({ couponId, fromCents: handed, toCents: cents });
            continue;
        }
        for (const child of reclaimable(grant!)) reclaims.push(reclaimStep(ledger, couponId, child));
        claims.push({ couponId, fromCents: 0n, toCents: cents });
    }
    let generation = ledger.generation + reclaims.length;
    const claimSteps: CouponStep[] = claims.map((c) => {
        const step: CouponStep = {
            kind: "claim",
            couponId: c.couponId,
            amountCents: c.toCents - c.fromCents,
            fromCents: c.fromCents,
            toCents: c.toCents,
            generation,
            transId: couponClaimTransId({ lifecycleId: ledger.lifecycleId, subAccountId: ledger.subAccountId, generation, couponId: c.couponId, fromCents: c.fromCents, toCents: c.toCents }),
        };
        generation++;
        return step;
    });
    return [...reclaims, ...claimSteps];
}

/** The reclaims made on delete with onDelete "retrieve": every identified child. */
export function planDeleteReclaims(ledger: CouponLedger): CouponStep[] {
    return ledger.grants.flatMap((g) => reclaimable(g).map((child) => reclaimStep(ledger, g.couponId, child)));
}

/** The ledger after a reclaim of `subCouponId` (whether BSS returned value or the child was already gone). */
export function afterReclaim(ledger: CouponLedger, couponId: string, subCouponId: string): CouponLedger {
    const grants: CouponGrant[] = [];
    for (const grant of ledger.grants) {
        if (grant.couponId !== couponId) {
            grants.push(grant);
            continue;
        }
        const subCoupons = grant.subCoupons.filter((c) => c.subCouponId !== subCouponId);
        const amount = formatCents(subCoupons.reduce((sum, c) => sum + toCents(c.amount), 0n));
        if (subCoupons.length > 0) grants.push({ ...grant, amount, subCoupons });
    }
    return { ...ledger, generation: ledger.generation + 1, grants };
}

/** The ledger after a claim that created `subCouponId` ("" when it could not be identified). */
export function afterClaim(ledger: CouponLedger, step: Extract<CouponStep, { kind: "claim" }>, subCouponId: string): CouponLedger {
    const child: SubCouponRecord = { subCouponId, amount: formatCents(step.amountCents), transId: step.transId };
    const grants = ledger.grants.some((g) => g.couponId === step.couponId)
        ? ledger.grants.map((g) => (g.couponId === step.couponId ? { ...g, amount: formatCents(step.toCents), subCoupons: [...g.subCoupons, child] } : g))
        : [...ledger.grants, { couponId: step.couponId, amount: formatCents(step.toCents), subCoupons: [child] }];
    return { ...ledger, generation: ledger.generation + 1, grants };
}

export function pendingOfStep(step: CouponStep): PendingCouponStep {
    if (step.kind === "reclaim") return { ...step };
    return {
        kind: "claim",
        couponId: step.couponId,
        amount: formatCents(step.amountCents),
        from: formatCents(step.fromCents),
        to: formatCents(step.toCents),
        generation: step.generation,
        transId: step.transId,
    };
}

export function stepOfPending(pending: PendingCouponStep): CouponStep {
    if (pending.kind === "reclaim") return { ...pending };
    return {
        kind: "claim",
        couponId: pending.couponId,
        amountCents: toCents(pending.amount),
        fromCents: toCents(pending.from),
        toCents: toCents(pending.to),
        generation: pending.generation,
        transId: pending.transId,
    };
}

/** Every child coupon ID this ledger knows (to tell a newly created child from older ones). */
export function knownSubCouponIds(ledger: CouponLedger): Set<string> {
    return new Set(ledger.grants.flatMap((g) => g.subCoupons.map((c) => c.subCouponId)).filter((id) => id !== ""));
}

export interface ChildCandidate {
    readonly couponId?: string;
    readonly subCouponId?: string;
    readonly balance?: string;
    readonly effectiveTime?: string;
}

/**
 * The child coupon a confirmed claim created, found among the member's coupons when BSS did not
 * name it (a duplicate-key answer): a child of the same master coupon that this resource does not
 * know yet, preferring the one whose balance equals the claimed amount, then the most recent.
 */
export function identifyClaimedChild(
    candidates: readonly ChildCandidate[],
    couponId: string,
    amountCents: bigint,
    known: ReadonlySet<string>,
): { readonly subCouponId?: string; readonly ambiguous: boolean } {
    const fresh = candidates.filter((c) => c.couponId === couponId && c.subCouponId && !known.has(c.subCouponId));
    if (fresh.length === 0) return { ambiguous: false };
    const exact = fresh.filter((c) => {
        try {
            return c.balance !== undefined && toCents(c.balance) === amountCents;
        } catch {
            return false;
        }
    });
    const pool = exact.length > 0 ? exact : fresh;
    const sorted = [...pool].sort((a, b) => (b.effectiveTime ?? "").localeCompare(a.effectiveTime ?? ""));
    return { subCouponId: sorted[0].subCouponId, ambiguous: pool.length > 1 };
}
