/**
 * Helpers for the property bags the engine hands to dynamic providers: unknown values (preview),
 * deep comparison, and stripping `undefined` (which the engine rejects in outputs).
 */
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

export { unknownValue };

/** True for the engine's "not known until apply" sentinel. */
export function isUnknown(value: unknown): boolean {
    return value === unknownValue;
}

/** True when `value` is, or contains anywhere, an unknown value. */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/** Structural equality of JSON-like values; `undefined` and absent keys are equal. */
export function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
    for (const key of keys) if (!deepEqual(ra[key], rb[key])) return false;
    return true;
}

/**
 * A copy without `undefined` anywhere: the engine fails a call whose outputs hold `undefined`
 * ("Unexpected struct type"), so every result goes through this.
 */
export function withoutUndefined<T>(value: T): T {
    if (Array.isArray(value)) return value.map(withoutUndefined) as T;
    if (value !== null && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = withoutUndefined(item);
        return out as T;
    }
    return value;
}
