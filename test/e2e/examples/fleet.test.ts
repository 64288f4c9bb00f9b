/**
 * examples/fleet through the real CLI against the quickstart scenario: a bad config file is refused
 * with every problem named, the filter selects what fleet.config.json says, settings follow the
 * service rules and overrides, a resource bought later joins on the next up, one that leaves the
 * selection leaves the stack without a call to BSS.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Stack } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../../emulator";
import { parseFleetConfig, FleetConfigError } from "../../../examples/fleet/config";
import { SUBSCRIPTION_TYPE } from "../../../sdk/tokens";
import { REPO_ROOT, eventRecorder, removeStack } from "../harness";
import { diagnostics, exampleStack, mutatingCalls, scenarioIds, startScenarioEmulator } from "./support";

type Bag = Record<string, any>;
const FLEET_FILE = path.join(REPO_ROOT, "examples/fleet/fleet.config.json");

describe("fleet.config.json validation", () => {
    it("accepts the committed file", () => {
        const config = parseFleetConfig(JSON.parse(fs.readFileSync(FLEET_FILE, "utf8")));
        assert.equal(config.defaults.onExpiry, "renew");
    });

    it("names every problem with its path", () => {
        const bad = {
            select: { services: ["ecs", "compute"], regions: ["north"], colour: "blue" },
            defaults: { onDelete: "destroy" },
            services: { rds: { renewUntil: "2027-02-30", maxRenewalCost: "lots" } },
            overrides: [{ set: { onExpiry: "payPerUse" } }],
        };
        assert.throws(
            () => parseFleetConfig(bad, "fleet.config.json"),
            (error: unknown) => {
                assert.ok(error instanceof FleetConfigError);
                const text = error.message;
                assert.match(text, /select\.services\[1\]: must be one of ecs, evs/);
                assert.match(text, /select\.regions\[0\]: must be a region code/);
                assert.match(text, /select: Unrecognized key.*colour/);
                assert.match(text, /defaults\.onExpiry: /);
                assert.match(text, /defaults\.onDelete: /);
                assert.match(text, /services\.rds\.renewUntil: is not a calendar date/);
                assert.match(text, /services\.rds\.maxRenewalCost: /);
                assert.match(text, /overrides\[0\]: an override needs names, enterpriseProjects or regions/);
                return true;
            },
        );
    });
});

describe("examples/fleet through the Pulumi CLI", function () {
    this.timeout(600_000);
    let emulator: RunningEmulator;
    let stack: Stack;
    const ids = scenarioIds();
    const resource = (name: string) => emulator.world.resource(ids[name] ?? name)!;
    const badFile = path.join(REPO_ROOT, "tmp", `fleet-bad-${process.pid}.json`);

    before(async () => {
        emulator = await startScenarioEmulator();
        stack = await exampleStack("fleet", emulator);
    });
    after(async () => {
        if (stack) await removeStack(stack).catch(() => undefined);
        if (emulator) await emulator.close();
        fs.rmSync(badFile, { force: true });
    });

    it("refuses an invalid fleet.config.json at preview, naming the file and each problem", async () => {
        fs.mkdirSync(path.dirname(badFile), { recursive: true });
        fs.writeFileSync(badFile, JSON.stringify({ select: { services: ["compute"] }, defaults: {} }));
        await stack.setConfig("bss-fleet:configFile", { value: badFile });
        const { events, onEvent } = eventRecorder();
        await assert.rejects(stack.preview({ onEvent }));
        const text = diagnostics(events);
        assert.ok(text.includes(`${badFile} is not a valid fleet configuration`), text);
        assert.match(text, /select\.services\[0\]: must be one of/);
        assert.match(text, /defaults\.onExpiry/);
        await stack.removeConfig("bss-fleet:configFile");
    });

    it("preview selects what the filter says and prices the database renewals, changing nothing", async () => {
        emulator.resetCalls();
        const { events, onEvent } = eventRecorder();
        const preview = await stack.preview({ onEvent });
        const planned = events.filter((e) => e.resourcePreEvent?.metadata.type === SUBSCRIPTION_TYPE && e.resourcePreEvent.metadata.op === "create");
        const selected = planned.map((e) => e.resourcePreEvent!.metadata.new!.inputs.resourceId as string).sort();
        // Every active prepaid primary of the account in ECS/RDS/DCS/VPC/EVS, cn-north-4 or cn-east-3, but not dev-*.
        const expected = emulator.world
            .subscribedResources(emulator.world.accounts()[0].id)
            .filter((r) => r.isMainResource && ["hws.service.type.ec2", "hws.service.type.rds", "hws.service.type.dcs", "hws.service.type.vpc", "hws.service.type.ebs"].includes(r.serviceTypeCode))
            .filter((r) => !r.resourceName.startsWith("dev-"))
            .map((r) => r.resourceId)
            .sort();
        assert.deepEqual(selected, expected);
        assert.equal(preview.changeSummary.create, expected.length + 1);
        const text = diagnostics(events);
        assert.match(text, new RegExp(`fleet: ${expected.length} of \\d+ yearly/monthly resources match fleet.config.json`));
        assert.match(text, /db-prod-orders: renewal to 2027-04-26 for \d+(\.\d+)? CNY/);
        assert.match(text, /db-prod-users: renewal to 2027-04-15 for \d+(\.\d+)? CNY/);
        assert.doesNotMatch(text, /staging-db-01: renewal/, "the staging override removed renewUntil");
        assert.deepEqual(mutatingCalls(emulator), {});
    });

    it("up applies the per-service settings and overrides", async () => {
        const up = await stack.up();
        assert.equal(up.outputs.managedCount.value, 11);
        assert.equal(resource("web-prod-01").expirePolicy, 3);
        assert.equal(resource("bw-prod-shared").expirePolicy, 3, "defaults: renew");
        assert.equal(resource("analytics-archive-01").expirePolicy, 1, "service evs: payPerUse");
        assert.equal(resource("batch-worker-01").expirePolicy, 1, "override batch-*: payPerUse");
        assert.equal(resource("staging-web-01").expirePolicy, 1, "override staging project: payPerUse");
        assert.equal(resource("dev-sandbox-01").expirePolicy, 0, "excluded by name: untouched");
        assert.ok(resource("db-prod-orders").expireTime >= "2027-03-31T00:00:00Z");
        assert.ok(resource("db-prod-users").expireTime >= "2027-03-31T00:00:00Z");
        assert.equal(resource("staging-db-01").expireTime, "2026-12-20T02:00:00Z", "no renewal for staging");
        const orders = up.outputs.renewalOrders.value as Bag;
        assert.equal(orders.count, 2);
        assert.deepEqual(orders.orders.map((o: Bag) => o.name).sort(), ["db-prod-orders", "db-prod-users"]);
        await stack.preview({ expectNoChanges: true });
    });

    it("a resource bought in the console joins on the next up; one renamed out of the filter leaves without a BSS call", async () => {
        const bought = emulator.addResource({ name: "web-prod-03", kind: "ecs", region: "cn-north-4", periodType: "month", periodNum: 1 });
        emulator.updateResource(ids["cache-prod-01"], { resourceName: "dev-cache-01" });
        emulator.resetCalls();
        const up = await stack.up();
        assert.equal(up.summary.resourceChanges?.create, 1);
        assert.equal(up.summary.resourceChanges?.delete, 1);
        assert.equal(up.outputs.managedCount.value, 11);
        assert.equal(emulator.world.resource(bought.resourceId)!.expirePolicy, 3);
        assert.deepEqual(mutatingCalls(emulator), { AutoRenewalResources: 1 }, "only the new resource's auto-renew; the removed one is retained");
        assert.equal(resource("cache-prod-01").expirePolicy, 3, "left as it was");
    });
});
