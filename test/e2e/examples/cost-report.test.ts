/**
 * examples/cost-report through the real CLI against the quickstart scenario: data sources only,
 * numbers that match the emulator's ledger and catalogue, tables printed, nothing changed.
 */
import * as assert from "node:assert/strict";
import { Stack } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../../emulator";
import { eventRecorder, removeStack } from "../harness";
import { diagnostics, exampleStack, mutatingCalls, startScenarioEmulator } from "./support";

type Bag = Record<string, any>;
const DAY_MS = 86_400_000;

describe("examples/cost-report through the Pulumi CLI", function () {
    this.timeout(300_000);
    let emulator: RunningEmulator;
    let stack: Stack;
    let outputs: Bag;
    let printed: string;

    before(async () => {
        emulator = await startScenarioEmulator();
        stack = await exampleStack("cost-report", emulator);
        emulator.resetCalls();
        const { events, onEvent } = eventRecorder();
        const up = await stack.up({ onEvent });
        outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
        printed = diagnostics(events);
        assert.equal(up.summary.resourceChanges?.create, 1, "only the stack itself: no resource");
    });
    after(async () => {
        if (stack) await removeStack(stack).catch(() => undefined);
        if (emulator) await emulator.close();
    });

    const account = () => emulator.world.accounts()[0].id;
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

    it("changes nothing in the account", () => {
        assert.deepEqual(mutatingCalls(emulator), {});
    });

    it("costs per month are the ledger's, for the six whole months before the emulator's today", () => {
        assert.deepEqual(outputs.months, ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]);
        for (const month of outputs.months as string[]) {
            const ledger = sum(emulator.world.ledgerOf(account(), month).map((l) => l.amount));
            assert.equal(Number(outputs.costByMonth[month]).toFixed(2), ledger.toFixed(2), month);
        }
        assert.ok(Number(outputs.costByMonth["2026-10"]) > 0);
        assert.equal(outputs.currency, "CNY");
    });

    it("the most expensive resources are the ledger's top spenders, largest first", () => {
        const perResource = new Map<string, number>();
        for (const month of outputs.months as string[]) {
            for (const line of emulator.world.ledgerOf(account(), month)) perResource.set(line.resourceId, (perResource.get(line.resourceId) ?? 0) + line.amount);
        }
        const ranked = [...perResource.entries()].sort((a, b) => b[1] - a[1]);
        const top = outputs.mostExpensive as Bag[];
        assert.equal(top.length, 10);
        assert.equal(top[0].resourceId, ranked[0][0]);
        assert.equal(Number(top[0].amount).toFixed(2), ranked[0][1].toFixed(2));
        for (let i = 1; i < top.length; i++) assert.ok(Number(top[i - 1].amount) >= Number(top[i].amount));
    });

    it("lists what expires within 60 days with a one-month renewal quote", () => {
        const now = emulator.now().getTime();
        const expected = emulator.world
            .subscribedResources(account())
            .filter((r) => r.isMainResource && Date.parse(r.expireTime) <= now + 60 * DAY_MS && Date.parse(r.expireTime) >= now)
            .map((r) => r.resourceName)
            .sort();
        const listed = outputs.upcomingExpiries as Bag[];
        assert.deepEqual(listed.map((r) => r.name).sort(), expected);
        for (const r of listed) assert.ok(Number(r.oneMonthRenewal) > 0, `${r.name} has no quote`);
        assert.equal(Number(outputs.renewAllForOneMonth.youPay).toFixed(2), sum(listed.map((r) => Number(r.oneMonthRenewal))).toFixed(2));
    });

    it("prints the three tables", () => {
        assert.match(printed, /Cost by service, 2026-05 to 2026-10 \(CNY\):/);
        assert.match(printed, /^\s*ECS\s+(\d+\.\d\d\s+){5}\d+\.\d\d$/m);
        assert.match(printed, /The 10 most expensive resources over those months/);
        assert.match(printed, /Expiring within 60 days of 2026-11-01/);
        assert.match(printed, /db-prod-orders\s+2026-11-26/);
    });
});
