/**
 * Bounded, streaming pagination over BSS list operations.
 *
 * BSS pages with `offset`/`limit`. For most operations `offset` is a 0-based record offset; the
 * legacy v1.0 resource records and the international invoice list use a 1-based page number in the
 * same field. A pager fetches one page at a time and yields its records, so a caller that folds the
 * records (sums, group-bys) holds one page in memory, never the whole result.
 */

/** One page as the operation returned it. */
export interface Page<T> {
    readonly items: readonly T[];
    /** All records matching the filter, when the operation reports it. */
    readonly totalCount?: number;
}

/** Fetches the page that starts at `offset` (a record offset, or a page number; see {@link PaginateOptions.style}). */
export type PageFetcher<T> = (offset: number, limit: number) => Promise<Page<T>>;

export interface PaginateOptions {
    /** Records per request: the operation's maximum `limit` unless there is a reason to ask for less. */
    readonly pageSize: number;
    /** Stop after this many records (the caller's bound); unbounded when absent. */
    readonly maxItems?: number;
    /** `"offset"` (default): `offset` is a 0-based record count. `"pageNumber"`: `offset` is a 1-based page number. */
    readonly style?: "offset" | "pageNumber";
    /** Largest `offset` the operation accepts (ListCosts: 200000); pagination ends there and reports truncation. */
    readonly maxOffset?: number;
    /**
     * Pages requested ahead of the one being consumed, once the total is known (unbounded reads only).
     * Overlaps the API's latency with the consumer's work; at most `prefetch + 1` pages are held.
     * The client's pacer still keeps the requests under the rate limit. Default 0.
     */
    readonly prefetch?: number;
}

/** What a finished (or stopped) pagination saw. */
export interface PageInfo {
    /** The operation's `total_count` from the last page, when reported. */
    totalCount: number | undefined;
    /** Requests made. */
    pages: number;
    /** Records yielded. */
    yielded: number;
    /** True when records were left unread because of `maxItems` or `maxOffset`. */
    truncated: boolean;
}

/** An async iterable of records whose {@link PageInfo} fills in as it is consumed. */
export interface Pager<T> extends AsyncIterable<T> {
    readonly info: PageInfo;
}

/** Pages through `fetch` lazily; see {@link PaginateOptions}. */
export function paginate<T>(fetch: PageFetcher<T>, options: PaginateOptions): Pager<T> {
    const pageSize = options.pageSize;
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
    const maxItems = options.maxItems;
    if (maxItems !== undefined && (!Number.isInteger(maxItems) || maxItems < 0)) {
        throw new RangeError(`limit must be a non-negative integer, got ${maxItems}`);
    }
    const pageNumbers = options.style === "pageNumber";
    const info: PageInfo = { totalCount: undefined, pages: 0, yielded: 0, truncated: false };

    const prefetch = maxItems === undefined ? Math.max(0, options.prefetch ?? 0) : 0;

    async function* iterate(): AsyncGenerator<T> {
        let position = pageNumbers ? 1 : 0; // next offset to request
        // Pages requested ahead, by offset; they assume full pages, and are dropped if one comes back short.
        const ahead = new Map<number, Promise<Page<T>>>();
        const recordsBefore = (offset: number) => (pageNumbers ? (offset - 1) * pageSize : offset);
        const requestAhead = (from: number) => {
            const total = info.totalCount;
            if (prefetch === 0 || total === undefined) return;
            for (let k = 0, offset = from; k < prefetch; k++, offset += pageNumbers ? 1 : pageSize) {
                if (recordsBefore(offset) >= total || (options.maxOffset !== undefined && offset > options.maxOffset)) break;
                if (ahead.has(offset)) continue;
                const pending = fetch(offset, pageSize);
                pending.catch(() => undefined); // surfaced when awaited; ignored if abandoned
                ahead.set(offset, pending);
            }
        };
        for (;;) {
            if (options.maxOffset !== undefined && position > options.maxOffset) {
                info.truncated = true;
                return;
            }
            const remaining = maxItems === undefined ? Infinity : maxItems - info.yielded;
            // Record offsets allow asking for exactly what is left; page numbers need a constant page size.
            const limit = pageNumbers ? pageSize : Math.max(1, Math.min(pageSize, remaining));
            const prefetched = ahead.get(position);
            ahead.delete(position);
            const page = await (prefetched ?? fetch(position, limit));
            info.pages += 1;
            if (page.totalCount !== undefined) info.totalCount = page.totalCount;
            const items = page.items;
            const next = position + (pageNumbers ? 1 : items.length);
            if (items.length < limit) ahead.clear(); // offsets planned from full pages no longer line up
            else requestAhead(next);
            let taken = 0;
            for (const item of items) {
                if (maxItems !== undefined && info.yielded >= maxItems) break;
                info.yielded += 1;
                taken += 1;
                yield item;
            }
            position = next;
            const seen = recordsBefore(position);
            // The total decides when known (a server may serve shorter pages than asked); else a short page ends.
            const endOfData = items.length === 0 || (info.totalCount !== undefined ? seen >= info.totalCount : items.length < limit);
            const bounded = maxItems !== undefined && info.yielded >= maxItems;
            if (bounded) {
                // Stopped by the caller's bound: were records left unread?
                info.truncated =
                    taken < items.length ||
                    (info.totalCount !== undefined ? info.yielded < info.totalCount : !endOfData);
                return;
            }
            if (endOfData) return;
        }
    }

    return {
        info,
        [Symbol.asyncIterator]: () => iterate(),
    };
}

/** Every record of a pager in an array (for results a user wants whole), with its {@link PageInfo}. */
export async function collect<T>(pager: Pager<T>): Promise<{ items: T[]; info: PageInfo }> {
    const items: T[] = [];
    for await (const item of pager) items.push(item);
    return { items, info: pager.info };
}

/** Splits `values` into chunks of at most `size` (batch APIs: 10 ids per renew-rate call, 50 per resource query). */
export function chunk<T>(values: readonly T[], size: number): T[][] {
    const chunks: T[][] = [];
    for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
    return chunks;
}
