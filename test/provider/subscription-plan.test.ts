import * as assert from "node:assert/strict";
import { addMonths, addPeriods, parseRenewUntil } from "../../provider/subscription/calendar";
import { planRenewal, planSignature, Quote, QuoteResult } from "../../provider/subscription/plan";

const EXPIRE = new Date("2026-03-31T15:59:59Z");

/** Prices: `monthly` per month; a year costs `yearly` (10 months by default, as BSS sells it). */
function priceList(monthly: number, yearly = monthly * 10, sold: { years?: boolean } = {}): { quote: Quote; asked: string[] } {
    const asked: string[] = [];
    return {
        asked,
        quote: async (periodType, periods): Promise<QuoteResult> => {
            asked.push(`${periods}${periodType}`);
            if (periodType === "year" && sold.years === false) return { unavailable: "CBC.30050008: no yearly period" };
            return { amount: (periodType === "month" ? monthly * periods : yearly * periods).toFixed(2), currency: "CNY" };
        },
    };
}

function target(text: string): Date {
    const parsed = parseRenewUntil(text);
    if ("reason" in parsed) throw new Error(parsed.reason);
    return parsed.instant;
}

describe("calendar: renewals extend the expiry by calendar months, clamped", () => {
    it("clamps a day missing in the target month and keeps the time", () => {
        assert.equal(addMonths(new Date("2026-01-31T15:59:59Z"), 1).toISOString(), "2026-02-28T15:59:59.000Z");
        assert.equal(addMonths(new Date("2028-01-31T15:59:59Z"), 1).toISOString(), "2028-02-29T15:59:59.000Z");
        assert.equal(addPeriods(new Date("2028-02-29T00:00:00Z"), "year", 1).toISOString(), "2029-02-28T00:00:00.000Z");
        assert.equal(addMonths(new Date("2026-11-15T00:00:00Z"), 3).toISOString(), "2027-02-15T00:00:00.000Z");
    });
    it("a date means 00:00 UTC of that day; a date-time keeps its offset", () => {
        assert.equal(target("2027-06-30").toISOString(), "2027-06-30T00:00:00.000Z");
        assert.equal(target("2027-06-30T08:00:00+08:00").toISOString(), "2027-06-30T00:00:00.000Z");
    });
});

describe("renewal plan: fewest orders, then lowest price", () => {
    it("plans nothing (and asks no price) when the expiry already reaches renewUntil", async () => {
        const prices = priceList(100);
        assert.deepEqual(await planRenewal(EXPIRE, target("2026-03-01"), prices.quote), { plan: null });
        assert.deepEqual(await planRenewal(EXPIRE, EXPIRE, prices.quote), { plan: null });
        assert.deepEqual(prices.asked, []);
    });

    it("buys the fewest months that reach the target when that is cheaper than a year", async () => {
        const prices = priceList(100);
        const result = await planRenewal(EXPIRE, target("2026-06-15"), prices.quote);
        assert.ok("plan" in result && result.plan);
        // 3 months reach 2026-06-30 (2 would stop at 2026-05-31); 300 < 1 year at 1000.
        assert.deepEqual(result.plan.orders, [{ periodType: "month", periods: 3, amount: "300.00" }]);
        assert.equal(result.plan.until, "2026-06-30T15:59:59Z");
        assert.equal(result.plan.amount, "300.00");
        assert.equal(result.plan.currency, "CNY");
        assert.equal(result.plan.from, "2026-03-31T15:59:59Z");
    });

    it("prefers one year over 11 months when the year is cheaper, and reaches further", async () => {
        const prices = priceList(100);
        const result = await planRenewal(EXPIRE, target("2027-02-01"), prices.quote);
        assert.ok("plan" in result && result.plan);
        assert.deepEqual(result.plan.orders, [{ periodType: "year", periods: 1, amount: "1000.00" }]);
        assert.equal(result.plan.until, "2027-03-31T15:59:59Z");
    });

    it("on equal prices keeps the order that pays for longer", async () => {
        const prices = priceList(100, 1100);
        const result = await planRenewal(EXPIRE, target("2027-02-01"), prices.quote);
        assert.ok("plan" in result && result.plan);
        assert.equal(result.plan.orders[0].periodType, "year");
    });

    it("uses one multi-year order rather than two orders when one suffices", async () => {
        const prices = priceList(100);
        const result = await planRenewal(EXPIRE, target("2027-06-01"), prices.quote);
        assert.ok("plan" in result && result.plan);
        // 14 months: no month order reaches it; 2 years is a single order (1 year + 3 months would be two).
        assert.deepEqual(result.plan.orders.map((o) => `${o.periods}${o.periodType}`), ["2year"]);
    });

    it("combines 3 years with the cheapest remainder only beyond 3 years, and totals exactly", async () => {
        const prices = priceList(33.33);
        const result = await planRenewal(EXPIRE, target("2029-05-01"), prices.quote);
        assert.ok("plan" in result && result.plan);
        assert.deepEqual(result.plan.orders.map((o) => `${o.periods}${o.periodType}`), ["3year", "2month"]);
        assert.equal(result.plan.periodType, "month");
        assert.equal(result.plan.periods, 38);
        assert.equal(result.plan.amount, "1066.56"); // 3 x 333.30 + 2 x 33.33, no float drift
        assert.equal(result.plan.until, "2029-05-31T15:59:59Z");
        assert.ok(prices.asked.length <= 3, `asked ${prices.asked.join(",")}`);
    });

    it("chains 11-month orders for a product not sold by the year", async () => {
        const prices = priceList(100, 0, { years: false });
        const result = await planRenewal(EXPIRE, target("2027-06-01"), prices.quote);
        assert.ok("plan" in result && result.plan);
        assert.deepEqual(result.plan.orders.map((o) => `${o.periods}${o.periodType}`), ["11month", "4month"]);
    });

    it("refuses a target that needs more orders than BSS allows", async () => {
        const result = await planRenewal(EXPIRE, target("2045-01-01"), priceList(100).quote);
        assert.ok("error" in result);
        assert.match(result.error, /more than 4 renewal orders/);
    });

    it("keeps the plan but no price when the resource cannot be quoted now", async () => {
        const blocked: Quote = async () => ({ blocked: "CBC.30050010: in an order pending payment" });
        const result = await planRenewal(EXPIRE, target("2026-06-15"), blocked);
        assert.ok("plan" in result && result.plan);
        assert.equal(result.plan.amount, null);
        assert.match(result.plan.note ?? "", /pending payment/);
        assert.deepEqual(result.plan.orders.map((o) => `${o.periods}${o.periodType}`), ["3month"]);
    });

    it("signature: the orders and the expiry they extend, not the price", async () => {
        const a = await planRenewal(EXPIRE, target("2026-06-15"), priceList(100).quote);
        const b = await planRenewal(EXPIRE, target("2026-06-15"), priceList(90).quote);
        const c = await planRenewal(new Date("2026-04-30T15:59:59Z"), target("2026-06-15"), priceList(100).quote);
        assert.ok("plan" in a && "plan" in b && "plan" in c);
        assert.equal(planSignature(a.plan), planSignature(b.plan));
        assert.notEqual(planSignature(a.plan), planSignature(c.plan));
        assert.equal(planSignature(null), planSignature(undefined));
    });
});
