/**
 * Interruption: `pulumi up` is killed (SIGKILL of the CLI's whole process tree: CLI, language host,
 * program, provider) in the middle of renewals and expiry-policy conversions, then the user's
 * recipe is followed: `pulumi cancel` (the killed CLI leaves the stack locked), optionally
 * `pulumi refresh` or `pulumi stack export | import` without the pending operations, then
 * `pulumi up` again. Each time the stack converges, no order is placed twice, and an order left
 * pending payment is found and paid (payment "auto") or reported (payment "pending").
 * `pulumi destroy` killed after its first unsubscription (or after all of them, none recorded in the
 * state), then `pulumi cancel` (+ `pulumi refresh`) + `pulumi destroy`, unsubscribes exactly what
 * onDelete asks, each resource once, and leaves retained resources untouched.
 */
import * as assert from "node:assert/strict";
import { Stack } from "@pulumi/pulumi/automation";
import type { Order, RunningEmulator } from "../../emulator";
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
    ordersOf,
    renewalOrdersFor,
    runPulumi,
    spawnPulumi,
    startFaultEmulator,
    tearDownFaultStack,
    unsubscriptionsFor,
    waitFor,
} from "./support";

type Bag = Record<string, any>;
const POLICY: Record<string, number> = { release: 0, payPerUse: 1, renew: 3 };

/** Starts `pulumi <verb>` on the stack as a child process and SIGKILLs its process tree once `trigger` holds. */
async function killedWhen(stack: Stack, verb: "up" | "destroy", trigger: () => boolean, what: string): Promise<void> {
    const child = spawnPulumi([verb, "--yes", "--skip-preview", "--non-interactive", "--parallel", "16", "--stack", stack.name], cliEnv());
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await Promise.race([waitFor(trigger, 240_000, what), exited.then((code) => assert.fail(`pulumi ${verb} ended (exit ${code}) before ${what}`))]);
    await killTree(child);
    restoreTruncatedCheckpoint(stack.name);
}

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
        await killedWhen(stack, "up", trigger, what);
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
        await tearDownFaultStack(stack, emulator);
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

describe("faults: pulumi destroy killed mid-run, then the recipe", function () {
    this.timeout(600_000);
    let emulator: RunningEmulator;
    let stack: Stack;
    const timings: Record<string, number> = {};
    const GROUPS = { u: "unsubscribe", n: "unsubscribeRenewals", k: "retain" } as const;
    type OnDelete = (typeof GROUPS)[keyof typeof GROUPS];

    interface Round {
        readonly ids: Record<string, string>;
        readonly onDelete: Record<string, OnDelete>;
        /** Expiry before any renewal: where "unsubscribeRenewals" brings a resource back. */
        readonly initialExpiry: Record<string, string>;
    }

    /** Three resources per onDelete, each renewed ahead so every onDelete has something to act on, adopted by `up`. */
    async function deployRound(label: string): Promise<Round> {
        const round: Round = { ids: {}, onDelete: {}, initialExpiry: {} };
        const suffix = Date.now().toString(36);
        for (const [prefix, choice] of Object.entries(GROUPS)) {
            for (let i = 0; i < 3; i++) {
                const name = `${prefix}${i}`;
                round.ids[name] = `kill-${label}-${name}-${suffix}`;
                round.onDelete[name] = choice;
                round.initialExpiry[name] = hoursFrom(emulator, 20 + i);
                emulator.addResource({ resourceId: round.ids[name], kind: "ecs", periodType: "month", periodNum: 1, expireTime: round.initialExpiry[name], expirePolicy: 0, attached: [{ resourceId: `${round.ids[name]}-disk`, kind: "evs" }] });
            }
        }
        const until = dateFrom(emulator, 70);
        await declare(stack, { subs: Object.fromEntries(Object.keys(round.ids).map((n) => [n, { resourceId: round.ids[n], onExpiry: "release", renewUntil: until, onDelete: round.onDelete[n] }])) });
        await stack.up();
        for (const [name, id] of Object.entries(round.ids)) assert.ok(emulator.world.resource(id)!.expireTime >= `${until}T00:00:00Z`, `${name} renewed`);
        return round;
    }

    /** Runs `pulumi destroy` and kills it once `trigger` holds; returns the names the killed run unsubscribed that the state still holds. */
    async function destroyKilledWhen(round: Round, trigger: () => boolean, what: string): Promise<string[]> {
        // The refund read after each unsubscription is slowed, so the kill lands between BSS's commit and the state write.
        emulator.setFaults([{ operation: "ShowRefundOrderDetails", kind: "latency", probability: 1, latencyMs: 1000 }]);
        await killedWhen(stack, "destroy", trigger, what);
        emulator.clearFaults();
        const state = await stack.exportStack();
        assert.ok((state.deployment.pending_operations ?? []).length > 0, "the killed run left pending operations");
        const inState = new Set((state.deployment.resources ?? []).filter((r: Bag) => r.type.endsWith(":Subscription")).map((r: Bag) => r.urn.split("::").pop()));
        return Object.keys(round.ids).filter((n) => unsubscriptionsFor(emulator, round.ids[n]).length > 0 && inState.has(n));
    }

    /** Every resource was unsubscribed exactly as onDelete asks, once; retained ones are untouched; the stack is empty. */
    async function assertDestroyed(round: Round, before: Record<string, { expireTime: string; expirePolicy: number }>): Promise<void> {
        const orders: readonly Order[] = ordersOf(emulator);
        const problems: string[] = [];
        for (const [name, id] of Object.entries(round.ids)) {
            const r = emulator.world.resource(id)!;
            const unsubs = unsubscriptionsFor(emulator, id, orders);
            const full = unsubs.filter((u) => u.type === 1).length;
            const renewalsOnly = unsubs.filter((u) => u.type === 2).length;
            const wanted = round.onDelete[name];
            if (wanted === "unsubscribe" && (full !== 1 || renewalsOnly !== 0 || r.endReason !== "unsubscribed")) problems.push(`${name}: onDelete unsubscribe, yet ${full} unsubscription(s), ${renewalsOnly} of renewals, end ${r.endReason}`);
            if (wanted === "unsubscribeRenewals" && (renewalsOnly !== 1 || full !== 0 || r.endedAt !== undefined || r.expireTime !== round.initialExpiry[name])) {
                problems.push(`${name}: onDelete unsubscribeRenewals, yet ${renewalsOnly} unsubscription(s) of renewals, ${full} of the resource, expiry ${r.expireTime} (${round.initialExpiry[name]} before renewing)`);
            }
            if (wanted === "retain" && (unsubs.length > 0 || r.expireTime !== before[name].expireTime || r.expirePolicy !== before[name].expirePolicy || r.endedAt !== undefined)) problems.push(`${name}: retained, yet changed`);
        }
        assert.deepEqual(problems, []);
        const state = await stack.exportStack();
        assert.deepEqual(state.deployment.resources ?? [], [], "the stack is empty");
        assert.deepEqual(state.deployment.pending_operations ?? [], [], "no pending operation is left");
    }

    const snapshot = (round: Round) => Object.fromEntries(Object.entries(round.ids).map(([n, id]) => [n, { ...emulator.world.resource(id)! }]));

    before(async () => {
        emulator = await startFaultEmulator();
        stack = await openFaultStack("interrupt-destroy", emulatorConfig(emulator));
    });

    after(async () => {
        console.log(`      destroy interruption rounds (s): ${JSON.stringify(timings)}`);
        await tearDownFaultStack(stack, emulator);
    });

    it("killed right after the first unsubscription was answered: cancel + refresh + destroy unsubscribes each resource once, as onDelete asks", async () => {
        const started = Date.now();
        const round = await deployRound("first");
        const before = snapshot(round);
        const left = await destroyKilledWhen(round, () => emulator.requestLog().some((e) => e.operation === "CancelResourcesSubscription" && e.status === 200), "an answered unsubscription");
        assert.ok(left.length > 0, "the state still holds a resource the killed run unsubscribed");
        await stack.cancel();
        await stack.refresh();
        await stack.destroy();
        await assertDestroyed(round, before);
        timings.firstAnswer = Math.round((Date.now() - started) / 1000);
    });

    it("killed once every unsubscription was committed, none recorded: cancel + destroy sends them again harmlessly", async () => {
        const started = Date.now();
        const round = await deployRound("all");
        const before = snapshot(round);
        const asked = Object.keys(round.ids).filter((n) => round.onDelete[n] !== "retain");
        const left = await destroyKilledWhen(round, () => asked.every((n) => unsubscriptionsFor(emulator, round.ids[n]).length > 0), "every unsubscription committed");
        for (const prefix of ["u", "n"]) assert.ok(left.some((n) => n.startsWith(prefix)), `the state still holds a "${GROUPS[prefix as "u" | "n"]}" resource the killed run unsubscribed (${left})`);
        // Without a refresh, the new destroy unsubscribes them again: BSS answers "already unsubscribed" or "no renewal to unsubscribe".
        await stack.cancel();
        await stack.destroy();
        await assertDestroyed(round, before);
        timings.allCommitted = Math.round((Date.now() - started) / 1000);
    });
});
