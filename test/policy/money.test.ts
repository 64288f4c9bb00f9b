import * as assert from "node:assert/strict";
import { compareDecimal, formatDecimal, formatMoney, isDecimalText, parseDecimal, sumDecimals } from "../../policy/money";

describe("policy money: exact decimals for budgets", () => {
    const sums: [string, (string | number)[], string][] = [
        ["float drift: 0.1 + 0.2", ["0.1", "0.2"], "0.30"],
        ["JSON numbers read by their digits", [0.1, 0.2], "0.30"],
        ["many cents", Array.from({ length: 1000 }, () => "0.01"), "10.00"],
        ["mixed scales", ["100", "0.005", "12.5"], "112.505"],
        ["large amounts stay exact", ["9007199254740993.01", "0.01"], "9007199254740993.02"],
        ["empty sum", [], "0.00"],
    ];
    for (const [label, terms, expected] of sums) {
        it(`sums ${label}`, () => {
            assert.equal(formatDecimal(sumDecimals(terms.map((t) => parseDecimal(t)))), expected);
        });
    }

    const comparisons: [string | number, string | number, -1 | 0 | 1][] = [
        ["100.000001", "100", 1],
        ["100.00", 100, 0],
        ["99.999999999999999999", "100", -1],
        ["0.30", sumDecimalsText(["0.1", "0.2"]), 0],
        [250, "250.0000", 0],
    ];
    for (const [a, b, expected] of comparisons) {
        it(`compares ${a} with ${b}`, () => assert.equal(compareDecimal(parseDecimal(a), parseDecimal(b)), expected));
    }

    it("refuses what is not a plain decimal", () => {
        for (const bad of ["1e3", "", "12,50", "abc", " . "]) {
            assert.equal(isDecimalText(bad), false, bad);
            assert.throws(() => parseDecimal(bad), RangeError);
        }
        assert.throws(() => parseDecimal(Number.NaN), RangeError);
        assert.throws(() => parseDecimal(1e-9), /decimal string/);
    });

    it("formats money with its currency and at least two decimals", () => {
        assert.equal(formatMoney(parseDecimal("300"), "CNY"), "300.00 CNY");
        assert.equal(formatMoney(parseDecimal("0.125"), "USD"), "0.125 USD");
        assert.equal(formatDecimal(parseDecimal("-3.5")), "-3.50");
    });
});

function sumDecimalsText(terms: string[]): string {
    return formatDecimal(sumDecimals(terms.map((t) => parseDecimal(t))));
}
