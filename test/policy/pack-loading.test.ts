/**
 * The shipped pack through the real CLI, on a program with no BSS resource: it loads from the
 * repository and from the installed package (compiled JavaScript, no ts-node), publishes its rules
 * and their schemas, and the CLI validates config files against them.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { eventRecorder, openStack, removeStack, uniqueStackName } from "../e2e/harness";
import { INSTALLED_PACK_DIR, PACK_DIR, PROGRAMS_DIR, temporaryDir, writePolicyConfig } from "./cli-support";

const PROGRAM = path.join(PROGRAMS_DIR, "probe");

/** The pack names that analysed resources in a run (raw events the Node typings do not declare). */
function analysingPacks(events: readonly EngineEvent[]): Set<string> {
    const names = new Set<string>();
    for (const e of events as unknown as Record<string, { policyPackName?: string } | undefined>[]) {
        const summary = e.policyAnalyzeSummaryEvent ?? e.policyAnalyzeStackSummaryEvent;
        if (summary?.policyPackName) names.add(summary.policyPackName);
    }
    return names;
}

describe("policy pack loading through the real CLI", function () {
    this.timeout(180_000);
    let stack: Stack;
    const configDir = temporaryDir("bss-policy-load-");

    before(async () => {
        stack = await openStack(PROGRAM, uniqueStackName("policy-load"));
    });
    after(async () => {
        if (stack) await removeStack(stack);
    });

    for (const [label, dir] of [["the repository's policy/", PACK_DIR], ["the installed package's policy/", INSTALLED_PACK_DIR]] as const) {
        it(`loads from ${label} and analyses every resource`, async () => {
            const { events, onEvent } = eventRecorder();
            const preview = await stack.preview({ policyPacks: [dir], onEvent });
            assert.equal(preview.changeSummary.create, 2);
            assert.deepEqual([...analysingPacks(events)], ["huaweicloud-bss"]);
            assert.deepEqual(events.filter((e) => e.policyEvent), [], "a probe breaks no rule");
        });
    }

    it("the CLI checks a config file against the rules' published schemas", async () => {
        const config = writePolicyConfig(configDir, "bad", { "stack-renewal-budget": { maxAmount: "lots", currency: "CNY" } });
        await assert.rejects(stack.preview({ policyPacks: [PACK_DIR], policyPackConfigs: [config] }), (error: Error) => {
            assert.match(error.message, /validating policy config: huaweicloud-bss 0\.1\.0 +stack-renewal-budget: maxAmount/);
            return true;
        });
    });

    it("a config file with every rule (the shipped example) is accepted", async () => {
        const { events, onEvent } = eventRecorder();
        const example = path.join(PACK_DIR, "policy-config.example.json");
        await stack.preview({ policyPacks: [PACK_DIR], policyPackConfigs: [example], onEvent });
        assert.deepEqual([...analysingPacks(events)], ["huaweicloud-bss"]);
    });
});
