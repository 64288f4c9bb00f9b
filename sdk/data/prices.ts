/**
 * Prices: pay-per-use rating, yearly/monthly rating and renewal quotes for existing resources.
 *
 * Wire → result names: `official_website_amount` → `officialAmount`, `discount_amount` →
 * `discountAmount`, `amount` → `amount`, `product_rating_results` → `products`,
 * `optional_discount_rating_results` → `offers`, `best_offer` (0/1) → `bestOffer` (boolean),
 * `renew_inquiry_results` → `resources`, `fail_resource_infos` → `failures`. Every amount is an exact
 * decimal string in the currency's main unit (`measure_id` applied), with `currency` alongside.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { Decimal, DecimalString } from "./decimal";
import { currencyOf, money } from "./money";
import { chunk } from "./paging";
import {
    BssDataClient,
    call,
    DataSourceInputs,
    DataSourceOptions,
    invoke,
    invokeOutput,
    parseArgs,
    siteOf,
} from "./source";
import { asRecord, compact, integer, nested, records, text, WireRecord } from "./wire";

/** Products per rating request (the API maximum). */
export const RATING_BATCH_SIZE = 100;
/** Resources per renewal-quote request (the API maximum). */
export const RENEW_RATE_BATCH_SIZE = 10;

/** Discount types that compete for the best offer, in tie-break order. */
const BEST_OFFER_DISCOUNT_TYPES = [605, 606, 607] as const;

const nonEmpty = (max: number) => z.string().min(1).max(max);
const decimalLike = z.union([z.number().finite().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/, "must be a non-negative decimal")]);

// ---------------------------------------------------------------------------------------------------
// Shared result shapes

/** One discount line applied to a price. */
export interface PriceDiscount {
    readonly discountId?: string;
    /** 605 Huawei Cloud business discount, 606 distributor business discount, 607 partner-set discount rate. */
    readonly discountType?: number;
    readonly discountName?: string;
    readonly amount: DecimalString;
}

/** One alternative price: what the whole request costs if this discount is chosen. */
export interface PriceOffer {
    readonly discountId?: string;
    readonly discountType?: number;
    readonly discountName?: string;
    /** Price after this discount (`officialAmount - discountAmount`). */
    readonly amount: DecimalString;
    readonly officialAmount: DecimalString;
    readonly discountAmount: DecimalString;
    /** The largest saving among business and partner discounts (605/606/607); promotions and coupons never are. */
    readonly bestOffer: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Pay-per-use

const onDemandProductSchema = z
    .object({
        id: nonEmpty(64).optional(),
        serviceType: nonEmpty(400),
        resourceType: nonEmpty(400),
        resourceSpec: nonEmpty(400),
        region: nonEmpty(64),
        availabilityZone: z.string().max(64).optional(),
        size: z.number().int().min(1).max(214783647).optional(),
        sizeMeasureId: z.number().int().min(0).optional(),
        usageFactor: nonEmpty(400),
        usageValue: decimalLike,
        usageMeasureId: z.number().int().min(0).max(9999),
        quantity: z.number().int().min(1).max(10000).default(1),
    })
    .strict();

const onDemandArgsSchema = z
    .object({
        projectId: nonEmpty(64),
        products: z.array(onDemandProductSchema).min(1),
        precision: z.union([z.literal(6), z.literal(10)]).default(6),
    })
    .strict()
    .superRefine(uniqueProductIds);

/** One pay-per-use product to price. Wire names in brackets. */
export interface OnDemandProduct {
    /** Your key for this line, echoed in the result (`id`); defaults to its 1-based position. */
    readonly id?: string;
    /** Cloud service type code, e.g. `hws.service.type.ec2` (`cloud_service_type`). */
    readonly serviceType: string;
    /** Resource type code, e.g. `hws.resource.type.vm` (`resource_type`). */
    readonly resourceType: string;
    /** Spec code, e.g. `s6.small.1.linux`, `SSD`, `19_bgp` (`resource_spec`). */
    readonly resourceSpec: string;
    /** Region code (`region`). */
    readonly region: string;
    /** AZ code (`available_zone`). */
    readonly availabilityZone?: string;
    /** Size of linear products: disk GB, bandwidth Mbit/s (`resource_size`). */
    readonly size?: number;
    /** Unit of `size`: 15 Mbit/s, 17 GB, 14 count (`size_measure_id`). */
    readonly sizeMeasureId?: number;
    /** Billing factor, e.g. `Duration`, `upflow` (`usage_factor`; see getUsageTypes). */
    readonly usageFactor: string;
    /** Quantity of the factor (`usage_value`). */
    readonly usageValue: number | string;
    /** Unit of `usageValue`, e.g. 4 = hour (`usage_measure_id`; see getMeasureUnits). */
    readonly usageMeasureId: number;
    /** Number of instances (`subscription_num`), default 1. */
    readonly quantity?: number;
}

export interface GetOnDemandPriceArgs {
    /** Any project id of the account: identifies the customer and its discounts, not the priced region. */
    readonly projectId: string;
    /** Products to price; more than 100 are priced in several requests and summed. */
    readonly products: readonly OnDemandProduct[];
    /** Decimal places of the result: 6 (default, `inquiry_precision` 0) or 10 (`inquiry_precision` 1). */
    readonly precision?: 6 | 10;
}

export interface OnDemandProductPrice {
    readonly id: string;
    readonly productId?: string;
    readonly amount: DecimalString;
    readonly discountAmount: DecimalString;
    readonly officialAmount: DecimalString;
    readonly discounts: readonly PriceDiscount[];
}

export interface OnDemandPrice {
    readonly currency: string;
    /** Total after discounts. */
    readonly amount: DecimalString;
    readonly discountAmount: DecimalString;
    /** Total list price. */
    readonly officialAmount: DecimalString;
    readonly products: readonly OnDemandProductPrice[];
}

/** Core of {@link getOnDemandPrice}: prices pay-per-use products with `client`. */
export async function fetchOnDemandPrice(client: BssDataClient, args: GetOnDemandPriceArgs): Promise<OnDemandPrice> {
    const parsed = parseArgs("getOnDemandPrice", onDemandArgsSchema, args);
    const lines = parsed.products.map((product, index) => ({ ...product, id: product.id ?? String(index + 1) }));
    let currency: unknown;
    const totals = { amount: Decimal.ZERO, discountAmount: Decimal.ZERO, officialAmount: Decimal.ZERO };
    const products: OnDemandProductPrice[] = [];
    for (const batch of chunk(lines, RATING_BATCH_SIZE)) {
        const body = asRecord(
            await call(client, "listOnDemandResourceRatings", {
                project_id: parsed.projectId,
                inquiry_precision: parsed.precision === 10 ? 1 : 0,
                product_infos: batch.map((p) =>
                    compact({
                        id: p.id,
                        cloud_service_type: p.serviceType,
                        resource_type: p.resourceType,
                        resource_spec: p.resourceSpec,
                        region: p.region,
                        available_zone: p.availabilityZone,
                        resource_size: p.size,
                        size_measure_id: p.sizeMeasureId,
                        usage_factor: p.usageFactor,
                        usage_value: Number(p.usageValue),
                        usage_measure_id: p.usageMeasureId,
                        subscription_num: p.quantity,
                    }),
                ),
            }),
        );
        currency ??= body.currency;
        const measure = body.measure_id;
        totals.amount = totals.amount.plus(money(body.amount, measure, "amount"));
        totals.discountAmount = totals.discountAmount.plus(money(body.discount_amount, measure, "discount_amount"));
        totals.officialAmount = totals.officialAmount.plus(money(body.official_website_amount, measure, "official_website_amount"));
        for (const result of records(body, "product_rating_results")) {
            const m = result.measure_id ?? measure;
            products.push({
                id: text(result, "id") ?? "",
                productId: text(result, "product_id"),
                amount: money(result.amount, m, "amount"),
                discountAmount: money(result.discount_amount, m, "discount_amount"),
                officialAmount: money(result.official_website_amount, m, "official_website_amount"),
                discounts: records(result, "discount_rating_results").map((d) => ({
                    discountId: text(d, "discount_id"),
                    discountType: integer(d, "discount_type"),
                    discountName: text(d, "discount_name"),
                    amount: money(d.amount, d.measure_id ?? m, "discount_rating_results.amount"),
                })),
            });
        }
    }
    return {
        currency: currencyOf(currency, siteOf(client)),
        amount: totals.amount.toString(),
        discountAmount: totals.discountAmount.toString(),
        officialAmount: totals.officialAmount.toString(),
        products,
    };
}

/**
 * The price of pay-per-use products (`ListOnDemandResourceRatings`).
 *
 * @example
 * ```ts
 * const price = await bss.getOnDemandPrice({
 *     projectId: "0a1b...",
 *     products: [{ serviceType: "hws.service.type.ec2", resourceType: "hws.resource.type.vm",
 *                  resourceSpec: "s6.small.1.linux", region: "cn-north-4",
 *                  usageFactor: "Duration", usageValue: 730, usageMeasureId: 4 }],
 * });
 * console.log(`${price.amount} ${price.currency} per month`);
 * ```
 */
export function getOnDemandPrice(args: GetOnDemandPriceArgs, opts?: DataSourceOptions): Promise<OnDemandPrice> {
    return invoke(fetchOnDemandPrice, args, opts);
}

/**
 * Output form of {@link getOnDemandPrice}.
 *
 * @example
 * ```ts
 * export const hourly = bss.getOnDemandPriceOutput({ projectId, products: [...] }).amount;
 * ```
 */
export function getOnDemandPriceOutput(args: DataSourceInputs<GetOnDemandPriceArgs>, opts?: DataSourceOptions): pulumi.Output<OnDemandPrice> {
    return invokeOutput(getOnDemandPrice, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Yearly/monthly

/** Period units of yearly/monthly rating (`period_type`: day 0, month 2, year 3, hour 4). */
export type SubscriptionPeriod = "day" | "month" | "year" | "hour";
const SUBSCRIPTION_PERIOD_CODES: Readonly<Record<SubscriptionPeriod, number>> = { day: 0, month: 2, year: 3, hour: 4 };

const periodProductSchema = z
    .object({
        id: nonEmpty(64).optional(),
        serviceType: nonEmpty(400),
        resourceType: nonEmpty(400),
        resourceSpec: nonEmpty(400),
        region: nonEmpty(64),
        availabilityZone: z.string().max(64).optional(),
        size: z.number().int().min(1).max(214783647).optional(),
        sizeMeasureId: z.number().int().min(0).optional(),
        periodType: z.enum(["day", "month", "year", "hour"]),
        periods: z.number().int().min(1).max(214783647),
        quantity: z.number().int().min(1).max(10000).default(1),
        installmentMode: z.enum(["HALF_PAY", "ZERO_PAY", "NA"]).optional(),
    })
    .strict();

const periodArgsSchema = z
    .object({
        projectId: nonEmpty(64),
        products: z.array(periodProductSchema).min(1).max(RATING_BATCH_SIZE),
    })
    .strict()
    .superRefine(uniqueProductIds);

/** One yearly/monthly product to price. Wire names in brackets. */
export interface PeriodProduct {
    /** Your key for this line, echoed in the result (`id`); defaults to its 1-based position. */
    readonly id?: string;
    readonly serviceType: string;
    readonly resourceType: string;
    readonly resourceSpec: string;
    readonly region: string;
    readonly availabilityZone?: string;
    readonly size?: number;
    readonly sizeMeasureId?: number;
    /** `period_type`. */
    readonly periodType: SubscriptionPeriod;
    /** Number of periods (`period_num`). */
    readonly periods: number;
    /** Number of instances (`subscription_num`), default 1. */
    readonly quantity?: number;
    /** CloudPond installments (`fee_installment_mode`, Chinese site only). */
    readonly installmentMode?: "HALF_PAY" | "ZERO_PAY" | "NA";
}

export interface GetPeriodPriceArgs {
    readonly projectId: string;
    /** At most 100 products (one request, so that every offer covers all of them). */
    readonly products: readonly PeriodProduct[];
}

export interface PeriodProductPrice {
    readonly id: string;
    readonly productId?: string;
    readonly officialAmount: DecimalString;
}

export interface PeriodPriceOffer extends PriceOffer {
    /** Per-product prices under this offer. */
    readonly products: readonly {
        readonly id: string;
        readonly productId?: string;
        readonly amount: DecimalString;
        readonly officialAmount: DecimalString;
        readonly discountAmount: DecimalString;
    }[];
}

export interface PeriodPrice {
    readonly currency: string;
    /** The list price of everything. */
    readonly officialAmount: DecimalString;
    /** What you pay with the best offer, or the list price when there is none. */
    readonly amount: DecimalString;
    readonly products: readonly PeriodProductPrice[];
    /** Every discount you may choose, each a complete alternative price. */
    readonly offers: readonly PeriodPriceOffer[];
    /** The offer flagged `best_offer`, if any. */
    readonly bestOffer?: PeriodPriceOffer;
}

/** Core of {@link getPeriodPrice}. */
export async function fetchPeriodPrice(client: BssDataClient, args: GetPeriodPriceArgs): Promise<PeriodPrice> {
    const parsed = parseArgs("getPeriodPrice", periodArgsSchema, args);
    const lines = parsed.products.map((product, index) => ({ ...product, id: product.id ?? String(index + 1) }));
    const body = asRecord(
        await call(client, "listRateOnPeriodDetail", {
            project_id: parsed.projectId,
            product_infos: lines.map((p) =>
                compact({
                    id: p.id,
                    cloud_service_type: p.serviceType,
                    resource_type: p.resourceType,
                    resource_spec: p.resourceSpec,
                    region: p.region,
                    available_zone: p.availabilityZone,
                    resource_size: p.size,
                    size_measure_id: p.sizeMeasureId,
                    period_type: SUBSCRIPTION_PERIOD_CODES[p.periodType],
                    period_num: p.periods,
                    subscription_num: p.quantity,
                    fee_installment_mode: p.installmentMode,
                }),
            ),
        }),
    );
    const official = nested(body, "official_website_rating_result") ?? {};
    const measure = official.measure_id;
    const officialAmount = money(official.official_website_amount, measure, "official_website_amount");
    const offers: PeriodPriceOffer[] = records(body, "optional_discount_rating_results").map((o) => {
        const m = o.measure_id ?? measure;
        return {
            ...readOffer(o, m),
            products: records(o, "product_rating_results").map((p) => ({
                id: text(p, "id") ?? "",
                productId: text(p, "product_id"),
                amount: money(p.amount, p.measure_id ?? m, "amount"),
                officialAmount: money(p.official_website_amount, p.measure_id ?? m, "official_website_amount"),
                discountAmount: money(p.discount_amount, p.measure_id ?? m, "discount_amount"),
            })),
        };
    });
    const bestOffer = offers.find((o) => o.bestOffer);
    return {
        currency: currencyOf(body.currency, siteOf(client)),
        officialAmount,
        amount: bestOffer?.amount ?? officialAmount,
        products: records(official, "product_rating_results").map((p) => ({
            id: text(p, "id") ?? "",
            productId: text(p, "product_id"),
            officialAmount: money(p.official_website_amount, p.measure_id ?? measure, "official_website_amount"),
        })),
        offers,
        bestOffer,
    };
}

/**
 * The price of yearly/monthly products (`ListRateOnPeriodDetail`): the list price and one complete
 * alternative per discount the account may choose, with the best one flagged.
 *
 * @example
 * ```ts
 * const quote = await bss.getPeriodPrice({
 *     projectId,
 *     products: [{ serviceType: "hws.service.type.ebs", resourceType: "hws.resource.type.volume",
 *                  resourceSpec: "SSD", region: "cn-north-4", size: 100, sizeMeasureId: 17,
 *                  periodType: "year", periods: 1 }],
 * });
 * console.log(quote.officialAmount, quote.bestOffer?.amount);
 * ```
 */
export function getPeriodPrice(args: GetPeriodPriceArgs, opts?: DataSourceOptions): Promise<PeriodPrice> {
    return invoke(fetchPeriodPrice, args, opts);
}

/** Output form of {@link getPeriodPrice}. @example `export const yearly = bss.getPeriodPriceOutput({ projectId, products }).amount;` */
export function getPeriodPriceOutput(args: DataSourceInputs<GetPeriodPriceArgs>, opts?: DataSourceOptions): pulumi.Output<PeriodPrice> {
    return invokeOutput(getPeriodPrice, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Renewal of existing resources

const renewalArgsSchema = z
    .object({
        resourceIds: z.array(nonEmpty(64)).min(1),
        periodType: z.enum(["month", "year"]),
        periods: z.number().int().min(1),
        includeRelatedResources: z.boolean().optional(),
        allowFailures: z.boolean().default(false),
    })
    .strict()
    .superRefine((args, ctx) => {
        const max = args.periodType === "month" ? 11 : 3;
        if (args.periods > max) ctx.addIssue({ code: "custom", path: ["periods"], message: `at most ${max} for periodType "${args.periodType}"` });
        const seen = new Set<string>();
        args.resourceIds.forEach((id, index) => {
            if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["resourceIds", index], message: `duplicate resource id ${id}` });
            seen.add(id);
        });
    });

export interface GetRenewalPriceArgs {
    /** Primary resource ids; any number (quoted 10 per request). */
    readonly resourceIds: readonly string[];
    /** `period_type`: month (2) or year (3). */
    readonly periodType: "month" | "year";
    /** `period_num`: 1..11 months or 1..3 years. */
    readonly periods: number;
    /** Also price related resources (`include_relative_resources`). */
    readonly includeRelatedResources?: boolean;
    /** Return resources that could not be quoted in `failures` instead of failing (default false). */
    readonly allowFailures?: boolean;
}

export interface RenewalResourcePrice {
    readonly resourceId: string;
    /** Renewal price of the resource and its attached resources (list price). */
    readonly amount: DecimalString;
}

/** A resource BSS could not quote (`fail_resource_infos`). */
export interface RenewalQuoteFailure {
    readonly resourceId: string;
    /** E.g. `CBC.30050009` (unknown or deleted), `CBC.30050007` (not a primary resource). */
    readonly code?: string;
    readonly message?: string;
}

export interface RenewalPrice {
    readonly currency: string;
    readonly periodType: "month" | "year";
    readonly periods: number;
    /** List price of renewing every quoted resource. */
    readonly officialAmount: DecimalString;
    /** What you pay if each renewal order uses its best offer (the list price where there is none). */
    readonly amount: DecimalString;
    readonly resources: readonly RenewalResourcePrice[];
    /**
     * Discounts you may choose, each priced over all quoted resources (a batch the discount does not
     * apply to counts at list price). With more than 10 resources the best offer is re-derived with
     * BSS's rule over these totals: largest saving among 605/606/607 discounts, ties in that order.
     */
    readonly offers: readonly PriceOffer[];
    readonly bestOffer?: PriceOffer;
    readonly failures: readonly RenewalQuoteFailure[];
}

/** Some resources could not be quoted for renewal. */
export class RenewalQuoteError extends Error {
    readonly code = "RENEWAL_QUOTE_FAILED";
    constructor(readonly failures: readonly RenewalQuoteFailure[]) {
        super(
            `BSS could not quote the renewal of ${failures.length} resource(s): ` +
                failures.map((f) => `${f.resourceId} (${f.code ?? "unknown"}${f.message ? `: ${f.message}` : ""})`).join(", "),
        );
        this.name = "RenewalQuoteError";
    }
}

/** Core of {@link getRenewalPrice}: quotes in batches of 10 resources and combines the batches. */
export async function fetchRenewalPrice(client: BssDataClient, args: GetRenewalPriceArgs): Promise<RenewalPrice> {
    const parsed = parseArgs("getRenewalPrice", renewalArgsSchema, args);
    let currency: unknown;
    const batches: { official: Decimal; offers: PriceOffer[] }[] = [];
    const resources: RenewalResourcePrice[] = [];
    const failures: RenewalQuoteFailure[] = [];
    for (const ids of chunk(parsed.resourceIds, RENEW_RATE_BATCH_SIZE)) {
        const body = asRecord(
            await call(
                client,
                "listRenewRateOnPeriod",
                compact({
                    resource_ids: ids,
                    period_type: parsed.periodType === "month" ? 2 : 3,
                    period_num: parsed.periods,
                    include_relative_resources: parsed.includeRelatedResources,
                }),
            ),
        );
        currency ??= body.currency;
        for (const f of records(body, "fail_resource_infos")) {
            failures.push({ resourceId: text(f, "resource_id") ?? "", code: text(f, "error_code"), message: text(f, "error_msg") });
        }
        const quoted = records(body, "renew_inquiry_results");
        for (const r of quoted) resources.push({ resourceId: text(r, "resource_id") ?? "", amount: money(r.amount) });
        if (quoted.length === 0 && nested(body, "official_website_rating_result") === undefined) continue;
        const official = nested(body, "official_website_rating_result") ?? {};
        batches.push({
            official: Decimal.from(money(official.official_website_amount, official.measure_id, "official_website_amount")),
            offers: records(body, "optional_discount_rating_results").map((o) => readOffer(o, o.measure_id)),
        });
    }
    if (failures.length > 0 && !parsed.allowFailures) throw new RenewalQuoteError(failures);
    const combined = combineOfferBatches(batches);
    return {
        currency: currencyOf(currency, siteOf(client)),
        periodType: parsed.periodType,
        periods: parsed.periods,
        resources,
        failures,
        ...combined,
    };
}

/**
 * The renewal price of existing yearly/monthly resources (`ListRenewRateOnPeriod`, 10 ids per request).
 *
 * @example
 * ```ts
 * const quote = await bss.getRenewalPrice({ resourceIds: ["b1f0..."], periodType: "month", periods: 3 });
 * console.log(`renewing costs ${quote.amount} ${quote.currency}`);
 * ```
 */
export function getRenewalPrice(args: GetRenewalPriceArgs, opts?: DataSourceOptions): Promise<RenewalPrice> {
    return invoke(fetchRenewalPrice, args, opts);
}

/**
 * Output form of {@link getRenewalPrice}.
 *
 * @example
 * ```ts
 * const price = bss.getRenewalPriceOutput({ resourceIds: [db.resourceId], periodType: "month", periods: 3 });
 * export const renewalCost = price.amount;
 * ```
 */
export function getRenewalPriceOutput(args: DataSourceInputs<GetRenewalPriceArgs>, opts?: DataSourceOptions): pulumi.Output<RenewalPrice> {
    return invokeOutput(getRenewalPrice, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Offers

function readOffer(o: WireRecord, measure: unknown): PriceOffer {
    return {
        discountId: text(o, "discount_id"),
        discountType: integer(o, "discount_type"),
        discountName: text(o, "discount_name"),
        amount: money(o.amount, measure, "amount"),
        officialAmount: money(o.official_website_amount, measure, "official_website_amount"),
        discountAmount: money(o.discount_amount, measure, "discount_amount"),
        bestOffer: integer(o, "best_offer") === 1,
    };
}

/**
 * Combines the quotes of several batches into one: list prices add up; each discount is priced over
 * all batches (at list price where it does not apply); the headline amount takes each batch's best
 * offer. A single batch is returned as BSS said it, best-offer flag included.
 */
export function combineOfferBatches(batches: readonly { official: Decimal; offers: readonly PriceOffer[] }[]): {
    officialAmount: DecimalString;
    amount: DecimalString;
    offers: PriceOffer[];
    bestOffer?: PriceOffer;
} {
    const officialTotal = Decimal.sum(batches.map((b) => b.official));
    const payable = Decimal.sum(batches.map((b) => b.offers.find((o) => o.bestOffer)?.amount ?? b.official));
    if (batches.length === 1) {
        const offers = [...batches[0].offers];
        return { officialAmount: officialTotal.toString(), amount: payable.toString(), offers, bestOffer: offers.find((o) => o.bestOffer) };
    }
    const keyOf = (o: PriceOffer) => o.discountId ?? `${o.discountType ?? ""}:${o.discountName ?? ""}`;
    const merged = new Map<string, { head: PriceOffer; discount: Decimal }>();
    for (const batch of batches) {
        for (const offer of batch.offers) {
            const key = keyOf(offer);
            const entry = merged.get(key);
            if (entry) entry.discount = entry.discount.plus(offer.discountAmount);
            else merged.set(key, { head: offer, discount: Decimal.from(offer.discountAmount) });
        }
    }
    const offers: PriceOffer[] = [...merged.values()].map(({ head, discount }) => ({
        discountId: head.discountId,
        discountType: head.discountType,
        discountName: head.discountName,
        officialAmount: officialTotal.toString(),
        discountAmount: discount.toString(),
        amount: officialTotal.minus(discount).toString(),
        bestOffer: false,
    }));
    let best: PriceOffer | undefined;
    for (const offer of offers) {
        const rank = BEST_OFFER_DISCOUNT_TYPES.indexOf(offer.discountType as (typeof BEST_OFFER_DISCOUNT_TYPES)[number]);
        if (rank < 0) continue;
        if (!best) {
            best = offer;
            continue;
        }
        const bestRank = BEST_OFFER_DISCOUNT_TYPES.indexOf(best.discountType as (typeof BEST_OFFER_DISCOUNT_TYPES)[number]);
        const cmp = Decimal.from(offer.discountAmount).compare(best.discountAmount);
        if (cmp > 0 || (cmp === 0 && rank < bestRank)) best = offer;
    }
    const flagged = offers.map((o) => (o === best ? { ...o, bestOffer: true } : o));
    return {
        officialAmount: officialTotal.toString(),
        amount: payable.toString(),
        offers: flagged,
        bestOffer: flagged.find((o) => o.bestOffer),
    };
}

function uniqueProductIds(args: { products: readonly { id?: string }[] }, ctx: z.RefinementCtx): void {
    const seen = new Set<string>();
    args.products.forEach((product, index) => {
        const id = product.id ?? String(index + 1);
        if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["products", index, "id"], message: `duplicate product id ${id}` });
        seen.add(id);
    });
}
