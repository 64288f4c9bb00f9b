/**
 * examples/real-cloud through the real CLI, with the emulator standing in for Huawei Cloud and the
 * credentials in the environment (HUAWEICLOUD_SDK_AK/SK/DOMAIN_ID, as its README documents): it only
 * reads by default, manages one subscription only when named, and never buys without a cap.
 */
import * as assert from "node:assert/strict";
import { Stack } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../../emulator";
import { SUBSCRIPTION_TYPE } from "../../../sdk/tokens";
import { eventRecorder, removeStack } from "../harness";
import { diagnostics, exampleStack, mutatingCalls, scenarioAccount, scenarioIds, startScenarioEmulator } from "./support";

type Bag = Record<string, any>;
const DAY_MS = 86_400_000;

describe("examples/real-cloud through the Pulumi CLI (credentials from the environment)", function () {
    this.timeout(300_000);
    let emulator: RunningEmulator;
    let stack: Stack;
    const ids = scenarioIds();

    before(async () => {
        emulator = await startScenarioEmulator();
        const account = scenarioAccount();
        // No huaweicloud-bss:* config at all: the credentials and endpoint come from the environment.
        stack = await exampleStack("real-cloud", emulator, { "bss-real-cloud:expiringWithinDays": { value: "30" } }, {
            HUAWEICLOUD_SDK_AK: account.accessKey,
            HUAWEICLOUD_SDK_SK: account.secretKey,
            HUAWEICLOUD_SDK_DOMAIN_ID: account.domainId,
            HUAWEICLOUD_BSS_ENDPOINT: emulator.url,
        });
    });
    after(async () => {
        if (stack) await removeStack(stack).catch(() => undefined);
        if (emulator) await emulator.close();
    });

    it("by default only reads: no resource, no change, the balance and what expires within 30 days", async () => {
        emulator.resetCalls();
        const up = await stack.up();
        assert.equal(up.summary.resourceChanges?.create, 1, "only the stack itself");
        assert.deepEqual(mutatingCalls(emulator), {});
        assert.equal(Number(up.outputs.balance.value.cash), emulator.world.accounts()[0].cashBalance);
        const now = emulator.now().getTime();
        const expected = emulator.world
            .subscribedResources(emulator.world.accounts()[0].id)
            .filter((r) => r.isMainResource && Date.parse(r.expireTime) >= now && Date.parse(r.expireTime) <= now + 30 * DAY_MS)
            .map((r) => r.resourceId)
            .sort();
        assert.deepEqual((up.outputs.expiringSoon.value as Bag[]).map((r) => r.resourceId).sort(), expected);
        assert.equal(up.outputs.managed, undefined);
        const state = await stack.exportStack();
        assert.ok(!JSON.stringify(state).includes(scenarioAccount().secretKey), "the secret key is not in the state");
    });

    it("manages the one subscription it is given, buying nothing", async () => {
        await stack.setConfig("bss-real-cloud:resourceId", { value: ids["staging-db-01"] });
        await stack.setConfig("bss-real-cloud:onExpiry", { value: "payPerUse" });
        emulator.resetCalls();
        const up = await stack.up();
        assert.equal(up.summary.resourceChanges?.create, 1);
        assert.equal(emulator.world.resource(ids["staging-db-01"])!.expirePolicy, 1);
        assert.deepEqual(mutatingCalls(emulator), { UpdatePeriodToOnDemand: 1 });
        assert.equal(up.outputs.managed.value.expirePolicy, "toPayPerUse");
        const state = await stack.exportStack();
        assert.equal(state.deployment.resources.filter((r: Bag) => r.type === SUBSCRIPTION_TYPE)[0].outputs.onDelete, "retain");
    });

    it("refuses renewUntil without a maxRenewalCost, and a renewal above the cap, before buying", async () => {
        await stack.setConfig("bss-real-cloud:renewUntil", { value: "2027-03-31" });
        emulator.resetCalls();
        let recorder = eventRecorder();
        await assert.rejects(stack.preview({ onEvent: recorder.onEvent }));
        assert.match(diagnostics(recorder.events), /renewUntil buys renewal orders, so it needs a cap: set bss-real-cloud:maxRenewalCost/);

        await stack.setConfig("bss-real-cloud:maxRenewalCost", { value: "100" });
        recorder = eventRecorder();
        await assert.rejects(stack.up({ onEvent: recorder.onEvent }));
        assert.match(diagnostics(recorder.events), /more than maxRenewalCost 100 CNY/);
        assert.deepEqual(mutatingCalls(emulator), {});
        assert.equal(emulator.world.resource(ids["staging-db-01"])!.expireTime, "2026-12-20T02:00:00Z");
    });

    it("destroy leaves the resource as it is in BSS", async () => {
        await stack.removeConfig("bss-real-cloud:renewUntil");
        await stack.removeConfig("bss-real-cloud:maxRenewalCost");
        emulator.resetCalls();
        await stack.destroy();
        assert.deepEqual(mutatingCalls(emulator), {});
        assert.ok(emulator.world.resource(ids["staging-db-01"]), "still there");
    });
});
