import * as assert from "node:assert/strict";
import { expirySteps, onExpiryOf } from "../../provider/subscription/expiry";

describe("expiry policy transitions: one BSS field, switched without leaving it half-set", () => {
    const cases: { from: number; to: "renew" | "payPerUse" | "release"; times?: number; previous?: number; steps: string[] }[] = [
        { from: 0, to: "renew", steps: ["enableAutoRenew"] },
        { from: 0, to: "renew", times: 5, steps: ["enableAutoRenew(5)"] },
        { from: 1, to: "renew", steps: ["cancelToOnDemand", "enableAutoRenew"] },
        { from: 3, to: "renew", steps: [] },
        { from: 3, to: "renew", times: 5, previous: 5, steps: [] },
        { from: 3, to: "renew", times: 7, previous: 5, steps: ["enableAutoRenew(7)"] },
        { from: 3, to: "renew", previous: 5, steps: ["enableAutoRenew(0)"] },
        { from: 0, to: "payPerUse", steps: ["setToOnDemand"] },
        { from: 3, to: "payPerUse", steps: ["disableAutoRenew", "setToOnDemand"] },
        { from: 1, to: "payPerUse", steps: [] },
        { from: 3, to: "release", steps: ["disableAutoRenew"] },
        { from: 1, to: "release", steps: ["cancelToOnDemand"] },
        { from: 0, to: "release", steps: [] },
        { from: 2, to: "release", steps: [] },
        { from: 4, to: "renew", steps: ["enableAutoRenew"] },
    ];
    for (const c of cases) {
        it(`expire_policy ${c.from} -> ${c.to}${c.times !== undefined ? ` (times ${c.times})` : ""}${c.previous !== undefined ? ` after ${c.previous}` : ""}`, () => {
            const steps = expirySteps(c.from, c.to, c.times, c.previous).map((s) =>
                s.kind === "enableAutoRenew" && s.autoRenewTimes !== undefined ? `${s.kind}(${s.autoRenewTimes})` : s.kind,
            );
            assert.deepEqual(steps, c.steps);
        });
    }
    it("leaves the policy alone when onExpiry is not set", () => {
        assert.deepEqual(expirySteps(3, undefined), []);
    });
    it("reads BSS codes as onExpiry values", () => {
        assert.deepEqual([0, 1, 2, 3, 4, 5, undefined].map(onExpiryOf), ["release", "payPerUse", "release", "renew", "release", "release", "release"]);
    });
});
