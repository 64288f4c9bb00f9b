/**
 * createResourceLookup coalesces concurrent single-resource lookups into ListPayPerUseCustomerResources
 * calls of up to 50 IDs (the reference's resource_ids limit); with batching off it makes one call per
 * resource. Also paging of the resource query over a generated account.
 */
import * as assert from "node:assert/strict";
import { BssClient, createResourceLookup, OrderInstanceV2, ServerError } from "../../provider/bss";
import { collect, EmulatorFixture, startFixture } from "./support/emulator";

describe("resource lookup against the emulator", () => {
    let fx: EmulatorFixture;
    let client: BssClient;
    let primaries: OrderInstanceV2[];
    before(async () => {
        fx = await startFixture({ generate: 400, rateLimit: 0, demo: false });
        client = fx.client({ requestsPerSecond: 0, maxRetries: 0 });
        primaries = await collect(client.paginate.listPayPerUseCustomerResources({ only_main_resource: 1, limit: 37 }));
    });
    after(() => fx.close());
    afterEach(() => {
        fx.emulator.clearFaults();
        fx.emulator.resetCalls();
    });

    const queries = () => fx.emulator.calls().byOperation.ListPayPerUseCustomerResources ?? 0;

    it("pages the resource query by record offset (odd page size, every primary once)", async () => {
        assert.ok(primaries.length > 100, `generated ${primaries.length} primaries`);
        const total = (await client.listPayPerUseCustomerResources({ only_main_resource: 1, limit: 1 })).total_count;
        assert.equal(primaries.length, total);
        assert.equal(new Set(primaries.map((p) => p.resource_id)).size, primaries.length);
    });

    it("answers hundreds of concurrent get() calls with ceil(n / 50) queries", async () => {
        fx.emulator.resetCalls();
        const lookup = createResourceLookup(client, { windowMs: 20 });
        const ids = primaries.map((p) => p.resource_id!);
        const found = await Promise.all(ids.map((id) => lookup.get(id)));
        assert.deepEqual(found.map((r) => r?.resource_id), ids);
        for (const [i, record] of found.entries()) assert.equal(record!.expire_time, primaries[i].expire_time);
        assert.equal(queries(), Math.ceil(ids.length / 50));
    });

    it("coalesces duplicates and answers unknown IDs with undefined", async () => {
        const lookup = createResourceLookup(client, { windowMs: 20 });
        const id = primaries[0].resource_id!;
        const [a, b, missing] = await Promise.all([lookup.get(id), lookup.get(id), lookup.get("no-such-resource")]);
        assert.equal(a, b);
        assert.equal(a?.resource_id, id);
        assert.equal(missing, undefined);
        assert.equal(queries(), 1);
        const many = await lookup.getMany([id, primaries[1].resource_id!, "no-such-resource", id]);
        assert.deepEqual([...many.keys()].sort(), [id, primaries[1].resource_id!].sort());
    });

    it("with batching off makes one call per resource (the benchmark baseline)", async () => {
        const lookup = createResourceLookup(client, { batching: false });
        const ids = primaries.slice(0, 12).map((p) => p.resource_id!);
        const found = await Promise.all(ids.map((id) => lookup.get(id)));
        assert.deepEqual(found.map((r) => r?.resource_id), ids);
        assert.equal(queries(), 12);
    });

    it("fails every waiter of a batch when its query fails", async () => {
        fx.emulator.setFaults([{ operation: "ListPayPerUseCustomerResources", kind: "error500", count: 1 }]);
        const lookup = createResourceLookup(client, { windowMs: 20 });
        const results = await Promise.allSettled(primaries.slice(0, 5).map((p) => lookup.get(p.resource_id!)));
        for (const r of results) assert.ok(r.status === "rejected" && r.reason instanceof ServerError);
    });

    it("refuses batch sizes above the API's 50-ID limit", () => {
        assert.throws(() => createResourceLookup(client, { maxBatchSize: 51 }), /1\.\.50/);
    });
});
