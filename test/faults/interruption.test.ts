/**
 * Interruption: `pulumi up` is killed (SIGKILL of the CLI's whole process tree: CLI, language host,
 * program, provider) in the middle of renewals and expiry-policy conversions, then the user's
 * recipe is followed: `pulumi cancel` (the killed CLI leaves the stack locked), optionally
 * `pulumi refresh` or `pulumi stack export | import` without the pending operations, then
 * `pulumi up` again. Each time the stack converges, no order is placed twice, and an order left
 * pending payment is found and paid (payment "auto") or reported (payment "pending").
 */
import * as assert from "node:assert/strict";
import { Stack } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../emulator";
import { Random } from "../../emulator/random";
import {
    cliEnv,
    dateFrom,
    declare,
    emulatorConfig,
    hoursFrom,
    killTree,
    restoreTruncatedCheckpoint,
    MUTATING_OPERATIONS,
    openFaultStack,
    renewalOrdersFor,
    runPulumi,
    spawnPulumi,
    startFaultEmulator,
    waitFor,
} from "./support";

type Bag = Record<string, any>;
const POLICY: Record<string, number> = { release: 0, payPerUse: 1, renew: 3 };

describe("faults: pulumi up killed mid-run, then the recipe", function () {
    this.timeout(600_000);
    let emulator: RunningEmulator;
    let stack: Stack;
    const ids: Record<string, string> = {};
    let subs: Record<string, Bag> = {};
    const timings: Record<string, number> = {};

    const resource = (name: string) => emulator.world.resource(ids[name])!;
    const renewals = (name: string) => renewalOrdersFor(emulator, ids[name]);
    /** Responses to mutating requests so far (whatever the status). */
    const mutatingAnswered = () => emulator.requestLog().filter((e) => MUTATING_OPERATIONS.includes(e.operation)).length;

    /** Starts `pulumi up` as a child process and SIGKILLs its process tree once `trigger` holds. */
    async function upKilledWhen(trigger: () => boolean, what: string): Promise<void> {
        await declare(stack, { subs });
        const child = spawnPulumi(["up", "--yes", "--skip-preview", "--non-interactive", "--parallel", "16", "--stack", stack.name], cliEnv());
        const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
        await Promise.race([waitFor(trigger, 240_000, what), exited.then((code) => assert.fail(`pulumi up ended (exit ${code}) before ${what}`))]);
        await killTree(child);
        restoreTruncatedCheckpoint(stack.name);
    }

    /** Every subscription is as the program says, in BSS and in the stack's state, with no pending operation left. */
    async function assertConverged(): Promise<void> {
        const state = await stack.exportStack();
        assert.deepEqual(state.deployment.pending_operations ?? [], [], "no pending operation is left");
        const outputs = new Map<string, Bag>(state.deployment.resources.filter((r: Bag) => r.type.endsWith(":Subscription")).map((r: Bag) => [r.urn.split("::").pop(), r.outputs]));
        for (const [name, args] of Object.entries(subs)) {
            const r = resource(name);
            const out = outputs.get(name);
            assert.ok(out, `${name} is in the stack`);
            assert.equal(r.expirePolicy, POLICY[args.onExpiry], `${name}: expire_policy`);
            assert.equal(out.expirePolicy, r.expirePolicy, `${name}: state vs BSS policy`);
            assert.equal(out.expireTime, r.expireTime, `${name}: state vs BSS expiry`);
            const pending = renewals(name).filter((o) => o.status === 6).map((o) => o.orderId);
            assert.deepEqual(out.pendingOrders.map((o: Bag) => o.id), pending, `${name}: pending orders reported`);
            if (args.payment?.mode === "pending") assert.equal(pending.length, 1, `${name}: exactly one order left pending`);
            else if (args.renewUntil) assert.ok(r.expireTime >= `${args.renewUntil}T00:00:00Z`, `${name}: paid until ${r.expireTime}, renewUntil ${args.renewUntil}`);
        }
        await stack.preview({ expectNoChanges: true });
    }

    before(async () => {
        emulator = await startFaultEmulator();
        const suffix = Date.now().toString(36);
        const add = (name: string, expirePolicy: number) => {
            ids[name] = `kill-${name}-${suffix}`;
            emulator.addResource({ resourceId: ids[name], kind: "ecs", periodType: "month", periodNum: 1, expireTime: hoursFrom(emulator, 20), expirePolicy, attached: [{ resourceId: `${ids[name]}-disk`, kind: "evs" }] });
        };
        for (const name of ["r0", "r1", "r2", "r3", "p0", "p1"]) add(name, 3);
        for (const name of ["c0", "c1", "c2"]) add(name, 3);
        for (const name of ["d0", "d1", "d2"]) add(name, 1);
        stack = await openFaultStack("interrupt", emulatorConfig(emulator));
    });

    after(async () => {
        console.log(`      interruption rounds (s): ${JSON.stringify(timings)}`);
        emulator?.clearFaults();
        if (stack) {
            await stack.cancel().catch(() => undefined);
            await stack.destroy().catch(() => undefined);
            await stack.workspace.removeStack(stack.name).catch(() => undefined);
        }
        await emulator?.close();
    });

    it("killed right after a renewal was committed: cancel + refresh --clear-pending-creates + up buys nothing twice and reports the pending order", async () => {
        const started = Date.now();
        const until = dateFrom(emulator, 70);
        subs = {
            ...Object.fromEntries(["r0", "r1", "r2", "r3"].map((n) => [n, { resourceId: ids[n], onExpiry: "renew", renewUntil: until }])),
            ...Object.fromEntries(["p0", "p1"].map((n) => [n, { resourceId: ids[n], onExpiry: "renew", renewUntil: until, payment: { mode: "pending" } }])),
            ...Object.fromEntries(["c0", "c1", "c2"].map((n) => [n, { resourceId: ids[n], onExpiry: "renew" }])),
            ...Object.fromEntries(["d0", "d1", "d2"].map((n) => [n, { resourceId: ids[n], onExpiry: "payPerUse" }])),
        };
        // The read-back after each renewal is slowed, so the kill lands between BSS's commit and the state write.
        emulator.setFaults([{ operation: "ListPayPerUseCustomerResources", kind: "latency", probability: 1, latencyMs: 400 }]);
        await upKilledWhen(() => emulator.requestLog().some((e) => e.operation === "RenewalResources" && e.status === 200), "a committed renewal");
        emulator.clearFaults();
        const committed = Object.keys(subs).filter((n) => renewals(n).length > 0);
        assert.ok(committed.length > 0, "a renewal order exists from the killed run");

        const locked = await runPulumi(["up", "--yes", "--skip-preview", "--non-interactive", "--stack", stack.name], cliEnv());
        assert.notEqual(locked.code, 0);
        assert.match(locked.stdout + locked.stderr, /the stack is currently locked .* delete the lock file with `pulumi cancel`/s, "the killed run's lock stops the next one and names the remedy");
        const exported = await stack.exportStack();
        assert.ok((exported.deployment.pending_operations ?? []).length > 0, "the killed run left pending operations");

        await stack.cancel();
        // Creates the killed run had started stay pending through `up`; a Subscription create adopts, so dropping them is safe.
        await stack.refresh({ clearPendingCreates: true });
        await stack.up();
        for (const name of ["r0", "r1", "r2", "r3", "p0", "p1"]) assert.equal(renewals(name).length, 1, `${name}: one renewal order`);
        await assertConverged();
        timings.renewals = Math.round((Date.now() - started) / 1000);
    });

    it("killed between the two calls of a conversion: cancel + refresh + up finishes it; the pending order is paid once when payment becomes automatic", async () => {
        const started = Date.now();
        const orderOfP = Object.fromEntries(["p0", "p1"].map((n) => [n, renewals(n)[0].orderId]));
        subs = {
            ...subs,
            p0: { resourceId: ids.p0, onExpiry: "renew", renewUntil: subs.p0.renewUntil },
            p1: { resourceId: ids.p1, onExpiry: "renew", renewUntil: subs.p1.renewUntil },
            ...Object.fromEntries(["c0", "c1", "c2"].map((n) => [n, { resourceId: ids[n], onExpiry: "payPerUse" }])),
            ...Object.fromEntries(["d0", "d1", "d2"].map((n) => [n, { resourceId: ids[n], onExpiry: "renew" }])),
        };
        // renew -> payPerUse is auto-renew off, then to-on-demand on: slow the second call so the kill falls in between.
        emulator.setFaults([{ operation: "UpdatePeriodToOnDemand", kind: "latency", probability: 1, latencyMs: 1500 }]);
        await upKilledWhen(() => emulator.requestLog().some((e) => e.operation === "CancelAutoRenewalResources" && e.status >= 200 && e.status < 300), "auto-renew switched off");
        emulator.clearFaults();
        await new Promise((resolve) => setTimeout(resolve, 1600)); // the delayed request lands (or not) after the kill
        await stack.cancel();
        await stack.refresh();
        await stack.up();
        for (const name of ["p0", "p1"]) {
            assert.equal(renewals(name).length, 1, `${name}: still one order`);
            assert.equal(emulator.world.order(orderOfP[name])!.status, 5, `${name}: its pending order is paid`);
        }
        assert.equal(emulator.orderLog().filter((e) => e.event === "paid" && Object.values(orderOfP).includes(e.orderId)).length, 2, "each paid once");
        await assertConverged();
        timings.conversions = Math.round((Date.now() - started) / 1000);
    });

    it("killed at seeded random points of a mixed run: export/import without the pending operations + up converges", async () => {
        const started = Date.now();
        const random = new Random(1122);
        const until = dateFrom(emulator, 110);
        let round = 0;
        for (const flip of [
            { c: "renew", d: "payPerUse" },
            { c: "release", d: "release" },
        ]) {
            round += 1;
            subs = {
                ...subs,
                ...Object.fromEntries(["r0", "r1", "r2", "r3"].map((n) => [n, { ...subs[n], renewUntil: round === 1 ? until : dateFrom(emulator, 150) }])),
                ...Object.fromEntries(["c0", "c1", "c2"].map((n) => [n, { resourceId: ids[n], onExpiry: flip.c }])),
                ...Object.fromEntries(["d0", "d1", "d2"].map((n) => [n, { resourceId: ids[n], onExpiry: flip.d }])),
            };
            const before = Object.fromEntries(["r0", "r1", "r2", "r3"].map((n) => [n, renewals(n).length]));
            const answered = mutatingAnswered();
            const killAfter = 1 + Math.floor(random.next() * 6);
            emulator.setFaults([{ operation: "*", kind: "latency", probability: 1, latencyMs: 150 }]);
            await upKilledWhen(() => mutatingAnswered() - answered >= killAfter, `${killAfter} mutating answers`);
            emulator.clearFaults();
            await stack.cancel();
            const state = await stack.exportStack();
            const dropped = (state.deployment.pending_operations ?? []).length;
            delete state.deployment.pending_operations;
            await stack.importStack(state);
            await stack.up();
            for (const n of ["r0", "r1", "r2", "r3"]) assert.equal(renewals(n).length, before[n] + 1, `${n}: one order for the new renewUntil (kill after ${killAfter}, ${dropped} pending operations dropped)`);
            await assertConverged();
        }
        timings.random = Math.round((Date.now() - started) / 1000);
    });
});
