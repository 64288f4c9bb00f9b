import * as assert from "node:assert/strict";
import { Decimal, DecimalError } from "../../sdk/data/decimal";
import { currencyFactor, currencyOf, money, optionalMoney, UnknownCurrencyMeasureError } from "../../sdk/data/money";

describe("data: Decimal", () => {
    it("reads literals, JSON numbers and exponents into canonical strings", () => {
        const table: [string | number | bigint, string][] = [
            ["12.340", "12.34"],
            ["-0.00000001", "-0.00000001"],
            ["000.5", "0.5"],
            [".5", "0.5"],
            ["1e-8", "0.00000001"],
            ["1.5E3", "1500"],
            [0.1, "0.1"],
            [123456.78901234, "123456.78901234"],
            [10n, "10"],
            ["-0", "0"],
        ];
        for (const [input, expected] of table) assert.equal(Decimal.from(input).toString(), expected, String(input));
    });

    it("adds amounts that binary floating point gets wrong, exactly", () => {
        assert.equal(0.1 + 0.2 === 0.3, false); // the reason this type exists
        assert.equal(Decimal.from(0.1).plus(0.2).toString(), "0.3");
        // 100,000 charges of 0.01: floats drift, decimals do not
        let float = 0;
        let exact = Decimal.ZERO;
        for (let i = 0; i < 100_000; i++) {
            float += 0.01;
            exact = exact.plus("0.01");
        }
        assert.notEqual(float, 1000);
        assert.equal(exact.toString(), "1000");
    });

    it("subtracts, multiplies, compares and rounds", () => {
        assert.equal(Decimal.from("10").minus("0.35").toString(), "9.65");
        assert.equal(Decimal.from("1.25").times("0.01").toString(), "0.0125");
        assert.equal(Decimal.from("2.50").compare("2.5"), 0);
        assert.equal(Decimal.from("-1").compare("0.1"), -1);
        assert.equal(Decimal.sum(["1.1", 2, "3.33"]).toString(), "6.43");
        const rounding: [string, number, Parameters<Decimal["round"]>[1], string][] = [
            ["2.345", 2, "halfUp", "2.35"],
            ["2.345", 2, "halfEven", "2.34"],
            ["2.355", 2, "halfEven", "2.36"],
            ["-2.345", 2, "halfUp", "-2.35"],
            ["2.349", 2, "down", "2.34"],
            ["-2.341", 2, "floor", "-2.35"],
            ["2.341", 2, "ceiling", "2.35"],
        ];
        for (const [value, places, mode, expected] of rounding) {
            assert.equal(Decimal.from(value).round(places, mode).toString(), expected, `${value} ${mode}`);
        }
        assert.equal(Decimal.from("1").toFixed(2), "1.00");
        assert.equal(Decimal.from("10").dividedBy("3", 4).toString(), "3.3333");
        assert.equal(Decimal.from("2048").dividedBy("1024", 20).toString(), "2");
        assert.throws(() => Decimal.from("1").dividedBy(0, 2), DecimalError);
    });

    it("rejects what is not a decimal", () => {
        for (const bad of ["", "abc", "1.2.3", "--1", "1e", Number.NaN, Infinity]) {
            assert.throws(() => Decimal.from(bad as string), DecimalError, String(bad));
        }
        assert.equal(Decimal.fromOptional(undefined).toString(), "0");
        assert.equal(Decimal.fromOptional(""), Decimal.ZERO);
    });

    it("serializes to JSON as its canonical string", () => {
        assert.equal(JSON.stringify({ a: Decimal.from("1.50") }), '{"a":"1.5"}');
    });
});

describe("data: money", () => {
    it("applies the amount's measure_id to reach the main currency unit", () => {
        assert.equal(money(12.34, 1), "12.34");
        assert.equal(money(1234, 3), "12.34"); // fen
        assert.equal(money("1234", 2), "123.4"); // jiao
        assert.equal(money("5", "1"), "5"); // string measure ids (ShowRefundOrderDetails)
        assert.equal(money(undefined), "0");
        assert.equal(optionalMoney(undefined), undefined);
        assert.equal(currencyFactor(undefined).toString(), "1");
    });

    it("refuses amounts in units that are not currency", () => {
        assert.throws(() => money(10, 4, "consume_amount"), (e: unknown) => e instanceof UnknownCurrencyMeasureError && /consume_amount/.test(e.message));
    });

    it("names the currency from the response, else from the site", () => {
        assert.equal(currencyOf("USD", "cn"), "USD");
        assert.equal(currencyOf("", "intl"), "USD");
        assert.equal(currencyOf(undefined, "cn"), "CNY");
        assert.equal(currencyOf(undefined, undefined), "CNY");
    });
});
