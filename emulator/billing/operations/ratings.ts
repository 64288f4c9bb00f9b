/** Price inquiries: pay-per-use (ListOnDemandResourceRatings) and yearly/monthly (ListRateOnPeriodDetail). */
import { bodyOf, fail, ok, OperationDef } from "../../operation";
import { formatScaled, rational, Rational } from "../decimal";
import {
    appliesTo,
    discountedCents,
    DiscountOption,
    discountOptions,
    exceedsMaximum,
    findProduct,
    periodOfficialCents,
    rateOnDemand,
    sizeFactor,
    truncateToPrecision,
} from "../rating";

interface ProductInfo {
    id: string;
    cloud_service_type: string;
    resource_type: string;
    resource_spec: string;
    region: string;
    resource_size?: number;
    size_measure_id?: number;
}

interface OnDemandInfo extends ProductInfo {
    usage_factor: string;
    usage_value: number;
    usage_measure_id: number;
    subscription_num: number;
}

interface PeriodInfo extends ProductInfo {
    period_type: number;
    period_num: number;
    subscription_num: number;
}

function requireDistinctIds(infos: readonly { id: string }[]): void {
    const seen = new Set<string>();
    for (const info of infos) {
        if (seen.has(info.id)) fail("CBC.0100", `product_infos[].id ${info.id} is used twice`);
        seen.add(info.id);
    }
}

/** A truncated scaled amount as the JSON number the wire carries. */
function numberAt(scaled: bigint, decimals: number): number {
    return Number(formatScaled(scaled, decimals));
}

export const listOnDemandResourceRatings: OperationDef = {
    name: "ListOnDemandResourceRatings",
    method: "POST",
    path: "/v2/bills/ratings/on-demand-resources",
    handle(request, world) {
        const body = bodyOf(request);
        const precision = typeof body.inquiry_precision === "number" ? body.inquiry_precision : 0;
        const decimals = precision === 1 ? 10 : 6;
        const infos = body.product_infos as OnDemandInfo[];
        requireDistinctIds(infos);
        let official = 0n;
        let amount = 0n;
        const results = infos.map((info, index) => {
            const field = `product_infos[${index}]`;
            const entry = findProduct(
                world.catalogue(),
                { cloudServiceType: info.cloud_service_type, resourceType: info.resource_type, resourceSpec: info.resource_spec, region: info.region },
                request.site,
            );
            const price = rateOnDemand(entry, {
                usageFactor: info.usage_factor,
                usageValue: info.usage_value,
                usageMeasureId: info.usage_measure_id,
                subscriptionNum: info.subscription_num,
                size: sizeFactor(entry, info.resource_size, info.size_measure_id, field),
            });
            if (exceedsMaximum(price.official)) fail("CBC.99006055", `The rated amount of ${field} exceeds the maximum.`);
            const itemOfficial = truncateToPrecision(price.official, precision);
            const itemAmount = truncateToPrecision(price.payable, precision);
            const itemDiscount = itemOfficial - itemAmount;
            official += itemOfficial;
            amount += itemAmount;
            return {
                id: info.id,
                product_id: entry.productId,
                amount: numberAt(itemAmount, decimals),
                discount_amount: numberAt(itemDiscount, decimals),
                official_website_amount: numberAt(itemOfficial, decimals),
                measure_id: 1,
                discount_rating_results:
                    itemDiscount === 0n
                        ? undefined
                        : [
                              {
                                  discount_id: `BD-${entry.productId}`,
                                  discount_type: 605,
                                  amount: numberAt(itemDiscount, decimals),
                                  measure_id: 1,
                                  discount_name: "Business discount",
                              },
                          ],
            };
        });
        return ok({
            amount: numberAt(amount, decimals),
            discount_amount: numberAt(official - amount, decimals),
            official_website_amount: numberAt(official, decimals),
            measure_id: 1,
            currency: world.currency,
            product_rating_results: results,
        });
    },
};

function cents(value: bigint): number {
    return Number(formatScaled(value, 2));
}

export const listRateOnPeriodDetail: OperationDef = {
    name: "ListRateOnPeriodDetail",
    method: "POST",
    path: "/v2/bills/ratings/period-resources/subscribe-rate",
    handle(request, world) {
        const body = bodyOf(request);
        const infos = body.product_infos as PeriodInfo[];
        requireDistinctIds(infos);
        const priced = infos.map((info, index) => {
            const field = `product_infos[${index}]`;
            const entry = findProduct(
                world.catalogue(),
                { cloudServiceType: info.cloud_service_type, resourceType: info.resource_type, resourceSpec: info.resource_spec, region: info.region },
                request.site,
            );
            const item = {
                periodType: info.period_type,
                periodNum: info.period_num,
                subscriptionNum: info.subscription_num,
                size: sizeFactor(entry, info.resource_size, info.size_measure_id, field),
            };
            const perInstance = periodOfficialCents(entry, item);
            if (perInstance === undefined) {
                fail("CBC.99006006", `${entry.resourceSpecCode} is not sold by the ${({ 0: "day", 2: "month", 3: "year", 4: "hour" } as Record<number, string>)[info.period_type] ?? "period"}.`);
            }
            const official: Rational = rational(perInstance * BigInt(info.subscription_num), 100n);
            if (exceedsMaximum(official)) fail("CBC.99006055", `The rated amount of ${field} exceeds the maximum.`);
            return { info, entry, perInstance, officialCents: perInstance * BigInt(info.subscription_num) };
        });
        const totalOfficial = priced.reduce((sum, item) => sum + item.officialCents, 0n);

        // Every discount that applies to at least one item becomes one alternative price for the whole inquiry.
        const options = new Map<string, DiscountOption>();
        for (const { entry } of priced) {
            for (const option of discountOptions(entry, request.account.discounts)) {
                if (appliesTo(option, entry) && !options.has(option.discountId)) options.set(option.discountId, option);
            }
        }
        const alternatives = [...options.values()].map((option) => {
            const items = priced.map(({ info, entry, perInstance, officialCents }) => {
                const amountCents = appliesTo(option, entry) ? discountedCents(perInstance, option.ratio) * BigInt(info.subscription_num) : officialCents;
                return {
                    id: info.id,
                    product_id: entry.productId,
                    amount: cents(amountCents),
                    official_website_amount: cents(officialCents),
                    discount_amount: cents(officialCents - amountCents),
                    measure_id: 1,
                    amountCents,
                };
            });
            const amountCents = items.reduce((sum, item) => sum + item.amountCents, 0n);
            return { option, items, amountCents };
        });
        // Best offer: the largest saving among business (605) and partner (606/607) discounts; ties go to business.
        const best = [...alternatives].sort((a, b) =>
            a.amountCents !== b.amountCents ? (a.amountCents < b.amountCents ? -1 : 1) : a.option.discountType - b.option.discountType,
        )[0];
        return ok({
            official_website_rating_result: {
                official_website_amount: cents(totalOfficial),
                measure_id: 1,
                product_rating_results: priced.map(({ info, entry, officialCents }) => ({
                    id: info.id,
                    product_id: entry.productId,
                    official_website_amount: cents(officialCents),
                    measure_id: 1,
                })),
            },
            optional_discount_rating_results:
                alternatives.length === 0
                    ? undefined
                    : alternatives.map((alternative) => ({
                          discount_id: alternative.option.discountId,
                          amount: cents(alternative.amountCents),
                          official_website_amount: cents(totalOfficial),
                          discount_amount: cents(totalOfficial - alternative.amountCents),
                          measure_id: 1,
                          discount_type: alternative.option.discountType,
                          discount_name: alternative.option.name,
                          best_offer: alternative === best && alternative.amountCents < totalOfficial ? 1 : 0,
                          product_rating_results: alternative.items.map(({ amountCents: _omit, ...item }) => item),
                      })),
            currency: world.currency,
        });
    },
};

export const ratingOperations: readonly OperationDef[] = [listOnDemandResourceRatings, listRateOnPeriodDetail];
