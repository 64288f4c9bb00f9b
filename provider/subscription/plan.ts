/**
 * Renewal planning: which renewal orders keep a resource paid until `renewUntil`.
 *
 * The rule (see README.md):
 *  1. Nothing, when the current expiry is already at or after the target.
 *  2. The fewest orders: one order covers at most 11 months or 3 years, so the plan needs
 *     n = the smallest number of orders whose longest form (3 years each) reaches the target;
 *     the first n-1 orders are 3 years each (11 months each for a product sold only by the month).
 *  3. For the last order, the two shortest orders that reach the target are priced: the fewest
 *     months (1..11) and the fewest years (1..3). Prices grow with duration, so no longer order
 *     of the same unit can be cheaper. The cheaper one wins; on a tie, the one that keeps the
 *     resource paid longer.
 * So at most three price quotes (ListRenewRateOnPeriod) are needed for a plan.
 */
import { sumDecimals, compareDecimal } from "../shared/decimal";
import { PeriodType, addPeriods, formatBssTime } from "./calendar";

export const MAX_MONTHS_PER_ORDER = 11;
export const MAX_YEARS_PER_ORDER = 3;
/** A longer plan is refused: BSS caps the total subscribed term (CBC.99003154). */
export const MAX_ORDERS_PER_PLAN = 4;

export interface PlannedOrder {
    readonly periodType: PeriodType;
    readonly periods: number;
    /** Quoted price of this order, decimal string in the account currency; null when it could not be quoted. */
    readonly amount: string | null;
}

export interface PlannedRenewal {
    /** The unit of `periods`: the orders' unit, or "month" when they mix months and years. */
    readonly periodType: PeriodType;
    /** Total length of the renewal in `periodType` units. */
    readonly periods: number;
    /** The renewal orders to place, in order. */
    readonly orders: readonly PlannedOrder[];
    /** The expiry the plan extends (as BSS reported it when planned). */
    readonly from: string;
    /** The expiry after every order is paid. */
    readonly until: string;
    /** Total quoted price (decimal string), null when some order could not be quoted. */
    readonly amount: string | null;
    readonly currency: string | null;
    /** Why the price is missing, when it is. */
    readonly note?: string;
}

/** A price quote for renewing the resource once by `periods` x `periodType`. */
export type QuoteResult =
    | { readonly amount: string; readonly currency: string }
    /** The product does not sell this period. */
    | { readonly unavailable: string }
    /** The resource cannot be quoted now (e.g. it is in an order pending payment). */
    | { readonly blocked: string };

export type Quote = (periodType: PeriodType, periods: number) => Promise<QuoteResult>;

export type PlanResult = { readonly plan: PlannedRenewal | null } | { readonly error: string };

/** The shortest single order of `periodType` extending `from` to at least `target`, if one exists. */
export function shortestCovering(from: Date, target: Date, periodType: PeriodType): number | undefined {
    const max = periodType === "month" ? MAX_MONTHS_PER_ORDER : MAX_YEARS_PER_ORDER;
    for (let n = 1; n <= max; n++) if (addPeriods(from, periodType, n) >= target) return n;
    return undefined;
}

/**
 * The quotes `planRenewal` asks for when the product is sold by the year (the usual case): the
 * 3-year order chained before the last one, if any, and the shortest month and year orders that
 * reach the target. Pure, so a resource's quotes can be fetched before its plan is made.
 */
export function likelyQuotes(expire: Date, target: Date): { periodType: PeriodType; periods: number }[] {
    if (expire >= target) return [];
    const longest = { periodType: "year" as const, periods: MAX_YEARS_PER_ORDER };
    const prefix = chainLongestOrders(expire, target, longest);
    if (!prefix) return [];
    const quotes: { periodType: PeriodType; periods: number }[] = prefix.count > 0 ? [longest] : [];
    for (const periodType of ["month", "year"] as const) {
        const periods = shortestCovering(prefix.base, target, periodType);
        if (periods !== undefined) quotes.push({ periodType, periods });
    }
    return quotes;
}

export async function planRenewal(expire: Date, target: Date, quote: Quote): Promise<PlanResult> {
    if (expire >= target) return { plan: null };

    const cache = new Map<string, Promise<QuoteResult>>();
    const priced = (periodType: PeriodType, periods: number) => {
        const key = `${periodType}:${periods}`;
        if (!cache.has(key)) cache.set(key, quote(periodType, periods));
        return cache.get(key)!;
    };

    const byYear = await planWithLongest(expire, target, { periodType: "year", periods: MAX_YEARS_PER_ORDER }, priced);
    // A product not sold by the year: chain 11-month orders instead.
    if ("yearsUnavailable" in byYear) {
        const byMonth = await planWithLongest(expire, target, { periodType: "month", periods: MAX_MONTHS_PER_ORDER }, priced);
        if ("yearsUnavailable" in byMonth) return { error: "internal error: month plan asked for years" };
        return byMonth;
    }
    return byYear;
}

type Priced = (periodType: PeriodType, periods: number) => Promise<QuoteResult>;

async function planWithLongest(
    expire: Date,
    target: Date,
    longest: { periodType: PeriodType; periods: number },
    priced: Priced,
): Promise<PlanResult | { yearsUnavailable: true }> {
    const prefix = chainLongestOrders(expire, target, longest);
    if (prefix === undefined) {
        return {
            error: `reaching ${formatBssTime(target)} from the current expiry ${formatBssTime(expire)} needs more than ${MAX_ORDERS_PER_PLAN} renewal orders; BSS caps the total subscribed term`,
        };
    }
    const { count: prefixLength, base } = prefix;

    const quotes: QuoteResult[] = [];
    let prefixAmount: string | null = null;
    if (prefixLength > 0) {
        const result = await priced(longest.periodType, longest.periods);
        if ("unavailable" in result) {
            if (longest.periodType === "year") return { yearsUnavailable: true };
            return { error: `the resource can be renewed neither by the month nor by the year (${result.unavailable})` };
        }
        quotes.push(result);
        prefixAmount = "amount" in result ? result.amount : null;
    }

    const candidates: { order: PlannedOrder; reaches: Date }[] = [];
    const units: PeriodType[] = longest.periodType === "year" ? ["month", "year"] : ["month"];
    for (const periodType of units) {
        const periods = shortestCovering(base, target, periodType);
        if (periods === undefined) continue;
        const result = await priced(periodType, periods);
        if ("unavailable" in result) {
            if (periodType === "year") return { yearsUnavailable: true };
            continue;
        }
        quotes.push(result);
        candidates.push({ order: { periodType, periods, amount: "amount" in result ? result.amount : null }, reaches: addPeriods(base, periodType, periods) });
    }
    if (candidates.length === 0) return { error: "no renewal period sold for this resource reaches renewUntil" };

    candidates.sort((a, b) => {
        // Unpriced (the resource is held by an order): the shorter order, the likely cheaper one.
        if (a.order.amount === null || b.order.amount === null) return a.reaches.getTime() - b.reaches.getTime();
        const byPrice = compareDecimal(a.order.amount, b.order.amount);
        if (byPrice !== 0) return byPrice;
        return b.reaches.getTime() - a.reaches.getTime();
    });
    const last = candidates[0];
    const prefixOrder: PlannedOrder = { periodType: longest.periodType, periods: longest.periods, amount: prefixAmount };
    const orders: PlannedOrder[] = [...Array.from({ length: prefixLength }, () => prefixOrder), last.order];

    const blocked = quotes.find((r): r is { blocked: string } => "blocked" in r);
    const amounts = orders.map((o) => o.amount);
    const complete = amounts.every((a): a is string => a !== null);
    const currency = quotes.map((r) => ("currency" in r ? r.currency : null)).find((c) => c) ?? null;
    const mixed = new Set(orders.map((o) => o.periodType)).size > 1;
    const periodType: PeriodType = mixed ? "month" : orders[0].periodType;
    const periods = orders.reduce((total, o) => total + (mixed && o.periodType === "year" ? o.periods * 12 : o.periods), 0);

    return {
        plan: {
            periodType,
            periods,
            orders,
            from: formatBssTime(expire),
            until: formatBssTime(last.reaches),
            amount: complete ? sumDecimals(amounts as string[]) : null,
            currency,
            ...(complete ? {} : { note: blocked ? `not priced: ${blocked.blocked}` : "not priced" }),
        },
    };
}

/**
 * How many longest orders come before the last one, and the expiry after them (orders apply one
 * after another, each clamped by the calendar); undefined when the plan would be too long.
 */
function chainLongestOrders(
    expire: Date,
    target: Date,
    longest: { periodType: PeriodType; periods: number },
): { count: number; base: Date } | undefined {
    let count = 0;
    let base = expire;
    for (;;) {
        const next = addPeriods(base, longest.periodType, longest.periods);
        if (next >= target) return { count, base };
        count++;
        base = next;
        if (count >= MAX_ORDERS_PER_PLAN) return undefined;
    }
}

/** What identifies a plan for diffing: its orders and the expiry it extends (not its price). */
export function planSignature(plan: PlannedRenewal | null | undefined): string {
    if (!plan) return "none";
    return `${plan.orders.map((o) => `${o.periods}${o.periodType}`).join("+")}@${plan.from}`;
}

/** Human text, e.g. "3 months (until 2027-06-30T15:59:59Z) for 345.00 CNY". */
export function describePlan(plan: PlannedRenewal): string {
    const orders = plan.orders.map((o) => `${o.periods} ${o.periodType}${o.periods === 1 ? "" : "s"}`).join(" + ");
    const price = plan.amount === null ? "price unknown" : `${plan.amount}${plan.currency ? " " + plan.currency : ""}`;
    return `${orders} (until ${plan.until}) for ${price}`;
}
