/**
 * Chaos: 200 Subscriptions through `up`, `refresh`, a change of every kind and `destroy`, while the
 * emulator injects about 10% faults on every operation (5xx, 429, latency spikes, and "commit then
 * drop the response"), seeded so runs repeat. A step that fails is simply run again, as a user
 * would (bounded). Then the end state must be what the program declares, the stack's state must
 * match BSS, and the order log must show nothing bought twice, paid twice or unsubscribed unasked.
 */
import * as assert from "node:assert/strict";
import { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import type { Order, RunningEmulator } from "../../emulator";
import {
    CHAOS_FAULTS as FAULTS,
    dateFrom,
    declare,
    emulatorConfig,
    hoursFrom,
    mutatingCalls,
    openFaultStack,
    ordersOf,
    paymentsByOrder,
    renewalOrdersFor,
    reportSteps,
    startFaultEmulator,
    Step,
    unsubscriptionsFor,
    untilDone,
    tearDownFaultStack,
} from "./support";

const COUNT = 200;
const PARALLEL = 64;

type Bag = Record<string, any>;
type OnExpiry = "release" | "payPerUse" | "renew";
const EXPIRY: readonly OnExpiry[] = ["release", "payPerUse", "renew"];
const POLICY_OF: Record<OnExpiry, number> = { release: 0, payPerUse: 1, renew: 3 };
const INITIAL_POLICY = [0, 1, 3];

interface Desired {
    readonly onExpiry: OnExpiry;
    readonly autoRenewTimes?: number;
    readonly renewUntil?: string;
    readonly pending?: boolean;
    readonly onDelete?: "unsubscribe" | "unsubscribeRenewals";
}

describe("faults: chaos — 200 subscriptions under ~10% injected faults", function () {
    this.timeout(900_000);
    let emulator: RunningEmulator;
    let stack: Stack;
    const ids: string[] = [];
    const initialExpiry: string[] = [];
    let phaseA: Desired[] = [];
    let phaseB: Desired[] = [];
    const steps: Record<string, Step> = {};

    const name = (i: number) => `c${String(i).padStart(3, "0")}`;
    const program = (desired: readonly Desired[]) => ({
        subs: Object.fromEntries(
            desired.map((d, i) => [
                name(i),
                {
                    resourceId: ids[i],
                    onExpiry: d.onExpiry,
                    ...(d.autoRenewTimes !== undefined ? { autoRenewTimes: d.autoRenewTimes } : {}),
                    ...(d.renewUntil ? { renewUntil: d.renewUntil } : {}),
                    ...(d.pending ? { payment: { mode: "pending" } } : {}),
                    ...(d.onDelete ? { onDelete: d.onDelete } : {}),
                },
            ]),
        ),
    });
    const refresh = (onEvent?: (e: EngineEvent) => void) => stack.refresh({ parallel: PARALLEL, onEvent });
    const up = (onEvent: (e: EngineEvent) => void) => stack.up({ parallel: PARALLEL, continueOnError: true, onEvent });

    /** Everything the program declares holds in the emulator; the stack's outputs say what BSS says. */
    async function assertConverged(desired: readonly Desired[], phaseStart: string): Promise<void> {
        const orders = ordersOf(emulator);
        const problems: string[] = [];
        desired.forEach((d, i) => {
            const r = emulator.world.resource(ids[i])!;
            if (r.expirePolicy !== POLICY_OF[d.onExpiry]) problems.push(`${name(i)}: expire_policy ${r.expirePolicy}, wanted ${d.onExpiry}`);
            if (d.onExpiry === "renew" && (r.autoRenewTimes ?? 0) !== (d.autoRenewTimes ?? 0)) problems.push(`${name(i)}: auto_renew_times ${r.autoRenewTimes}, wanted ${d.autoRenewTimes ?? "unlimited"}`);
            const renewals = renewalOrdersFor(emulator, ids[i], orders);
            const thisPhase = renewals.filter((o) => o.createTime >= phaseStart);
            if (thisPhase.length > 1) problems.push(`${name(i)}: ${thisPhase.length} renewal orders in one run of the program: ${thisPhase.map((o) => o.orderId)}`);
            for (const order of renewals) {
                // An order renews from the expiry it found: one placed although that expiry already reached renewUntil is a duplicate.
                const line = order.lines.find((l) => l.resourceId === ids[i])!;
                if (d.renewUntil && order.status === 5 && line.effectiveTime >= `${d.renewUntil}T00:00:00Z` && order.createTime >= phaseStart) {
                    problems.push(`${name(i)}: order ${order.orderId} renewed from ${line.effectiveTime}, already past renewUntil ${d.renewUntil}`);
                }
            }
            const pending = renewals.filter((o) => o.status === 6);
            if (d.pending) {
                if (pending.length !== 1) problems.push(`${name(i)}: payment "pending" should leave exactly one order pending, found ${pending.length}`);
                if (r.expireTime !== initialExpiry[i]) problems.push(`${name(i)}: expiry moved to ${r.expireTime} although the order is left pending`);
            } else {
                if (pending.length > 0) problems.push(`${name(i)}: orders left pending payment ${pending.map((o) => o.orderId)}`);
                if (d.renewUntil && r.expireTime < `${d.renewUntil}T00:00:00Z`) problems.push(`${name(i)}: paid until ${r.expireTime}, before renewUntil ${d.renewUntil}`);
            }
        });

        const state = await stack.exportStack();
        const subs = new Map<string, Bag>(state.deployment.resources.filter((r: Bag) => r.type.endsWith(":Subscription")).map((r: Bag) => [r.urn.split("::").pop(), r]));
        if (subs.size !== desired.length) problems.push(`the stack holds ${subs.size} subscriptions, the program ${desired.length}`);
        if ((state.deployment.pending_operations ?? []).length > 0) problems.push(`pending operations left in the state: ${JSON.stringify(state.deployment.pending_operations).slice(0, 500)}`);
        desired.forEach((_d, i) => {
            const out = subs.get(name(i))?.outputs;
            const r = emulator.world.resource(ids[i])!;
            if (!out) return problems.push(`${name(i)}: not in the stack`);
            if (out.expireTime !== r.expireTime) problems.push(`${name(i)}: state says expireTime ${out.expireTime}, BSS ${r.expireTime}`);
            if (out.expirePolicy !== r.expirePolicy) problems.push(`${name(i)}: state says expirePolicy ${out.expirePolicy}, BSS ${r.expirePolicy}`);
            const pendingInBss = renewalOrdersFor(emulator, ids[i], orders).filter((o) => o.status === 6).map((o) => o.orderId).sort();
            const pendingInState = (out.pendingOrders ?? []).map((o: Bag) => o.id).sort();
            if (JSON.stringify(pendingInBss) !== JSON.stringify(pendingInState)) problems.push(`${name(i)}: state says pending ${pendingInState}, BSS ${pendingInBss}`);
        });
        assert.deepEqual(problems, []);
        assertNoDoublePayment();
    }

    function assertNoDoublePayment(): void {
        const twice = [...paymentsByOrder(emulator)].filter(([, n]) => n > 1);
        assert.deepEqual(twice, [], "orders paid more than once");
    }

    before(async () => {
        emulator = await startFaultEmulator({ seed: FAULTS.seed });
        const suffix = Date.now().toString(36);
        for (let i = 0; i < COUNT; i++) {
            const id = `chaos-${i}-${suffix}`;
            const expireTime = hoursFrom(emulator, 20 + (i % 30));
            emulator.addResource({
                resourceId: id,
                kind: "ecs",
                periodType: "month",
                periodNum: 1,
                expireTime,
                expirePolicy: INITIAL_POLICY[i % 3],
                ...(i % 2 === 0 ? { attached: [{ resourceId: `${id}-disk`, kind: "evs" }] } : {}),
            });
            ids.push(id);
            initialExpiry.push(expireTime);
        }
        phaseA = ids.map((_, i): Desired => {
            const onExpiry = EXPIRY[(i % 3 + (i % 2)) % 3];
            return {
                onExpiry,
                ...(onExpiry === "renew" && i % 4 === 3 ? { autoRenewTimes: 5 } : {}),
                ...(i % 4 === 0 ? { renewUntil: dateFrom(emulator, 70 + (i % 20)) } : i % 4 === 1 ? { renewUntil: dateFrom(emulator, 10) } : {}),
                ...(i % 16 === 0 ? { pending: true } : {}),
                ...(i % 5 === 0 ? { onDelete: "unsubscribe" as const } : i % 5 === 1 ? { onDelete: "unsubscribeRenewals" as const } : {}),
            };
        });
        phaseB = phaseA.map((a, i): Desired => {
            const turn = i % 4 === 0 ? 1 : i % 4 === 2 ? 2 : 0;
            const onExpiry = EXPIRY[(EXPIRY.indexOf(a.onExpiry) + turn) % 3];
            const onDelete = i % 10 === 0 ? undefined : i % 10 === 2 ? ("unsubscribe" as const) : i % 10 === 6 ? ("unsubscribeRenewals" as const) : a.onDelete;
            return {
                onExpiry,
                ...(onExpiry === "renew" ? { autoRenewTimes: i % 3 === 0 ? 2 : a.autoRenewTimes } : {}),
                // Extended: one more renewal each. Pending payments become automatic: the waiting order is paid, none added.
                ...(a.renewUntil ? { renewUntil: i % 8 === 4 ? dateFrom(emulator, 130 + (i % 20)) : a.renewUntil } : {}),
                ...(onDelete ? { onDelete } : {}),
            };
        });
        stack = await openFaultStack("chaos", emulatorConfig(emulator));
        emulator.setFaults(FAULTS);
    });

    after(async () => {
        // The failures that a re-run fixed, for whoever investigates a change in behaviour.
        reportSteps("chaos steps", steps);
        await tearDownFaultStack(stack, emulator, PARALLEL);
    });

    it("up: adopts all 200, sets every policy, renews exactly once per resource, leaves pending what the program says", async () => {
        await declare(stack, program(phaseA));
        const start = emulator.nowIso();
        steps.up = await untilDone("up", up, refresh);
        const faults = emulator.requestLog().filter((e) => e.fault).length;
        assert.ok(faults > 0, "faults were injected");
        await assertConverged(phaseA, start);
        for (const [i, d] of phaseA.entries()) if (d.renewUntil && !d.pending && d.renewUntil > initialExpiry[i].slice(0, 10)) assert.equal(renewalOrdersFor(emulator, ids[i]).length, 1, name(i));
    });

    it("refresh: changes nothing in BSS and keeps the state equal to it", async () => {
        emulator.resetCalls();
        steps.refresh = await untilDone("refresh", refresh, refresh);
        assert.deepEqual(mutatingCalls(emulator), {}, "refresh only reads");
        await assertConverged(phaseA, emulator.nowIso());
    });

    it("a change of every kind: onExpiry both ways, autoRenewTimes, renewUntil extended, pending payment made automatic, onDelete", async () => {
        const renewalsBefore = new Map(ids.map((id) => [id, renewalOrdersFor(emulator, id).length]));
        await declare(stack, program(phaseB));
        const start = emulator.nowIso();
        steps.change = await untilDone("up (changes)", up, refresh);
        await assertConverged(phaseB, start);
        const problems: string[] = [];
        phaseB.forEach((b, i) => {
            const a = phaseA[i];
            const added = renewalOrdersFor(emulator, ids[i]).length - renewalsBefore.get(ids[i])!;
            const expected = b.renewUntil !== a.renewUntil ? 1 : 0;
            if (added !== expected) problems.push(`${name(i)}: ${added} renewal orders added, expected ${expected}`);
            if (a.pending) {
                const [order] = renewalOrdersFor(emulator, ids[i]);
                if (order.status !== 5) problems.push(`${name(i)}: the order left pending (${order.orderId}) is ${order.status}, not paid`);
            }
        });
        assert.deepEqual(problems, []);
        emulator.clearFaults();
        await stack.preview({ expectNoChanges: true });
        emulator.setFaults(FAULTS);
    });

    it("destroy: unsubscribes exactly what onDelete asks, each once; retained resources are untouched", async () => {
        const before = new Map(ids.map((id) => [id, { ...emulator.world.resource(id)! }]));
        steps.destroy = await untilDone("destroy", (onEvent) => stack.destroy({ parallel: PARALLEL, continueOnError: true, onEvent }), refresh);
        const orders: readonly Order[] = ordersOf(emulator);
        const problems: string[] = [];
        phaseB.forEach((b, i) => {
            const r = emulator.world.resource(ids[i])!;
            const was = before.get(ids[i])!;
            const unsubs = unsubscriptionsFor(emulator, ids[i], orders);
            const full = unsubs.filter((u) => u.type === 1);
            const renewalsOnly = unsubs.filter((u) => u.type === 2);
            if (full.length > 1 || renewalsOnly.length > 1) problems.push(`${name(i)}: unsubscribed ${full.length} + ${renewalsOnly.length} times`);
            if (b.onDelete === "unsubscribe") {
                if (full.length !== 1 || r.endReason !== "unsubscribed") problems.push(`${name(i)}: onDelete unsubscribe, yet ${full.length} unsubscription order(s), end ${r.endReason}`);
            } else if (full.length > 0 || r.endedAt !== undefined) {
                problems.push(`${name(i)}: unsubscribed although onDelete is ${b.onDelete ?? "retain"}`);
            }
            const renewedAhead = was.expireTime > initialExpiry[i];
            if (b.onDelete === "unsubscribeRenewals") {
                if (renewedAhead && (renewalsOnly.length !== 1 || r.expireTime > initialExpiry[i])) problems.push(`${name(i)}: renewals not unsubscribed (${renewalsOnly.length} orders, expiry ${r.expireTime})`);
                if (!renewedAhead && renewalsOnly.length > 0) problems.push(`${name(i)}: an unsubscription of renewals that did not exist`);
            } else if (renewalsOnly.length > 0) {
                problems.push(`${name(i)}: renewals unsubscribed although onDelete is ${b.onDelete ?? "retain"}`);
            }
            if (!b.onDelete && (r.expireTime !== was.expireTime || r.expirePolicy !== was.expirePolicy)) problems.push(`${name(i)}: retained, yet changed`);
        });
        assert.deepEqual(problems, []);
        const state = await stack.exportStack();
        assert.equal((state.deployment.resources ?? []).length, 0, "the stack is empty");
        assertNoDoublePayment();
    });
});
