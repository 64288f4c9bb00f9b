/**
 * Time helpers in the wire's terms: UTC `yyyy-MM-ddTHH:mm:ssZ`, Beijing-time (UTC+8) bill dates,
 * calendar month/year arithmetic, ISO-8601 durations for the clock.
 */

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;
export const HOUR_MS = 3600 * 1000;

/** `yyyy-MM-ddTHH:mm:ssZ` (UTC, no milliseconds). */
export function formatUtc(date: Date | number): string {
    const d = typeof date === "number" ? new Date(date) : date;
    return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Strict wire datetime check. */
export function isWireDatetime(text: string): boolean {
    const m = DATETIME.exec(text);
    if (!m) return false;
    const d = new Date(text);
    return !Number.isNaN(d.getTime()) && formatUtc(d) === text;
}

/** Parses the wire format (and, leniently, any ISO-8601 text Date understands). */
export function parseTime(text: string): number {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw new Error(`not a time: ${text}`);
    return ms;
}

/** Normalises any ISO-8601 time to the wire format, dropping milliseconds. */
export function normaliseTime(text: string): string {
    return formatUtc(Math.floor(parseTime(text) / 1000) * 1000);
}

export function isDate(text: string): boolean {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    const d = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

export function isMonth(text: string): boolean {
    const m = /^(\d{4})-(\d{2})$/.exec(text);
    return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** Beijing-time calendar date `YYYY-MM-DD` of a UTC instant (bill_date). */
export function beijingDate(time: string | number): string {
    const ms = typeof time === "number" ? time : parseTime(time);
    return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Beijing-time month `YYYY-MM` of a UTC instant (bill cycle). */
export function beijingMonth(time: string | number): string {
    return beijingDate(time).slice(0, 7);
}

/** UTC instant at which a Beijing-time date starts. */
export function beijingDayStart(date: string): number {
    return Date.parse(`${date}T00:00:00Z`) - BEIJING_OFFSET_MS;
}

/**
 * Adds calendar months in UTC; a day that does not exist in the target month is clamped to its last
 * day (Jan 31 + 1 month = Feb 28/29), as subscription periods are extended.
 */
export function addMonths(time: string, months: number): string {
    const d = new Date(parseTime(time));
    const day = d.getUTCDate();
    const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(day, lastDay));
    return formatUtc(target);
}

/** Adds `num` periods of a BSS period type (2 month, 3 year). */
export function addPeriods(time: string, periodType: number, num: number): string {
    return addMonths(time, periodType === 3 ? 12 * num : num);
}

export function addMs(time: string, ms: number): string {
    return formatUtc(parseTime(time) + ms);
}

/** ISO-8601 duration (P1Y2M3DT4H5M6S, P2W) applied to a time with calendar arithmetic. */
export function addIsoDuration(time: string, duration: string): string {
    const m = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration.trim());
    if (!m || duration.trim() === "P" || duration.trim().endsWith("T")) throw new Error(`not an ISO-8601 duration: ${duration}`);
    const sign = m[1] ? -1 : 1;
    const [years, months, weeks, days, hours, minutes] = [m[2], m[3], m[4], m[5], m[6], m[7]].map((v) => Number(v ?? 0));
    const seconds = Number(m[8] ?? 0);
    let result = addMonths(time, sign * (years * 12 + months));
    const ms = ((weeks * 7 + days) * 24 * 3600 + hours * 3600 + minutes * 60 + seconds) * 1000;
    result = formatUtc(parseTime(result) + sign * ms);
    return result;
}

export function maxTime(a: string, b: string): string {
    return a > b ? a : b;
}

export function minTime(a: string, b: string): string {
    return a < b ? a : b;
}
