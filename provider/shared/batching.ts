/**
 * Coalescing of per-resource calls into the BSS batch APIs, within one provider process.
 *
 * The engine calls create/update/read/delete for many resources concurrently (up to --parallel),
 * but it reaches them one `check` at a time, so steps often arrive a few milliseconds apart rather
 * than together. Each call submits its one item; items with the same key are sent as one request
 * of at most `maxSize` items, and how many are sent together adapts to the load:
 *  - an item waits at most a short window for others to join it;
 *  - a request leaves only when the client's rate limit for its API would let it go at once, and
 *    at most `maxInFlight` requests of a batcher are under way: items arriving meanwhile queue
 *    and leave together with the next request. A trickle is sent at once; a flood is sent in as few
 *    requests as the API allows, and never faster than its rate limit.
 * Speculative items (prefetching that nobody waits for yet) fill requests after the urgent ones and
 * use at most one request slot, so an urgent item never queues behind a run of speculative ones.
 * `HUAWEICLOUD_BSS_BATCHING=off` turns all this off: every item then gets its own request at once
 * (the benchmarks compare both).
 */

export const BATCHING_ENV = "HUAWEICLOUD_BSS_BATCHING";
export const BATCH_WINDOW_ENV = "HUAWEICLOUD_BSS_BATCH_WINDOW_MS";
const DEFAULT_WINDOW_MS = 20;
const DEFAULT_MAX_IN_FLIGHT = 4;

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
    /** Most requests under way at once (default 4). */
    readonly maxInFlight?: number;
    /** How long a request sent now would wait for the API's rate limit (ms); items wait here instead. */
    readonly slotDelayMs?: () => number;
    /** Overrides the environment switch (tests). */
    readonly enabled?: () => boolean;
    /** Overrides the collection window (tests). */
    readonly windowMs?: () => number;
}

export interface SubmitOptions {
    /** Prefetching: sent after urgent items, one speculative request at a time. */
    readonly speculative?: boolean;
}

export interface Batcher<I, R> {
    /** Queues `item` and resolves with its own outcome once its request completes. */
    submit(item: I, options?: SubmitOptions): Promise<R>;
    /** Someone now waits for the queued speculative items that `match`: they become urgent. Returns how many. */
    promote(match: (item: I) => boolean): number;
}

interface Pending<I, R> {
    readonly item: I;
    readonly speculative: boolean;
    readonly resolve: (value: R) => void;
    readonly reject: (error: Error) => void;
}

interface Queue<I, R> {
    readonly key: string;
    /** Urgent items first, in arrival order, then speculative ones. */
    urgent: Pending<I, R>[];
    speculative: Pending<I, R>[];
    /** The window has passed since the first item came (or the queue filled up). */
    ready: boolean;
    timer?: NodeJS.Timeout;
}

export function createBatcher<I, R>(options: BatcherOptions<I, R>): Batcher<I, R> {
    const queues = new Map<string, Queue<I, R>>();
    const enabled = options.enabled ?? (() => isBatchingEnabled());
    const window = options.windowMs ?? (() => windowMs());
    const maxInFlight = Math.max(1, options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
    let inFlight = 0;
    let speculativeInFlight = 0;
    let slotTimer: NodeJS.Timeout | undefined;

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

    /** The next queue to send: ready urgent items first (the fullest), then speculative ones. */
    function nextQueue(): Queue<I, R> | undefined {
        let best: Queue<I, R> | undefined;
        for (const queue of queues.values()) {
            if (!queue.ready || queue.urgent.length === 0) continue;
            if (!best || queue.urgent.length > best.urgent.length) best = queue;
        }
        if (best || speculativeInFlight > 0) return best;
        for (const queue of queues.values()) {
            if (!queue.ready || queue.speculative.length === 0) continue;
            if (!best || queue.speculative.length > best.speculative.length) best = queue;
        }
        return best;
    }

    function pump(): void {
        for (;;) {
            if (inFlight >= maxInFlight || slotTimer) return;
            const queue = nextQueue();
            if (!queue) return;
            const wait = options.slotDelayMs?.() ?? 0;
            if (wait > 0) {
                slotTimer = setTimeout(() => {
                    slotTimer = undefined;
                    pump();
                }, Math.ceil(wait));
                return;
            }
            const batch = queue.urgent.splice(0, options.maxSize);
            const speculativeOnly = batch.length === 0;
            batch.push(...queue.speculative.splice(0, options.maxSize - batch.length));
            if (queue.urgent.length === 0 && queue.speculative.length === 0) {
                if (queue.timer) clearTimeout(queue.timer);
                queues.delete(queue.key);
            }
            inFlight++;
            if (speculativeOnly) speculativeInFlight++;
            void dispatch(queue.key, batch).finally(() => {
                inFlight--;
                if (speculativeOnly) speculativeInFlight--;
                pump();
            });
        }
    }

    return {
        promote(match) {
            let promoted = 0;
            for (const queue of queues.values()) {
                const keep: Pending<I, R>[] = [];
                for (const pending of queue.speculative) {
                    if (match(pending.item)) {
                        queue.urgent.push(pending);
                        promoted++;
                    } else keep.push(pending);
                }
                queue.speculative = keep;
            }
            if (promoted > 0) pump();
            return promoted;
        },
        submit(item: I, submitOptions: SubmitOptions = {}): Promise<R> {
            const key = options.keyOf ? options.keyOf(item) : "";
            return new Promise<R>((resolve, reject) => {
                const pending: Pending<I, R> = { item, speculative: submitOptions.speculative === true, resolve, reject };
                if (!enabled()) {
                    void dispatch(key, [pending]);
                    return;
                }
                let queue = queues.get(key);
                if (!queue) {
                    const created: Queue<I, R> = { key, urgent: [], speculative: [], ready: false };
                    created.timer = setTimeout(() => {
                        created.ready = true;
                        created.timer = undefined;
                        pump();
                    }, window());
                    queues.set(key, (queue = created));
                }
                (pending.speculative ? queue.speculative : queue.urgent).push(pending);
                if (!queue.ready && queue.urgent.length >= options.maxSize) {
                    queue.ready = true;
                    if (queue.timer) clearTimeout(queue.timer);
                    queue.timer = undefined;
                }
                if (queue.ready) pump();
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
