/**
 * Input validation (field and rule named, unknowns skipped) and diff of the enterprise resources.
 */
import * as assert from "node:assert/strict";
import * as coupons from "../../../provider/sub-account-coupons";
import { validateCouponInputs } from "../../../provider/sub-account-coupons/inputs";
import * as funding from "../../../provider/sub-account-funding";
import { validateFundingInputs } from "../../../provider/sub-account-funding/inputs";
import { unknownValue } from "../../../provider/shared/values";

describe("SubAccountFunding input validation", () => {
    const table: { name: string; news: Record<string, unknown>; property?: string; reason?: RegExp }[] = [
        { name: "a decimal string", news: { subAccountId: "m1", amount: "150.00" } },
        { name: "a number", news: { subAccountId: "m1", amount: 150.5, onDelete: "retrieve" } },
        { name: "zero", news: { subAccountId: "m1", amount: 0 } },
        { name: "unknown values during preview are not validated", news: { subAccountId: unknownValue, amount: unknownValue, onDelete: unknownValue } },
        { name: "missing subAccountId", news: { amount: 1 }, property: "subAccountId", reason: /required/ },
        { name: "empty subAccountId", news: { subAccountId: "", amount: 1 }, property: "subAccountId", reason: /must not be empty/ },
        { name: "subAccountId with spaces", news: { subAccountId: "a b", amount: 1 }, property: "subAccountId", reason: /spaces/ },
        { name: "missing amount", news: { subAccountId: "m1" }, property: "amount", reason: /required/ },
        { name: "negative amount", news: { subAccountId: "m1", amount: -5 }, property: "amount", reason: /0 or more/ },
        { name: "3 decimals", news: { subAccountId: "m1", amount: "1.005" }, property: "amount", reason: /at most 2 decimals/ },
        { name: "exponent notation", news: { subAccountId: "m1", amount: "1e3" }, property: "amount", reason: /decimal string/ },
        { name: "a boolean amount", news: { subAccountId: "m1", amount: true }, property: "amount", reason: /got boolean/ },
        { name: "an unknown onDelete", news: { subAccountId: "m1", amount: 1, onDelete: "unsubscribe" }, property: "onDelete", reason: /"retain".*"retrieve"/ },
        { name: "an unknown input", news: { subAccountId: "m1", amount: 1, amout: 2 }, property: "amout", reason: /not an input of SubAccountFunding/ },
    ];
    for (const row of table) {
        it(row.name, () => {
            const failures = validateFundingInputs(row.news);
            if (!row.property) return assert.deepEqual(failures, []);
            const failure = failures.find((f) => f.property === row.property);
            assert.ok(failure, `no failure for ${row.property}: ${JSON.stringify(failures)}`);
            assert.match(failure.reason, row.reason!);
            assert.ok(failure.reason.startsWith(row.property), `the reason names the field: ${failure.reason}`);
        });
    }
});

describe("SubAccountCoupons input validation", () => {
    const table: { name: string; news: Record<string, unknown>; property?: string; reason?: RegExp }[] = [
        { name: "a list of coupons", news: { subAccountId: "m1", coupons: [{ couponId: "CP1", amount: "10.00" }, { couponId: "CP2", amount: 5 }] } },
        { name: "an empty list", news: { subAccountId: "m1", coupons: [] } },
        { name: "an unknown list", news: { subAccountId: "m1", coupons: unknownValue } },
        { name: "an unknown entry", news: { subAccountId: "m1", coupons: [unknownValue, { couponId: unknownValue, amount: unknownValue }] } },
        { name: "missing coupons", news: { subAccountId: "m1" }, property: "coupons", reason: /required/ },
        { name: "not a list", news: { subAccountId: "m1", coupons: "CP1" }, property: "coupons", reason: /must be a list/ },
        { name: "zero amount (BSS needs more than 0)", news: { subAccountId: "m1", coupons: [{ couponId: "CP1", amount: 0 }] }, property: "coupons[0].amount", reason: /more than 0/ },
        { name: "3 decimals", news: { subAccountId: "m1", coupons: [{ couponId: "CP1", amount: "0.001" }] }, property: "coupons[0].amount", reason: /at most 2 decimals/ },
        { name: "a repeated coupon", news: { subAccountId: "m1", coupons: [{ couponId: "CP1", amount: 1 }, { couponId: "CP1", amount: 2 }] }, property: "coupons[1].couponId", reason: /repeats coupons\[0\]/ },
        { name: "a misspelt field", news: { subAccountId: "m1", coupons: [{ couponId: "CP1", value: 1 }] }, property: "coupons[0].value", reason: /not a coupon field/ },
    ];
    for (const row of table) {
        it(row.name, () => {
            const failures = validateCouponInputs(row.news);
            if (!row.property) return assert.deepEqual(failures, []);
            const failure = failures.find((f) => f.property === row.property);
            assert.ok(failure, `no failure for ${row.property}: ${JSON.stringify(failures)}`);
            assert.match(failure.reason, row.reason!);
        });
    }
});

describe("SubAccountFunding diff", () => {
    const olds = { subAccountId: "m1", amount: "150.00", onDelete: "retain", allocatedAmount: "150.00", generation: 1, lifecycleId: "x" };
    const table: { name: string; news: Record<string, unknown>; olds?: Record<string, unknown>; changes: boolean; replaces: string[] }[] = [
        { name: "same amount written differently", news: { subAccountId: "m1", amount: 150 }, changes: false, replaces: [] },
        { name: "onDelete default equals retain", news: { subAccountId: "m1", amount: "150" }, changes: false, replaces: [] },
        { name: "a new amount updates in place", news: { subAccountId: "m1", amount: "150.01" }, changes: true, replaces: [] },
        { name: "onDelete changes in place", news: { subAccountId: "m1", amount: 150, onDelete: "retrieve" }, changes: true, replaces: [] },
        { name: "another member replaces", news: { subAccountId: "m2", amount: 150 }, changes: true, replaces: ["subAccountId"] },
        { name: "an unknown member replaces (preview)", news: { subAccountId: unknownValue, amount: 150 }, changes: true, replaces: ["subAccountId"] },
        { name: "an unknown amount is a change (preview)", news: { subAccountId: "m1", amount: unknownValue }, changes: true, replaces: [] },
        {
            name: "a pending movement forces an update even without changes",
            olds: { ...olds, pendingTransfer: { transId: "t", direction: "allocate", amount: "1.00", from: "149.00", to: "150.00", generation: 1 } },
            news: { subAccountId: "m1", amount: 150 },
            changes: true,
            replaces: [],
        },
    ];
    for (const row of table) {
        it(row.name, async () => {
            const result = await funding.diff("id", row.olds ?? olds, row.news);
            assert.equal(result.changes, row.changes);
            assert.deepEqual(result.replaces ?? [], row.replaces);
        });
    }
});

describe("SubAccountCoupons diff", () => {
    const olds = { subAccountId: "m1", coupons: [{ couponId: "CP1", amount: "10.00" }, { couponId: "CP2", amount: 5 }] };
    const table: { name: string; news: Record<string, unknown>; changes: boolean; replaces: string[] }[] = [
        { name: "same coupons in another order and notation", news: { subAccountId: "m1", coupons: [{ couponId: "CP2", amount: "5.00" }, { couponId: "CP1", amount: 10 }] }, changes: false, replaces: [] },
        { name: "a new amount", news: { subAccountId: "m1", coupons: [{ couponId: "CP1", amount: 11 }, { couponId: "CP2", amount: 5 }] }, changes: true, replaces: [] },
        { name: "a removed coupon", news: { subAccountId: "m1", coupons: [{ couponId: "CP1", amount: 10 }] }, changes: true, replaces: [] },
        { name: "an unknown entry (preview)", news: { subAccountId: "m1", coupons: [{ couponId: "CP1", amount: unknownValue }, { couponId: "CP2", amount: 5 }] }, changes: true, replaces: [] },
        { name: "another member replaces", news: { subAccountId: "m9", coupons: olds.coupons }, changes: true, replaces: ["subAccountId"] },
    ];
    for (const row of table) {
        it(row.name, async () => {
            const result = await coupons.diff("id", olds, row.news);
            assert.equal(result.changes, row.changes);
            assert.deepEqual(result.replaces ?? [], row.replaces);
        });
    }
});
