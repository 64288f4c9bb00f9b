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
import { allocateProportionally, CENT, truncateToCents } from "./decimal";

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

/** Cent-precision shares of one line in its transaction. */
export interface LineShare {
    /** Share of the transaction's consumeAmount. */
    readonly amount: bigint;
    /** Share of the transaction's amount without coupon-type payments (NET_AMOUNT). */
    readonly netAmount: bigint;
}

export interface TransactionView {
    readonly transactions: readonly DeductionTransaction[];
    readonly shares: ReadonlyMap<string, LineShare>;
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

/** Splits a cent amount over payment parts in proportion to the raw (8-decimal) split. */
function roundSplit(consumeAmount: bigint, raw: PaymentSplit): PaymentSplit {
    const parts = allocateProportionally(
        consumeAmount,
        PAYMENT_PARTS.map((part) => raw[part]),
        CENT,
    );
    const rounded = { ...ZERO_SPLIT };
    PAYMENT_PARTS.forEach((part, index) => (rounded[part] = parts[index]));
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

/** Groups lines into deduction transactions (in ledger order) and computes each line's cent share. */
export function buildTransactions(lines: readonly BillLine[]): TransactionView {
    const groups = new Map<string, BillLine[]>();
    for (const line of lines) {
        const key = transactionKey(line);
        const group = groups.get(key);
        if (group) group.push(line);
        else groups.set(key, [line]);
    }
    const transactions: DeductionTransaction[] = [];
    const shares = new Map<string, LineShare>();
    for (const [key, group] of groups) {
        let officialAmount = 0n;
        let discountAmount = 0n;
        let rawAmount = 0n;
        let consumeAmount = 0n;
        let rawSplit = ZERO_SPLIT;
        const deducted = group.map(deductedOf);
        group.forEach((line, index) => {
            officialAmount += line.officialAmount;
            discountAmount += line.discountAmount;
            rawAmount += line.amount;
            consumeAmount += deducted[index];
            rawSplit = addSplits(rawSplit, line.split);
        });
        const split = roundSplit(consumeAmount, rawSplit);
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
        const net = consumeAmount - couponLikeTotal(split);
        const netShares = allocateProportionally(
            net,
            group.map((line) => line.amount - couponLikeTotal(line.split)),
            CENT,
        );
        group.forEach((line, index) => shares.set(line.id, { amount: deducted[index], netAmount: netShares[index] }));
    }
    return { transactions, shares };
}

/** Sanity identity used by tests and assertions: the rounded split adds up to the deducted amount. */
export function transactionIsBalanced(transaction: DeductionTransaction): boolean {
    return (
        splitTotal(transaction.split) === transaction.consumeAmount &&
        transaction.officialAmount === transaction.discountAmount + transaction.eraseAmount + transaction.consumeAmount
    );
}
