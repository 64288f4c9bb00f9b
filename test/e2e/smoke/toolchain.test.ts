import * as assert from "node:assert/strict";
import * as path from "node:path";
import { Stack } from "@pulumi/pulumi/automation";
import { PROBE_TYPE } from "../../../sdk/tokens";
import { REPO_ROOT, eventRecorder, openStack, pulumiCommand, removeStack, uniqueStackName } from "../harness";

const PROGRAM = path.join(REPO_ROOT, "test/e2e/smoke/program");

describe("toolchain smoke: the real Pulumi CLI drives a dynamic resource", function () {
    this.timeout(300_000);
    let stack: Stack;

    before(async () => {
        stack = await openStack(PROGRAM, uniqueStackName("smoke"), { "toolchain-smoke:value": { value: "first" } });
    });
    after(async () => {
        if (stack) await removeStack(stack);
    });

    it("the CLI is the pinned version or newer, stamped", async () => {
        const cmd = await pulumiCommand();
        assert.ok(cmd.version, "pulumi version printed nothing: the version was not stamped at build time");
        assert.equal(cmd.version.major, 3);
        assert.ok(cmd.version.minor >= 259, `pulumi ${cmd.version.format()} is older than v3.259.0`);
    });

    it("preview plans the stack and the probe", async () => {
        const { events, onEvent } = eventRecorder();
        const preview = await stack.preview({ onEvent });
        assert.equal(preview.changeSummary.create, 2);
        const types = events.filter((e) => e.resourcePreEvent).map((e) => e.resourcePreEvent!.metadata.type);
        assert.ok(types.includes(PROBE_TYPE), `resource types seen: ${types.join(", ")}`);
    });

    it("up creates it, with outputs from the provider process", async () => {
        const up = await stack.up();
        assert.equal(up.summary.resourceChanges?.create, 2);
        assert.equal(up.outputs.value.value, "first");
        assert.equal(up.outputs.updates.value, 0);
    });

    it("a second up shows no changes", async () => {
        const up = await stack.up();
        assert.equal(up.summary.resourceChanges?.same, 2);
        assert.equal(up.summary.resourceChanges?.create, undefined);
        assert.equal(up.summary.resourceChanges?.update, undefined);
    });

    it("__provider is a small require of the stable package subpath", async () => {
        const state = await stack.exportStack();
        const probe = state.deployment.resources.find((r: { type: string }) => r.type === PROBE_TYPE);
        const provider: string = probe.inputs.__provider;
        assert.ok(provider.length < 1024, `__provider is ${provider.length} bytes`);
        assert.match(provider, /require\("pulumi-huaweicloud-bss\/provider\/probe"\)/);
    });

    it("a changed input updates in place; refresh then shows no drift", async () => {
        await stack.setConfig("toolchain-smoke:value", { value: "second" });
        const up = await stack.up();
        assert.equal(up.summary.resourceChanges?.update, 1);
        assert.equal(up.outputs.updates.value, 1);
        const refresh = await stack.refresh();
        assert.equal(refresh.summary.resourceChanges?.same, 2);
        await stack.preview({ expectNoChanges: true });
    });

    it("destroy leaves an empty stack", async () => {
        const destroy = await stack.destroy();
        assert.equal(destroy.summary.resourceChanges?.delete, 2);
        const state = await stack.exportStack();
        assert.equal(state.deployment.resources?.length ?? 0, 0);
    });
});
