/**
 * Pagination as async iterators, one page in memory at a time, within each operation's limits:
 * record offsets from 0 for the v2/v3/v4 APIs, page numbers from 1 for the legacy v1.0 record API
 * and intl invoices; the largest page the reference allows unless the caller sets `limit`.
 */
import type { BssClient, CallOptions } from "./client";
import { BssError, ConfigurationError } from "./errors";
import { ItemOf, lookupOperation, MethodName, PagedOperationName, RequestOf, ResponseOf } from "./operations";

export interface PaginateOptions extends CallOptions {
    /** Stop after this many records. */
    readonly maxItems?: number;
}

function pagingOf(operation: string) {
    const def = lookupOperation(operation);
    if (!def) throw new ConfigurationError(`Unknown BSS operation "${operation}".`, { code: "CLIENT.UNKNOWN_OPERATION" });
    if (!def.paging) throw new ConfigurationError(`BSS ${def.name} is not paged (no offset/limit); call it directly.`, { operation: def.name, code: "CLIENT.NOT_PAGED" });
    return { def, paging: def.paging };
}

/** A paged operation's request: the paginator fills `offset` and `limit` when they are not given. */
export type PageRequestOf<K extends PagedOperationName> = Omit<RequestOf<K>, "offset" | "limit"> & { offset?: number; limit?: number };

/** Yields each page response of a paged operation. */
export async function* paginatePages<K extends PagedOperationName>(
    client: BssClient,
    operation: K | MethodName<K>,
    request: PageRequestOf<K>,
    options: PaginateOptions = {},
): AsyncIterableIterator<ResponseOf<K>> {
    const { def, paging } = pagingOf(operation);
    const base = { ...(request as Record<string, unknown>) };
    const limit = typeof base.limit === "number" ? base.limit : paging.limitMax;
    let offset = typeof base.offset === "number" ? base.offset : paging.offsetMin;
    let seen = 0;
    for (;;) {
        const page = (await client.call(def.name, { ...base, offset, limit } as never, options)) as Record<string, unknown> | undefined;
        yield page as ResponseOf<K>;
        const items = (page?.[paging.itemsField] as unknown[] | undefined) ?? [];
        const total = page?.[paging.totalField];
        seen += items.length;
        if (items.length === 0) return;
        if (options.maxItems !== undefined && seen >= options.maxItems) return;
        let more: boolean;
        if (paging.style === "record-offset") {
            offset += items.length;
            more = typeof total === "number" ? offset < total : items.length >= limit;
        } else {
            offset += 1;
            more = typeof total === "number" ? (offset - 1) * limit < total : items.length >= limit;
        }
        if (!more) return;
        if (offset > paging.offsetMax) {
            throw new BssError(
                `BSS ${def.name} cannot page beyond offset ${paging.offsetMax} (the API's limit); ${seen} records were read. Narrow the query (e.g. a shorter time range or more filters) to see the rest.`,
                { operation: def.name, code: "CLIENT.PAGINATION_LIMIT" },
            );
        }
    }
}

/** Yields every record of a paged operation, across pages. */
export async function* paginate<K extends PagedOperationName>(
    client: BssClient,
    operation: K | MethodName<K>,
    request: PageRequestOf<K>,
    options: PaginateOptions = {},
): AsyncIterableIterator<ItemOf<K>> {
    const { paging } = pagingOf(operation);
    let yielded = 0;
    for await (const page of paginatePages(client, operation, request, options)) {
        const items = ((page as Record<string, unknown> | undefined)?.[paging.itemsField] as ItemOf<K>[] | undefined) ?? [];
        for (const item of items) {
            if (options.maxItems !== undefined && yielded >= options.maxItems) return;
            yielded++;
            yield item;
        }
    }
}
