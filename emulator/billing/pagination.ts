/** Offset/limit paging of in-memory result lists (billing-common.yaml#pagination). */

export interface PageRequest {
    /** 0-based record offset (already converted for the page-number APIs). */
    readonly offset: number;
    readonly limit: number;
}

/** Records [offset, offset + limit); an offset past the end gives an empty page. */
export function pageOf<T>(items: readonly T[], request: PageRequest): T[] {
    return items.slice(request.offset, request.offset + request.limit);
}

/** A record offset from a 1-based page number (legacy v1.0 APIs and intl invoices). */
export function pageNumberRequest(pageNumber: number, limit: number): PageRequest {
    return { offset: (Math.max(1, pageNumber) - 1) * limit, limit };
}
