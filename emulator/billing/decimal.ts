/**
 * Exact decimal money for the billing views. Amounts are bigint counts of 1e-8 of the currency's main
 * unit ("units"): the precision of Huawei's raw resource-level bill amounts. Nothing here ever goes
 * through a binary float, except the final hand-over to a JSON number field (see toJsonNumber).
 */

/** Decimal places of one unit. */
export const MONEY_DECIMALS = 8;
export const UNITS_PER_MAIN = 10n ** BigInt(MONEY_DECIMALS);
/** One cent (0.01) in units: deductions happen at this precision. */
export const CENT = 10n ** BigInt(MONEY_DECIMALS - 2);

const DECIMAL_TEXT = /^([+-])?(\d+)(?:\.(\d*))?$/;

/**
 * Parses a decimal (string, bigint units are passed through as-is only via `unitsOf`) into a
 * rational numerator over 10^scale; digits beyond `scale` are truncated toward zero.
 */
export function parseScaled(text: string, scale: number): bigint {
    const match = DECIMAL_TEXT.exec(text.trim());
    if (!match) throw new RangeError(`not a decimal number: ${JSON.stringify(text)}`);
    const [, sign, whole, fraction = ""] = match;
    const digits = (fraction + "0".repeat(scale)).slice(0, scale);
    const magnitude = BigInt(whole) * 10n ** BigInt(scale) + BigInt(digits || "0");
    return sign === "-" ? -magnitude : magnitude;
}

/** Is `text` a plain decimal literal (what the wire allows for string amounts)? */
export function isDecimalText(text: string): boolean {
    return DECIMAL_TEXT.test(text.trim());
}

/** Number of digits after the decimal point in a decimal literal. */
export function fractionDigits(text: string): number {
    const match = DECIMAL_TEXT.exec(text.trim());
    return match?.[3]?.length ?? 0;
}

/**
 * Any amount the core may hand us (decimal string, JS number written by a scenario, or bigint
 * already in units) as units. Numbers are read through their shortest decimal representation.
 */
export function unitsOf(value: string | number | bigint | undefined | null): bigint {
    if (value === undefined || value === null || value === "") return 0n;
    if (typeof value === "bigint") return value;
    if (typeof value === "number") {
        if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
        return parseScaled(numberToPlainText(value), MONEY_DECIMALS);
    }
    return parseScaled(value, MONEY_DECIMALS);
}

/** A JS number written out without exponent notation. */
function numberToPlainText(value: number): string {
    const text = String(value);
    if (!/e/i.test(text)) return text;
    return value.toFixed(20).replace(/\.?0+$/, "");
}

/** `scaled / 10^scale` as a plain decimal string, trailing zeros dropped ("12.5", "0", "-0.00000001"). */
export function formatScaled(scaled: bigint, scale: number, minDecimals = 0): string {
    const negative = scaled < 0n;
    const magnitude = negative ? -scaled : scaled;
    const base = 10n ** BigInt(scale);
    const whole = (magnitude / base).toString();
    let fraction = scale > 0 ? (magnitude % base).toString().padStart(scale, "0") : "";
    fraction = fraction.replace(/0+$/, "");
    if (fraction.length < minDecimals) fraction = fraction.padEnd(minDecimals, "0");
    const text = fraction.length > 0 ? `${whole}.${fraction}` : whole;
    return negative && magnitude !== 0n ? `-${text}` : text;
}

/** Units as a decimal string ("12.34", "0.00012345"). */
export function formatUnits(units: bigint, minDecimals = 0): string {
    return formatScaled(units, MONEY_DECIMALS, minDecimals);
}

/**
 * Units as a JSON number for the many fields the wire types as `number`. A value with at most
 * 15 significant digits round-trips exactly through a double, which covers amounts below 10^7 at
 * 8 decimals; bigger values keep their first 17 significant digits.
 */
export function toJsonNumber(units: bigint): number {
    return Number(formatUnits(units));
}

/** Truncates toward zero to a multiple of `step` (the erasure rule: dropped fractions never get charged). */
export function truncateTo(units: bigint, step: bigint): bigint {
    return (units / step) * step;
}

/** Truncates toward zero to whole cents. */
export function truncateToCents(units: bigint): bigint {
    return truncateTo(units, CENT);
}

/** Sum of a list of unit amounts. */
export function sumUnits(values: Iterable<bigint>): bigint {
    let total = 0n;
    for (const value of values) total += value;
    return total;
}

/**
 * Splits `total` (a multiple of `step`) into parts proportional to `weights`, each a multiple of
 * `step`, summing exactly to `total` (largest-remainder method, ties to the earlier part).
 * Used to spread a rounded deduction back over the lines or payment components it came from.
 */
export function allocateProportionally(total: bigint, weights: readonly bigint[], step: bigint): bigint[] {
    if (weights.length === 0) return [];
    const negative = total < 0n;
    const target = negative ? -total : total;
    const weightSum = sumUnits(weights.map((w) => (negative ? -w : w)));
    if (weightSum <= 0n) {
        // No usable proportions (e.g. all zero, or mixed signs cancelling out): everything on the first part.
        const parts = weights.map(() => 0n);
        parts[0] = total;
        return parts;
    }
    const stepsTotal = target / step;
    const exact = weights.map((w) => ((negative ? -w : w) > 0n ? (negative ? -w : w) : 0n) * stepsTotal);
    const floors = exact.map((e) => e / weightSum);
    let remaining = stepsTotal - sumUnits(floors);
    const order = exact
        .map((e, index) => ({ index, remainder: e % weightSum }))
        .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
    for (const { index } of order) {
        if (remaining <= 0n) break;
        floors[index] += 1n;
        remaining -= 1n;
    }
    return floors.map((steps) => (negative ? -steps * step : steps * step));
}

/** Exact rational number (numerator/denominator, denominator > 0) for rating arithmetic. */
export interface Rational {
    readonly num: bigint;
    readonly den: bigint;
}

export function rational(num: bigint, den = 1n): Rational {
    if (den === 0n) throw new RangeError("division by zero");
    return den < 0n ? { num: -num, den: -den } : { num, den };
}

export function rationalOfDecimal(text: string | number): Rational {
    const literal = typeof text === "number" ? numberToPlainText(text) : text;
    const digits = fractionDigits(literal);
    return rational(parseScaled(literal, digits), 10n ** BigInt(digits));
}

export function multiply(a: Rational, b: Rational): Rational {
    return rational(a.num * b.num, a.den * b.den);
}

export function divide(a: Rational, b: Rational): Rational {
    return rational(a.num * b.den, a.den * b.num);
}

export function add(a: Rational, b: Rational): Rational {
    return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** The rational truncated toward zero to `scale` decimals, as a count of 10^-scale. */
export function truncateRational(value: Rational, scale: number): bigint {
    return (value.num * 10n ** BigInt(scale)) / value.den;
}
