/**
 * Money arithmetic: amounts are JS numbers in the major unit, rounded at every step to a fixed number
 * of decimals (8 for resource-level lines, 2 for deductions) so sums stay exact enough to reconcile.
 */
import type { PaymentSplit } from "./model";

export function roundTo(value: number, decimals: number): number {
    const factor = 10 ** decimals;
    const rounded = Math.round((value + Number.EPSILON * Math.sign(value)) * factor) / factor;
    return Object.is(rounded, -0) ? 0 : rounded;
}

export const round2 = (value: number): number => roundTo(value, 2);
export const round8 = (value: number): number => roundTo(value, 8);

/** Cuts to 2 decimals towards zero (how usage is deducted; the residue is "erased"). */
export function truncate2(value: number): number {
    const cut = Math.trunc(roundTo(value, 8) * 100) / 100;
    return Object.is(cut, -0) ? 0 : cut;
}

/** Decimal string with 2 decimals (renewal quotes). */
export function money2(value: number): string {
    return round2(value).toFixed(2);
}

export function emptySplit(): PaymentSplit {
    return { cash: 0, credit: 0, coupon: 0, flexipurchaseCoupon: 0, storedCard: 0, bonus: 0, debt: 0, writeoff: 0 };
}

export function splitTotal(split: PaymentSplit): number {
    return round8(split.cash + split.credit + split.coupon + split.flexipurchaseCoupon + split.storedCard + split.bonus + split.debt + split.writeoff);
}

const SPLIT_KEYS: readonly (keyof PaymentSplit)[] = ["cash", "credit", "coupon", "flexipurchaseCoupon", "storedCard", "bonus", "debt", "writeoff"];

/** `split` multiplied by `factor`, each component rounded to `decimals`. */
export function scaleSplit(split: PaymentSplit, factor: number, decimals = 8): PaymentSplit {
    const result = emptySplit();
    for (const key of SPLIT_KEYS) result[key] = roundTo(split[key] * factor, decimals);
    return result;
}

export function addSplits(a: PaymentSplit, b: PaymentSplit): PaymentSplit {
    const result = emptySplit();
    for (const key of SPLIT_KEYS) result[key] = round8(a[key] + b[key]);
    return result;
}

export function subtractSplits(a: PaymentSplit, b: PaymentSplit): PaymentSplit {
    const result = emptySplit();
    for (const key of SPLIT_KEYS) result[key] = round8(a[key] - b[key]);
    return result;
}

/**
 * Divides `total` over `weights` proportionally at `decimals`, the last share taking the remainder so
 * the shares add up to exactly `total`.
 */
export function allocate(total: number, weights: readonly number[], decimals = 2): number[] {
    const sum = weights.reduce((a, b) => a + b, 0);
    if (weights.length === 0) return [];
    const shares: number[] = [];
    let given = 0;
    for (let i = 0; i < weights.length; i++) {
        if (i === weights.length - 1) {
            shares.push(roundTo(total - given, decimals));
        } else {
            const share = sum === 0 ? 0 : roundTo((total * weights[i]) / sum, decimals);
            shares.push(share);
            given = roundTo(given + share, decimals);
        }
    }
    return shares;
}

/** Divides a split over weights, component by component (see {@link allocate}). */
export function allocateSplit(split: PaymentSplit, weights: readonly number[], decimals = 2): PaymentSplit[] {
    const parts = weights.map(() => emptySplit());
    for (const key of SPLIT_KEYS) {
        allocate(split[key], weights, decimals).forEach((share, i) => (parts[i][key] = share));
    }
    return parts;
}
