/**
 * Coalescing of per-resource calls into the BSS batch APIs, within one provider process.
 *
 * The engine calls create/update/read/delete for many resources concurrently (up to --parallel).
 * Each call submits its one item; items with the same key that arrive within a short window are
 * sent as one request of at most `maxSize` items. `HUAWEICLOUD_BSS_BATCHING=off` turns this off:
 * every item then gets its own request (the benchmarks compare both).
 */

export const BATCHING_ENV = "HUAWEICLOUD_BSS_BATCHING";
export const BATCH_WINDOW_ENV = "HUAWEICLOUD_BSS_BATCH_WINDOW_MS";
const DEFAULT_WINDOW_MS = 20;

/** False when the environment switches batching and coalescing off. */
export function isBatchingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
    const value = (env[BATCHING_ENV] ?? "").trim().toLowerCase();
    return !["off", "false", "0", "no", "disabled"].includes(value);
}

function windowMs(env: NodeJS.ProcessEnv = process.env): number {
    const parsed = Number(env[BATCH_WINDOW_ENV]);
    return Number.isFinite(parsed) && parsed >= 0 ? parsed : DEFAULT_WINDOW_MS;
}

/** What one batch request returned for one item: a value, or an error for that item alone. */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: Error };

export interface BatcherOptions<I, R> {
    /** Most items in one request (the API's limit). */
    readonly maxSize: number;
    /** Items with different keys never share a request (e.g. a different period or operation). */
    readonly keyOf?: (item: I) => string;
    /**
     * Sends one request for `items` (all with the same key) and returns one outcome per item, in
     * order. A throw fails every item of the request.
     */
    readonly run: (items: readonly I[], key: string) => Promise<readonly ItemOutcome<R>[]>;
    /** Overrides the environment switch (tests). */
    readonly enabled?: () => boolean;
    /** Overrides the collection window (tests). */
    readonly windowMs?: () => number;
}

export interface Batcher<I, R> {
    /** Queues `item` and resolves with its own outcome once its request completes. */
    submit(item: I): Promise<R>;
}

interface Pending<I, R> {
    readonly item: I;
    readonly resolve: (value: R) => void;
    readonly reject: (error: Error) => void;
}

export function createBatcher<I, R>(options: BatcherOptions<I, R>): Batcher<I, R> {
    const queues = new Map<string, { items: Pending<I, R>[]; timer?: NodeJS.Timeout }>();
    const enabled = options.enabled ?? (() => isBatchingEnabled());
    const window = options.windowMs ?? (() => windowMs());

    async function dispatch(key: string, batch: Pending<I, R>[]): Promise<void> {
        let outcomes: readonly ItemOutcome<R>[];
        try {
            outcomes = await options.run(
                batch.map((p) => p.item),
                key,
            );
        } catch (error) {
            for (const p of batch) p.reject(error as Error);
            return;
        }
        batch.forEach((p, i) => {
            const outcome = outcomes[i];
            if (!outcome) p.reject(new Error("internal error: a batch request returned no outcome for an item"));
            else if (outcome.ok) p.resolve(outcome.value);
            else p.reject(outcome.error);
        });
    }

    function flush(key: string): void {
        const queue = queues.get(key);
        if (!queue) return;
        queues.delete(key);
        if (queue.timer) clearTimeout(queue.timer);
        for (let start = 0; start < queue.items.length; start += options.maxSize) {
            void dispatch(key, queue.items.slice(start, start + options.maxSize));
        }
    }

    return {
        submit(item: I): Promise<R> {
            const key = options.keyOf ? options.keyOf(item) : "";
            return new Promise<R>((resolve, reject) => {
                const pending = { item, resolve, reject };
                if (!enabled()) {
                    void dispatch(key, [pending]);
                    return;
                }
                let queue = queues.get(key);
                if (!queue) {
                    queue = { items: [] };
                    queues.set(key, queue);
                    queue.timer = setTimeout(() => flush(key), window());
                }
                queue.items.push(pending);
                if (queue.items.length >= options.maxSize) flush(key);
            });
        },
    };
}

/**
 * Shares one in-flight promise among concurrent callers asking for the same thing (e.g. the
 * account's resource list). Once settled, the next call starts a new one.
 */
export function createSingleFlight<T>(load: () => Promise<T>): () => Promise<T> {
    let inFlight: Promise<T> | undefined;
    return () => {
        if (!inFlight) {
            inFlight = load().finally(() => {
                inFlight = undefined;
            });
        }
        return inFlight;
    };
}
