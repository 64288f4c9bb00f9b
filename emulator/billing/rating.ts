/**
 * Rating from the catalogue, with exact rational arithmetic, priced the way the ledger charges:
 * pay-per-use = hourly price × usage (converted to the priced unit) × instances (× size when linear),
 * payable = list × the catalogue's discount factor; yearly/monthly = period price × periods × size,
 * rounded to cents per instance like the core's orders, then × instances.
 */
import { regionName } from "../catalogue";
import type { CatalogueEntry, DiscountRule, Site } from "../model";
import { fail } from "../operation";
import { multiply, Rational, rational, rationalOfDecimal, truncateRational } from "./decimal";
import { conversionFactor } from "./units";

/** Above this the service refuses to rate (CBC.99006055). */
export const MAX_RATED_AMOUNT = rational(1_000_000_000_000n);

export interface ProductKey {
    readonly cloudServiceType: string;
    readonly resourceType: string;
    readonly resourceSpec: string;
    readonly region: string;
}

/** Whether a region belongs to the site at all (cn-* regions are the Chinese mainland site's). */
function regionOnSite(region: string, site: Site): boolean {
    if (regionName(region) === region) return false;
    return site === "cn" ? region.startsWith("cn-") : !region.startsWith("cn-");
}

/** The product for the 4-key lookup, or 400 CBC.99006006. */
export function findProduct(catalogue: readonly CatalogueEntry[], key: ProductKey, site: Site): CatalogueEntry {
    const candidates = catalogue.filter(
        (entry) =>
            entry.serviceTypeCode === key.cloudServiceType &&
            entry.resourceTypeCode === key.resourceType &&
            entry.resourceSpecCode === key.resourceSpec,
    );
    const entry =
        candidates.find((candidate) => candidate.regionCode === key.region) ??
        (regionOnSite(key.region, site) ? candidates.find((candidate) => candidate.regionCode === undefined) : undefined);
    if (!entry) {
        fail("CBC.99006006", `No product found for ${key.cloudServiceType} / ${key.resourceType} / ${key.resourceSpec} in ${key.region}.`);
    }
    return entry;
}

/** Size factor of a linear product (mandatory resource_size and size_measure_id), 1 otherwise. */
export function sizeFactor(entry: CatalogueEntry, resourceSize: number | undefined, sizeMeasureId: number | undefined, field: string): bigint {
    if (!entry.linear) return 1n;
    if (resourceSize === undefined || sizeMeasureId === undefined) {
        fail("CBC.0100", `${field}.resource_size and size_measure_id are mandatory for the linear product ${entry.resourceSpecCode}`);
    }
    if (entry.specSizeMeasureId !== undefined && sizeMeasureId !== entry.specSizeMeasureId) {
        fail("CBC.0100", `${field}.size_measure_id must be ${entry.specSizeMeasureId} for ${entry.resourceSpecCode}`);
    }
    return BigInt(resourceSize);
}

export interface OnDemandPrice {
    /** List price, exact. */
    readonly official: Rational;
    /** Payable after the catalogue's business discount, exact. */
    readonly payable: Rational;
}

export interface OnDemandItem {
    readonly usageFactor: string;
    readonly usageValue: number;
    readonly usageMeasureId: number;
    readonly subscriptionNum: number;
    readonly size: bigint;
}

export function rateOnDemand(entry: CatalogueEntry, item: OnDemandItem): OnDemandPrice {
    if (item.usageFactor.toLowerCase() !== entry.usageType.toLowerCase()) {
        fail("CBC.99006074", `Billing factor ${item.usageFactor} does not exist for ${entry.resourceSpecCode}; use ${entry.usageType}.`);
    }
    const factor = conversionFactor(item.usageMeasureId, entry.usageMeasureId);
    if (!factor) fail("CBC.99006050", `usage_measure_id ${item.usageMeasureId} cannot be converted to the priced unit ${entry.usageMeasureId}.`);
    const usage = multiply(rationalOfDecimal(item.usageValue), rational(factor[0], factor[1]));
    const official = multiply(multiply(rationalOfDecimal(entry.hourlyPrice), usage), rational(BigInt(item.subscriptionNum) * item.size));
    return { official, payable: multiply(official, rationalOfDecimal(entry.discountFactor)) };
}

/** Round half up to cents, as a count of cents. */
function roundCents(value: Rational): bigint {
    const scaled = value.num * 100n;
    const quotient = scaled / value.den;
    const remainder = scaled % value.den;
    const twice = (remainder < 0n ? -remainder : remainder) * 2n;
    if (twice >= value.den) return quotient + (scaled < 0n ? -1n : 1n);
    return quotient;
}

export interface PeriodItem {
    /** 2 month, 3 year (0 day and 4 hour are not sold by the catalogue). */
    readonly periodType: number;
    readonly periodNum: number;
    readonly subscriptionNum: number;
    readonly size: bigint;
}

/** List price of one instance for the period, in cents; undefined when the product does not sell that period. */
export function periodOfficialCents(entry: CatalogueEntry, item: PeriodItem): bigint | undefined {
    const unit = item.periodType === 3 ? entry.yearlyPrice : item.periodType === 2 ? entry.monthlyPrice : undefined;
    if (unit === undefined) return undefined;
    return roundCents(multiply(rationalOfDecimal(unit), rational(BigInt(item.periodNum) * item.size)));
}

/** Price of one instance after a multiplier (e.g. 0.9), in cents, as the core's orders compute it. */
export function discountedCents(officialCents: bigint, ratio: number): bigint {
    return roundCents(multiply(rational(officialCents, 100n), rationalOfDecimal(ratio)));
}

/** An alternative discount for period rating (optional_discount_rating_results). */
export interface DiscountOption {
    readonly discountId: string;
    /** 605 business/contract, 606 distributor-granted, 607 partner-set. */
    readonly discountType: number;
    readonly name: string;
    readonly ratio: number;
    /** The catalogue's business discount belongs to one product. */
    readonly productId?: string;
    readonly serviceTypeCodes?: readonly string[];
}

const DISCOUNT_TYPE_BY_RULE: Readonly<Record<number, number>> = { 1: 605, 2: 605, 3: 606 };

/** The customer's selectable discounts for a product: the catalogue's business discount and the account's contract/partner discounts. */
export function discountOptions(entry: CatalogueEntry, rules: readonly DiscountRule[]): DiscountOption[] {
    const options: DiscountOption[] = [];
    if (entry.discountFactor < 1) {
        options.push({ discountId: `BD-${entry.productId}`, discountType: 605, name: "Business discount", ratio: entry.discountFactor, productId: entry.productId });
    }
    for (const rule of rules) {
        const discountType = DISCOUNT_TYPE_BY_RULE[rule.discountType];
        if (discountType === undefined) continue; // promotions and price adjustments are not offered at quote time
        options.push({ discountId: rule.discountId, discountType, name: rule.name, ratio: rule.ratio, serviceTypeCodes: rule.serviceTypeCodes });
    }
    return options;
}

export function appliesTo(option: DiscountOption, entry: CatalogueEntry): boolean {
    if (option.productId !== undefined) return option.productId === entry.productId;
    return !option.serviceTypeCodes || option.serviceTypeCodes.includes(entry.serviceTypeCode);
}

/** Truncation to the inquiry precision (0 → 6 decimals, 1 → 10), as a scaled count. */
export function truncateToPrecision(value: Rational, precision: number): bigint {
    return truncateRational(value, precision === 1 ? 10 : 6);
}

export function exceedsMaximum(value: Rational): boolean {
    return value.num * MAX_RATED_AMOUNT.den > MAX_RATED_AMOUNT.num * value.den;
}
