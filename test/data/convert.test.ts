import * as assert from "node:assert/strict";
import { camelCase, convertRecord } from "../../sdk/data/convert";

describe("data: wire record conversion", () => {
    it("names every field by the camelCase of its wire name, quirks included", () => {
        const table: [string, string][] = [
            ["consume_amount", "consumeAmount"],
            ["resource_Type_code", "resourceTypeCode"],
            ["use_limiti_info_id", "useLimitiInfoId"],
            ["payMethod", "payMethod"],
            ["id", "id"],
        ];
        for (const [wire, expected] of table) assert.equal(camelCase(wire), expected);
    });

    it("turns amounts into exact main-unit strings with the record's or parent's measure_id, and drops that id", () => {
        const out = convertRecord<Record<string, unknown>>(
            {
                consume_amount: 1234,
                measure_id: 3,
                usage: 0.5,
                bill_type: 1,
                amount_after_discount: 990,
                amount_info: { coupon_amount: 100, discounts: [{ discount_type: "200", discount_amount: 5 }] },
                empty: null,
            },
            { quantities: ["usage"] },
        );
        assert.deepEqual(out, {
            consumeAmount: "12.34",
            usage: "0.5",
            billType: 1,
            amountAfterDiscount: "9.9",
            amountInfo: { couponAmount: "1", discounts: [{ discountType: "200", discountAmount: "0.05" }] },
        });
    });

    it("keeps unit ids of non-money quantities and honours renames, booleans and explicit money lists", () => {
        const out = convertRecord<Record<string, unknown>>(
            { amount: "1024", original_amount: "2048", measure_id: 10, use_limiti_info_id: "u1", is_main_resource: 1 },
            { money: [], quantities: ["amount", "original_amount"], rename: { use_limiti_info_id: "useLimitInfoId" }, booleans: ["is_main_resource"] },
        );
        assert.deepEqual(out, { amount: "1024", originalAmount: "2048", measureId: 10, useLimitInfoId: "u1", isMainResource: true });
    });
});
