/**
 * Calendar arithmetic as BSS applies it to renewals: a renewal extends the current expire_time by
 * N calendar months or years (anchored on the expire time, not on now); a day that does not exist
 * in the target month is clamped to the month's last day (Jan 31 + 1 month = Feb 28/29).
 */

export type PeriodType = "month" | "year";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function daysInMonth(year: number, monthIndex: number): number {
    return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** `instant` plus `count` calendar months, day clamped to the target month's length, time kept. */
export function addMonths(instant: Date, count: number): Date {
    const year = instant.getUTCFullYear();
    const month = instant.getUTCMonth() + count;
    const targetYear = year + Math.floor(month / 12);
    const targetMonth = ((month % 12) + 12) % 12;
    const day = Math.min(instant.getUTCDate(), daysInMonth(targetYear, targetMonth));
    return new Date(
        Date.UTC(targetYear, targetMonth, day, instant.getUTCHours(), instant.getUTCMinutes(), instant.getUTCSeconds(), instant.getUTCMilliseconds()),
    );
}

export function addPeriods(instant: Date, periodType: PeriodType, count: number): Date {
    return addMonths(instant, periodType === "year" ? count * 12 : count);
}

/**
 * The instant `renewUntil` names, or a reason it is not valid. A date (YYYY-MM-DD) means the
 * start of that day in UTC: "keep it paid at least until 2027-06-30" is met by any expiry on or
 * after 2027-06-30T00:00:00Z. A date-time must carry its zone (Z or ±hh:mm).
 */
export function parseRenewUntil(text: string): { instant: Date } | { reason: string } {
    const dateOnly = DATE_ONLY.exec(text);
    if (dateOnly) {
        const [, y, m, d] = dateOnly.map(Number);
        if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m - 1)) return { reason: `${text} is not a calendar date` };
        return { instant: new Date(Date.UTC(y, m - 1, d)) };
    }
    const dateTime = DATE_TIME.exec(text);
    if (dateTime) {
        const [y, m, d, hh, mm] = dateTime.slice(1, 6).map(Number);
        const ss = dateTime[6] === undefined ? 0 : Number(dateTime[6]);
        if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m - 1) || hh > 23 || mm > 59 || ss > 59) {
            return { reason: `${text} is not a valid date and time` };
        }
        return { instant: new Date(text) };
    }
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text)) {
        return { reason: `${text} has no time zone: end it with Z (UTC) or an offset such as +08:00, or give a date (YYYY-MM-DD)` };
    }
    return { reason: "must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone (e.g. 2027-06-30T00:00:00Z)" };
}

/** BSS's time format: UTC, seconds precision, no milliseconds. */
export function formatBssTime(instant: Date): string {
    return instant.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function parseBssTime(text: string | undefined): Date | undefined {
    if (!text) return undefined;
    const instant = new Date(text);
    return Number.isNaN(instant.getTime()) ? undefined : instant;
}
