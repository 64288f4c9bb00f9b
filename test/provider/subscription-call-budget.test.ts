/**
 * The read budget of a large stack: a refresh and a no-op preview of 1,000 subscriptions, each in
 * its own provider process, cost at most 3 BSS calls each (the account list, 500 per call).
 */
import * as assert from "node:assert/strict";
import * as subscription from "../../provider/subscription";
import { parseBssTime, parseRenewUntil } from "../../provider/subscription/calendar";
import { likelyQuotes } from "../../provider/subscription/plan";
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

    it("serial checks of a fleet renewed to one date price it 10 resources per request, with the same plans as one by one", async () => {
        const renewUntil = f.inDays(60).slice(0, 10);
        const target = parseRenewUntil(renewUntil);
        assert.ok(!("reason" in target));
        // The fewest quote requests: the quotes the plans need, grouped by period, 10 per request.
        const perPeriod = new Map<string, number>();
        for (const id of ids) {
            const expire = parseBssTime(f.emulator.world.resource(id)!.expireTime)!;
            for (const q of likelyQuotes(expire, target.instant)) perPeriod.set(`${q.periodType}${q.periods}`, (perPeriod.get(`${q.periodType}${q.periods}`) ?? 0) + 1);
        }
        const needed = [...perPeriod.values()].reduce((total, n) => total + Math.ceil(n / 10), 0);
        const quotesNeeded = [...perPeriod.values()].reduce((a, b) => a + b, 0);
        assert.ok(quotesNeeded > 100, `the fleet needs ${quotesNeeded} quotes`);

        f.newProcess();
        f.resetCalls();
        const plans = new Map<string, unknown>();
        for (const id of ids) {
            const checked = await subscription.check(undefined, { resourceId: id, onExpiry: "release", renewUntil });
            assert.deepEqual(checked.failures ?? [], [], id);
            plans.set(id, checked.inputs.plannedRenewal);
        }
        const quoteCalls = f.calls("ListRenewRateOnPeriod");
        // The first two resources are priced before the fleet is recognised: at most one request each per period.
        assert.ok(quoteCalls <= needed + 2 * perPeriod.size, `${quoteCalls} quote requests for ${quotesNeeded} quotes (${needed} at 10 per request)`);

        const sample = ids.filter((id) => plans.get(id)).filter((_, i) => i % 37 === 0);
        assert.ok(sample.length >= 3);
        for (const id of sample) {
            f.newProcess();
            const alone = await subscription.check(undefined, { resourceId: id, onExpiry: "release", renewUntil });
            assert.deepEqual(plans.get(id), alone.inputs.plannedRenewal, `the plan of ${id} checked alone`);
        }
    });
});

