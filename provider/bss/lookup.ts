/**
 * Coalesces concurrent single-resource lookups into batched ListPayPerUseCustomerResources calls.
 * Within one provider process hundreds of resources read their subscription at once; one call per
 * batch (the reference allows 50 resource_ids per call and 500 records per page) keeps the run far
 * below the BSS rate limit.
 */
import type { BssClient, CallOptions } from "./client";
import type { OrderInstanceV2 } from "./operations";

/** resource_ids max_items in the reference (list-subscribed-resources.yaml). */
export const MAX_RESOURCE_IDS_PER_QUERY = 50;

export interface ResourceLookupOptions {
    /** How long to collect lookups before sending a batch. Default 5 ms. */
    readonly windowMs?: number;
    /** IDs per call, 1..50. Default 50. */
    readonly maxBatchSize?: number;
    /** false: one call per lookup (no coalescing), e.g. for benchmarks. Default true. */
    readonly batching?: boolean;
    readonly callOptions?: CallOptions;
}

export interface ResourceLookup {
    /** The subscription record of a resource, or undefined when BSS does not list it. */
    get(resourceId: string): Promise<OrderInstanceV2 | undefined>;
    /** Several at once; the map holds only the resources BSS lists. */
    getMany(resourceIds: readonly string[]): Promise<Map<string, OrderInstanceV2>>;
    /** Sends the pending batch now. */
    flush(): void;
}

interface Waiter {
    readonly resolve: (value: OrderInstanceV2 | undefined) => void;
    readonly reject: (error: unknown) => void;
}

/** Queries the given IDs (<= 50), following pages when primaries bring many attached resources. */
async function queryResources(client: BssClient, ids: readonly string[], callOptions?: CallOptions): Promise<Map<string, OrderInstanceV2>> {
    const found = new Map<string, OrderInstanceV2>();
    for await (const record of client.paginate.listPayPerUseCustomerResources({ resource_ids: [...ids] }, callOptions)) {
        if (record.resource_id && ids.includes(record.resource_id) && !found.has(record.resource_id)) found.set(record.resource_id, record);
    }
    return found;
}

export function createResourceLookup(client: BssClient, options: ResourceLookupOptions = {}): ResourceLookup {
    const windowMs = options.windowMs ?? 5;
    const maxBatchSize = options.maxBatchSize ?? MAX_RESOURCE_IDS_PER_QUERY;
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1 || maxBatchSize > MAX_RESOURCE_IDS_PER_QUERY) {
        throw new RangeError(`maxBatchSize must be an integer in 1..${MAX_RESOURCE_IDS_PER_QUERY} (the API's resource_ids limit), got ${maxBatchSize}`);
    }
    const batching = options.batching ?? true;
    let pending = new Map<string, Waiter[]>();
    let timer: NodeJS.Timeout | undefined;

    const send = (batch: Map<string, Waiter[]>) => {
        const ids = [...batch.keys()];
        queryResources(client, ids, options.callOptions).then(
            (found) => {
                for (const [id, waiters] of batch) for (const w of waiters) w.resolve(found.get(id));
            },
            (error) => {
                for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
            },
        );
    };

    const flush = () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        if (pending.size === 0) return;
        const batch = pending;
        pending = new Map();
        send(batch);
    };

    const get = (resourceId: string): Promise<OrderInstanceV2 | undefined> => {
        if (!batching) return queryResources(client, [resourceId], options.callOptions).then((found) => found.get(resourceId));
        return new Promise((resolve, reject) => {
            const waiters = pending.get(resourceId);
            if (waiters) {
                waiters.push({ resolve, reject });
                return;
            }
            pending.set(resourceId, [{ resolve, reject }]);
            if (pending.size >= maxBatchSize) flush();
            else if (!timer) timer = setTimeout(flush, windowMs);
        });
    };

    return {
        get,
        flush,
        async getMany(resourceIds) {
            const unique = [...new Set(resourceIds)];
            const results = await Promise.all(unique.map((id) => get(id).then((r) => [id, r] as const)));
            const out = new Map<string, OrderInstanceV2>();
            for (const [id, record] of results) if (record) out.set(id, record);
            return out;
        },
    };
}
