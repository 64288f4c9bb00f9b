import * as assert from "node:assert/strict";
import { Decimal } from "../../sdk/data/decimal";
import {
    combineOfferBatches,
    fetchOnDemandPrice,
    fetchPeriodPrice,
    fetchRenewalPrice,
    PriceOffer,
    RenewalQuoteError,
} from "../../sdk/data/prices";
import { DataSourceArgumentError } from "../../sdk/data/source";
import { fakeClient } from "./fake-client";

/** Renewal quotes at a fixed list price per resource, with a 10% business discount and a 5% promotion. */
function renewRateHandler(pricePerResource: string, unknownIds: string[] = []) {
    return (request: Record<string, unknown>) => {
        const ids = (request.resource_ids as string[]).filter((id) => !unknownIds.includes(id));
        const official = Decimal.from(pricePerResource).times(ids.length);
        const offer = (id: string, type: number, rate: string, best: number) => ({
            discount_id: id,
            discount_type: type,
            discount_name: id,
            official_website_amount: official.toString(),
            discount_amount: official.times(rate).toString(),
            amount: official.minus(official.times(rate)).toString(),
            best_offer: best,
        });
        return {
            currency: "CNY",
            renew_inquiry_results: ids.map((id) => ({ resource_id: id, amount: pricePerResource })),
            official_website_rating_result: { official_website_amount: official.toString() },
            optional_discount_rating_results: ids.length ? [offer("biz", 605, "0.1", 1), offer("promo", 700, "0.05", 0)] : [],
            fail_resource_infos: (request.resource_ids as string[])
                .filter((id) => unknownIds.includes(id))
                .map((id) => ({ resource_id: id, error_code: "CBC.30050009", error_msg: "resource not found" })),
        };
    };
}

describe("data: prices", () => {
    it("quotes any number of resources 10 per request and adds the batches up exactly", async () => {
        const client = fakeClient({ listRenewRateOnPeriod: renewRateHandler("33.33") });
        const ids = Array.from({ length: 25 }, (_, i) => `res-${i}`);
        const quote = await fetchRenewalPrice(client, { resourceIds: ids, periodType: "month", periods: 3 });
        assert.deepEqual(client.calls.map((c) => (c.request.resource_ids as string[]).length), [10, 10, 5]);
        assert.equal(client.calls[0].request.period_type, 2);
        assert.equal(quote.officialAmount, "833.25"); // 25 × 33.33
        assert.equal(quote.resources.length, 25);
        // Each batch's best offer is the 10% business discount: 833.25 × 0.9
        assert.equal(quote.amount, "749.925");
        const best = quote.offers.filter((o) => o.bestOffer);
        assert.equal(best.length, 1);
        assert.equal(best[0].discountId, "biz");
        assert.equal(quote.bestOffer?.discountAmount, "83.325");
        assert.equal(quote.currency, "CNY");
    });

    it("fails naming the resources BSS could not quote, or returns them when asked to", async () => {
        const client = fakeClient({ listRenewRateOnPeriod: renewRateHandler("10", ["gone-1"]) });
        await assert.rejects(
            fetchRenewalPrice(client, { resourceIds: ["ok-1", "gone-1"], periodType: "year", periods: 1 }),
            (e: unknown) => e instanceof RenewalQuoteError && /gone-1 \(CBC\.30050009/.test(e.message),
        );
        const quote = await fetchRenewalPrice(client, { resourceIds: ["ok-1", "gone-1"], periodType: "year", periods: 1, allowFailures: true });
        assert.deepEqual(quote.failures, [{ resourceId: "gone-1", code: "CBC.30050009", message: "resource not found" }]);
        assert.equal(quote.officialAmount, "10");
    });

    it("validates renewal arguments before sending anything", async () => {
        const client = fakeClient({ listRenewRateOnPeriod: renewRateHandler("1") });
        for (const args of [
            { resourceIds: [], periodType: "month", periods: 1 },
            { resourceIds: ["a"], periodType: "month", periods: 12 },
            { resourceIds: ["a"], periodType: "year", periods: 4 },
            { resourceIds: ["a", "a"], periodType: "year", periods: 1 },
            { resourceIds: ["a"], periodType: "week", periods: 1 },
        ]) {
            await assert.rejects(fetchRenewalPrice(client, args as never), DataSourceArgumentError, JSON.stringify(args));
        }
        assert.equal(client.calls.length, 0);
    });

    it("re-derives the best offer over batches with BSS's rule: largest saving among 605/606/607, ties in that order", () => {
        const offer = (id: string, type: number, discount: string, best = false): PriceOffer => ({
            discountId: id,
            discountType: type,
            amount: Decimal.from(100).minus(discount).toString(),
            officialAmount: "100",
            discountAmount: discount,
            bestOffer: best,
        });
        const combined = combineOfferBatches([
            { official: Decimal.from(100), offers: [offer("a", 606, "10", true), offer("b", 605, "8"), offer("promo", 700, "30")] },
            { official: Decimal.from(100), offers: [offer("b", 605, "12", true), offer("a", 606, "10")] },
        ]);
        assert.equal(combined.officialAmount, "200");
        // a and b both save 20 overall: the tie goes to 605 (b). The promotion saves more but is never "best".
        assert.equal(combined.bestOffer?.discountId, "b");
        assert.equal(combined.offers.find((o) => o.discountId === "promo")?.amount, "170");
        // Headline: each batch with its own best offer: 90 + 88
        assert.equal(combined.amount, "178");
    });

    it("prices pay-per-use products over 100 in several requests and sums exactly", async () => {
        const client = fakeClient({
            listOnDemandResourceRatings: (request) => {
                const products = request.product_infos as { id: string; usage_value: number }[];
                const results = products.map((p) => ({ id: p.id, product_id: `p-${p.id}`, amount: 0.1, discount_amount: 0, official_website_amount: 0.1, measure_id: 1 }));
                return { amount: 0.1 * products.length, discount_amount: 0, official_website_amount: 0.1 * products.length, measure_id: 1, currency: "CNY", product_rating_results: results };
            },
        });
        const products = Array.from({ length: 230 }, () => ({
            serviceType: "hws.service.type.ec2",
            resourceType: "hws.resource.type.vm",
            resourceSpec: "s6.small.1.linux",
            region: "cn-north-4",
            usageFactor: "Duration",
            usageValue: 1,
            usageMeasureId: 4,
        }));
        const price = await fetchOnDemandPrice(client, { projectId: "p1", products });
        assert.deepEqual(client.calls.map((c) => (c.request.product_infos as unknown[]).length), [100, 100, 30]);
        assert.equal(price.products.length, 230);
        assert.equal(Decimal.sum(price.products.map((p) => p.amount)).toString(), "23");
        assert.deepEqual([price.products[0].id, price.products[229].id], ["1", "230"]);
    });

    it("flags the best yearly/monthly offer and prices with it", async () => {
        const client = fakeClient({
            listRateOnPeriodDetail: () => ({
                currency: "CNY",
                official_website_rating_result: { official_website_amount: 1200, measure_id: 1, product_rating_results: [{ id: "1", product_id: "x", official_website_amount: 1200, measure_id: 1 }] },
                optional_discount_rating_results: [
                    { discount_id: "d1", discount_type: 606, amount: 1080, official_website_amount: 1200, discount_amount: 120, measure_id: 1, best_offer: 0 },
                    { discount_id: "d2", discount_type: 605, amount: 960, official_website_amount: 1200, discount_amount: 240, measure_id: 1, best_offer: 1 },
                ],
            }),
        });
        const price = await fetchPeriodPrice(client, {
            projectId: "p1",
            products: [{ serviceType: "hws.service.type.ebs", resourceType: "hws.resource.type.volume", resourceSpec: "SSD", region: "cn-north-4", size: 100, sizeMeasureId: 17, periodType: "year", periods: 1 }],
        });
        assert.equal(client.calls[0].request.product_infos instanceof Array, true);
        assert.equal((client.calls[0].request.product_infos as Record<string, unknown>[])[0].period_type, 3);
        assert.equal(price.officialAmount, "1200");
        assert.equal(price.bestOffer?.discountId, "d2");
        assert.equal(price.amount, "960");
    });
});
