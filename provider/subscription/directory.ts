/**
 * Where the Subscription provider learns a resource's BSS record (expiry, policy, attached
 * resources) without one query per resource.
 *
 * - `lookup` (check, read): the process's snapshot of the account's resource list, fetched once
 *   per provider process on first use, 500 records per call; a resource missing from it is
 *   queried by id (it may be newer than the snapshot). An account with more than
 *   HUAWEICLOUD_BSS_PREFETCH_MAX_RECORDS records (default 5000), or batching switched off,
 *   falls back to per-id queries.
 * - `fetchFresh` (create, update, delete): a query made now; concurrent ones coalesce into one
 *   request of up to 50 ids (the API's resource_ids limit). It refreshes the snapshot's entry.
 */
import { createBatcher, createSingleFlight, isBatchingEnabled, ItemOutcome } from "../shared/batching";
import type { BssOperations, ResourceRecord } from "../shared/bss-operations";

export const PREFETCH_MAX_ENV = "HUAWEICLOUD_BSS_PREFETCH_MAX_RECORDS";
const DEFAULT_PREFETCH_MAX = 5000;
export const PAGE_SIZE = 500;
export const IDS_PER_QUERY = 50;

export interface ResourceView {
    /** The record of the resource asked for. */
    readonly record: ResourceRecord;
    /** Its attached resources (empty for an attached resource itself). */
    readonly attached: readonly ResourceRecord[];
}

export interface ResourceDirectory {
    lookup(resourceId: string): Promise<ResourceView | undefined>;
    fetchFresh(resourceId: string): Promise<ResourceView | undefined>;
    /** Drops a resource this process has just unsubscribed from the snapshot. */
    forget(resourceId: string): void;
    /** The snapshot's main resources, if one was loaded (no call is made). */
    snapshotMainRecords(): readonly ResourceRecord[];
}

interface Snapshot {
    readonly byId: Map<string, ResourceRecord>;
    readonly attachedByParent: Map<string, ResourceRecord[]>;
}

function prefetchLimit(env: NodeJS.ProcessEnv = process.env): number {
    const parsed = Number(env[PREFETCH_MAX_ENV]);
    return Number.isFinite(parsed) && parsed >= 0 ? parsed : DEFAULT_PREFETCH_MAX;
}

function indexRecords(records: readonly ResourceRecord[]): Snapshot {
    const byId = new Map<string, ResourceRecord>();
    const attachedByParent = new Map<string, ResourceRecord[]>();
    for (const record of records) {
        if (!record.resource_id) continue;
        byId.set(record.resource_id, record);
        if (record.parent_resource_id && record.is_main_resource !== 1) {
            const list = attachedByParent.get(record.parent_resource_id) ?? [];
            list.push(record);
            attachedByParent.set(record.parent_resource_id, list);
        }
    }
    return { byId, attachedByParent };
}

function viewFrom(snapshot: Snapshot, resourceId: string): ResourceView | undefined {
    const record = snapshot.byId.get(resourceId);
    if (!record) return undefined;
    return { record, attached: record.is_main_resource === 0 ? [] : (snapshot.attachedByParent.get(resourceId) ?? []) };
}

export interface DirectoryOptions {
    readonly batching?: () => boolean;
    readonly prefetchMaxRecords?: () => number;
}

export function createResourceDirectory(client: () => BssOperations, options: DirectoryOptions = {}): ResourceDirectory {
    const batching = options.batching ?? (() => isBatchingEnabled());
    const maxRecords = options.prefetchMaxRecords ?? (() => prefetchLimit());
    /** undefined: not loaded yet; null: the account is too large (or batching is off): per-id mode. */
    let snapshot: Snapshot | null | undefined;

    const loadSnapshot = createSingleFlight(async (): Promise<Snapshot | null> => {
        if (!batching()) return null;
        const listPage = (offset: number) => client().listPayPerUseCustomerResources({ only_main_resource: 0, offset, limit: PAGE_SIZE });
        const first = await listPage(0);
        const records: ResourceRecord[] = [...(first.data ?? [])];
        const total = first.total_count ?? records.length;
        if (total > maxRecords()) return null;
        // The other pages together, now that the total is known (the client's pacer keeps them within the rate limit).
        const offsets: number[] = [];
        if (records.length > 0) for (let offset = PAGE_SIZE; offset < total; offset += PAGE_SIZE) offsets.push(offset);
        for (const page of await Promise.all(offsets.map(listPage))) records.push(...(page.data ?? []));
        return indexRecords(records);
    });

    const byIds = createBatcher<string, ResourceView | undefined>({
        maxSize: IDS_PER_QUERY,
        slotDelayMs: () => client().pacingDelayMs?.("listPayPerUseCustomerResources") ?? 0,
        enabled: batching,
        async run(ids): Promise<ItemOutcome<ResourceView | undefined>[]> {
            const unique = [...new Set(ids)];
            const records: ResourceRecord[] = [];
            let total = Infinity;
            for (let offset = 0; offset < total; offset += PAGE_SIZE) {
                const page = await client().listPayPerUseCustomerResources({ resource_ids: unique, only_main_resource: 0, offset, limit: PAGE_SIZE });
                const data = page.data ?? [];
                total = page.total_count ?? offset + data.length;
                records.push(...data);
                if (data.length === 0) break;
            }
            const found = indexRecords(records);
            return ids.map((id) => {
                const view = viewFrom(found, id);
                if (snapshot) {
                    if (view) {
                        snapshot.byId.set(id, view.record);
                        if (view.record.is_main_resource !== 0) snapshot.attachedByParent.set(id, [...view.attached]);
                    } else snapshot.byId.delete(id);
                }
                return { ok: true, value: view };
            });
        },
    });

    return {
        async lookup(resourceId) {
            if (snapshot === undefined) snapshot = await loadSnapshot();
            const cached = snapshot ? viewFrom(snapshot, resourceId) : undefined;
            // Not in the snapshot: it may have been created since (e.g. by another resource of
            // the same run), so ask BSS before saying it does not exist.
            return cached ?? byIds.submit(resourceId);
        },
        snapshotMainRecords() {
            return snapshot ? [...snapshot.byId.values()].filter((record) => record.is_main_resource !== 0) : [];
        },
        forget(resourceId) {
            snapshot?.byId.delete(resourceId);
            snapshot?.attachedByParent.delete(resourceId);
        },
        fetchFresh(resourceId) {
            return byIds.submit(resourceId);
        },
    };
}
