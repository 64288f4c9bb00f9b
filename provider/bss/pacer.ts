/**
 * Client-side pacing per operation. BSS throttles at about 10 requests/s per API and account, so
 * every (endpoint, account, operation) gets one scheduler shared by all clients of the process:
 * hundreds of concurrent callers queue instead of collecting 429s.
 *
 * The scheduler is a sliding window: at most `burst` requests start within any `burst / rate`
 * seconds (plus a tenth when `burst` > 1, for requests that leave a little late). With `burst` equal
 * to the rate (the client's default) that is "at most `rate` in any one second", which a
 * fixed-window counter and a token bucket of one second's capacity both accept, while a batch of
 * requests (the pages of a listing) still leaves at once instead of 100 ms apart. With `burst` 1
 * requests are simply spaced 1000/rate ms apart.
 *
 * The quota is shared with everything else calling BSS for the account from the same address (other
 * stacks, scripts), so the pace adapts: each throttled answer cuts this operation's rate by 30%
 * (down to a tenth of the configured rate), and each successful request wins back 2% of the
 * configured rate; the burst shrinks in proportion. Alone, a run uses the whole quota; sharing it,
 * it settles where 429s are rare.
 */

export interface Timer {
    /** Milliseconds, monotonic enough for spacing requests. */
    now(): number;
    sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realTimer: Timer = {
    now: () => performance.now(),
    sleep: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
            if (signal?.aborted) return reject(signal.reason);
            if (ms <= 0) return resolve();
            const onAbort = () => {
                clearTimeout(handle);
                reject(signal!.reason);
            };
            const handle = setTimeout(() => {
                signal?.removeEventListener("abort", onAbort);
                resolve();
            }, ms);
            signal?.addEventListener("abort", onAbort, { once: true });
        }),
};

/** A window of more than one request is this much longer than burst/rate (see nextStart). */
const WINDOW_SLACK = 1.1;

export class Pacer {
    readonly ratePerSecond: number;
    readonly burst: number;
    private intervalMs: number;
    private currentRate: number;
    /** Start times of the last `burst` requests booked, oldest first. */
    private readonly recentStarts: number[] = [];

    constructor(
        ratePerSecond: number,
        burst: number,
        private readonly timer: Timer,
    ) {
        if (!(ratePerSecond >= 0) || !Number.isFinite(ratePerSecond)) throw new RangeError(`requests per second must be a finite number >= 0, got ${ratePerSecond}`);
        if (!Number.isInteger(burst) || burst < 1) throw new RangeError(`burst must be an integer >= 1, got ${burst}`);
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.currentRate = ratePerSecond;
        this.intervalMs = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
    }

    /** The rate in force now (requests per second), after adapting to throttling. */
    get rate(): number {
        return this.currentRate;
    }

    /** BSS throttled a request: slow down. */
    throttled(): void {
        if (this.ratePerSecond === 0) return;
        this.setRate(Math.max(this.ratePerSecond / 10, this.currentRate * 0.7));
    }

    /** A request went through: speed up again towards the configured rate. */
    succeeded(): void {
        if (this.ratePerSecond === 0 || this.currentRate >= this.ratePerSecond) return;
        this.setRate(Math.min(this.ratePerSecond, this.currentRate + this.ratePerSecond * 0.02));
    }

    private setRate(rate: number): void {
        this.currentRate = rate;
        this.intervalMs = 1000 / rate;
    }

    /** The earliest start allowed for the next request, given the requests booked before it. */
    private nextStart(now: number): number {
        const starts = this.recentStarts;
        // Throttled, the burst shrinks with the rate: the window stays burst/configured-rate seconds.
        const burst = Math.max(1, Math.floor((this.burst * this.currentRate) / this.ratePerSecond));
        let at = Math.max(now, starts.length > 0 ? starts[starts.length - 1] : -Infinity);
        // A full window waits until its oldest request leaves it. The window is a tenth longer than
        // burst/rate: a request leaves a little after its slot (timers, signing), and a late first
        // burst must not share a second with the next one.
        const windowMs = burst * this.intervalMs * (burst > 1 ? WINDOW_SLACK : 1);
        if (starts.length >= burst) at = Math.max(at, starts[starts.length - burst] + windowMs);
        return at;
    }

    /** Books the next slot and returns how long the caller must wait for it (ms). */
    reserve(): number {
        if (this.intervalMs === 0) return 0;
        const now = this.timer.now();
        const at = this.nextStart(now);
        this.recentStarts.push(at);
        if (this.recentStarts.length > this.burst) this.recentStarts.splice(0, this.recentStarts.length - this.burst);
        return at - now;
    }

    /** How long a request made now would wait for its slot (ms), without booking it. */
    delay(): number {
        if (this.intervalMs === 0) return 0;
        const now = this.timer.now();
        return this.nextStart(now) - now;
    }

    /** Waits for the next slot. */
    async acquire(signal?: AbortSignal): Promise<void> {
        const wait = this.reserve();
        if (wait > 0) await this.timer.sleep(wait, signal);
    }
}

const registries = new WeakMap<Timer, Map<string, Pacer>>();

/** The process-wide pacer for a key (endpoint origin + account + operation) at a given rate. */
export function sharedPacer(key: string, ratePerSecond: number, burst: number, timer: Timer): Pacer {
    let registry = registries.get(timer);
    if (!registry) registries.set(timer, (registry = new Map()));
    const fullKey = `${key}|${ratePerSecond}|${burst}`;
    let pacer = registry.get(fullKey);
    if (!pacer) registry.set(fullKey, (pacer = new Pacer(ratePerSecond, burst, timer)));
    return pacer;
}
