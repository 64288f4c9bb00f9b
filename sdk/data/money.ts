/**
 * Wire amounts to exact money: reads a JSON number or decimal string, applies the amount's
 * `measure_id`, and names the currency.
 */
import { Decimal, DecimalInput, DecimalString } from "./decimal";

/**
 * `measure_id` of money amounts → factor to the currency's main unit. The reference documents only
 * 1 (yuan on the Chinese site, US dollar on the international site); 2 (jiao, 0.1) and 3 (fen, 0.01)
 * are the other currency units of Huawei's measurement table (`ListMeasureUnits`, measure_type 1).
 */
export const CURRENCY_MEASURE_FACTORS: Readonly<Record<number, DecimalString>> = Object.freeze({
    1: "1",
    2: "0.1",
    3: "0.01",
});

/** A `measure_id` that is not a currency unit was found on an amount. */
export class UnknownCurrencyMeasureError extends Error {
    readonly code = "UNKNOWN_CURRENCY_MEASURE";
    constructor(
        readonly measureId: unknown,
        readonly field: string,
    ) {
        super(`amount ${field} has measure_id ${JSON.stringify(measureId)}, which is not a currency unit (known: 1 main unit, 2 = 0.1, 3 = 0.01)`);
        this.name = "UnknownCurrencyMeasureError";
    }
}

/** The factor that turns an amount in `measureId` units into main currency units (absent = 1). */
export function currencyFactor(measureId: unknown, field = "amount"): Decimal {
    if (measureId === undefined || measureId === null || measureId === "") return Decimal.ONE;
    const id = typeof measureId === "string" ? Number(measureId) : measureId;
    const factor = typeof id === "number" ? CURRENCY_MEASURE_FACTORS[id] : undefined;
    if (factor === undefined) throw new UnknownCurrencyMeasureError(measureId, field);
    return Decimal.from(factor);
}

/** Reads a wire amount (absent = 0) in main currency units, as an exact Decimal. */
export function moneyDecimal(value: unknown, measureId?: unknown, field = "amount"): Decimal {
    const amount = Decimal.fromOptional(asDecimalInput(value, field));
    const factor = currencyFactor(measureId, field);
    return factor.equals(Decimal.ONE) ? amount : amount.times(factor);
}

/** Reads a wire amount (absent = "0") in main currency units, as a canonical decimal string. */
export function money(value: unknown, measureId?: unknown, field = "amount"): DecimalString {
    return moneyDecimal(value, measureId, field).toString();
}

/** Like {@link money}, but an absent amount stays `undefined` (fields that only some records carry). */
export function optionalMoney(value: unknown, measureId?: unknown, field = "amount"): DecimalString | undefined {
    if (value === undefined || value === null || value === "") return undefined;
    return money(value, measureId, field);
}

/** A non-money decimal quantity (usage, bandwidth, quota): absent = undefined, no unit conversion. */
export function quantity(value: unknown, field = "quantity"): DecimalString | undefined {
    if (value === undefined || value === null || value === "") return undefined;
    return Decimal.from(asDecimalInput(value, field) as DecimalInput).toString();
}

/** The sites BSS runs on. */
export type Site = "cn" | "intl" | "eu";

/**
 * The currency of a response: what the wire says, else the site's default (the Chinese site bills in
 * CNY and the international one in USD, per the reference; EUR for the European site is an assumption).
 */
export function currencyOf(wireCurrency: unknown, site: Site | undefined): string {
    if (typeof wireCurrency === "string" && wireCurrency.trim() !== "") return wireCurrency.trim();
    if (site === "intl") return "USD";
    if (site === "eu") return "EUR";
    return "CNY";
}

function asDecimalInput(value: unknown, field: string): DecimalInput | undefined {
    if (value === undefined || value === null || value === "") return undefined;
    if (value instanceof Decimal || typeof value === "number" || typeof value === "string" || typeof value === "bigint") {
        if (!Decimal.isDecimal(value)) throw new RangeError(`${field}: not a decimal amount: ${JSON.stringify(value)}`);
        return value;
    }
    throw new RangeError(`${field}: not a decimal amount: ${typeof value}`);
}
