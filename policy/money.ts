/**
 * Exact decimal amounts for budget rules. BSS quotes prices as decimal strings; a budget check must
 * never go through a binary float (0.1 + 0.2 must be 0.3, "100.000001" must be over "100").
 * A value is a bigint count of 10^-scale; nothing is ever rounded or truncated.
 */

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;

export interface Decimal {
    readonly units: bigint;
    readonly scale: number;
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

/** True for a plain decimal literal ("12", "12.50", "-3.1"); exponents and blanks are refused. */
export function isDecimalText(text: string): boolean {
    return DECIMAL_TEXT.test(text.trim());
}

/**
 * Reads a decimal from a string, or from a JSON number through its shortest decimal form (the
 * digits the user wrote in the config file). Throws a RangeError naming the value otherwise.
 */
export function parseDecimal(value: string | number): Decimal {
    const text = typeof value === "number" ? numberText(value) : value.trim();
    const match = DECIMAL_TEXT.exec(text);
    if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(value)}`);
    const [, sign, whole, fraction = ""] = match;
    const magnitude = BigInt(whole + fraction);
    return { units: sign ? -magnitude : magnitude, scale: fraction.length };
}

function numberText(value: number): string {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
    const text = String(value);
    if (!/e/i.test(text)) return text;
    // Only huge or tiny magnitudes print with an exponent; BigInt keeps huge integers exact.
    if (Number.isInteger(value)) return BigInt(value).toString();
    throw new RangeError(`amount ${text} is too small to be money: write it as a decimal string`);
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
    const scale = Math.max(a.scale, b.scale);
    return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
    const [x, y, scale] = aligned(a, b);
    return { units: x + y, scale };
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
    const [x, y] = aligned(a, b);
    return x < y ? -1 : x > y ? 1 : 0;
}

/** The sum of every term, exact. */
export function sumDecimals(values: Iterable<Decimal>): Decimal {
    let total = ZERO;
    for (const value of values) total = addDecimal(total, value);
    return total;
}

/** The decimal as text with at least `minDecimals` decimals ("300.00", "0.125"). */
export function formatDecimal(value: Decimal, minDecimals = 2): string {
    const scale = Math.max(value.scale, minDecimals);
    const units = value.units * 10n ** BigInt(scale - value.scale);
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return negative ? `-${text}` : text;
}

/** An amount with its currency, as text for messages: "300.00 CNY". */
export function formatMoney(value: Decimal, currency: string): string {
    return `${formatDecimal(value)} ${currency}`;
}
