/**
 * Reading resource properties inside the policy framework.
 *
 * During preview some values are unknown; the framework's proxy throws when one is read, and an
 * uncaught throw turns the whole rule into an advisory "can't run policy during preview" note.
 * Rules read through `readProp` instead and decide for themselves: a value that is unknown now is
 * known when `pulumi up` registers the resource, and the rules run again then.
 *
 * Props of this package's resources also hold `__provider` (plaintext, in analysis) and may hold
 * unwrapped secrets, so nothing here ever serialises props: rules name the fields they print.
 */
// The framework exports these at run time, but its published typings strip them (@internal).
const policyRuntime = require("@pulumi/policy") as { UnknownValueError?: new (...args: never[]) => Error };

/** Marks a property that exists but cannot be known until the update runs. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

/** Sentinels the engine uses for unknown values (the framework's proxy recognises the same ones). */
const UNKNOWN_SENTINELS = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

function isUnknownValueError(error: unknown): boolean {
    const UnknownValueError = policyRuntime.UnknownValueError;
    if (UnknownValueError && error instanceof UnknownValueError) return true;
    return error instanceof Error && error.name === "UnknownValueError";
}

/**
 * The value at `path` in `props`: `undefined` when absent, `UNKNOWN` when it (or an object on the
 * way to it) is unknown during preview.
 */
export function readProp(props: unknown, ...path: string[]): unknown {
    let current: unknown = props;
    for (const key of path) {
        if (current === null || current === undefined || typeof current !== "object") return undefined;
        try {
            current = (current as Record<string, unknown>)[key];
        } catch (error) {
            if (isUnknownValueError(error)) return UNKNOWN;
            throw error;
        }
        if (typeof current === "string" && UNKNOWN_SENTINELS.has(current)) return UNKNOWN;
    }
    return current;
}

/** A string property: the string, `UNKNOWN`, or `undefined` when absent or not a string. */
export function readString(props: unknown, ...path: string[]): string | Unknown | undefined {
    const value = readProp(props, ...path);
    return value === UNKNOWN || typeof value === "string" ? value : undefined;
}

/** A number property (numeric strings accepted): the number, `UNKNOWN`, or `undefined`. */
export function readNumber(props: unknown, ...path: string[]): number | Unknown | undefined {
    const value = readProp(props, ...path);
    if (value === UNKNOWN || typeof value === "number") return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

const SPECIAL_PROXY = "__isSpecialProxy";
const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * The object under the framework's proxies (unknown-checking, secret-preserving). A remediation
 * copies this, not the proxy: copying the proxy would throw on unknown values and unwrap secrets,
 * while the raw object keeps unknowns, secrets and `__provider` exactly as they came.
 */
export function rawProps(props: Record<string, unknown>): Record<string, unknown> {
    let current: Record<string, unknown> = props;
    for (let depth = 0; depth < 4; depth++) {
        let isProxy: unknown;
        try {
            isProxy = current[SPECIAL_PROXY];
        } catch {
            isProxy = false;
        }
        if (isProxy !== true) break;
        current = current[PROXY_TARGET] as Record<string, unknown>;
    }
    return current;
}

/** Matches `name` against a glob where `*` is any run of characters and `?` one character. */
export function globMatches(pattern: string, name: string): boolean {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${source}$`).test(name);
}

/**
 * A short, safe rendering of a user-supplied identifier for a message: printable, at most 80
 * characters. Only identifiers (resource ids, service codes, names) are ever passed here.
 */
export function quote(value: string): string {
    const printable = value.replace(/[^\x20-\x7e]/g, "?");
    return JSON.stringify(printable.length > 80 ? `${printable.slice(0, 77)}...` : printable);
}
