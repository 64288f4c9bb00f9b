/**
 * Bill-month arithmetic on top of emulator/time.ts: bill months (YYYY-MM) and bill dates (YYYY-MM-DD)
 * are Beijing time (UTC+8), so a month starts at 16:00 UTC on the last day of the previous one.
 */
import { beijingDate, beijingDayStart, DAY_MS } from "../time";

export const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

const MONTH_TEXT = /^(\d{4})-(\d{2})$/;

/** Parses a wire timestamp; undefined when absent or not a time. */
export function parseTimestamp(text: string | undefined | null): number | undefined {
    if (!text) return undefined;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
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

export function nextMonth(month: string): string {
    const [year, mon] = month.split("-").map(Number);
    return mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, "0")}`;
}

export function nextDate(date: string): string {
    return beijingDate(beijingDayStart(date) + DAY_MS);
}

/** Every bill month from `first` to `last` inclusive (bounded). */
export function monthsBetween(first: string, last: string): string[] {
    const months: string[] = [];
    for (let month = first; month <= last && months.length < 1200; month = nextMonth(month)) months.push(month);
    return months;
}

/** Every bill date from `first` to `last` inclusive (bounded). */
export function datesBetween(first: string, last: string): string[] {
    const dates: string[] = [];
    for (let date = first; date <= last && dates.length < 40000; date = nextDate(date)) dates.push(date);
    return dates;
}
