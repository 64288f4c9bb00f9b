/**
 * Amortisation of prepaid charges over their service period (ListCustomerBillsMonthlyBreakDown,
 * ListCosts AMORTIZED_COST). The amount amortised up to an instant is truncated toward zero at 8
 * decimals of the linear share; any slice (month, day) is the difference of two such cumulative
 * values, so slices telescope: past + current + future == the full amount, and the days of a month
 * add up to the month, exactly.
 */
import { BillLine, isPrepaidChargeMode } from "./bill-line";
import { beijingDayStart } from "../time";
import { monthEndMs, monthStartMs, nextDate } from "./calendar";

/** The window over which a line is spread, or undefined when it counts fully on its bill date. */
export function amortizationWindow(line: BillLine): { start: number; end: number } | undefined {
    if (!isPrepaidChargeMode(line.chargeMode)) return undefined;
    if (line.effectiveTimeMs === undefined || line.expireTimeMs === undefined) return undefined;
    if (line.expireTimeMs <= line.effectiveTimeMs) return undefined;
    return { start: line.effectiveTimeMs, end: line.expireTimeMs };
}

/** Part of `amount` spread linearly over `window` that falls before instant `at` (truncated toward zero). */
export function amortizedAt(window: { start: number; end: number }, amount: bigint, at: number): bigint {
    if (at <= window.start) return 0n;
    if (at >= window.end) return amount;
    return (amount * BigInt(at - window.start)) / BigInt(window.end - window.start);
}

/** Part of `amount` of a line amortised before instant `at`. */
export function amortizedBefore(line: BillLine, amount: bigint, at: number): bigint {
    const window = amortizationWindow(line);
    if (!window) return at > beijingDayStart(line.billDate) ? amount : 0n;
    return amortizedAt(window, amount, at);
}

export interface AmortizedSlices {
    readonly past: bigint;
    readonly current: bigint;
    readonly future: bigint;
}

/** How `amount` of a line splits around the Beijing bill month `month`. */
export function amortizeAroundMonth(line: BillLine, amount: bigint, month: string): AmortizedSlices {
    const before = amortizedBefore(line, amount, monthStartMs(month));
    const through = amortizedBefore(line, amount, monthEndMs(month));
    return { past: before, current: through - before, future: amount - through };
}

/** Share of `amount` falling in one Beijing bill date. */
export function amortizedInDate(line: BillLine, amount: bigint, date: string): bigint {
    return amortizedBefore(line, amount, beijingDayStart(nextDate(date))) - amortizedBefore(line, amount, beijingDayStart(date));
}

/** Share of `amount` falling in one Beijing bill month. */
export function amortizedInMonth(line: BillLine, amount: bigint, month: string): bigint {
    return amortizeAroundMonth(line, amount, month).current;
}

/** Does the line have an amortised share (or its bill) in `month`? */
export function touchesMonth(line: BillLine, month: string): boolean {
    if (line.billDate.slice(0, 7) === month) return true;
    const window = amortizationWindow(line);
    return !!window && window.start < monthEndMs(month) && window.end > monthStartMs(month);
}
