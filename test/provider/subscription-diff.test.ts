import * as assert from "node:assert/strict";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { diff } from "../../provider/subscription";

const plan = (from: string, periods = 3) => ({
    periodType: "month",
    periods,
    orders: [{ periodType: "month", periods, amount: "300.00" }],
    from,
    until: "2026-06-30T15:59:59Z",
    amount: "300.00",
    currency: "CNY",
});

const olds = {
    resourceId: "ecs-1",
    onExpiry: "renew",
    renewUntil: "2026-06-15",
    onDelete: "retain",
    expireTime: "2026-06-30T15:59:59Z",
    plannedRenewal: null,
    orders: [{ id: "CS1", kind: "renewal", amount: "300.00", currency: "CNY", status: "completed" }],
};

describe("Subscription diff: which change updates, which replaces", () => {
    const cases: { name: string; olds?: Record<string, unknown>; news: Record<string, unknown>; changes: boolean; replaces: string[] }[] = [
        { name: "same inputs, nothing left to buy", news: { resourceId: "ecs-1", onExpiry: "renew", renewUntil: "2026-06-15", onDelete: "retain", plannedRenewal: null }, changes: false, replaces: [] },
        { name: "another resource replaces", news: { ...olds, resourceId: "ecs-2" }, changes: true, replaces: ["resourceId"] },
        { name: "resourceId unknown at preview replaces", news: { ...olds, resourceId: unknownValue }, changes: true, replaces: ["resourceId"] },
        { name: "onExpiry changes in place", news: { ...olds, onExpiry: "payPerUse" }, changes: true, replaces: [] },
        { name: "onDelete changes in place", news: { ...olds, onDelete: "unsubscribe" }, changes: true, replaces: [] },
        { name: "maxRenewalCost added", news: { ...olds, maxRenewalCost: "500" }, changes: true, replaces: [] },
        { name: "autoRenewTimes added", news: { ...olds, autoRenewTimes: 3 }, changes: true, replaces: [] },
        { name: "payment added", news: { ...olds, payment: { mode: "pending" } }, changes: true, replaces: [] },
        { name: "renewUntil extended", news: { ...olds, renewUntil: "2027-06-15", plannedRenewal: plan("2026-06-30T15:59:59Z") }, changes: true, replaces: [] },
        {
            name: "a renewal became necessary (refreshed: the expiry moved back in BSS)",
            olds: { ...olds, expireTime: "2026-03-31T15:59:59Z" },
            news: { ...olds, plannedRenewal: plan("2026-03-31T15:59:59Z") },
            changes: true,
            replaces: [],
        },
        { name: "an unknown input value", news: { ...olds, onExpiry: unknownValue }, changes: true, replaces: [] },
        { name: "plan unknown at preview", news: { ...olds, plannedRenewal: unknownValue }, changes: true, replaces: [] },
    ];
    for (const c of cases) {
        it(c.name, async () => {
            const result = await diff("ecs-1", c.olds ?? olds, c.news);
            assert.equal(result.changes, c.changes);
            assert.deepEqual(result.replaces ?? [], c.replaces);
        });
    }

    it("refresh after a renewal: the bought plan, still in the stored inputs, is no change", async () => {
        // The stored inputs keep check's plan (3 months from the old expiry); the refreshed outputs
        // show the expiry it reached and nothing outstanding.
        const bought = { ...plan("2026-03-31T15:59:59Z"), until: "2026-06-30T15:59:59Z" };
        const refreshed = { ...olds, expireTime: "2026-06-30T15:59:59Z", plannedRenewal: null };
        const result = await diff("ecs-1", refreshed, { resourceId: "ecs-1", onExpiry: "renew", renewUntil: "2026-06-15", onDelete: "retain", plannedRenewal: bought });
        assert.equal(result.changes, false);
    });

    it("refresh after the renewed period was removed in the console: the plan is needed again", async () => {
        const bought = { ...plan("2026-03-31T15:59:59Z"), until: "2026-06-30T15:59:59Z" };
        const movedBack = { ...olds, expireTime: "2026-03-31T15:59:59Z", plannedRenewal: null };
        const result = await diff("ecs-1", movedBack, { resourceId: "ecs-1", onExpiry: "renew", renewUntil: "2026-06-15", onDelete: "retain", plannedRenewal: bought });
        assert.equal(result.changes, true);
    });

    it("a plan still outstanding (payment pending) with the same orders and expiry is no change, whatever its price", async () => {
        const outstanding = { ...olds, expireTime: "2026-03-31T15:59:59Z", plannedRenewal: plan("2026-03-31T15:59:59Z") };
        const repriced = { ...plan("2026-03-31T15:59:59Z"), amount: "310.00" };
        const result = await diff("ecs-1", outstanding, { resourceId: "ecs-1", onExpiry: "renew", renewUntil: "2026-06-15", onDelete: "retain", plannedRenewal: repriced });
        assert.equal(result.changes, false);
    });
});
