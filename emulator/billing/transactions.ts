/**
 * Deduction transactions: the cent-precision view of the ledger (README-billing.md rule 3/4).
 *
 * Lines of one trade (order or receivable) with the same product dimensions form one transaction bill.
 * Each line's 8-decimal payable amount was deducted at cent precision (the ledger records the dropped
 * residue as the line's erased amount); a transaction's consume amount is the sum of its lines' cent
 * deductions and its erase amount the sum of the residues. The summary bill, the transaction bills and
 * the cost API all derive from these cent amounts, so any grouping (per resource, per day, per
 * dimension) adds up exactly to the summary.
 */
import {
    addSplits,
    BillLine,
    billMonthOfLine,
    couponLikeTotal,
    PAYMENT_PARTS,
    PaymentSplit,
    splitTotal,
    ZERO_SPLIT,
} from "./bill-line";
import { CENT, truncateToCents } from "./decimal";

export interface DeductionTransaction {
    readonly key: string;
    readonly lines: readonly BillLine[];
    /** Representative line for the dimensions shared by every line of the transaction. */
    readonly first: BillLine;
    readonly billCycle: string;
    readonly officialAmount: bigint;
    readonly discountAmount: bigint;
    /** Payable before rounding (8 decimals). */
    readonly rawAmount: bigint;
    /** Payable deducted, truncated toward zero to cents. */
    readonly consumeAmount: bigint;
    /** rawAmount − consumeAmount (never charged). */
    readonly eraseAmount: bigint;
    /** Cent-precision payment split summing to consumeAmount. */
    readonly split: PaymentSplit;
}

/** What one line really deducted, at cents. */
export interface LineShare {
    /** What the line deducted (its part of the transaction's consumeAmount). */
    readonly amount: bigint;
    /** The deduction without coupon-type payments (NET_AMOUNT). */
    readonly netAmount: bigint;
    /** How the deduction was paid, at cents. */
    readonly split: PaymentSplit;
}

function transactionKey(line: BillLine): string {
    return JSON.stringify([
        line.customerId,
        line.payerAccountId,
        line.tradeId,
        line.billType,
        line.billDate,
        line.serviceTypeCode,
        line.resourceTypeCode,
        line.regionCode,
        line.enterpriseProjectId,
        line.chargeMode,
    ]);
}

/**
 * The cent-precision payment split of one line's deduction. The ledger writer keeps each payment part
 * at cents except for the erased residue, which rides on one part; truncating every part recovers the
 * cents actually taken. Should a writer spread sub-cent digits differently, the missing cents go to
 * the parts with the largest truncated remainders, so the parts always add up to `deducted`.
 */
export function centSplitOf(split: PaymentSplit, deducted: bigint): PaymentSplit {
    const rounded = { ...ZERO_SPLIT };
    for (const part of PAYMENT_PARTS) rounded[part] = truncateToCents(split[part]);
    let missing = deducted - splitTotal(rounded);
    if (missing !== 0n) {
        const step = missing > 0n ? CENT : -CENT;
        const order = [...PAYMENT_PARTS].sort((a, b) => {
            const ra = (split[a] - rounded[a]) * (step > 0n ? 1n : -1n);
            const rb = (split[b] - rounded[b]) * (step > 0n ? 1n : -1n);
            return ra === rb ? 0 : ra > rb ? -1 : 1;
        });
        for (let index = 0; missing !== 0n; index = (index + 1) % order.length) {
            rounded[order[index]] += step;
            missing -= step;
        }
    }
    return rounded;
}

/**
 * What a line really deducted: the core's ledger writer rounds each line's payment to cents and
 * records the residue as `erasedAmount`; truncating again only guards against a writer that left
 * sub-cent digits in, so the result is always whole cents with the same sign as the line.
 */
function deductedOf(line: BillLine): bigint {
    return truncateToCents(line.amount - line.erasedAmount);
}

const shareCache = new WeakMap<BillLine, LineShare>();

/** The cent deduction of one line, its payment split at cents and its net (non-coupon) part. */
export function lineShare(line: BillLine): LineShare {
    let share = shareCache.get(line);
    if (!share) {
        const deducted = deductedOf(line);
        const split = centSplitOf(line.split, deducted);
        share = { amount: deducted, netAmount: deducted - couponLikeTotal(split), split };
        shareCache.set(line, share);
    }
    return share;
}

/** Groups lines into deduction transactions (in ledger order) and computes each line's cent share. */
export function buildTransactions(lines: readonly BillLine[]): DeductionTransaction[] {
    const groups = new Map<string, BillLine[]>();
    for (const line of lines) {
        const key = transactionKey(line);
        const group = groups.get(key);
        if (group) group.push(line);
        else groups.set(key, [line]);
    }
    const transactions: DeductionTransaction[] = [];
    for (const [key, group] of groups) {
        let officialAmount = 0n;
        let discountAmount = 0n;
        let rawAmount = 0n;
        let consumeAmount = 0n;
        let split = ZERO_SPLIT;
        for (const line of group) {
            const share = lineShare(line);
            officialAmount += line.officialAmount;
            discountAmount += line.discountAmount;
            rawAmount += line.amount;
            consumeAmount += share.amount;
            split = addSplits(split, share.split);
        }
        transactions.push({
            key,
            lines: group,
            first: group[0],
            billCycle: billMonthOfLine(group[0]),
            officialAmount,
            discountAmount,
            rawAmount,
            consumeAmount,
            eraseAmount: rawAmount - consumeAmount,
            split,
        });
    }
    return transactions;
}

/** Sanity identity used by tests and assertions: the rounded split adds up to the deducted amount. */
export function transactionIsBalanced(transaction: DeductionTransaction): boolean {
    return (
        splitTotal(transaction.split) === transaction.consumeAmount &&
        transaction.officialAmount === transaction.discountAmount + transaction.eraseAmount + transaction.consumeAmount
    );
}
