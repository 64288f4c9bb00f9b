/** Building blocks of the generated request schemas: the reference's date formats and list rules. */
import { z } from "zod";

const UTC_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;
const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CALENDAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

interface FormatOptions {
    /** The reference allows "" (meaning "no filter") for this field. */
    readonly allowEmpty?: boolean;
}

function formatted(pattern: RegExp, rule: string, options?: FormatOptions) {
    return z.string().refine((text) => (options?.allowEmpty && text === "") || pattern.test(text), { error: `must be ${rule}` });
}

/** UTC timestamp `yyyy-MM-ddTHH:mm:ssZ` without fractional seconds, e.g. 2026-05-06T08:05:01Z. */
export function utcDateTime(options?: FormatOptions) {
    return formatted(UTC_DATE_TIME, "a UTC time yyyy-MM-ddTHH:mm:ssZ without milliseconds, e.g. 2026-05-06T08:05:01Z", options);
}

/** Calendar date `YYYY-MM-DD` (bill dates are Beijing time, UTC+8). */
export function calendarDate(options?: FormatOptions) {
    return formatted(CALENDAR_DATE, "a date YYYY-MM-DD, e.g. 2026-05-06", options);
}

/** Calendar month `YYYY-MM` (bill cycles are Beijing time, UTC+8). */
export function calendarMonth(options?: FormatOptions) {
    return formatted(CALENDAR_MONTH, "a month YYYY-MM, e.g. 2026-05", options);
}

export function allDistinct(values: readonly unknown[]): boolean {
    return new Set(values).size === values.length;
}
