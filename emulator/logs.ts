/** The request log and per-operation call counts that tests and benchmarks read. */

export interface RequestLogEntry {
    readonly seq: number;
    /** Virtual time of the request. */
    readonly time: string;
    readonly method: string;
    readonly path: string;
    /** SDK operation name, "IAM.<name>" for IAM calls, "unknown" when nothing matched. */
    readonly operation: string;
    readonly accountId?: string;
    /** HTTP status answered; 0 when the connection was dropped without a response. */
    readonly status: number;
    readonly errorCode?: string;
    /** Injected fault, if any. */
    readonly fault?: string;
    readonly durationMs: number;
}

export interface CallCounts {
    /** Every request that reached the emulator (admin endpoints excluded). */
    readonly total: number;
    readonly byOperation: Record<string, number>;
    /** Counts by operation then HTTP status ("0" = dropped). */
    readonly byOperationStatus: Record<string, Record<string, number>>;
}

export class RequestLog {
    private entries: RequestLogEntry[] = [];
    private seq = 0;
    private total = 0;
    private byOperation: Record<string, number> = {};
    private byOperationStatus: Record<string, Record<string, number>> = {};

    constructor(private readonly capacity = 200_000) {}

    record(entry: Omit<RequestLogEntry, "seq">): void {
        this.seq += 1;
        this.total += 1;
        this.byOperation[entry.operation] = (this.byOperation[entry.operation] ?? 0) + 1;
        const statuses = (this.byOperationStatus[entry.operation] ??= {});
        statuses[String(entry.status)] = (statuses[String(entry.status)] ?? 0) + 1;
        this.entries.push({ seq: this.seq, ...entry });
        if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    }

    counts(): CallCounts {
        return {
            total: this.total,
            byOperation: { ...this.byOperation },
            byOperationStatus: Object.fromEntries(Object.entries(this.byOperationStatus).map(([k, v]) => [k, { ...v }])),
        };
    }

    list(): RequestLogEntry[] {
        return [...this.entries];
    }

    reset(): void {
        this.entries = [];
        this.total = 0;
        this.byOperation = {};
        this.byOperationStatus = {};
    }
}
