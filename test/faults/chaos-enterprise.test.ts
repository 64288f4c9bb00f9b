/**
 * Chaos for the resources that move an enterprise master's money: an enterprise master with 20
 * member accounts, a SubAccountFunding per member and SubAccountCoupons for some, through `up`, a
 * change (amounts up, down and to zero; coupons added, increased, decreased, removed; coupon
 * resources created and deleted) and `destroy`, while the emulator injects the chaos test's ~10%
 * faults on every operation. A step that fails is run again, as a user would (bounded). After each
 * step every member holds what the program declares, the transfer log shows each change made once
 * (a movement applied twice would show as an extra record and a wrong balance), no money appeared
 * or vanished, and the stack's state says what BSS says.
 */
import * as assert from "node:assert/strict";
import { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../emulator";
import { billingState } from "../../emulator/billing/state";
import type { TransferRecord } from "../../emulator/billing/state";
import { CHAOS_FAULTS, declare, emulatorConfig, openFaultStack, reportSteps, startFaultEmulator, Step, untilDone, tearDownFaultStack } from "./support";

const MEMBERS = 20;
const PARALLEL = 16;
const MASTER = { accessKey: "CHAOSMASTERAK0000001", secretKey: "chaos-master-secret-not-secret-01", domainId: "chaosmaster0domain000000000001" };
const MASTER_CASH = 100_000;
const COUPONS = ["CPCHAOSA00000001", "CPCHAOSB00000002", "CPCHAOSC00000003"] as const;
const COUPON_FACE = 5_000;
/** The operations that move money between the master and a member. */
const MOVEMENTS = ["UpdateSubEnterpriseAmount", "ReclaimSubEnterpriseAmount", "ClaimEnterpriseMultiAccountCoupon", "ReclaimEnterpriseMultiAccountCoupon"];

type Bag = Record<string, any>;
type OnDelete = "retain" | "retrieve";
/** Cents, so sums are exact. */
type Cents = number;

interface Funding {
    readonly cents: Cents;
    readonly onDelete?: OnDelete;
}
interface Grants {
    /** couponId -> cents handed over. */
    readonly coupons: Readonly<Record<string, Cents>>;
    readonly onDelete?: OnDelete;
}
interface Program {
    /** By member index. */
    readonly fundings: ReadonlyMap<number, Funding>;
    readonly grants: ReadonlyMap<number, Grants>;
}

const memberId = (i: number) => `chaos0member${String(i).padStart(20, "0")}`;
const fundingName = (i: number) => `f${String(i).padStart(2, "0")}`;
const grantsName = (i: number) => `c${String(i).padStart(2, "0")}`;
const text = (cents: Cents) => (cents / 100).toFixed(2);
const cents = (amount: string | number) => Math.round(Number(amount) * 100);

/** Fundings for every member; coupons for every third, two coupons for every sixth. */
function phaseA(): Program {
    const fundings = new Map<number, Funding>();
    const grants = new Map<number, Grants>();
    for (let i = 0; i < MEMBERS; i++) {
        fundings.set(i, { cents: 10_000 + 2_550 * i, ...(i % 2 === 0 ? { onDelete: "retrieve" } : i % 4 === 1 ? { onDelete: "retain" } : {}) });
        if (i % 3 === 0) grants.set(i, { coupons: { [COUPONS[0]]: 1_000 + 110 * i, ...(i % 6 === 0 ? { [COUPONS[1]]: 500 + 105 * i } : {}) }, ...(i % 2 === 0 ? { onDelete: "retrieve" } : {}) });
    }
    return { fundings, grants };
}

/** Amounts up, down and to zero; coupon entries increased, decreased, swapped and removed; coupon resources added and deleted. */
function phaseB(a: Program): Program {
    const fundings = new Map<number, Funding>();
    for (const [i, f] of a.fundings) {
        const delta = [5_000, -4_000, 0, 1_234][i % 4];
        fundings.set(i, { ...f, cents: i === 7 ? 0 : f.cents + delta });
    }
    const grants = new Map<number, Grants>();
    for (const [i, g] of a.grants) {
        if (i === 18) continue; // deleted with the change (onDelete "retrieve")
        const coupons: Record<string, Cents> = { ...g.coupons };
        if (i % 9 === 0) coupons[COUPONS[0]] += 1_500;
        else if (i % 9 === 3) coupons[COUPONS[0]] -= 500;
        else {
            delete coupons[COUPONS[0]];
            coupons[COUPONS[2]] = 800 + i;
        }
        if (i % 12 === 0) delete coupons[COUPONS[1]];
        grants.set(i, { ...g, coupons });
    }
    for (const i of [1, 11, 16]) grants.set(i, { coupons: { [COUPONS[2]]: 700 + i }, ...(i === 16 ? { onDelete: "retrieve" as const } : {}) });
    return { fundings, grants };
}

/** What the program says for the stack config. */
function resourcesOf(program: Program) {
    return {
        fundings: Object.fromEntries(
            [...program.fundings].map(([i, f]) => [fundingName(i), { subAccountId: memberId(i), amount: text(f.cents), ...(f.onDelete ? { onDelete: f.onDelete } : {}) }]),
        ),
        coupons: Object.fromEntries(
            [...program.grants].map(([i, g]) => [
                grantsName(i),
                { subAccountId: memberId(i), coupons: Object.entries(g.coupons).map(([couponId, c]) => ({ couponId, amount: text(c) })), ...(g.onDelete ? { onDelete: g.onDelete } : {}) },
            ]),
        ),
    };
}

/** What each member holds once a program is applied (an empty program: what destroy leaves, by onDelete). */
interface Holdings {
    readonly cash: ReadonlyMap<number, Cents>;
    /** `${member}/${couponId}` -> cents. */
    readonly coupons: ReadonlyMap<string, Cents>;
}

function holdingsOf(program: Program): Holdings {
    const coupons = new Map<string, Cents>();
    for (const [i, g] of program.grants) for (const [couponId, c] of Object.entries(g.coupons)) coupons.set(`${i}/${couponId}`, c);
    return { cash: new Map([...program.fundings].map(([i, f]) => [i, f.cents])), coupons };
}

/** After destroy: "retain" leaves the last amounts with the members, "retrieve" takes them back. */
function holdingsAfterDestroy(last: Program): Holdings {
    return holdingsOf({
        fundings: new Map([...last.fundings].map(([i, f]) => [i, f.onDelete === "retrieve" ? { cents: 0 } : f])),
        grants: new Map([...last.grants].filter(([, g]) => g.onDelete !== "retrieve")),
    });
}

describe("faults: chaos — enterprise funding and coupons of 20 members under ~10% injected faults", function () {
    this.timeout(600_000);
    let emulator: RunningEmulator;
    let stack: Stack;
    const steps: Record<string, Step> = {};
    const a = phaseA();
    const b = phaseB(a);
    /** Holdings the emulator shows before the step under test. */
    let previous: Holdings = { cash: new Map(), coupons: new Map() };

    const transfers = (): readonly TransferRecord[] => billingState(emulator.world).transfers.filter((t) => t.masterId === MASTER.domainId);
    const memberIndex = new Map(Array.from({ length: MEMBERS }, (_, i) => [memberId(i), i]));
    const refresh = (onEvent?: (e: EngineEvent) => void) => stack.refresh({ parallel: PARALLEL, onEvent });

    /** What the emulator shows each member holding: cash, and per master coupon the balance of live child coupons. */
    function observed(): Holdings {
        const cash = new Map<number, Cents>();
        for (let i = 0; i < MEMBERS; i++) cash.set(i, cents(emulator.world.account(memberId(i))!.cashBalance));
        const coupons = new Map<string, Cents>();
        for (const allocation of billingState(emulator.world).couponAllocations) {
            const i = memberIndex.get(allocation.memberId);
            const child = emulator.world.coupon(allocation.subCouponId);
            if (i === undefined || !child || child.status !== 2) continue;
            const key = `${i}/${allocation.parentCouponId}`;
            coupons.set(key, (coupons.get(key) ?? 0) + cents(child.balance));
        }
        return { cash, coupons };
    }

    /**
     * Members hold what `expected` says; the step's transfers are exactly the changes from the
     * previous holdings, each made once; the master's cash and coupons lost exactly what members gained.
     */
    function assertMoney(expected: Holdings, stepTransfers: readonly TransferRecord[]): void {
        const problems: string[] = [];
        const now = observed();
        for (let i = 0; i < MEMBERS; i++) {
            const want = expected.cash.get(i) ?? 0;
            if (now.cash.get(i) !== want) problems.push(`${memberId(i)}: cash ${text(now.cash.get(i) ?? 0)}, declared ${text(want)}`);
            const moves = stepTransfers.filter((t) => t.customerId === memberId(i) && (t.kind === "allocateFunds" || t.kind === "retrieveFunds"));
            const delta = want - (previous.cash.get(i) ?? 0);
            const wanted = delta === 0 ? [] : [`${delta > 0 ? "allocateFunds" : "retrieveFunds"} ${text(Math.abs(delta))}`];
            const made = moves.map((t) => `${t.kind} ${t.amount}`);
            if (JSON.stringify(made) !== JSON.stringify(wanted)) problems.push(`${memberId(i)}: fund transfers ${JSON.stringify(made)}, the change needs ${JSON.stringify(wanted)}`);
        }
        for (const key of new Set([...expected.coupons.keys(), ...now.coupons.keys(), ...previous.coupons.keys()])) {
            const [i, couponId] = key.split("/");
            const want = expected.coupons.get(key) ?? 0;
            if ((now.coupons.get(key) ?? 0) !== want) problems.push(`${memberId(Number(i))}: holds ${text(now.coupons.get(key) ?? 0)} of ${couponId}, declared ${text(want)}`);
            const moves = stepTransfers.filter((t) => t.customerId === memberId(Number(i)) && t.couponId === couponId);
            const claims = moves.filter((t) => t.kind === "allocateCoupon");
            const net = moves.reduce((sum, t) => sum + (t.kind === "allocateCoupon" ? 1 : -1) * cents(t.amount), 0);
            if (claims.length > 1) problems.push(`${memberId(Number(i))}: ${claims.length} claims of ${couponId} in one step: ${claims.map((t) => t.amount)}`);
            if (net !== want - (previous.coupons.get(key) ?? 0)) problems.push(`${memberId(Number(i))}: coupon ${couponId} moved ${text(net)} net, the change needs ${text(want - (previous.coupons.get(key) ?? 0))}`);
        }
        const sum = (values: Iterable<Cents>) => [...values].reduce((s, v) => s + v, 0);
        const masterCash = cents(emulator.world.account(MASTER.domainId)!.cashBalance);
        if (masterCash + sum(now.cash.values()) !== MASTER_CASH * 100) problems.push(`master ${text(masterCash)} + members ${text(sum(now.cash.values()))} != ${MASTER_CASH}`);
        for (const couponId of COUPONS) {
            const left = cents(emulator.world.coupon(couponId)!.balance);
            const handed = sum([...now.coupons].filter(([key]) => key.endsWith(`/${couponId}`)).map(([, c]) => c));
            if (left + handed !== COUPON_FACE * 100) problems.push(`${couponId}: ${text(left)} left + ${text(handed)} with members != ${COUPON_FACE}`);
        }
        assert.deepEqual(problems, []);
        previous = now;
    }

    /** The stack's outputs say what BSS says: amounts allocated, the child coupons held; nothing left pending. */
    async function assertStateMatches(program: Program): Promise<void> {
        const state = await stack.exportStack();
        const problems: string[] = [];
        if ((state.deployment.pending_operations ?? []).length > 0) problems.push(`pending operations: ${JSON.stringify(state.deployment.pending_operations).slice(0, 500)}`);
        const byName = new Map<string, Bag>(state.deployment.resources.filter((r: Bag) => r.type.endsWith(":SubAccountFunding") || r.type.endsWith(":SubAccountCoupons")).map((r: Bag) => [r.urn.split("::").pop(), r.outputs]));
        const expectedNames = [...[...program.fundings.keys()].map(fundingName), ...[...program.grants.keys()].map(grantsName)].sort();
        if (JSON.stringify([...byName.keys()].sort()) !== JSON.stringify(expectedNames)) problems.push(`the stack holds ${[...byName.keys()].sort()}, the program ${expectedNames}`);
        const now = observed();
        for (const i of program.fundings.keys()) {
            const out = byName.get(fundingName(i));
            if (!out) continue;
            if (out.pendingTransfer) problems.push(`${fundingName(i)}: a transfer left pending ${JSON.stringify(out.pendingTransfer)}`);
            if (cents(out.allocatedAmount) !== now.cash.get(i)) problems.push(`${fundingName(i)}: state says ${out.allocatedAmount} allocated, the member has ${text(now.cash.get(i)!)}`);
        }
        const live = billingState(emulator.world).couponAllocations.filter((c) => emulator.world.coupon(c.subCouponId)?.status === 2);
        for (const i of program.grants.keys()) {
            const out = byName.get(grantsName(i));
            if (!out) continue;
            if (out.pendingTransfer) problems.push(`${grantsName(i)}: a coupon movement left pending ${JSON.stringify(out.pendingTransfer)}`);
            const inState = (out.allocations as Bag[]).flatMap((g) => g.subCoupons.map((c: Bag) => `${g.couponId}/${c.subCouponId}`)).sort();
            const inBss = live.filter((c) => c.memberId === memberId(i)).map((c) => `${c.parentCouponId}/${c.subCouponId}`).sort();
            if (JSON.stringify(inState) !== JSON.stringify(inBss)) problems.push(`${grantsName(i)}: state holds child coupons ${inState}, BSS ${inBss}`);
        }
        assert.deepEqual(problems, []);
    }

    /**
     * Runs a step under faults until it succeeds; returns the transfers it made. Besides the ~10%
     * on every request, the first request of each kind of movement in the step is committed and its
     * answer dropped, and the resend gets a 500: a step's few dozen movements would otherwise often
     * meet none of the faults that matter most for money.
     */
    async function chaosStep(label: string, step: (onEvent: (e: EngineEvent) => void) => Promise<unknown>): Promise<readonly TransferRecord[]> {
        const before = transfers().length;
        const requestsBefore = emulator.requestLog().length;
        const targeted = MOVEMENTS.flatMap((operation) => [
            { operation, kind: "commitThenDrop", count: 1 },
            { operation, kind: "error500", count: 1 },
        ]);
        emulator.setFaults({ seed: CHAOS_FAULTS.seed, rules: [...targeted, ...CHAOS_FAULTS.rules] });
        try {
            steps[label] = await untilDone(label, step, refresh);
        } finally {
            emulator.clearFaults();
        }
        const hit = emulator.requestLog().slice(requestsBefore).filter((e) => MOVEMENTS.includes(e.operation) && e.fault);
        assert.ok(hit.some((e) => e.fault === "commitThenDrop"), `${label}: a movement was committed and its answer lost`);
        return transfers().slice(before);
    }

    before(async () => {
        emulator = await startFaultEmulator({ seed: CHAOS_FAULTS.seed });
        emulator.addAccount({ id: MASTER.domainId, name: "chaos-master", master: true, cash: MASTER_CASH, credentials: [{ accessKey: MASTER.accessKey, secretKey: MASTER.secretKey }] });
        for (let i = 0; i < MEMBERS; i++) emulator.addAccount({ id: memberId(i), name: `chaos-team-${i}`, masterAccountId: MASTER.domainId, cash: 0 });
        for (const id of COUPONS) emulator.addCoupon({ id, accountId: MASTER.domainId, couponType: 1, faceValue: COUPON_FACE });
        stack = await openFaultStack("chaos-enterprise", { ...emulatorConfig(emulator), "huaweicloud-bss:accessKey": { value: MASTER.accessKey }, "huaweicloud-bss:secretKey": { value: MASTER.secretKey, secret: true }, "huaweicloud-bss:domainId": { value: MASTER.domainId } });
    });

    after(async () => {
        reportSteps("enterprise chaos steps", steps);
        await tearDownFaultStack(stack, emulator, PARALLEL);
    });

    it("up: funds every member and hands the coupons over, each movement once", async () => {
        await declare(stack, resourcesOf(a));
        const made = await chaosStep("up", (onEvent) => stack.up({ parallel: PARALLEL, continueOnError: true, onEvent }));
        assertMoney(holdingsOf(a), made);
        await assertStateMatches(a);
    });

    it("a change: amounts up, down and to zero, coupons added, increased, decreased and removed, a coupon resource deleted and others created", async () => {
        await declare(stack, resourcesOf(b));
        const made = await chaosStep("change", (onEvent) => stack.up({ parallel: PARALLEL, continueOnError: true, onEvent }));
        assertMoney(holdingsOf(b), made);
        await assertStateMatches(b);
        await stack.preview({ expectNoChanges: true });
    });

    it("destroy: takes back exactly what onDelete \"retrieve\" asks, once; retained money stays with the members", async () => {
        const made = await chaosStep("destroy", (onEvent) => stack.destroy({ parallel: PARALLEL, continueOnError: true, onEvent }));
        assertMoney(holdingsAfterDestroy(b), made);
        const state = await stack.exportStack();
        assert.deepEqual(state.deployment.resources ?? [], [], "the stack is empty");
    });
});
