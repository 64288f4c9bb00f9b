import * as assert from "node:assert/strict";
import { startEmulator, RunningEmulator } from "../../emulator";

// Regression: a resource switched to auto-renew must be renewed once, and must not then fall into
// the grace period at its old expiry (a superseded scheduled event came back to life).
describe("emulator lifecycle: superseded events never fire", () => {
    let emulator: RunningEmulator;
    before(async () => {
        emulator = await startEmulator({ port: 0, now: "2026-11-01T00:00:00Z", freezeClock: true, demo: false, rateLimit: 0 });
    });
    after(async () => emulator.close());

    it("a resource switched from grace to auto-renew is renewed once and stays active", () => {
        const resource = emulator.addResource({ kind: "ecs", effectiveTime: "2026-10-11T00:00:00Z", expireTime: "2026-11-11T00:00:00Z", expirePolicy: 0 });
        emulator.setExpirePolicy(resource.resourceId, 3);
        emulator.advanceClock("P20D");

        const events = emulator.lifecycleLog().filter((e) => e.resourceId === resource.resourceId).map((e) => e.event);
        assert.deepEqual(events, ["autoRenewed"]);
        const after = emulator.world.resource(resource.resourceId)!;
        assert.equal(after.status, 2, "the renewed resource is active");
        assert.equal(after.expireTime, "2026-12-11T00:00:00Z");
    });
});
