import * as assert from "node:assert/strict";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { paymentChoice, validateInputs } from "../../provider/subscription/inputs";

const valid = { resourceId: "ecs-0001" };

describe("Subscription inputs: every bad value is named with its rule", () => {
    const cases: { name: string; news: Record<string, unknown>; property: string; mentions: RegExp }[] = [
        { name: "missing resourceId", news: {}, property: "resourceId", mentions: /required/ },
        { name: "empty resourceId", news: { resourceId: "" }, property: "resourceId", mentions: /must not be empty/ },
        { name: "resourceId with spaces", news: { resourceId: "a b" }, property: "resourceId", mentions: /spaces/ },
        { name: "resourceId too long", news: { resourceId: "x".repeat(65) }, property: "resourceId", mentions: /64/ },
        { name: "resourceId a number", news: { resourceId: 12 }, property: "resourceId", mentions: /string/ },
        { name: "onExpiry unknown word", news: { ...valid, onExpiry: "autoRenew" }, property: "onExpiry", mentions: /"renew", "payPerUse", "release"/ },
        { name: "onDelete unknown word", news: { ...valid, onDelete: "destroy" }, property: "onDelete", mentions: /"retain", "unsubscribe", "unsubscribeRenewals"/ },
        { name: "autoRenewTimes above 99", news: { ...valid, onExpiry: "renew", autoRenewTimes: 100 }, property: "autoRenewTimes", mentions: /0 to 99/ },
        { name: "autoRenewTimes negative", news: { ...valid, onExpiry: "renew", autoRenewTimes: -1 }, property: "autoRenewTimes", mentions: /0 to 99/ },
        { name: "autoRenewTimes fractional", news: { ...valid, onExpiry: "renew", autoRenewTimes: 1.5 }, property: "autoRenewTimes", mentions: /whole number/ },
        { name: "autoRenewTimes without renew", news: { ...valid, onExpiry: "payPerUse", autoRenewTimes: 3 }, property: "autoRenewTimes", mentions: /only valid with onExpiry: "renew".*"payPerUse"/ },
        { name: "autoRenewTimes with onExpiry unset", news: { ...valid, autoRenewTimes: 3 }, property: "autoRenewTimes", mentions: /not set/ },
        { name: "renewUntil not a date", news: { ...valid, renewUntil: "next year" }, property: "renewUntil", mentions: /YYYY-MM-DD/ },
        { name: "renewUntil impossible date", news: { ...valid, renewUntil: "2027-02-30" }, property: "renewUntil", mentions: /not a calendar date/ },
        { name: "renewUntil without zone", news: { ...valid, renewUntil: "2027-06-30T12:00:00" }, property: "renewUntil", mentions: /time zone/ },
        { name: "renewUntil a number", news: { ...valid, renewUntil: 20270630 }, property: "renewUntil", mentions: /must be a string/ },
        { name: "maxRenewalCost negative", news: { ...valid, maxRenewalCost: -5 }, property: "maxRenewalCost", mentions: /non-negative/ },
        { name: "maxRenewalCost words", news: { ...valid, maxRenewalCost: "300 yuan" }, property: "maxRenewalCost", mentions: /decimal string/ },
        { name: "maxRenewalCost exponent", news: { ...valid, maxRenewalCost: "1e3" }, property: "maxRenewalCost", mentions: /decimal string/ },
        { name: "payment not an object", news: { ...valid, payment: "auto" }, property: "payment", mentions: /must be an object/ },
        { name: "payment unknown option", news: { ...valid, payment: { autopay: true } }, property: "payment.autopay", mentions: /not a payment option/ },
        { name: "payment mode unknown", news: { ...valid, payment: { mode: "later" } }, property: "payment.mode", mentions: /"auto".*"pending"/ },
        { name: "four coupons", news: { ...valid, payment: { couponIds: ["a", "b", "c", "d"] } }, property: "payment.couponIds", mentions: /at most 3/ },
        { name: "repeated coupon", news: { ...valid, payment: { couponIds: ["a", "a"] } }, property: "payment.couponIds", mentions: /repeat/ },
        { name: "empty coupon id", news: { ...valid, payment: { couponIds: [""] } }, property: "payment.couponIds[0]", mentions: /empty/ },
        { name: "useDiscount not boolean", news: { ...valid, payment: { useDiscount: "yes" } }, property: "payment.useDiscount", mentions: /true or false/ },
        { name: "pending with coupons", news: { ...valid, payment: { mode: "pending", couponIds: ["a"] } }, property: "payment.mode", mentions: /cannot be combined/ },
        { name: "a typo'd input name", news: { ...valid, renewUntill: "2027-01-01" }, property: "renewUntill", mentions: /not an input of Subscription/ },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const failures = validateInputs(c.news);
            const failure = failures.find((f) => f.property === c.property);
            assert.ok(failure, `no failure for ${c.property}; got ${JSON.stringify(failures)}`);
            assert.ok(failure.reason.startsWith(c.property.replace(/\[\d+\]$/, "")), `reason does not name the field: ${failure.reason}`);
            assert.match(failure.reason, c.mentions);
        });
    }

    it("accepts a complete valid set, with dates and date-times", () => {
        for (const renewUntil of ["2027-06-30", "2027-06-30T00:00:00Z", "2027-06-30T08:00:00+08:00", "2027-06-30T08:00:00.5Z"]) {
            const failures = validateInputs({
                resourceId: "ecs-1",
                onExpiry: "renew",
                autoRenewTimes: 0,
                renewUntil,
                payment: { couponIds: ["c1", "c2", "c3"], useDiscount: true },
                maxRenewalCost: "300.50",
                onDelete: "unsubscribeRenewals",
                __provider: "require('x')",
            });
            assert.deepEqual(failures, [], renewUntil);
        }
    });

    it("never validates values unknown during preview", () => {
        const failures = validateInputs({
            resourceId: unknownValue,
            onExpiry: unknownValue,
            autoRenewTimes: 5,
            renewUntil: unknownValue,
            maxRenewalCost: unknownValue,
            payment: { mode: unknownValue, couponIds: [unknownValue, "c2"] },
            onDelete: unknownValue,
        });
        assert.deepEqual(failures, []);
    });

    it("payment choice: auto by default, pending, or explicit with coupons/discount", () => {
        assert.deepEqual(paymentChoice(undefined), { kind: "auto" });
        assert.deepEqual(paymentChoice({ mode: "auto" }), { kind: "auto" });
        assert.deepEqual(paymentChoice({ mode: "pending" }), { kind: "pending" });
        assert.deepEqual(paymentChoice({ couponIds: ["c"] }), { kind: "explicit", couponIds: ["c"], useDiscount: false });
        assert.deepEqual(paymentChoice({ useDiscount: true }), { kind: "explicit", couponIds: [], useDiscount: true });
    });
});
