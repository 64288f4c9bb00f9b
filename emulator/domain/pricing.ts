/**
 * Prices from the catalogue. One function prices renewals for both the quote (ListRenewRateOnPeriod)
 * and the order (RenewalResources), so a quote always equals the order's amount_after_discount.
 */
import { fallbackCatalogueEntry } from "../catalogue";
import type { CatalogueEntry, Resource } from "../model";
import { round2 } from "../money";
import { addPeriods, beijingDate, DAY_MS, formatUtc, parseTime } from "../time";
import type { World } from "../world";

export interface PricedResource {
    readonly resource: Resource;
    readonly entry: CatalogueEntry;
    readonly officialAmount: number;
    readonly amount: number;
}

export interface RenewalQuote {
    readonly primary: Resource;
    /** Primary first, then its live attached resources. */
    readonly items: readonly PricedResource[];
    readonly officialAmount: number;
    readonly amount: number;
}

export function catalogueEntry(world: World, resource: Resource): CatalogueEntry {
    return world.catalogueEntryFor(resource) ?? fallbackCatalogueEntry(resource, world.site);
}

/** List and discounted price of `num` periods (2 month, 3 year) of one resource; undefined when the period is not sold. */
export function pricePeriods(entry: CatalogueEntry, resource: Pick<Resource, "specSize">, periodType: number, num: number): { officialAmount: number; amount: number } | undefined {
    const unit = periodType === 3 ? entry.yearlyPrice : entry.monthlyPrice;
    if (unit === undefined) return undefined;
    const size = entry.linear ? (resource.specSize ?? 1) : 1;
    const officialAmount = round2(unit * num * size);
    return { officialAmount, amount: round2(officialAmount * entry.discountFactor) };
}

/** Live attached resources renewed/unsubscribed with a primary. */
export function attachedOf(world: World, primary: Resource): Resource[] {
    return world.childrenOf(primary.resourceId).filter((child) => child.endedAt === undefined && child.billingMode === "prepaid");
}

/**
 * The expiry a renewal of `num` periods gives a primary: its expiry plus the periods, moved forward to the
 * account's unified expiry day (EXPIRE_DATE: day 1..28 of the month, or -1 = the last day, in Beijing time)
 * when one is set. The extra days are charged by quoteRenewal.
 */
export function renewedExpiry(world: World, primary: Resource, periodType: number, num: number): string {
    const base = addPeriods(primary.expireTime, periodType, num);
    const day = world.account(primary.customerId)?.renewConfig.expireDay;
    if (day === undefined) return base;
    let ms = parseTime(base);
    // At most a month ahead: step a day at a time until the Beijing date is the unified day.
    for (let step = 0; step < 32; step++, ms += DAY_MS) {
        const date = beijingDate(ms);
        const next = beijingDate(ms + DAY_MS);
        if (day === -1 ? next.slice(5, 7) !== date.slice(5, 7) : Number(date.slice(8, 10)) === day) return formatUtc(ms);
    }
    return base;
}

/** Price of `days` extra days, pro rata on the monthly price (a 30-day month), or the yearly one (365 days). */
function priceExtraDays(entry: CatalogueEntry, resource: Pick<Resource, "specSize">, days: number): { officialAmount: number; amount: number } {
    if (days <= 0) return { officialAmount: 0, amount: 0 };
    const size = entry.linear ? (resource.specSize ?? 1) : 1;
    const daily = entry.monthlyPrice !== undefined ? entry.monthlyPrice / 30 : (entry.yearlyPrice ?? 0) / 365;
    const officialAmount = round2(daily * days * size);
    return { officialAmount, amount: round2(officialAmount * entry.discountFactor) };
}

/**
 * Renewal price of a primary and its attached resources; undefined when a product does not sell that period.
 * With a unified expiry day the days the renewal is stretched by are added (priceExtraDays).
 */
export function quoteRenewal(world: World, primary: Resource, periodType: number, num: number): RenewalQuote | undefined {
    const items: PricedResource[] = [];
    const base = addPeriods(primary.expireTime, periodType, num);
    const extraDays = Math.round((parseTime(renewedExpiry(world, primary, periodType, num)) - parseTime(base)) / DAY_MS);
    for (const resource of [primary, ...attachedOf(world, primary)]) {
        const entry = catalogueEntry(world, resource);
        const price = pricePeriods(entry, resource, periodType, num);
        if (!price) return undefined;
        const extra = priceExtraDays(entry, resource, extraDays);
        items.push({ resource, entry, officialAmount: round2(price.officialAmount + extra.officialAmount), amount: round2(price.amount + extra.amount) });
    }
    return {
        primary,
        items,
        officialAmount: round2(items.reduce((sum, i) => sum + i.officialAmount, 0)),
        amount: round2(items.reduce((sum, i) => sum + i.amount, 0)),
    };
}
