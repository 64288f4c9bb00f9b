import * as assert from "node:assert/strict";
import { subAccountFundingLimit } from "../../policy/funding-rules";
import { PROVIDER_TEXT, ResourceCase, SUB_ACCOUNT_FUNDING_TYPE, UNKNOWN_STRING, validate, validateEach } from "./util";

const funding = (name: string, subAccountId: unknown, amount: unknown): ResourceCase => ({
    type: SUB_ACCOUNT_FUNDING_TYPE,
    name,
    urn: `urn:pulumi:test::policy::${SUB_ACCOUNT_FUNDING_TYPE}::${name}`,
    props: { __provider: PROVIDER_TEXT, subAccountId, amount },
});

describe("policy sub-account-funding-limit (SubAccountFunding: subAccountId, amount)", () => {
    it("does nothing until a limit is configured", async () => {
        assert.ok((await validate(subAccountFundingLimit(), funding("f", "sub-1", "1000000"))).notApplicable !== undefined);
    });

    it("per allocation: refuses one over maxAmount, exactly", async () => {
        const p = subAccountFundingLimit({ maxAmount: "5000" });
        assert.deepEqual((await validate(p, funding("ok", "sub-1", "5000.00"))).violations, []);
        const over = await validate(p, funding("big", "sub-1", "5000.001"));
        assert.match(over.violations[0], /SubAccountFunding "big" \(sub-account "sub-1"\) allocates 5000\.001, over the per-allocation maximum of 5000\.00/);
    });

    it("per sub-account: the allocation that takes one sub-account over its limit is refused; others are not", async () => {
        const p = subAccountFundingLimit({ maxPerSubAccount: "100", limitsBySubAccount: { vip: "1000" } });
        const outcomes = await validateEach(p, [
            funding("a1", "sub-a", "60"),
            funding("b1", "sub-b", "90"),
            funding("a2", "sub-a", "40.01"),
            funding("v1", "vip", "900"),
        ]);
        assert.deepEqual(outcomes.map((o) => o.violations.length), [0, 0, 1, 0]);
        assert.match(outcomes[2].violations[0], /taking sub-account "sub-a" to 100\.01 in this update, over its maximum of 100\.00/);
        assert.match(outcomes[2].violations[0], /raise maxPerSubAccount/);
    });

    it("per update: the running total over all sub-accounts", async () => {
        const p = subAccountFundingLimit({ maxTotal: 150 });
        const outcomes = await validateEach(p, [funding("a", "s1", 100), funding("b", "s2", "50"), funding("c", "s3", "0.01"), funding("a", "s1", 100)]);
        assert.deepEqual(outcomes.map((o) => o.violations.length), [0, 0, 1, 1]);
        assert.match(outcomes[2].violations[0], /all allocations in this update to 150\.01 \(3 allocation\(s\) so far\), over the update maximum of 150\.00/);
    });

    it("unknown values during preview are skipped; unreadable ones fail closed", async () => {
        const p = subAccountFundingLimit({ maxAmount: "1" });
        assert.deepEqual((await validate(p, funding("u", "s", UNKNOWN_STRING))).violations, []);
        assert.match((await validate(p, funding("bad", "s", "lots"))).violations[0], /no readable subAccountId and decimal amount/);
    });
});
