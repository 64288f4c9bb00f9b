/**
 * The emulator's virtual clock. It flows with real time from the instant it was last set (so a
 * long-running emulator behaves like a service), unless frozen; tests move it with set/advance.
 * Signatures are checked against it, and expiry processing runs up to it.
 */
import { addIsoDuration, formatUtc, normaliseTime, parseTime } from "./time";

export class VirtualClock {
    private baseMs: number;
    private anchorRealMs: number;

    constructor(
        start?: string,
        private readonly frozen = false,
    ) {
        this.baseMs = start ? parseTime(normaliseTime(start)) : Math.floor(Date.now() / 1000) * 1000;
        this.anchorRealMs = Date.now();
    }

    get isFrozen(): boolean {
        return this.frozen;
    }

    nowMs(): number {
        return this.frozen ? this.baseMs : this.baseMs + (Date.now() - this.anchorRealMs);
    }

    now(): Date {
        return new Date(this.nowMs());
    }

    /** Wire format, whole seconds. */
    nowIso(): string {
        return formatUtc(Math.floor(this.nowMs() / 1000) * 1000);
    }

    set(iso: string): string {
        this.baseMs = parseTime(normaliseTime(iso));
        this.anchorRealMs = Date.now();
        return this.nowIso();
    }

    /** Moves forward (or back, with a leading "-") by an ISO-8601 duration such as P1M or PT36H. */
    advance(duration: string): string {
        return this.set(addIsoDuration(this.nowIso(), duration));
    }
}
