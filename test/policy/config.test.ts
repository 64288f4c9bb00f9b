import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as policy from "@pulumi/policy";
import { createPolicies, PolicyConfigError, RULE_FACTORIES } from "../../policy/index";
import { subscriptionRenewalBudget } from "../../policy/budget-rules";
import { subscriptionExpiryStated } from "../../policy/subscription-rules";
import { subscriptionProps, validate } from "./util";

const REPO_ROOT = path.resolve(__dirname, "../../..");
const RULE_NAMES = Object.keys(RULE_FACTORIES);

function levels(policies: policy.Policies): Record<string, string | undefined> {
    return Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]));
}

describe("policy config: one level for all rules, overridable per rule (awsguard model)", () => {
    it("with no arguments every rule is present at its own default level", () => {
        const got = levels(createPolicies());
        assert.deepEqual(Object.keys(got), RULE_NAMES);
        assert.equal(got["subscription-unsubscribe-guard"], "mandatory");
        assert.equal(got["subscription-expiring-soon"], "advisory");
    });

    const table: [string, Record<string, unknown>, (got: Record<string, string | undefined>) => void][] = [
        ["all sets every rule", { all: "advisory" }, (got) => assert.ok(Object.values(got).every((l) => l === "advisory"))],
        ["a rule's own level beats all", { all: "advisory", "stack-renewal-budget": "mandatory" }, (got) => {
            assert.equal(got["stack-renewal-budget"], "mandatory");
            assert.equal(got["subscription-expiry-stated"], "advisory");
        }],
        ["a rule's settings without a level take all's level", { all: "advisory", "stack-renewal-budget": { maxAmount: "10", currency: "CNY" } }, (got) => {
            assert.equal(got["stack-renewal-budget"], "advisory");
        }],
        ["a level inside the settings wins", { all: "advisory", "stack-renewal-budget": { enforcementLevel: "mandatory", maxAmount: "10", currency: "CNY" } }, (got) => {
            assert.equal(got["stack-renewal-budget"], "mandatory");
        }],
        ["all disabled keeps only the rules named", { all: "disabled", "subscription-expiry-stated": "mandatory" }, (got) => {
            assert.deepEqual(got, { "subscription-expiry-stated": "mandatory" });
        }],
        ["one rule disabled is left out", { "subscription-payment-mode": "disabled" }, (got) => {
            assert.equal("subscription-payment-mode" in got, false);
            assert.equal(Object.keys(got).length, RULE_NAMES.length - 1);
        }],
    ];
    for (const [label, args, check] of table) {
        it(label, () => check(levels(createPolicies(args as never))));
    }

    it("refuses an unknown rule name, listing the real ones (a typo must not drop a guard)", () => {
        assert.throws(() => createPolicies({ "subscription-budget": "mandatory" }), (e: unknown) => {
            assert.ok(e instanceof PolicyConfigError);
            assert.match(e.message, /subscription-budget: .*no such rule.*subscription-renewal-budget/);
            return true;
        });
    });

    it("refuses bad settings when the pack is built, naming the rule and the field", () => {
        assert.throws(() => subscriptionRenewalBudget({ maxAmount: "12,50" }), /subscription-renewal-budget.*maxAmount/);
        assert.throws(() => subscriptionExpiryStated({ allowed: ["forever" as never] }), /subscription-expiry-stated.*allowed/);
        assert.throws(() => createPolicies({ all: "strict" as never }), /unknown enforcement level "strict"/);
    });

    it("the config file wins over the factory's settings; bad file config fails loudly", async () => {
        const rule = subscriptionRenewalBudget({ maxAmount: "100", currency: "CNY" });
        const props = subscriptionProps({ plannedRenewal: { periods: 3, periodType: "month", until: "2027-03-31", amount: "300.00", currency: "CNY" } });
        assert.equal((await validate(rule, { props })).violations.length, 1);
        assert.deepEqual((await validate(rule, { props, config: { maxAmount: "500" } })).violations, []);
        await assert.rejects(validate(rule, { props, config: { maxAmount: "lots" } }), /subscription-renewal-budget: invalid configuration: maxAmount/);
    });

    it("every configSchema is a plain JSON schema the CLI accepts: documented properties, no enforcementLevel, nothing required", () => {
        for (const p of createPolicies()) {
            const schema = JSON.parse(JSON.stringify(p.configSchema)) as policy.PolicyConfigSchema;
            assert.equal(schema.required, undefined, p.name);
            assert.equal("enforcementLevel" in schema.properties, false, p.name);
            assert.ok(Object.keys(schema.properties).length > 0, `${p.name} has no settings`);
            for (const [key, property] of Object.entries(schema.properties)) {
                assert.equal(typeof (property as { description?: unknown }).description, "string", `${p.name}.${key} has no description`);
            }
            assert.ok(p.description.length > 0 && !p.description.includes("\n"), p.name);
        }
    });

    it("the example config in policy/ names only real rules and every setting in it is valid", () => {
        const example = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy/policy-config.example.json"), "utf8")) as Record<string, unknown>;
        for (const key of Object.keys(example)) assert.ok(key === "all" || RULE_NAMES.includes(key), `unknown rule ${key}`);
        assert.deepEqual(Object.keys(example).filter((k) => k !== "all").sort(), [...RULE_NAMES].sort(), "the example shows every rule");
        const policies = createPolicies(example as never);
        assert.equal(policies.length, RULE_NAMES.length);
    });

    it("the README documents every rule and every setting", () => {
        const readme = fs.readFileSync(path.join(REPO_ROOT, "policy/README.md"), "utf8");
        for (const p of createPolicies()) {
            assert.ok(readme.includes(`\`${p.name}\``), `README lacks ${p.name}`);
            for (const key of Object.keys(p.configSchema?.properties ?? {})) {
                assert.ok(readme.includes(`\`${key}\``), `README lacks ${p.name}.${key}`);
            }
        }
    });
});
