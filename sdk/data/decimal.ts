/**
 * Exact decimal numbers for money and usage quantities.
 *
 * BSS returns amounts as JSON numbers or decimal strings with up to 10 fractional digits; summing
 * thousands of them in binary floating point drifts by cents. A `Decimal` is a bigint coefficient and
 * a power-of-ten scale (`value = coefficient / 10^scale`), so addition, subtraction and
 * multiplication are exact. Results of the data sources carry amounts as canonical decimal strings
 * (Pulumi outputs and JSON cannot hold bigints); `Decimal.from(text)` turns them back into numbers
 * for arithmetic.
 */

/** A plain decimal literal: optional sign, digits, optional fraction, optional exponent. */
const DECIMAL_LITERAL = /^([+-])?(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Rounding modes of {@link Decimal.round}. */
export type RoundingMode = "halfUp" | "halfEven" | "down" | "up" | "floor" | "ceiling";

/** A canonical decimal string such as `"12.3"`, `"-0.00012345"` or `"0"` (no exponent, no trailing zeros). */
export type DecimalString = string;

/** An immutable exact decimal number. */
export class Decimal {
    static readonly ZERO = new Decimal(0n, 0);
    static readonly ONE = new Decimal(1n, 0);

    /** `value = coefficient / 10^scale`; always normalized (no trailing zero digits in the coefficient when scale > 0). */
    private constructor(
        readonly coefficient: bigint,
        readonly scale: number,
    ) {}

    private static of(coefficient: bigint, scale: number): Decimal {
        // Normalize so equal values have one representation (cheap for money-sized scales).
        while (scale > 0 && coefficient % 10n === 0n) {
            coefficient /= 10n;
            scale -= 1;
        }
        if (scale < 0) {
            coefficient *= 10n ** BigInt(-scale);
            scale = 0;
        }
        return new Decimal(coefficient, scale);
    }

    /**
     * Reads a decimal from a string literal (`"12.34"`, `"-1e-8"`), a JS number (read through its
     * shortest round-trip representation, which is what the JSON text said for up to 15 significant
     * digits), a bigint, or another Decimal. Empty strings, `null` and `undefined` are rejected; use
     * {@link Decimal.fromOptional} for optional wire fields.
     */
    static from(value: DecimalInput): Decimal {
        if (value instanceof Decimal) return value;
        if (typeof value === "bigint") return Decimal.of(value, 0);
        if (typeof value === "number") {
            if (!Number.isFinite(value)) throw new DecimalError(`not a finite number: ${value}`);
            return Decimal.parse(String(value));
        }
        if (typeof value === "string") return Decimal.parse(value);
        throw new DecimalError(`not a decimal value: ${describe(value)}`);
    }

    /** Like {@link Decimal.from}, but `undefined`, `null` and `""` (absent wire fields) read as `fallback`. */
    static fromOptional(value: DecimalInput | null | undefined, fallback: Decimal = Decimal.ZERO): Decimal {
        if (value === undefined || value === null || value === "") return fallback;
        return Decimal.from(value);
    }

    /** Is `value` something {@link Decimal.from} accepts? */
    static isDecimal(value: unknown): boolean {
        if (value instanceof Decimal || typeof value === "bigint") return true;
        if (typeof value === "number") return Number.isFinite(value);
        return typeof value === "string" && parseLiteral(value) !== undefined;
    }

    private static parse(text: string): Decimal {
        const parsed = parseLiteral(text);
        if (!parsed) throw new DecimalError(`not a decimal number: ${JSON.stringify(text)}`);
        return Decimal.of(parsed.coefficient, parsed.scale);
    }

    /** Sum of any number of values (exact). */
    static sum(values: Iterable<DecimalInput>): Decimal {
        let total: Decimal = Decimal.ZERO;
        for (const value of values) total = total.plus(value);
        return total;
    }

    plus(other: DecimalInput): Decimal {
        const b = Decimal.from(other);
        const scale = Math.max(this.scale, b.scale);
        return Decimal.of(this.rescaled(scale) + b.rescaled(scale), scale);
    }

    minus(other: DecimalInput): Decimal {
        return this.plus(Decimal.from(other).negated());
    }

    times(other: DecimalInput): Decimal {
        const b = Decimal.from(other);
        return Decimal.of(this.coefficient * b.coefficient, this.scale + b.scale);
    }

    /**
     * `this / other`, rounded to `decimals` fractional digits (division is the one operation that is
     * not exact in decimal, so the caller says how many digits it wants).
     */
    dividedBy(other: DecimalInput, decimals: number, mode: RoundingMode = "halfEven"): Decimal {
        const b = Decimal.from(other);
        if (b.coefficient === 0n) throw new DecimalError("division by zero");
        // this / b = (ca / 10^sa) / (cb / 10^sb) = ca * 10^sb / (cb * 10^sa); scale up by 10^decimals.
        const numerator = this.coefficient * 10n ** BigInt(b.scale + decimals);
        const denominator = b.coefficient * 10n ** BigInt(this.scale);
        return Decimal.of(divideRounded(numerator, denominator, mode), decimals);
    }

    negated(): Decimal {
        return Decimal.of(-this.coefficient, this.scale);
    }

    abs(): Decimal {
        return this.coefficient < 0n ? this.negated() : this;
    }

    /** -1, 0 or 1. */
    compare(other: DecimalInput): -1 | 0 | 1 {
        const b = Decimal.from(other);
        const scale = Math.max(this.scale, b.scale);
        const x = this.rescaled(scale);
        const y = b.rescaled(scale);
        return x < y ? -1 : x > y ? 1 : 0;
    }

    equals(other: DecimalInput): boolean {
        return this.compare(other) === 0;
    }

    isZero(): boolean {
        return this.coefficient === 0n;
    }

    isNegative(): boolean {
        return this.coefficient < 0n;
    }

    /** Rounded to `decimals` fractional digits. */
    round(decimals: number, mode: RoundingMode = "halfUp"): Decimal {
        if (this.scale <= decimals) return this;
        const divisor = 10n ** BigInt(this.scale - decimals);
        return Decimal.of(divideRounded(this.coefficient, divisor, mode), decimals);
    }

    /** The canonical plain string: no exponent, no trailing zeros (`"12.3"`, `"0"`, `"-0.00000001"`). */
    toString(): DecimalString {
        return this.toFixedDigits(0);
    }

    /** A plain string with at least `decimals` fractional digits, rounded half-up to exactly that many when longer. */
    toFixed(decimals: number): string {
        return this.round(decimals, "halfUp").toFixedDigits(decimals);
    }

    /** JSON and Pulumi outputs see the canonical string. */
    toJSON(): DecimalString {
        return this.toString();
    }

    /** Nearest JS number, for display or charts only (never for further money arithmetic). */
    toNumber(): number {
        return Number(this.toString());
    }

    private toFixedDigits(minDecimals: number): string {
        const negative = this.coefficient < 0n;
        const digits = (negative ? -this.coefficient : this.coefficient).toString();
        let whole: string;
        let fraction: string;
        if (this.scale === 0) {
            whole = digits;
            fraction = "";
        } else {
            const padded = digits.padStart(this.scale + 1, "0");
            whole = padded.slice(0, padded.length - this.scale);
            fraction = padded.slice(padded.length - this.scale);
        }
        if (fraction.length < minDecimals) fraction = fraction.padEnd(minDecimals, "0");
        const text = fraction.length > 0 ? `${whole}.${fraction}` : whole;
        return negative ? `-${text}` : text;
    }

    private rescaled(scale: number): bigint {
        return this.coefficient * 10n ** BigInt(scale - this.scale);
    }
}

/** What {@link Decimal.from} accepts. */
export type DecimalInput = Decimal | DecimalString | number | bigint;

/** A value could not be read as a decimal number. */
export class DecimalError extends RangeError {
    readonly code = "DECIMAL_INVALID";
    constructor(message: string) {
        super(message);
        this.name = "DecimalError";
    }
}

function parseLiteral(text: string): { coefficient: bigint; scale: number } | undefined {
    const match = DECIMAL_LITERAL.exec(text.trim());
    if (!match) return undefined;
    const [, sign, whole = "", fraction = "", exponentText] = match;
    if (whole === "" && fraction === "") return undefined;
    const exponent = exponentText === undefined ? 0 : Number(exponentText);
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return undefined;
    let coefficient = BigInt(`${whole}${fraction}` || "0");
    let scale = fraction.length - exponent;
    if (scale < 0) {
        coefficient *= 10n ** BigInt(-scale);
        scale = 0;
    }
    return { coefficient: sign === "-" ? -coefficient : coefficient, scale };
}

/** `numerator / denominator` rounded to an integer (denominator may be negative). */
function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
    if (denominator < 0n) {
        numerator = -numerator;
        denominator = -denominator;
    }
    const quotient = numerator / denominator; // truncated toward zero
    const remainder = numerator % denominator;
    if (remainder === 0n) return quotient;
    const negative = numerator < 0n;
    const twice = (remainder < 0n ? -remainder : remainder) * 2n;
    const awayFromZero = negative ? quotient - 1n : quotient + 1n;
    switch (mode) {
        case "down":
            return quotient;
        case "up":
            return awayFromZero;
        case "floor":
            return negative ? awayFromZero : quotient;
        case "ceiling":
            return negative ? quotient : awayFromZero;
        case "halfUp":
            return twice >= denominator ? awayFromZero : quotient;
        case "halfEven":
            if (twice > denominator) return awayFromZero;
            if (twice < denominator) return quotient;
            return quotient % 2n === 0n ? quotient : awayFromZero;
    }
}

function describe(value: unknown): string {
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}
