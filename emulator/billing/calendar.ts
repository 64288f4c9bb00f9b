/**
 * Bill calendar: bill months (YYYY-MM) and bill dates (YYYY-MM-DD) are Beijing time (UTC+8);
 * timestamps on the wire are UTC "yyyy-MM-ddTHH:mm:ssZ" without fractional seconds.
 */

export const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;

const MONTH_TEXT = /^(\d{4})-(\d{2})$/;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Wire timestamp of an instant: 2019-05-06T08:05:01Z. */
export function utcTimestamp(ms: number): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Parses a wire timestamp (or any ISO-8601 instant); undefined when it is not one. */
export function parseTimestamp(text: string | undefined | null): number | undefined {
    if (!text) return undefined;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
}

/** Beijing bill date of an instant. */
export function billDateOf(ms: number): string {
    return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Beijing bill month of an instant. */
export function billMonthOf(ms: number): string {
    return billDateOf(ms).slice(0, 7);
}

export function isBillMonth(text: string): boolean {
    const match = MONTH_TEXT.exec(text);
    return !!match && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

export function isBillDate(text: string): boolean {
    const match = DATE_TEXT.exec(text);
    if (!match) return false;
    const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return new Date(ms).toISOString().slice(0, 10) === text;
}

/** UTC instant at which a Beijing bill month starts. */
export function monthStartMs(month: string): number {
    const match = MONTH_TEXT.exec(month);
    if (!match) throw new RangeError(`not a bill month: ${month}`);
    return Date.UTC(Number(match[1]), Number(match[2]) - 1, 1) - BEIJING_OFFSET_MS;
}

/** UTC instant at which the Beijing bill month after `month` starts (exclusive end of `month`). */
export function monthEndMs(month: string): number {
    return monthStartMs(nextMonth(month));
}

/** UTC instant at which a Beijing bill date starts. */
export function dateStartMs(date: string): number {
    const match = DATE_TEXT.exec(date);
    if (!match) throw new RangeError(`not a bill date: ${date}`);
    return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - BEIJING_OFFSET_MS;
}

export function nextMonth(month: string): string {
    const [year, mon] = month.split("-").map(Number);
    return mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, "0")}`;
}

export function nextDate(date: string): string {
    return billDateOf(dateStartMs(date) + DAY_MS);
}

/** Every bill month from `first` to `last` inclusive. */
export function monthsBetween(first: string, last: string): string[] {
    const months: string[] = [];
    for (let month = first; month <= last && months.length < 1200; month = nextMonth(month)) months.push(month);
    return months;
}

/** Every bill date from `first` to `last` inclusive. */
export function datesBetween(first: string, last: string): string[] {
    const dates: string[] = [];
    for (let date = first; date <= last && dates.length < 40000; date = nextDate(date)) dates.push(date);
    return dates;
}

/** Number of days of a bill month. */
export function daysInMonth(month: string): number {
    return Math.round((monthEndMs(month) - monthStartMs(month)) / DAY_MS);
}

/** Months between two bill months (b - a), e.g. 2024-01 → 2025-03 is 14. */
export function monthDistance(a: string, b: string): number {
    const [ay, am] = a.split("-").map(Number);
    const [by, bm] = b.split("-").map(Number);
    return (by - ay) * 12 + (bm - am);
}
