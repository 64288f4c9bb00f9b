/**
 * Reading BSS response bodies field by field. The client validates responses against the reference;
 * the data sources read them through these accessors so that absent optional fields, integers sent
 * as strings (`charge_mode` is a string on one API and an integer on the next) and amounts sent as
 * numbers or strings all land in one predictable shape.
 */

/** A JSON object from the wire. */
export type WireRecord = Readonly<Record<string, unknown>>;

/** The value as a JSON object (an absent or non-object value reads as an empty object). */
export function asRecord(value: unknown): WireRecord {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as WireRecord) : {};
}

/** `record[key]` as an array of objects (absent = empty). */
export function records(record: WireRecord, key: string): WireRecord[] {
    const value = record[key];
    return Array.isArray(value) ? value.map(asRecord) : [];
}

/** `record[key]` as a nested object, or undefined. */
export function nested(record: WireRecord, key: string): WireRecord | undefined {
    const value = record[key];
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as WireRecord) : undefined;
}

/** `record[key]` as a string (numbers are written out), or undefined when absent, null or empty. */
export function text(record: WireRecord, key: string): string | undefined {
    const value = record[key];
    if (typeof value === "string") return value === "" ? undefined : value;
    if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
    return undefined;
}

/** `record[key]` as an integer (numeric strings are read), or undefined. */
export function integer(record: WireRecord, key: string): number | undefined {
    const value = record[key];
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
    return undefined;
}

/** `record[key]` as a boolean (`"true"`/`"false"` strings are read), or undefined. */
export function flag(record: WireRecord, key: string): boolean | undefined {
    const value = record[key];
    if (typeof value === "boolean") return value;
    if (value === "true") return true;
    if (value === "false") return false;
    return undefined;
}

/** `record[key]` as an array of strings (absent = empty). */
export function strings(record: WireRecord, key: string): string[] {
    const value = record[key];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** A request object without its `undefined` fields (the wire treats absent and null differently on some APIs). */
export function compact<T extends Record<string, unknown>>(request: T): Partial<T> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(request)) if (value !== undefined) out[key] = value;
    return out as Partial<T>;
}
