/**
 * Prices from the catalogue. One function prices renewals for both the quote (ListRenewRateOnPeriod)
 * and the order (RenewalResources), so a quote always equals the order's amount_after_discount.
 */
import { fallbackCatalogueEntry } from "../catalogue";
import type { CatalogueEntry, Resource } from "../model";
import { round2 } from "../money";
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

/** Renewal price of a primary and its attached resources; undefined when a product does not sell that period. */
export function quoteRenewal(world: World, primary: Resource, periodType: number, num: number): RenewalQuote | undefined {
    const items: PricedResource[] = [];
    for (const resource of [primary, ...attachedOf(world, primary)]) {
        const entry = catalogueEntry(world, resource);
        const price = pricePeriods(entry, resource, periodType, num);
        if (!price) return undefined;
        items.push({ resource, entry, ...price });
    }
    return {
        primary,
        items,
        officialAmount: round2(items.reduce((sum, i) => sum + i.officialAmount, 0)),
        amount: round2(items.reduce((sum, i) => sum + i.amount, 0)),
    };
}
