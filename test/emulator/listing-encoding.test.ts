/**
 * The resource query's pre-serialised answers (cached record encodings, reused whole pages) are byte for
 * byte what serialising the wire records gives, before and after every kind of change.
 */
import assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import type { Resource } from "../../emulator/model";
import { encodedResourceToWire, resourceToWire, WIRE_SOURCE_FIELDS } from "../../emulator/operations/wire";
import { SignedCaller, startTestEmulator } from "./support";

const QUERY = "/v2/orders/suscriptions/resources/query";

describe("emulator resource query encoding", function () {
    this.timeout(20000);
    let emulator: RunningEmulator;
    let bss: SignedCaller;
    const accountId = () => emulator.defaultCredential.domainId;

    before(async () => {
        emulator = await startTestEmulator({ generate: 1200, seed: 5 });
        bss = new SignedCaller(emulator);
    });
    after(() => emulator.close());

    /** What JSON.stringify of freshly built wire records gives for a page of the unfiltered listing. */
    const expectedPage = (offset: number, limit: number): string => {
        const listed = emulator.world.subscribedResources(accountId());
        return JSON.stringify({ total_count: listed.length, data: listed.slice(offset, offset + limit).map((r) => resourceToWire(emulator.world, r)) });
    };
    const page = async (offset: number, limit: number): Promise<string> => {
        const answer = await bss.call("POST", QUERY, { body: { offset, limit } });
        assert.equal(answer.status, 200);
        assert.equal(answer.headers["content-length"], String(Buffer.byteLength(answer.text)));
        return answer.text;
    };
    const assertPagesMatch = async (label: string) => {
        for (const [offset, limit] of [
            [0, 500],
            [500, 500],
            [1000, 500],
            [3, 7],
        ]) {
            assert.equal(await page(offset, limit), expectedPage(offset, limit), `${label}: offset ${offset}, limit ${limit}`);
        }
    };

    it("answers exactly the serialised wire records, also when served again from the caches", async () => {
        await assertPagesMatch("first read");
        await assertPagesMatch("second read");
        const ids = emulator.world.subscribedResources(accountId()).slice(10, 60).map((r) => r.resourceId);
        const byIds = await bss.call("POST", QUERY, { body: { resource_ids: ids, limit: 500 } });
        const parsed = JSON.parse(byIds.text) as { data: { resource_id: string }[] };
        const expected = parsed.data.map((record) => JSON.stringify(resourceToWire(emulator.world, emulator.world.resource(record.resource_id)!)));
        assert.equal(byIds.text, `{"total_count":${parsed.data.length},"data":[${expected.join(",")}]}`);
    });

    it("shows every change: renewals, console edits, policy changes, expiries, new and removed resources, catalogue names", async () => {
        await assertPagesMatch("before");
        const mains = emulator.world.subscribedResources(accountId()).filter((r) => r.isMainResource && r.status === 2);
        emulator.setBalance(accountId(), { cash: 1_000_000 });
        const renewal = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { resource_ids: [mains[0].resourceId], period_type: 2, period_num: 1, is_auto_pay: 1 } });
        assert.equal(renewal.status, 200, renewal.text);
        emulator.updateResource(mains[1].resourceId, { resourceName: "renamed-in-console" });
        emulator.setExpirePolicy(mains[2].resourceId, 3, 2);
        await assertPagesMatch("after renew, rename and auto-renew");
        emulator.advanceClock("P40D");
        await assertPagesMatch("after expiries");
        emulator.addResource({ kind: "ecs", effectiveTime: "2020-01-01T00:00:00Z", expireTime: "2027-01-01T00:00:00Z" });
        emulator.removeResource(mains[3].resourceId);
        await assertPagesMatch("after a new and a removed resource");
        emulator.world.setCatalogue(emulator.world.catalogue().map((entry) => ({ ...entry, resourceTypeName: `${entry.resourceTypeName} (renamed)` })));
        await assertPagesMatch("after the catalogue changed");
        assert.match(await page(0, 1), /\(renamed\)/);
    });

    it("notices a change of any field the wire record is built from, and the record reads no other field", () => {
        const world = emulator.world;
        const resource = world.subscribedResources(accountId()).find((r) => r.specSize !== undefined && r.parentResourceId !== undefined)!;
        const read = new Set<string>();
        const spy = new Proxy(resource, {
            get(target, key, receiver) {
                if (typeof key === "string") read.add(key);
                return Reflect.get(target, key, receiver);
            },
        });
        resourceToWire(world, spy);
        assert.deepEqual([...read].filter((key) => !(WIRE_SOURCE_FIELDS as readonly string[]).includes(key)), [], "fields read but not compared by the cache");
        encodedResourceToWire(world, resource);
        const changed = (value: unknown): unknown => (typeof value === "number" ? value + 1 : typeof value === "boolean" ? !value : `${String(value)}-changed`);
        for (const field of WIRE_SOURCE_FIELDS) {
            const original = resource[field];
            (resource as unknown as Record<string, unknown>)[field] = changed(original);
            try {
                assert.equal(encodedResourceToWire(world, resource).toString("utf8"), JSON.stringify(resourceToWire(world, resource)), `after changing ${field}`);
            } finally {
                (resource as unknown as Record<string, unknown>)[field] = original as Resource[typeof field];
            }
            assert.equal(encodedResourceToWire(world, resource).toString("utf8"), JSON.stringify(resourceToWire(world, resource)), `after restoring ${field}`);
        }
    });
});
