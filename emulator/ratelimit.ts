/**
 * Token-bucket rate limiting per (operation, account), in real time: BSS allows about 10 requests/s
 * per API per account (some APIs 30/s). Capacity equals the per-second rate (one second of burst).
 */
export class RateLimiter {
    private readonly buckets = new Map<string, { tokens: number; updatedMs: number }>();

    /**
     * @param defaultRate requests per second for operations without their own rate; 0 disables limiting.
     * @param rates per-operation rates (documented exceptions), used only when `useOperationRates`.
     */
    constructor(
        private defaultRate: number,
        private readonly rates: ReadonlyMap<string, number> = new Map(),
        private useOperationRates = true,
    ) {}

    setRate(perSecond: number): void {
        this.defaultRate = perSecond;
        this.useOperationRates = false;
        this.buckets.clear();
    }

    rateFor(operation: string): number {
        if (this.defaultRate <= 0) return 0;
        return (this.useOperationRates ? this.rates.get(operation) : undefined) ?? this.defaultRate;
    }

    /** Takes one token; false when the bucket is empty (answer 429). */
    tryTake(operation: string, accountId: string, nowMs = performance.now()): boolean {
        const rate = this.rateFor(operation);
        if (rate <= 0) return true;
        const key = `${operation}|${accountId}`;
        let bucket = this.buckets.get(key);
        if (!bucket) {
            bucket = { tokens: rate, updatedMs: nowMs };
            this.buckets.set(key, bucket);
        } else {
            bucket.tokens = Math.min(rate, bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * rate);
            bucket.updatedMs = nowMs;
        }
        if (bucket.tokens < 1) return false;
        bucket.tokens -= 1;
        return true;
    }

    reset(): void {
        this.buckets.clear();
    }
}
