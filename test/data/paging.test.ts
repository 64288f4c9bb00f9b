import * as assert from "node:assert/strict";
import { collect, Page, paginate } from "../../sdk/data/paging";

/** A data set of `total` numbered records served with offset/limit like BSS. */
function recordOffsetSource(total: number, options: { reportTotal?: boolean } = {}) {
    const requests: { offset: number; limit: number }[] = [];
    const fetch = async (offset: number, limit: number): Promise<Page<number>> => {
        requests.push({ offset, limit });
        const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i);
        return { items, totalCount: options.reportTotal === false ? undefined : total };
    };
    return { fetch, requests };
}

function pageNumberSource(total: number) {
    const requests: { offset: number; limit: number }[] = [];
    const fetch = async (page: number, limit: number): Promise<Page<number>> => {
        requests.push({ offset: page, limit });
        const start = (page - 1) * limit;
        const items = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) => start + i);
        return { items, totalCount: total };
    };
    return { fetch, requests };
}

describe("data: pagination", () => {
    it("reads every record once, in order, with record offsets", async () => {
        const source = recordOffsetSource(2500);
        const { items, info } = await collect(paginate(source.fetch, { pageSize: 1000 }));
        assert.deepEqual(items, Array.from({ length: 2500 }, (_, i) => i));
        assert.deepEqual(source.requests.map((r) => r.offset), [0, 1000, 2000]);
        assert.equal(info.totalCount, 2500);
        assert.equal(info.truncated, false);
    });

    it("stops at an exact multiple of the page size without an extra request when the total is known", async () => {
        const source = recordOffsetSource(2000);
        await collect(paginate(source.fetch, { pageSize: 1000 }));
        assert.equal(source.requests.length, 2);
    });

    it("ends on a short page when no total is reported", async () => {
        const source = recordOffsetSource(1500, { reportTotal: false });
        const { items } = await collect(paginate(source.fetch, { pageSize: 1000 }));
        assert.equal(items.length, 1500);
        assert.equal(source.requests.length, 2);
    });

    it("asks for no more than the caller's bound and says the result is truncated", async () => {
        const source = recordOffsetSource(5000);
        const { items, info } = await collect(paginate(source.fetch, { pageSize: 1000, maxItems: 1200 }));
        assert.equal(items.length, 1200);
        assert.deepEqual(source.requests, [
            { offset: 0, limit: 1000 },
            { offset: 1000, limit: 200 },
        ]);
        assert.equal(info.truncated, true);
    });

    it("is not truncated when the bound equals the total", async () => {
        const source = recordOffsetSource(300);
        const { info } = await collect(paginate(source.fetch, { pageSize: 1000, maxItems: 300 }));
        assert.equal(info.truncated, false);
    });

    it("a bound of 0 reads only the total", async () => {
        const source = recordOffsetSource(42);
        const { items, info } = await collect(paginate(source.fetch, { pageSize: 1000, maxItems: 0 }));
        assert.deepEqual(items, []);
        assert.equal(info.totalCount, 42);
        assert.equal(info.truncated, true);
        assert.deepEqual(source.requests, [{ offset: 0, limit: 1 }]);
    });

    it("uses 1-based page numbers with a constant page size where the API wants them", async () => {
        const source = pageNumberSource(250);
        const { items } = await collect(paginate(source.fetch, { pageSize: 100, style: "pageNumber" }));
        assert.equal(items.length, 250);
        assert.deepEqual(source.requests, [
            { offset: 1, limit: 100 },
            { offset: 2, limit: 100 },
            { offset: 3, limit: 100 },
        ]);
        const bounded = pageNumberSource(250);
        const { items: first, info } = await collect(paginate(bounded.fetch, { pageSize: 100, style: "pageNumber", maxItems: 150 }));
        assert.deepEqual(first, Array.from({ length: 150 }, (_, i) => i));
        assert.equal(info.truncated, true);
    });

    it("stops at the API's offset cap and reports truncation", async () => {
        const source = recordOffsetSource(10_000);
        const { items, info } = await collect(paginate(source.fetch, { pageSize: 1000, maxOffset: 3000 }));
        assert.equal(items.length, 4000);
        assert.equal(info.truncated, true);
    });

    it("holds one page at a time: the next page is fetched only when the consumer asks", async () => {
        const source = recordOffsetSource(3000);
        const pager = paginate(source.fetch, { pageSize: 1000 });
        const iterator = pager[Symbol.asyncIterator]();
        await iterator.next();
        assert.equal(source.requests.length, 1);
        for (let i = 0; i < 1000; i++) await iterator.next();
        assert.equal(source.requests.length, 2);
        await iterator.return?.(undefined);
    });

    it("rejects a nonsensical page size or bound", () => {
        assert.throws(() => paginate(async () => ({ items: [] }), { pageSize: 0 }), RangeError);
        assert.throws(() => paginate(async () => ({ items: [] }), { pageSize: 10, maxItems: -1 }), RangeError);
    });
});

describe("data: pagination with pages requested ahead", () => {
    it("keeps order, reads every record once, and holds no more than the window", async () => {
        let inFlight = 0;
        let maxInFlight = 0;
        const requests: number[] = [];
        const fetch = async (offset: number, limit: number): Promise<Page<number>> => {
            requests.push(offset);
            inFlight += 1;
            maxInFlight = Math.max(maxInFlight, inFlight);
            await new Promise((resolve) => setTimeout(resolve, 2 + ((offset / 100) % 3)));
            inFlight -= 1;
            const items = Array.from({ length: Math.max(0, Math.min(limit, 1050 - offset)) }, (_, i) => offset + i);
            return { items, totalCount: 1050 };
        };
        const { items } = await collect(paginate(fetch, { pageSize: 100, prefetch: 3 }));
        assert.deepEqual(items, Array.from({ length: 1050 }, (_, i) => i));
        assert.deepEqual([...requests].sort((a, b) => a - b), Array.from({ length: 11 }, (_, i) => i * 100));
        assert.ok(maxInFlight > 1 && maxInFlight <= 4, `in flight at once: ${maxInFlight}`);
    });

    it("recovers when the server serves shorter pages than asked", async () => {
        // The server caps pages at 60 records although 100 were asked for.
        const fetch = async (offset: number, limit: number): Promise<Page<number>> => {
            const items = Array.from({ length: Math.max(0, Math.min(limit, 60, 250 - offset)) }, (_, i) => offset + i);
            return { items, totalCount: 250 };
        };
        const { items } = await collect(paginate(fetch, { pageSize: 100, prefetch: 2 }));
        assert.deepEqual(items, Array.from({ length: 250 }, (_, i) => i));
    });

    it("a failed page fails the iteration", async () => {
        const fetch = async (offset: number): Promise<Page<number>> => {
            if (offset === 200) throw new Error("throttled for good");
            return { items: Array.from({ length: 100 }, (_, i) => offset + i), totalCount: 500 };
        };
        await assert.rejects(collect(paginate(fetch, { pageSize: 100, prefetch: 2 })), /throttled for good/);
    });
});
