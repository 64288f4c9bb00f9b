/**
 * Exact decimal arithmetic for money: BSS quotes renewal prices as decimal strings, and a budget
 * comparison must not suffer binary rounding. Values are kept as a scaled bigint.
 */

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

interface Scaled {
    readonly units: bigint;
    readonly scale: number;
}

/** True for a plain decimal number written without exponent, e.g. "12", "-3.50". */
export function isDecimalString(text: string): boolean {
    return DECIMAL_PATTERN.test(text.trim());
}

function parse(value: string | number): Scaled {
    const text = typeof value === "number" ? numberToPlainString(value) : value.trim();
    if (!isDecimalString(text)) throw new Error(`not a decimal number: ${JSON.stringify(value)}`);
    const negative = text.startsWith("-");
    const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
    const units = BigInt(whole + fraction) * (negative ? -1n : 1n);
    return { units, scale: fraction.length };
}

function numberToPlainString(value: number): string {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    // toFixed avoids exponent notation for the magnitudes money takes; trim trailing zeros.
    const fixed = value.toFixed(10);
    return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

function align(a: Scaled, b: Scaled): [bigint, bigint, number] {
    const scale = Math.max(a.scale, b.scale);
    return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

function format(units: bigint, scale: number): string {
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return negative ? `-${text}` : text;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareDecimal(a: string | number, b: string | number): -1 | 0 | 1 {
    const [x, y] = align(parse(a), parse(b));
    return x < y ? -1 : x > y ? 1 : 0;
}

/** Exact sum, written with the largest scale of its terms (at least 2 decimals). */
export function sumDecimals(values: readonly (string | number)[]): string {
    let total: Scaled = { units: 0n, scale: 2 };
    for (const value of values) {
        const [x, y, scale] = align(total, parse(value));
        total = { units: x + y, scale };
    }
    return format(total.units, total.scale);
}

/** The canonical text of a decimal input (number or string), e.g. 300 -> "300", "0300.50" -> "300.50". */
export function normalizeDecimal(value: string | number): string {
    const { units, scale } = parse(value);
    return format(units, scale);
}
