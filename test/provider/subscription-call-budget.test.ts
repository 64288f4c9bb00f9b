/**
 * The read budget of a large stack: a refresh and a no-op preview of 1,000 subscriptions, each in
 * its own provider process, cost at most 3 BSS calls each (the account list, 500 per call).
 */
import * as assert from "node:assert/strict";
import * as subscription from "../../provider/subscription";
import { Fixture, startFixture } from "./emulator-fixture";

type Bag = Record<string, unknown>;

describe("call budget of 1,000 subscriptions", function () {
    this.timeout(120_000);
    let f: Fixture;
    const ids: string[] = [];

    before(async () => {
        f = await startFixture();
        for (let i = 0; i < 1000; i++) {
            const id = `fleet-${String(i).padStart(4, "0")}`;
            f.emulator.addResource({ resourceId: id, kind: "evs", periodType: "month", periodNum: 1, expireTime: f.inDays(30 + (i % 200)), recordOrder: false });
            ids.push(id);
        }
    });
    after(async () => {
        await f.close();
    });

    it("refresh (1,000 concurrent reads) and then a no-op preview (1,000 serial checks) each make at most 3 calls", async () => {
        const renewUntil = f.inDays(20).slice(0, 10);
        const states = ids.map((id) => ({ resourceId: id, onExpiry: "release", renewUntil, plannedRenewal: null }) as Bag);

        f.newProcess();
        f.resetCalls();
        const refreshed = await Promise.all(ids.map((id, i) => subscription.read(id, states[i])));
        assert.ok(refreshed.every((r) => r.id), "every subscription is still there");
        const refreshCalls = f.calls();
        assert.equal(refreshCalls, 2, `refresh made ${refreshCalls} calls: ${JSON.stringify(f.emulator.calls().byOperation)}`);

        f.newProcess();
        f.resetCalls();
        for (const [i, r] of refreshed.entries()) {
            const checked = await subscription.check((r.inputs as Bag | undefined) ?? states[i], { resourceId: ids[i], onExpiry: "release", renewUntil });
            assert.deepEqual(checked.failures ?? [], []);
            assert.equal((await subscription.diff(ids[i], r.props as Bag, checked.inputs as Bag)).changes, false, ids[i]);
        }
        const previewCalls = f.calls();
        assert.equal(previewCalls, 2, `preview made ${previewCalls} calls: ${JSON.stringify(f.emulator.calls().byOperation)}`);
    });
});
