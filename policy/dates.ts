/** Calendar arithmetic for the time-based rules, all in UTC. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds since the epoch for a date ("2027-06-30", read as UTC midnight) or a timestamp; NaN if unreadable. */
export function parseInstant(text: string): number {
    return Date.parse(text.trim());
}

/** `instant` plus `months` calendar months, the day clamped to the target month's length. */
export function addMonths(instant: number, months: number): number {
    const date = new Date(instant);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + months;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
}

export function addDays(instant: number, days: number): number {
    return instant + days * DAY_MS;
}

/** Whole days from `from` to `to`, rounded down (negative when `to` is earlier). */
export function daysBetween(from: number, to: number): number {
    return Math.floor((to - from) / DAY_MS);
}

/** YYYY-MM-DD of an instant. */
export function formatDay(instant: number): string {
    return new Date(instant).toISOString().slice(0, 10);
}

/** "now" for a rule: the configured `asOf` date when given (offline tests on a virtual clock), else the clock. */
export function currentInstant(asOf: string | undefined, now: () => Date): number {
    if (asOf !== undefined) return parseInstant(asOf);
    return now().getTime();
}
