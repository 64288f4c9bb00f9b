/**
 * Subscriptions end to end: the real Pulumi CLI (Automation API) runs a program that imports the
 * installed package, against an emulator started here. One stack walks through the lifecycle:
 * bad input refused at preview, preview prices, up, transitions, an interrupted renewal, drift and
 * refresh, destroy with each onDelete.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { startEmulator, RunningEmulator } from "../../../emulator";
import { formatUtc } from "../../../emulator/time";
import { ENTERPRISE_PROJECT_MANAGEMENT_TYPE, SUBSCRIPTION_TYPE } from "../../../sdk/tokens";
import { REPO_ROOT, eventRecorder, offlineEnv, openStack, removeStack, uniqueStackName } from "../harness";

const PROGRAM = path.join(REPO_ROOT, "test/e2e/subscription/programs/fleet");
const PROJECT = "bss-subscription-e2e";
const MUTATING = ["RenewalResources", "CancelResourcesSubscription", "AutoRenewalResources", "CancelAutoRenewalResources", "UpdatePeriodToOnDemand", "PayOrders", "CancelCustomerOrder", "SetResourcesRenewConfig", "CreateEnterpriseProjectAuth"];

type Bag = Record<string, any>;

function diagnostics(events: EngineEvent[]): string[] {
    return events.filter((e) => e.diagnosticEvent).map((e) => e.diagnosticEvent!.message);
}

describe("Subscription end to end through the Pulumi CLI", function () {
    this.timeout(600_000);
    let emulator: RunningEmulator;
    let stack: Stack;
    const day = (n: number) => formatUtc(Math.floor((emulator.now().getTime() + n * 86_400_000) / 3_600_000) * 3_600_000);
    const date = (n: number) => day(n).slice(0, 10);
    const ids: Record<string, string> = {};
    // Fixed when the resources are made: day(n) moves on when the emulator's clock crosses an hour.
    let firstExpiry = "";
    let subs: Record<string, Bag> = {};

    const mutating = () => {
        const counts = emulator.calls().byOperation;
        return Object.fromEntries(MUTATING.filter((op) => counts[op]).map((op) => [op, counts[op]]));
    };
    const resource = (name: string) => emulator.world.resource(ids[name]);
    const setSubs = async (next: Record<string, Bag>) => {
        subs = next;
        await stack.setConfig(`${PROJECT}:subs`, { value: JSON.stringify(next) });
    };

    before(async () => {
        emulator = await startEmulator({ port: 0, demo: false });
        firstExpiry = day(15);
        for (const name of ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]) {
            ids[name] = `e2e-${name}-${Date.now().toString(36)}`;
            emulator.addResource({
                resourceId: ids[name],
                name,
                kind: "ecs",
                periodType: "month",
                periodNum: 1,
                expireTime: firstExpiry,
                expirePolicy: name === "bravo" ? 3 : 0,
                attached: [{ resourceId: `${ids[name]}-disk`, kind: "evs" }],
            });
        }
        const c = emulator.defaultCredential;
        stack = await openStack(PROGRAM, uniqueStackName("subscription"), {
            "huaweicloud-bss:endpoint": { value: emulator.url },
            "huaweicloud-bss:accessKey": { value: c.accessKey },
            "huaweicloud-bss:secretKey": { value: c.secretKey, secret: true },
            "huaweicloud-bss:domainId": { value: c.domainId },
        });
    });

    after(async () => {
        if (stack) await removeStack(stack).catch(() => undefined);
        if (emulator) await emulator.close();
    });

    it("refuses bad input at preview, naming each field and rule, before any request that changes anything", async () => {
        emulator.resetCalls();
        // The engine stops at the first resource whose check fails: one bad resource per preview.
        await setSubs({ alpha: { resourceId: ids.alpha, onExpiry: "sometimes", renewUntil: "2027-02-30", maxRenewalCost: "lots" } });
        let recorder = eventRecorder();
        await assert.rejects(stack.preview({ onEvent: recorder.onEvent }));
        let text = diagnostics(recorder.events).join("\n");
        assert.match(text, /onExpiry must be one of "renew", "payPerUse", "release"/);
        assert.match(text, /renewUntil 2027-02-30 is not a calendar date/);
        assert.match(text, /maxRenewalCost must be a non-negative amount/);

        await setSubs({ bravo: { resourceId: `${ids.bravo}-disk` } });
        recorder = eventRecorder();
        await assert.rejects(stack.preview({ onEvent: recorder.onEvent }));
        text = diagnostics(recorder.events).join("\n");
        assert.match(text, new RegExp(`attached resource .* of ${ids.bravo}`));

        // A renewal over budget is refused at preview, with the planned amount and the limit.
        await setSubs({ charlie: { resourceId: ids.charlie, renewUntil: date(200), maxRenewalCost: "10.5" } });
        recorder = eventRecorder();
        await assert.rejects(stack.preview({ onEvent: recorder.onEvent }));
        text = diagnostics(recorder.events).join("\n");
        assert.match(text, /maxRenewalCost: keeping \S+ paid until \S+ needs .* for \d+\.\d+ CNY, which is more than maxRenewalCost 10\.5 CNY/);
        assert.deepEqual(mutating(), {});
    });

    it("preview shows each planned renewal with its BSS price, and buys nothing", async () => {
        await setSubs({
            alpha: { resourceId: ids.alpha, onExpiry: "renew", autoRenewTimes: 2 },
            bravo: { resourceId: ids.bravo, onExpiry: "payPerUse" },
            charlie: { resourceId: ids.charlie, renewUntil: date(70), onExpiry: "release" },
            delta: { resourceId: ids.delta, renewUntil: date(70), payment: { mode: "pending" } },
            echo: { resourceId: ids.echo, onExpiry: "release", onDelete: "unsubscribe" },
            foxtrot: { resourceId: ids.foxtrot, renewUntil: date(40), onDelete: "unsubscribeRenewals", maxRenewalCost: 100000 },
        });
        await stack.setConfig(`${PROJECT}:enterpriseProjects`, { value: "true" });
        await stack.setConfig(`${PROJECT}:renewConfig`, { value: JSON.stringify({ deductionDaysBeforeExpiry: 5 }) });
        emulator.resetCalls();
        const { events, onEvent } = eventRecorder();
        const preview = await stack.preview({ onEvent });
        assert.equal(preview.changeSummary.create, 9);
        const planned = events
            .filter((e) => e.resourcePreEvent?.metadata.type === SUBSCRIPTION_TYPE)
            .map((e) => e.resourcePreEvent!.metadata.new?.inputs as Bag)
            .filter((inputs) => inputs?.plannedRenewal);
        assert.equal(planned.length, 3, "charlie, delta and foxtrot need renewals");
        for (const inputs of planned) {
            assert.ok(Number(inputs.plannedRenewal.amount) > 0, JSON.stringify(inputs.plannedRenewal));
            assert.equal(inputs.plannedRenewal.currency, "CNY");
            assert.ok(inputs.plannedRenewal.until >= `${inputs.renewUntil}T00:00:00Z`);
        }
        assert.deepEqual(mutating(), {});
        assert.ok(emulator.calls().total <= 1 + 3 * 3, `preview made ${emulator.calls().total} calls: ${JSON.stringify(emulator.calls().byOperation)}`);
    });

    it("up adopts every resource, applies the settings, and a second preview shows no change", async () => {
        const { events, onEvent } = eventRecorder();
        const up = await stack.up({ onEvent });
        assert.equal(up.summary.resourceChanges?.create, 9);
        assert.equal(resource("alpha")!.expirePolicy, 3);
        assert.equal(resource("alpha")!.autoRenewTimes, 2);
        assert.equal(resource("bravo")!.expirePolicy, 1);
        assert.equal(resource("echo")!.expirePolicy, 0);
        assert.ok(resource("charlie")!.expireTime >= `${subs.charlie.renewUntil}T00:00:00Z`);
        assert.ok(resource("foxtrot")!.expireTime >= `${subs.foxtrot.renewUntil}T00:00:00Z`);
        assert.equal(resource("delta")!.expireTime, firstExpiry, "pending payment: the expiry has not moved");
        const out = up.outputs.subscriptions.value as Bag;
        assert.equal(out.delta.pendingOrders.length, 1);
        assert.equal(emulator.world.order(out.delta.pendingOrders[0].id)!.status, 6);
        assert.ok(
            diagnostics(events).some((m) => /pending payment/.test(m) && m.includes(out.delta.pendingOrders[0].id)),
            "a warning names the order left pending",
        );
        assert.equal(out.charlie.orders.length, 1);
        assert.equal(out.charlie.orders[0].status, "completed");
        assert.equal(emulator.world.account(emulator.defaultCredential.domainId)!.renewConfig.deductionDays, 5);
        await stack.preview({ expectNoChanges: true });
    });

    it("__provider is a small require of the package subpath, and no secret is in the state", async () => {
        // The state as stored by the backend (exportStack would decrypt secrets for display).
        const backend = offlineEnv().PULUMI_BACKEND_URL.replace(/^file:\/\//, "");
        const stored = fs.readFileSync(path.join(backend, ".pulumi", "stacks", PROJECT, `${stack.name}.json`), "utf8");
        const at = stored.indexOf(emulator.defaultCredential.secretKey);
        assert.equal(at, -1, `the secret key is in the stored state: ...${stored.slice(Math.max(0, at - 300), at + 60)}`);
        const state = await stack.exportStack();
        const subscriptions = state.deployment.resources.filter((r: Bag) => r.type === SUBSCRIPTION_TYPE);
        assert.equal(subscriptions.length, 6);
        for (const r of subscriptions) {
            const provider: string = r.inputs.__provider;
            assert.ok(provider.length < 1024, `__provider is ${provider.length} bytes`);
            assert.match(provider, /require\("pulumi-huaweicloud-bss\/provider\/subscription"\)/);
            assert.doesNotMatch(provider, /planRenewal|listPayPerUseCustomerResources/, "implementation code was serialized");
            assert.equal(r.outputs.__provider, provider);
        }
        const eps = state.deployment.resources.find((r: Bag) => r.type === ENTERPRISE_PROJECT_MANAGEMENT_TYPE);
        assert.match(eps.inputs.__provider, /provider\/enterprise-project-management/);
    });

    it("transitions renew <-> payPerUse <-> release and extends renewUntil, with only the calls needed", async () => {
        emulator.resetCalls();
        // A renewal committed whose response is lost: the run must converge without ordering twice.
        emulator.setFaults([{ operation: "RenewalResources", kind: "commitThenDrop", count: 1 }]);
        const charlieBefore = resource("charlie")!.expireTime;
        await setSubs({
            ...subs,
            alpha: { resourceId: ids.alpha, onExpiry: "payPerUse" },
            bravo: { resourceId: ids.bravo, onExpiry: "renew" },
            charlie: { ...subs.charlie, renewUntil: date(130) },
            echo: { ...subs.echo, onExpiry: "renew" },
        });
        const up = await stack.up();
        emulator.clearFaults();
        assert.equal(up.summary.resourceChanges?.update, 4);
        assert.equal(resource("alpha")!.expirePolicy, 1);
        assert.equal(resource("bravo")!.expirePolicy, 3);
        assert.equal(resource("echo")!.expirePolicy, 3);
        assert.ok(resource("charlie")!.expireTime > charlieBefore);
        const counts = mutating();
        assert.equal(counts.RenewalResources, 1, JSON.stringify(counts));
        assert.equal(counts.CancelAutoRenewalResources, 1, "alpha: auto-renew off");
        assert.equal(counts.UpdatePeriodToOnDemand, 2, "alpha SET_UP, bravo CANCEL");
        assert.equal(counts.AutoRenewalResources, 2, "bravo and echo on");
        const charlieRenewals = emulator.world
            .ordersOf(emulator.defaultCredential.domainId)
            .filter((o) => o.orderType === 2 && o.lines.some((l) => l.resourceId === ids.charlie));
        assert.equal(charlieRenewals.length, 2, "one order per renewUntil, none twice");
        await stack.preview({ expectNoChanges: true });
    });

    it("refresh shows a console change as drift; up puts it back; a refresh without change leaves no diff", async () => {
        emulator.setExpirePolicy(ids.bravo, 0);
        const before = (await stack.exportStack()).deployment.resources as Bag[];
        const refresh = await stack.refresh();
        const after = (await stack.exportStack()).deployment.resources as Bag[];
        const changed = after
            .filter((r) => JSON.stringify(r.outputs) !== JSON.stringify(before.find((b) => b.urn === r.urn)?.outputs))
            .map((r) => `${r.urn}\n  before ${JSON.stringify(before.find((b) => b.urn === r.urn)?.outputs)}\n  after  ${JSON.stringify(r.outputs)}`);
        assert.equal(refresh.summary.resourceChanges?.update, 1, changed.join("\n"));
        const preview = await stack.preview();
        assert.equal(preview.changeSummary.update, 1);
        await stack.up();
        assert.equal(resource("bravo")!.expirePolicy, 3);
        const again = await stack.refresh();
        assert.equal(again.summary.resourceChanges?.update ?? 0, 0);
        await stack.preview({ expectNoChanges: true });
    });

    it("destroy follows onDelete: unsubscribe, unsubscribe renewals, retain (no call); enterprise projects stay enabled", async () => {
        emulator.resetCalls();
        const foxtrotPaidUntil = resource("foxtrot")!.expireTime;
        const { events, onEvent } = eventRecorder();
        const destroy = await stack.destroy({ onEvent });
        assert.equal(destroy.summary.resourceChanges?.delete, 9);
        assert.equal(resource("echo")?.endReason, "unsubscribed", "echo unsubscribed");
        assert.ok(resource("foxtrot")!.expireTime < foxtrotPaidUntil, "foxtrot's renewal unsubscribed");
        for (const name of ["alpha", "bravo", "charlie", "delta"]) assert.ok(resource(name), `${name} retained`);
        assert.equal(emulator.calls().byOperation.CancelResourcesSubscription, 2);
        const text = diagnostics(events).join("\n");
        assert.match(text, /refund/);
        assert.match(text, /cannot disable enterprise project management/);
    });
});
