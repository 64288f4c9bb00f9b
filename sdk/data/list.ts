/**
 * The shape shared by every list data source: page through one operation with a fixed request,
 * convert each record, stop at the caller's bound.
 */
import { z } from "zod";
import { convertRecord, RecordShape } from "./convert";
import { PageFetcher, paginate, Pager } from "./paging";
import { BssDataClient, call } from "./source";
import { asRecord, integer, records, WireRecord } from "./wire";

/**
 * Records a list data source returns when the caller sets no `limit`. Bills of a large account run to
 * hundreds of thousands of records: more than a Pulumi output should hold. Results say `truncated`
 * when the bound cut them; the aggregating data sources have no bound (they keep no records).
 */
export const DEFAULT_RECORD_LIMIT = 10_000;

/** `limit` argument shared by list data sources. */
export const limitSchema = z.number().int().min(0).optional();

/** How one list operation pages. */
export interface ListOperation {
    /** Client method name. */
    readonly operation: string;
    /** Response field holding the records. */
    readonly itemsField: string;
    /** Response field holding the total (default `total_count`). */
    readonly totalField?: string;
    /** The operation's maximum `limit`. */
    readonly pageSize: number;
    /** `offset` is a record offset (default) or a 1-based page number. */
    readonly style?: "offset" | "pageNumber";
    /** Largest accepted `offset`. */
    readonly maxOffset?: number;
}

/** A fetcher for `op` with `request`; `onBody` sees each whole response (currency, grand totals). */
export function fetcherFor(
    client: BssDataClient,
    op: ListOperation,
    request: Record<string, unknown>,
    onBody?: (body: WireRecord) => void,
): PageFetcher<WireRecord> {
    return async (offset, limit) => {
        const body = asRecord(await call(client, op.operation, { ...request, offset, limit }));
        onBody?.(body);
        // The v1.0 APIs are documented with `totalCount` and `total_count` both: accept either.
        const totalCount = integer(body, op.totalField ?? "total_count") ?? integer(body, "total_count");
        return { items: records(body, op.itemsField), totalCount };
    };
}

/** A lazy pager over the raw wire records of `op`. */
export function pagerFor(
    client: BssDataClient,
    op: ListOperation,
    request: Record<string, unknown>,
    maxItems: number | undefined,
    onBody?: (body: WireRecord) => void,
    prefetch = 0,
): Pager<WireRecord> {
    return paginate(fetcherFor(client, op, request, onBody), {
        pageSize: op.pageSize,
        maxItems,
        style: op.style,
        maxOffset: op.maxOffset,
        prefetch,
    });
}

/** What a list data source returns besides its records. */
export interface ListResult {
    /** All records matching the filters, as BSS counts them. */
    readonly totalCount: number;
    /** True when `limit` (or the API's offset cap) left records unread. */
    readonly truncated: boolean;
}

/** Pages through `op`, converts every record with `shape`, and reports the first response body. */
export async function listRecords<T>(
    client: BssDataClient,
    op: ListOperation,
    request: Record<string, unknown>,
    shape: RecordShape,
    limit: number | undefined,
): Promise<{ items: T[]; totalCount: number; truncated: boolean; firstBody: WireRecord }> {
    let firstBody: WireRecord | undefined;
    const pager = pagerFor(client, op, request, limit ?? DEFAULT_RECORD_LIMIT, (body) => {
        firstBody ??= body;
    });
    const items: T[] = [];
    for await (const record of pager) items.push(convertRecord<T>(record, shape, firstBody?.measure_id));
    return {
        items,
        totalCount: pager.info.totalCount ?? items.length,
        truncated: pager.info.truncated,
        firstBody: firstBody ?? {},
    };
}
