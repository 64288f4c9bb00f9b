import * as assert from "node:assert/strict";
import { createBatcher, isBatchingEnabled } from "../../provider/shared/batching";
import { compareDecimal, normalizeDecimal, sumDecimals } from "../../provider/shared/decimal";
import { containsUnknown, withoutUndefined } from "../../provider/shared/values";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

describe("decimal money", () => {
    it("compares and sums exactly", () => {
        assert.equal(compareDecimal("300.00", 300), 0);
        assert.equal(compareDecimal("300.01", "300"), 1);
        assert.equal(compareDecimal("0.1", 0.2), -1);
        assert.equal(sumDecimals(["0.10", "0.20"]), "0.30");
        assert.equal(sumDecimals(["99.999", "0.001"]), "100.000");
        assert.equal(normalizeDecimal(300), "300");
        assert.throws(() => compareDecimal("1e3", 1), /not a decimal/);
    });
});

describe("property bags", () => {
    it("finds unknowns anywhere and strips undefined", () => {
        assert.equal(containsUnknown({ a: [1, { b: unknownValue }] }), true);
        assert.equal(containsUnknown({ a: [1, { b: "x" }] }), false);
        assert.deepEqual(withoutUndefined({ a: 1, b: undefined, c: [{ d: undefined, e: null }] }), { a: 1, c: [{ e: null }] });
    });
});

describe("batching switch and coalescing", () => {
    it("HUAWEICLOUD_BSS_BATCHING=off disables batching; anything else keeps it", () => {
        assert.equal(isBatchingEnabled({}), true);
        assert.equal(isBatchingEnabled({ HUAWEICLOUD_BSS_BATCHING: "off" }), false);
        assert.equal(isBatchingEnabled({ HUAWEICLOUD_BSS_BATCHING: "OFF" }), false);
        assert.equal(isBatchingEnabled({ HUAWEICLOUD_BSS_BATCHING: "on" }), true);
    });

    function recorder(enabled: boolean, maxSize = 3) {
        const requests: string[][] = [];
        const batcher = createBatcher<string, string>({
            maxSize,
            enabled: () => enabled,
            windowMs: () => 5,
            keyOf: (item) => item[0],
            run: async (items) => {
                requests.push([...items]);
                return items.map((item) => (item.endsWith("!") ? { ok: false as const, error: new Error(`bad ${item}`) } : { ok: true as const, value: item.toUpperCase() }));
            },
        });
        return { requests, batcher };
    }

    it("concurrent items with the same key share requests of at most maxSize", async () => {
        const { requests, batcher } = recorder(true);
        const items = ["a1", "a2", "a3", "a4", "b1", "b2"];
        const results = await Promise.all(items.map((i) => batcher.submit(i)));
        assert.deepEqual(results, items.map((i) => i.toUpperCase()));
        assert.deepEqual(requests.map((r) => r.join(",")).sort(), ["a1,a2,a3", "a4", "b1,b2"]);
    });

    it("one item's failure fails only that item", async () => {
        const { batcher } = recorder(true);
        const results = await Promise.allSettled(["a1", "a2!", "a3"].map((i) => batcher.submit(i)));
        assert.deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled"]);
    });

    it("switched off: one request per item", async () => {
        const { requests, batcher } = recorder(false);
        await Promise.all(["a1", "a2", "a3"].map((i) => batcher.submit(i)));
        assert.equal(requests.length, 3);
        assert.ok(requests.every((r) => r.length === 1));
    });

    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    function slowRecorder(maxInFlight: number, requestMs: number) {
        const requests: string[][] = [];
        const batcher = createBatcher<string, string>({
            maxSize: 10,
            maxInFlight,
            enabled: () => true,
            windowMs: () => 5,
            run: async (items) => {
                requests.push([...items]);
                await sleep(requestMs);
                return items.map((item) => ({ ok: true as const, value: item }));
            },
        });
        return { requests, batcher };
    }

    it("items that arrive one by one while a request is under way leave together with the next one", async () => {
        const { requests, batcher } = slowRecorder(1, 60);
        const done = [batcher.submit("a1")];
        await sleep(15);
        for (const item of ["a2", "a3", "a4"]) {
            done.push(batcher.submit(item));
            await sleep(8);
        }
        await Promise.all(done);
        assert.deepEqual(requests, [["a1"], ["a2", "a3", "a4"]]);
    });

    it("speculative items go one request at a time, after what somebody waits for", async () => {
        const { requests, batcher } = slowRecorder(4, 40);
        const speculative = Array.from({ length: 25 }, (_, i) => batcher.submit(`s${i}`, { speculative: true }));
        await sleep(15);
        const urgent = batcher.submit("u");
        await urgent;
        // The urgent item did not wait for the speculative requests queued before it.
        assert.equal(requests[1]?.[0], "u", JSON.stringify(requests));
        await Promise.all(speculative);
        assert.deepEqual(requests.map((r) => r.length), [10, 10, 6]);
    });

    it("a promoted speculative item is sent as urgent", async () => {
        const { requests, batcher } = slowRecorder(4, 40);
        const items = Array.from({ length: 30 }, (_, i) => batcher.submit(`s${i}`, { speculative: true }));
        await sleep(15);
        assert.equal(batcher.promote((item) => item === "s29"), 1);
        await items[29];
        assert.equal(requests[1]?.[0], "s29", JSON.stringify(requests));
        await Promise.all(items);
        assert.equal(requests.flat().length, 30);
    });
});

