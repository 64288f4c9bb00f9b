/** The committed request spec is what the generator makes of the reference, and the validator honours its rules. */
import assert from "node:assert/strict";
import { generateSpec } from "../../emulator/spec/generate";
import committed from "../../emulator/spec/operations.json";
import { specFor } from "../../emulator/spec";
import { validateRequest } from "../../emulator/spec/validate";
import { referenceDir } from "./support";

describe("emulator request spec", () => {
    it("operations.json is up to date with the reference (regenerate with node dist/emulator/spec/generate.js)", () => {
        assert.deepEqual(JSON.parse(JSON.stringify(generateSpec(referenceDir()))), committed);
    });

    it("applies ListCosts' groupby key enum only to dimension entries", () => {
        const spec = specFor("ListCosts")!;
        const body = (groupby: unknown[]) => ({ time_condition: { time_measure_id: 2, begin_time: "2026-03", end_time: "2026-03" }, groupby, cost_type: "ORIGINAL_COST", amount_type: "PAYMENT_AMOUNT" });
        const check = (groupby: unknown[]) => validateRequest(spec, { pathParams: {}, query: {}, headers: {}, body: body(groupby) });
        assert.equal(check([{ type: "tag", key: "team" }]).ok, true);
        assert.equal(check([{ type: "cost_unit", key: "unit-7" }]).ok, true);
        assert.equal(check([{ type: "dimension", key: "REGION_CODE" }, { type: "tag", key: "owner" }]).ok, true);
        const bad = check([{ type: "dimension", key: "team" }]);
        assert.equal(bad.ok, false);
        assert.deepEqual(bad.ok ? undefined : [bad.field, bad.rule], ["groupby[0].key", "enum"]);
        const tooLong = check([{ type: "tag", key: "k".repeat(65) }]);
        assert.deepEqual(tooLong.ok ? undefined : [tooLong.field, tooLong.rule], ["groupby[0].key", "maxLength"], "a tag key keeps its length rule");
    });
});
