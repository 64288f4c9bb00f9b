/**
 * The rate limit is shared with other callers of the account: when BSS allows this client less than
 * the documented quota, the client slows down on the 429s it gets, so every call still succeeds
 * within its retries instead of failing with throttling.
 */
import * as assert from "node:assert/strict";
import { EmulatorFixture, startFixture } from "./support/emulator";

describe("pacing adapts to a quota shared with other callers", function () {
    this.timeout(60_000);
    let fx: EmulatorFixture;
    before(async () => {
        // Others use most of the quota: 3 requests/s are left for this client, which starts at 10/s.
        fx = await startFixture({ rateLimit: 3, demo: false });
        const expireTime = new Date(fx.emulator.now().getTime() + 30 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
        for (let i = 0; i < 24; i++) fx.emulator.addResource({ resourceId: `shared-quota-${i}`, kind: "evs", periodType: "month", periodNum: 1, expireTime });
    });
    after(() => fx.close());

    it("24 concurrent calls all succeed, with fewer 429s than calls", async () => {
        const client = fx.client({ retryBaseDelayMs: 100, retryMaxDelayMs: 2000 });
        const results = await Promise.allSettled(
            Array.from({ length: 24 }, (_, i) => client.listPayPerUseCustomerResources({ resource_ids: [`shared-quota-${i}`], only_main_resource: 0, offset: 0, limit: 10 })),
        );
        const failed = results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason?.message ?? r));
        assert.deepEqual(failed, []);
        const throttled = fx.emulator.calls().byOperationStatus.ListPayPerUseCustomerResources?.["429"] ?? 0;
        assert.ok(throttled < 24, `${throttled} throttled answers for 24 calls`);
    });
});
