/**
 * Wire records to result records, by one rule so that the mapping is predictable:
 *
 * - every field keeps its value under the camelCase of its wire name (`consume_amount` →
 *   `consumeAmount`, `resource_Type_code` → `resourceTypeCode`; already-camelCase v1.0 and invoice
 *   fields are unchanged), except where a shape renames it;
 * - money fields become exact decimal strings in the currency's main unit, with the record's
 *   `measure_id` (or its parent's) applied; the `measure_id` of such a record is then dropped, since
 *   every amount in the result is in main units;
 * - quantity fields (usage, quotas, bandwidths) become exact decimal strings with their unit ids kept;
 * - `null` and absent fields are left out.
 */
import { Decimal } from "./decimal";
import { moneyDecimal, quantity } from "./money";
import { WireRecord } from "./wire";

/** How to convert one kind of record. */
export interface RecordShape {
    /**
     * Money fields. `"auto"` (the default) means every field whose name has the word `amount`
     * (`amount`, `consume_amount`, `amount_after_discount`, `taxAmount`), plus `extraMoney`; an
     * explicit list means exactly those.
     */
    readonly money?: "auto" | readonly string[];
    readonly extraMoney?: readonly string[];
    /** Decimal non-money fields (never scaled). */
    readonly quantities?: readonly string[];
    /** Field holding the unit of the money fields (default `measure_id`). */
    readonly measureField?: string;
    /** Nested records (objects or arrays of objects) and their shapes. */
    readonly nested?: Readonly<Record<string, RecordShape>>;
    /** Result names that differ from camelCase of the wire name. */
    readonly rename?: Readonly<Record<string, string>>;
    /** Fields whose 0/1 integer (or "0"/"1" string) becomes a boolean. */
    readonly booleans?: readonly string[];
    /** Wire fields to leave out of the result. */
    readonly omit?: readonly string[];
}

/** `consume_amount` → `consumeAmount`; `resource_Type_code` → `resourceTypeCode`; `payMethod` stays. */
export function camelCase(wireName: string): string {
    const parts = wireName.split("_").filter((p) => p !== "");
    if (parts.length === 0) return wireName;
    return parts
        .map((part, index) => (index === 0 ? part.charAt(0).toLowerCase() + part.slice(1) : part.charAt(0).toUpperCase() + part.slice(1)))
        .join("");
}

/** `consume_amount`, `amount`, `amount_after_discount`, `invoiceAmount`: a word "amount" in the name. */
const AMOUNT_NAME = /(^|_)[aA]mount(_|$)|[a-z]Amount($|[A-Z])/;

/** Converts one wire record (see the module comment); `inheritedMeasure` is the parent's `measure_id`. */
export function convertRecord<T = Record<string, unknown>>(record: WireRecord, shape: RecordShape = {}, inheritedMeasure?: unknown): T {
    const measureField = shape.measureField ?? "measure_id";
    const measure = record[measureField] ?? inheritedMeasure;
    const explicitMoney = Array.isArray(shape.money) ? new Set(shape.money) : undefined;
    const quantities = new Set(shape.quantities ?? []);
    const extraMoney = new Set(shape.extraMoney ?? []);
    const booleans = new Set(shape.booleans ?? []);
    const omit = new Set(shape.omit ?? []);
    const isMoney = (key: string) =>
        !quantities.has(key) && (explicitMoney ? explicitMoney.has(key) : AMOUNT_NAME.test(key) || extraMoney.has(key));

    let hasMoney = false;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
        if (value === null || value === undefined || omit.has(key)) continue;
        const name = shape.rename?.[key] ?? camelCase(key);
        const child = shape.nested?.[key];
        if (child) {
            if (Array.isArray(value)) out[name] = value.map((v) => convertRecord(asObject(v), child, measure));
            else if (typeof value === "object") out[name] = convertRecord(value as WireRecord, child, measure);
            continue;
        }
        if (typeof value === "object") {
            // Objects and arrays are never amounts themselves (`amount_info` holds amounts).
            if (Array.isArray(value)) out[name] = value.map((v) => (v !== null && typeof v === "object" ? convertRecord(v as WireRecord, {}, measure) : v));
            else out[name] = convertRecord(value as WireRecord, {}, measure);
        } else if (isMoney(key)) {
            if (value === "") continue;
            out[name] = moneyDecimal(value, measure, key).toString();
            hasMoney = true;
        } else if (quantities.has(key)) {
            const q = quantity(value, key);
            if (q !== undefined) out[name] = q;
        } else if (booleans.has(key)) {
            out[name] = value === 1 || value === "1" || value === true || value === "true";
        } else {
            out[name] = value;
        }
    }
    // Amounts are now in main units: a kept measure id would misdescribe them.
    if (hasMoney) delete out[shape.rename?.[measureField] ?? camelCase(measureField)];
    return out as T;
}

/** Sums the money field `field` (camelCase result name) over converted records. */
export function sumField(items: Iterable<Record<string, unknown>>, field: string): Decimal {
    let total = Decimal.ZERO;
    for (const item of items) {
        const value = item[field];
        if (typeof value === "string" && value !== "") total = total.plus(value);
    }
    return total;
}

function asObject(value: unknown): WireRecord {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as WireRecord) : {};
}
