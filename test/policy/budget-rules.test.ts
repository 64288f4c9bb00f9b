import * as assert from "node:assert/strict";
import { stackRenewalBudget, subscriptionRenewalBudget } from "../../policy/budget-rules";
import { ResourceCase, subscriptionProps, UNKNOWN_OBJECT, UNKNOWN_STRING, validate, validateEach, validateStack } from "./util";

function planned(amount: unknown, currency: unknown = "CNY", extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { plannedRenewal: { periods: 3, periodType: "month", until: "2027-03-31T15:59:59Z", amount, currency, ...extra } };
}

const sub = (name: string, fields: Record<string, unknown>, extra: Partial<ResourceCase> = {}): ResourceCase => ({
    name,
    urn: `urn:pulumi:test::policy::pulumi-nodejs:dynamic/huaweicloud-bss:Subscription::${name}`,
    props: subscriptionProps(fields),
    ...extra,
});

describe("policy subscription-renewal-budget (per resource)", () => {
    const budget = { maxAmount: "250.00", currency: "CNY" };
    const rows: [string, Record<string, unknown>, RegExp[] | "none"][] = [
        ["at the budget", planned("250.00"), "none"],
        ["one cent over: refused with plan, amount, budget and fix", planned("250.01"),
            [/Subscription "db" \(resource "res-0001"\) plans 3 month\(s\) until 2027-03-31T15:59:59Z for 250\.01 CNY, over the per-resource budget of 250\.00 CNY/, /Fix: move renewUntil closer/]],
        ["a JSON number amount is compared exactly", planned(250.01), [/250\.01 CNY/]],
        ["nothing planned", { plannedRenewal: null }, "none"],
        ["no renewUntil, so no plan at all", {}, "none"],
        ["plan unknown during preview", { plannedRenewal: UNKNOWN_OBJECT }, "none"],
        ["amount unknown during preview", planned(UNKNOWN_STRING), "none"],
        ["another currency is a violation, not a conversion", planned("10.00", "USD"), [/10\.00 USD, but the budget is in CNY and amounts are never converted/]],
        ["an unpriced plan fails closed, with the provider's reason", planned(null, null, { note: "not priced: resource is in an order pending payment" }),
            [/without a price \(not priced: resource is in an order pending payment\), so the budget cannot be checked/]],
        ["a price without currency fails closed", planned("1.00", null), [/1\.00 in an unstated currency/]],
    ];
    for (const [label, fields, expected] of rows) {
        it(label, async () => {
            const outcome = await validate(subscriptionRenewalBudget(budget), sub("db", fields));
            if (expected === "none") return assert.deepEqual(outcome.violations, []);
            assert.equal(outcome.violations.length, 1, JSON.stringify(outcome.violations));
            for (const pattern of expected) assert.match(outcome.violations[0], pattern);
        });
    }

    it("without maxAmount the rule is not applicable", async () => {
        assert.ok((await validate(subscriptionRenewalBudget(), sub("db", planned("1e9")))).notApplicable !== undefined);
    });
    it("maxAmount without currency is reported, not guessed", async () => {
        const outcome = await validate(subscriptionRenewalBudget({ maxAmount: "10" }), sub("db", planned("1.00")));
        assert.match(outcome.violations[0], /maxAmount is set without currency/);
    });
    it("the budget can come from the config file as a JSON number", async () => {
        const outcome = await validate(subscriptionRenewalBudget(), sub("db", planned("0.30"), { config: { maxAmount: 0.3, currency: "CNY" } }));
        assert.deepEqual(outcome.violations, []);
    });
});

describe("policy stack-renewal-budget", () => {
    const budget = { maxAmount: "100.00", currency: "CNY" };

    describe("running total, before each resource is acted on", () => {
        it("refuses the subscription that takes the update over the budget, and every later one", async () => {
            const outcomes = await validateEach(stackRenewalBudget(budget), [
                sub("a", planned("60.00")),
                sub("b", planned("40.00")),
                sub("c", planned("0.01")),
                sub("d", { plannedRenewal: null }),
                sub("e", planned("5")),
            ]);
            assert.deepEqual(outcomes.map((o) => o.violations.length), [0, 0, 1, 0, 1]);
            assert.match(outcomes[2].violations[0], /Subscription "c".*for 0\.01 CNY, which takes the renewals of this update to 100\.01 CNY \(3 subscription\(s\) so far\), over the stack budget of 100\.00 CNY/);
            assert.match(outcomes[4].violations[0], /to 105\.01 CNY/);
        });
        it("sums exactly: ten plans of 0.10 reach 1.00, not 0.9999999", async () => {
            const p = stackRenewalBudget({ maxAmount: "1.00", currency: "CNY" });
            const outcomes = await validateEach(p, Array.from({ length: 11 }, (_, i) => sub(`s${i}`, planned("0.10"))));
            assert.deepEqual(outcomes.map((o) => o.violations.length), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        });
        it("a resource analysed twice (preview, then up in the same process) counts once", async () => {
            const p = stackRenewalBudget(budget);
            const outcomes = await validateEach(p, [sub("a", planned("60.00")), sub("a", planned("60.00")), sub("b", planned("40.00"))]);
            assert.deepEqual(outcomes.map((o) => o.violations.length), [0, 0, 0]);
        });
        it("a plan that disappears on re-analysis is dropped from the total", async () => {
            const p = stackRenewalBudget(budget);
            const outcomes = await validateEach(p, [sub("a", planned("90.00")), sub("a", { plannedRenewal: null }), sub("b", planned("90.00"))]);
            assert.deepEqual(outcomes.map((o) => o.violations.length), [0, 0, 0]);
        });
        it("plans in another currency are refused, not added", async () => {
            const outcomes = await validateEach(stackRenewalBudget(budget), [sub("usd", planned("99.00", "USD")), sub("b", planned("100.00"))]);
            assert.match(outcomes[0].violations[0], /99\.00 USD, but the budget is in CNY.*cannot be counted in the stack budget/);
            assert.deepEqual(outcomes[1].violations, []);
        });
        it("unknown amounts during preview are skipped (they are checked in up)", async () => {
            const outcomes = await validateEach(stackRenewalBudget(budget), [sub("a", planned(UNKNOWN_STRING)), sub("b", planned("100.00"))]);
            assert.deepEqual(outcomes.map((o) => o.violations.length), [0, 0]);
        });
    });

    describe("stack check over the planned state", () => {
        it("reports the total of pending plans with the names and the fix", async () => {
            const outcome = await validateStack(stackRenewalBudget(budget), [
                { name: "a", props: subscriptionProps(planned("60.00")) },
                { name: "b", props: subscriptionProps(planned("40.005")) },
                { name: "none", props: subscriptionProps({ plannedRenewal: null }) },
                { name: "later", props: subscriptionProps({ plannedRenewal: UNKNOWN_OBJECT }) },
            ]);
            assert.equal(outcome.violations.length, 1);
            assert.match(outcome.violations[0], /The stack plans renewals for 100\.005 CNY across 2 subscription\(s\) \("a", "b"\), 1 more not priced yet during preview, over the stack budget of 100\.00 CNY/);
            assert.match(outcome.violations[0], /Fix: /);
        });
        it("within the budget: nothing", async () => {
            const outcome = await validateStack(stackRenewalBudget(budget), [{ name: "a", props: subscriptionProps(planned("100")) }]);
            assert.deepEqual(outcome.violations, []);
        });
        it("a renewal already bought (expireTime reached the plan's end) is not counted again", async () => {
            const outcome = await validateStack(stackRenewalBudget(budget), [
                { name: "bought", props: subscriptionProps({ ...planned("90.00"), expireTime: "2027-03-31T15:59:59Z" }) },
                { name: "pending", props: subscriptionProps({ ...planned("90.00"), expireTime: "2026-12-31T15:59:59Z" }) },
            ]);
            assert.deepEqual(outcome.violations, []);
        });
        it("ignores other resource types", async () => {
            const outcome = await validateStack(stackRenewalBudget(budget), [
                { name: "probe", type: "pulumi-nodejs:dynamic/huaweicloud-bss:Probe", props: { plannedRenewal: { amount: "1000", currency: "CNY" } } },
            ]);
            assert.deepEqual(outcome.violations, []);
        });
    });
});

describe("policy subscription-renewal-budget: requireMaxRenewalCost (the program's own cap, enforced by the provider)", () => {
    const rule = () => subscriptionRenewalBudget({ maxAmount: "500", currency: "CNY", requireMaxRenewalCost: true });
    const rows: [string, Record<string, unknown>, RegExp[] | "none"][] = [
        ["renewUntil without maxRenewalCost: refused, with the bound", { renewUntil: "2027-01-31" },
            [/renews up to renewUntil 2027-01-31 without its own maxRenewalCost, which this stack requires\. Fix: set maxRenewalCost \(at most 500\.00 CNY\)/]],
        ["a cap within the budget passes", { renewUntil: "2027-01-31", maxRenewalCost: "450.50" }, "none"],
        ["a cap as a number within the budget passes", { renewUntil: "2027-01-31", maxRenewalCost: 500 }, "none"],
        ["a cap above the budget is refused", { renewUntil: "2027-01-31", maxRenewalCost: "500.01" }, [/sets maxRenewalCost 500\.01, above the per-resource budget of 500\.00 CNY\. Fix: lower maxRenewalCost to 500\.00 or less/]],
        ["no renewUntil: nothing is renewed, no cap needed", { onExpiry: "renew" }, "none"],
        ["unknown renewUntil: no verdict", { renewUntil: UNKNOWN_STRING }, "none"],
    ];
    for (const [label, fields, expected] of rows) {
        it(label, async () => {
            const outcome = await validate(rule(), sub("db", fields));
            if (expected === "none") return assert.deepEqual(outcome.violations, []);
            assert.equal(outcome.violations.length, 1, JSON.stringify(outcome.violations));
            for (const pattern of expected) assert.match(outcome.violations[0], pattern);
        });
    }
    it("works without maxAmount (only the presence is required)", async () => {
        const outcome = await validate(subscriptionRenewalBudget({ requireMaxRenewalCost: true }), sub("db", { renewUntil: "2027-01-31" }));
        assert.match(outcome.violations[0], /Fix: set maxRenewalCost\.$/);
    });
    it("off by default: a program's cap above the budget is its own business", async () => {
        const outcome = await validate(subscriptionRenewalBudget({ maxAmount: "500", currency: "CNY" }), sub("db", { renewUntil: "2027-01-31", maxRenewalCost: "9000" }));
        assert.deepEqual(outcome.violations, []);
    });
});
