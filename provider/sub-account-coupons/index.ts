/**
 * The SubAccountCoupons dynamic provider: value of the enterprise master's coupons handed to one
 * member account (ClaimEnterpriseMultiAccountCoupon) and taken back
 * (ReclaimEnterpriseMultiAccountCoupon). Loaded as `pulumi-huaweicloud-bss/provider/sub-account-coupons`.
 *
 * Only coupons that ListMultiAccountTransferCoupons lists can be handed over (Huawei-issued test,
 * business and campaign cash coupons); `check` refuses others at preview. Movements carry derived
 * trans_ids and unclear ones are kept as `pendingTransfer`, as for SubAccountFunding.
 */
import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { EnterpriseCoupon, fetchRetrievableCoupons, fetchTransferableCoupons } from "../../sdk/data/enterprise";
import { currencyOf } from "../../sdk/data/money";
import { configureFromStack, onClientReset } from "../shared/client";
import { describeError, PartialProgressError } from "../shared/errors";
import { logWarning } from "../shared/log";
import { containsUnknown, isUnknown, withoutUndefined } from "../shared/values";
import { clientSite, dataClient, ENTERPRISE_CODES, enterpriseCheckFailures, enterpriseClient, explainEnterpriseError, requireMember } from "../sub-account-funding/enterprise";
import { sendMovement, UnclearMovementError } from "../sub-account-funding/movement";
import { appendRecord } from "../sub-account-funding/plan";
import { formatCents, toCents, wireCents } from "../sub-account-funding/transfer-keys";
import { CouponGrantInput, desiredGrants, INPUT_NAMES, pickCouponInputs, validateCouponInputs } from "./inputs";
import {
    afterClaim,
    afterReclaim,
    CouponGrant,
    CouponLedger,
    CouponStep,
    CouponTransferRecord,
    identifyClaimedChild,
    knownSubCouponIds,
    PendingCouponStep,
    pendingOfStep,
    planCouponSteps,
    planDeleteReclaims,
    stepOfPending,
} from "./plan";

const KIND = "SubAccountCoupons";

export interface CouponOutputs {
    readonly subAccountId: string;
    readonly coupons: readonly CouponGrantInput[];
    readonly onDelete?: "retain" | "retrieve";
    readonly subAccountName?: string;
    readonly lifecycleId: string;
    readonly generation: number;
    /** Per master coupon: the value handed over, its child coupons (with their balances at the last read). */
    readonly allocations: readonly CouponGrant[];
    readonly currency: string;
    /** Sum of the remaining balances of this resource's child coupons at the last read. */
    readonly retrievableBalance: string;
    readonly transfers: readonly CouponTransferRecord[];
    readonly pendingTransfer?: PendingCouponStep;
}

type ClaimStep = Extract<CouponStep, { kind: "claim" }>;
type ReclaimStep = Extract<CouponStep, { kind: "reclaim" }>;

export async function configure(request: { config: { get(key: string): string | undefined } }): Promise<void> {
    configureFromStack(request);
}

// ---------------------------------------------------------------------------------------------
// check / diff

let transferableListing: Promise<readonly EnterpriseCoupon[]> | undefined;
onClientReset(() => {
    transferableListing = undefined;
});

/** The master's allocatable coupons, listed once per provider process for `check`. */
function transferableCouponsForCheck(): Promise<readonly EnterpriseCoupon[]> {
    if (!transferableListing) {
        const listing = fetchTransferableCoupons(dataClient()).then((r) => r.coupons);
        transferableListing = listing;
        listing.catch(() => {
            if (transferableListing === listing) transferableListing = undefined;
        });
    }
    return transferableListing;
}

/** Coupons the program adds (not in the previous inputs): they must be ones the master can hand over. */
async function couponFailures(olds: Record<string, unknown> | undefined, coupons: readonly unknown[], isNew: boolean): Promise<{ property: string; reason: string }[]> {
    const before = new Set<string>();
    if (!isNew && Array.isArray(olds?.coupons)) for (const c of olds!.coupons as { couponId?: unknown }[]) if (typeof c?.couponId === "string") before.add(c.couponId);
    const added = coupons
        .map((entry, index) => ({ entry: entry as Record<string, unknown>, index }))
        .filter(({ entry }) => !isUnknown(entry) && typeof entry.couponId === "string" && !before.has(entry.couponId));
    if (added.length === 0) return [];
    let listed: readonly EnterpriseCoupon[];
    try {
        listed = await transferableCouponsForCheck();
    } catch {
        return []; // create/update check again before sending
    }
    const byId = new Map(listed.map((c) => [c.couponId, c]));
    const failures: { property: string; reason: string }[] = [];
    for (const { entry, index } of added) {
        const coupon = byId.get(entry.couponId as string);
        const at = `coupons[${index}]`;
        if (!coupon) {
            failures.push({
                property: `${at}.couponId`,
                reason: `${at}.couponId ${entry.couponId as string} is not a coupon this master account can hand over: only Huawei-issued test, business and campaign cash coupons with a balance are (ListMultiAccountTransferCoupons; getTransferableCoupons lists them).`,
            });
            continue;
        }
        if (!isUnknown(entry.amount) && coupon.balance !== undefined && toCents(entry.amount as string | number) > wireCents(coupon.balance)) {
            failures.push({ property: `${at}.amount`, reason: `${at}.amount ${String(entry.amount)} is more than coupon ${coupon.couponId}'s balance ${coupon.balance}.` });
        }
    }
    return failures;
}

export async function check(olds: Record<string, unknown> | undefined, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    const failures = validateCouponInputs(news);
    if (failures.length > 0) return { inputs: news, failures };
    const inputs = pickCouponInputs(news);
    const subAccountId = isUnknown(news.subAccountId) ? undefined : (news.subAccountId as string);
    const isNew = !olds || olds.subAccountId === undefined || olds.subAccountId !== news.subAccountId;
    const enterprise = await enterpriseCheckFailures(KIND, subAccountId, isNew);
    if (enterprise.length > 0) return { inputs, failures: enterprise };
    const coupons = isUnknown(news.coupons) ? [] : (news.coupons as unknown[]);
    const couponProblems = await couponFailures(olds, coupons, isNew);
    return couponProblems.length > 0 ? { inputs, failures: couponProblems } : { inputs };
}

function grantsKey(coupons: unknown): string {
    if (!Array.isArray(coupons)) return JSON.stringify(coupons ?? null);
    const entries = coupons.map((c) => {
        const entry = c as { couponId?: unknown; amount?: unknown };
        let cents: string;
        try {
            cents = toCents(entry.amount as string | number).toString();
        } catch {
            cents = String(entry.amount);
        }
        return `${String(entry.couponId)}=${cents}`;
    });
    return entries.sort().join(",");
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    const replaces: string[] = [];
    if (isUnknown(news.subAccountId) || olds.subAccountId !== news.subAccountId) replaces.push("subAccountId");
    const couponsChanged = containsUnknown(news.coupons) || grantsKey(olds.coupons) !== grantsKey(news.coupons);
    const onDeleteChanged = isUnknown(news.onDelete) || (olds.onDelete ?? "retain") !== (news.onDelete ?? "retain");
    const pending = olds.pendingTransfer !== undefined && olds.pendingTransfer !== null;
    return { changes: replaces.length > 0 || couponsChanged || onDeleteChanged || pending, replaces };
}

// ---------------------------------------------------------------------------------------------
// create / update

interface Run {
    readonly id: string;
    readonly inputs: Record<string, unknown>;
    ledger: CouponLedger;
    transfers: CouponTransferRecord[];
    pending?: PendingCouponStep;
    subAccountName?: string;
    changed: boolean;
    previous?: CouponOutputs;
}

function describeStep(step: CouponStep, subAccountId: string): string {
    return step.kind === "claim"
        ? `${KIND}: handing ${formatCents(step.amountCents)} of coupon ${step.couponId} to member ${subAccountId}`
        : `${KIND}: taking child coupon ${step.subCouponId} (of coupon ${step.couponId}) back from member ${subAccountId}`;
}

export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const subAccountId = inputs.subAccountId as string;
    const subAccountName = await requireMember(KIND, subAccountId);
    const lifecycleId = randomUUID().replace(/-/g, "");
    const id = `${subAccountId}/${lifecycleId.slice(0, 12)}`;
    const run: Run = { id, inputs, ledger: { lifecycleId, subAccountId, generation: 0, grants: [] }, transfers: [], subAccountName, changed: false };
    return { id, outs: await converge(run) };
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
    const previous = olds as unknown as CouponOutputs;
    const run: Run = {
        id,
        inputs: news,
        ledger: ledgerOf(previous),
        transfers: [...(previous.transfers ?? [])],
        pending: previous.pendingTransfer ?? undefined,
        subAccountName: previous.subAccountName,
        changed: false,
        previous,
    };
    return { outs: await converge(run) };
}

function ledgerOf(outputs: CouponOutputs): CouponLedger {
    return { lifecycleId: outputs.lifecycleId, subAccountId: outputs.subAccountId, generation: outputs.generation ?? 0, grants: outputs.allocations ?? [] };
}

async function converge(run: Run): Promise<CouponOutputs> {
    try {
        if (run.pending) await resolvePending(run);
        const steps = planCouponSteps(run.ledger, desiredGrants(run.inputs.coupons as CouponGrantInput[]));
        if (steps.length > 0) await runSteps(run, steps);
        return await outputsOf(run);
    } catch (error) {
        if (!run.changed && !run.pending) throw error;
        const message = `${describeError(error)}${run.pending ? ` The movement (trans_id ${run.pending.transId}) is recorded as pending and is resent with the same trans_id by the next \`pulumi up\`, so it happens at most once.` : " (the movements made before this error are recorded in the stack's state)"}`;
        throw new PartialProgressError(message, run.id, outputsWithoutBalances(run) as unknown as Record<string, unknown>);
    }
}

async function runSteps(run: Run, steps: readonly CouponStep[]): Promise<void> {
    const subAccountId = run.ledger.subAccountId;
    const reclaims = steps.filter((s): s is ReclaimStep => s.kind === "reclaim");
    const claims = steps.filter((s): s is ClaimStep => s.kind === "claim");
    if (reclaims.length > 0) {
        const held = await memberChildren(subAccountId, `${KIND}: listing the coupons of member ${subAccountId}`);
        for (const step of reclaims) await reclaimOrSkip(run, step, held);
    }
    if (claims.length > 0) {
        const balances = await masterCouponBalances(`${KIND}: listing the master's coupons`);
        for (const step of claims) {
            const balance = balances.get(step.couponId);
            if (balance === undefined) {
                throw new Error(
                    `${describeStep(step, subAccountId)}: the master account has no such coupon to hand over now (ListMultiAccountTransferCoupons lists only Huawei-issued test, business and campaign cash coupons with a balance; it may be used up or expired). Nothing more was moved.`,
                );
            }
            if (balance < step.amountCents) {
                throw new Error(`${describeStep(step, subAccountId)}: coupon ${step.couponId} has only ${formatCents(balance)} left. Nothing more was moved. Lower the amount.`);
            }
            await claim(run, step);
            balances.set(step.couponId, balance - step.amountCents);
        }
    }
}

/** Child coupons the member holds now: subCouponId → record. */
async function memberChildren(subAccountId: string, what: string): Promise<Map<string, EnterpriseCoupon>> {
    try {
        const listed = await fetchRetrievableCoupons(dataClient(), { subCustomerId: subAccountId });
        return new Map(listed.coupons.filter((c) => c.subCouponId).map((c) => [c.subCouponId!, c]));
    } catch (error) {
        throw explainEnterpriseError(KIND, what, error);
    }
}

/** Remaining balance of each coupon the master can hand over: couponId → cents. */
async function masterCouponBalances(what: string): Promise<Map<string, bigint>> {
    try {
        const listed = await fetchTransferableCoupons(dataClient());
        return new Map(listed.coupons.filter((c) => c.couponId).map((c) => [c.couponId!, wireCents(c.balance)]));
    } catch (error) {
        throw explainEnterpriseError(KIND, what, error);
    }
}

async function reclaimOrSkip(run: Run, step: ReclaimStep, held: ReadonlyMap<string, EnterpriseCoupon>): Promise<void> {
    if (!held.has(step.subCouponId)) {
        logWarning(`${describeStep(step, run.ledger.subAccountId)}: the member no longer holds it (spent, expired or taken back elsewhere); nothing to take back.`);
        run.ledger = afterReclaim(run.ledger, step.couponId, step.subCouponId);
        run.changed = true;
        return;
    }
    await reclaim(run, step);
}

async function reclaim(run: Run, step: ReclaimStep): Promise<void> {
    const subAccountId = run.ledger.subAccountId;
    let result;
    try {
        result = await sendMovement(() =>
            enterpriseClient().reclaimEnterpriseMultiAccountCoupon({ customer_id: subAccountId, coupon_id: step.couponId, sub_coupon_id: step.subCouponId, trans_id: step.transId }),
        );
    } catch (error) {
        throw explainEnterpriseError(KIND, describeStep(step, subAccountId), error);
    }
    if (result.outcome === "unclear") {
        run.pending = pendingOfStep(step);
        run.changed = true;
        throw new UnclearMovementError(`${describeStep(step, subAccountId)}: the outcome is unknown (${describeError(result.error)}).`, result.error);
    }
    const returned = result.response?.real_retrieve_amout;
    run.ledger = afterReclaim(run.ledger, step.couponId, step.subCouponId);
    run.transfers = appendRecord(run.transfers, {
        transId: step.transId,
        direction: "retrieve",
        couponId: step.couponId,
        subCouponId: step.subCouponId,
        amount: returned !== undefined && returned !== "" ? formatCents(wireCents(returned)) : step.amount,
        confirmedBy: result.confirmedBy,
    });
    run.pending = undefined;
    run.changed = true;
}

async function claim(run: Run, step: ClaimStep): Promise<void> {
    const subAccountId = run.ledger.subAccountId;
    let result;
    try {
        result = await sendMovement(() =>
            enterpriseClient().claimEnterpriseMultiAccountCoupon({ customer_id: subAccountId, coupon_id: step.couponId, amount: formatCents(step.amountCents), trans_id: step.transId }),
        );
    } catch (error) {
        throw explainEnterpriseError(KIND, describeStep(step, subAccountId), error, {
            [ENTERPRISE_CODES.insufficientBalance]: `coupon ${step.couponId} does not have that much left (CBC.99005003); nothing was moved. Lower the amount.`,
        });
    }
    if (result.outcome === "unclear") {
        run.pending = pendingOfStep(step);
        run.changed = true;
        throw new UnclearMovementError(`${describeStep(step, subAccountId)}: the outcome is unknown (${describeError(result.error)}).`, result.error);
    }
    let subCouponId = result.response?.sub_coupon_id ?? "";
    let confirmedBy = result.confirmedBy;
    if (!subCouponId) {
        // BSS confirmed the key (duplicate answer, or the client's retry of an unclear attempt) without
        // naming the child coupon: find it among the member's coupons.
        confirmedBy = "duplicate";
        subCouponId = await findClaimedChild(run, step);
    }
    recordClaim(run, step, subCouponId, confirmedBy);
}

function recordClaim(run: Run, step: ClaimStep, subCouponId: string, confirmedBy: CouponTransferRecord["confirmedBy"]): void {
    run.ledger = afterClaim(run.ledger, step, subCouponId);
    run.transfers = appendRecord(run.transfers, {
        transId: step.transId,
        direction: "allocate",
        couponId: step.couponId,
        subCouponId: subCouponId || undefined,
        amount: formatCents(step.amountCents),
        confirmedBy,
    });
    run.pending = undefined;
    run.changed = true;
}

async function findClaimedChild(run: Run, step: ClaimStep): Promise<string> {
    const what = `${describeStep(step, run.ledger.subAccountId)}: BSS reports trans_id ${step.transId} as already used, so an earlier attempt of this claim was applied`;
    let candidates: EnterpriseCoupon[];
    try {
        candidates = [...(await memberChildren(run.ledger.subAccountId, what)).values()];
    } catch (error) {
        logWarning(`${what}; the member's coupons could not be listed to identify the child coupon (${describeError(error)}). It cannot be taken back by this resource.`);
        return "";
    }
    const found = identifyClaimedChild(candidates, step.couponId, step.amountCents, knownSubCouponIds(run.ledger));
    if (!found.subCouponId) {
        logWarning(`${what}, but the member holds no child coupon of ${step.couponId} that this resource does not know (already spent or expired?). It is recorded without a child coupon ID.`);
        return "";
    }
    if (found.ambiguous) logWarning(`${what}; several unknown child coupons of ${step.couponId} match, ${found.subCouponId} (the most recent) is recorded.`);
    return found.subCouponId;
}

/** Resends a movement whose outcome an earlier run could not learn, under its original key. */
async function resolvePending(run: Run): Promise<void> {
    const step = stepOfPending(run.pending!);
    const subAccountId = run.ledger.subAccountId;
    if (step.kind === "reclaim") {
        const held = await memberChildren(subAccountId, `${KIND}: listing the coupons of member ${subAccountId}`);
        if (!held.has(step.subCouponId)) {
            // Gone from the member: the earlier reclaim went through (or the child was used up).
            run.ledger = afterReclaim(run.ledger, step.couponId, step.subCouponId);
            run.transfers = appendRecord(run.transfers, { transId: step.transId, direction: "retrieve", couponId: step.couponId, subCouponId: step.subCouponId, amount: step.amount, confirmedBy: "duplicate" });
            run.pending = undefined;
            run.changed = true;
            return;
        }
    }
    try {
        if (step.kind === "reclaim") await reclaim(run, step);
        else await claim(run, step);
    } catch (error) {
        if (!(error instanceof UnclearMovementError)) {
            if (step.kind === "claim") {
                // BSS may refuse the resend for the coupon's state before it looks at the key (e.g. the
                // earlier claim used up the coupon): look for the child coupon the claim would have made.
                const held = await memberChildren(subAccountId, `${KIND}: listing the coupons of member ${subAccountId}`);
                const found = identifyClaimedChild([...held.values()], step.couponId, step.amountCents, knownSubCouponIds(run.ledger));
                if (found.subCouponId) {
                    recordClaim(run, step, found.subCouponId, "duplicate");
                    return;
                }
            }
            // A refusal of the resent key: BSS checks trans_id reuse first, so the earlier attempt was not applied.
            logWarning(`${describeStep(step, subAccountId)} (resending trans_id ${step.transId}): BSS refused it (${describeError(error)}); the earlier attempt was therefore not applied, and the change is planned again.`);
            run.pending = undefined;
            run.changed = true;
            return;
        }
        throw error;
    }
}

// ---------------------------------------------------------------------------------------------
// outputs and read

function outputsWithoutBalances(run: Run): CouponOutputs {
    return withoutUndefined({
        ...pickCouponInputs(run.inputs),
        subAccountName: run.subAccountName,
        lifecycleId: run.ledger.lifecycleId,
        generation: run.ledger.generation,
        allocations: run.ledger.grants,
        currency: run.previous?.currency ?? currencyOf(undefined, siteOrUndefined()),
        retrievableBalance: run.previous?.retrievableBalance ?? "0.00",
        transfers: run.transfers,
        pendingTransfer: run.pending,
    }) as unknown as CouponOutputs;
}

function siteOrUndefined(): "cn" | "intl" | "eu" | undefined {
    const site = clientSite();
    return site === "cn" || site === "intl" || site === "eu" ? site : undefined;
}

/** The grants with each child's current balance and each master coupon's remaining balance. */
async function withBalances(subAccountId: string, grants: readonly CouponGrant[]): Promise<{ allocations: CouponGrant[]; retrievableBalance: string }> {
    const client = dataClient();
    const [member, master] = await Promise.all([fetchRetrievableCoupons(client, { subCustomerId: subAccountId }), fetchTransferableCoupons(client)]);
    const children = new Map(member.coupons.filter((c) => c.subCouponId).map((c) => [c.subCouponId!, c]));
    const masters = new Map(master.coupons.filter((c) => c.couponId).map((c) => [c.couponId!, c]));
    let total = 0n;
    const allocations = grants.map((grant) => ({
        ...grant,
        couponBalance: masters.has(grant.couponId) ? formatCents(wireCents(masters.get(grant.couponId)!.balance)) : "0.00",
        subCoupons: grant.subCoupons.map((child) => {
            const held = child.subCouponId ? children.get(child.subCouponId) : undefined;
            const { balance: _previous, ...rest } = child;
            if (!held) return rest;
            const cents = wireCents(held.balance);
            total += cents;
            return { ...rest, balance: formatCents(cents) };
        }),
    }));
    return { allocations, retrievableBalance: formatCents(total) };
}

async function outputsOf(run: Run): Promise<CouponOutputs> {
    const base = outputsWithoutBalances(run);
    try {
        const balances = await withBalances(run.ledger.subAccountId, run.ledger.grants);
        return withoutUndefined({ ...base, ...balances, currency: currencyOf(undefined, siteOrUndefined()) }) as CouponOutputs;
    } catch (error) {
        logWarning(`${KIND} ${run.id}: the coupon balances could not be read after the change (${describeError(error)}); run \`pulumi refresh\` to see them.`);
        return base;
    }
}

export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const state = props as unknown as CouponOutputs;
    let balances;
    try {
        balances = await withBalances(state.subAccountId, state.allocations ?? []);
    } catch (error) {
        throw explainEnterpriseError(KIND, `${KIND} ${id}: reading the coupons of member ${state.subAccountId}`, error);
    }
    const outs = withoutUndefined({ ...state, ...balances }) as Record<string, unknown>;
    delete outs.__provider;
    return { id, props: outs, inputs: pickCouponInputs(props) };
}

// ---------------------------------------------------------------------------------------------
// delete

async function remove(id: string, props: Record<string, unknown>): Promise<void> {
    const state = props as unknown as CouponOutputs;
    const pending = state.pendingTransfer ?? undefined;
    if ((state.onDelete ?? "retain") === "retain") {
        if (pending) {
            logWarning(`${KIND} ${id}: ${describeStep(stepOfPending(pending), state.subAccountId)} had an unknown outcome in an earlier run (trans_id ${pending.transId}); with onDelete "retain" it is not resent.`);
        }
        return;
    }
    const run: Run = { id, inputs: props, ledger: ledgerOf(state), transfers: [...(state.transfers ?? [])], pending, changed: false, previous: state };
    if (run.pending) await resolvePending(run);
    const steps = planDeleteReclaims(run.ledger) as ReclaimStep[];
    if (steps.length === 0) return;
    const held = await memberChildren(state.subAccountId, `${KIND} ${id}: listing the coupons of member ${state.subAccountId}`);
    for (const step of steps) {
        try {
            await reclaimOrSkip(run, step, held);
        } catch (error) {
            if (run.pending) {
                throw new Error(
                    `${describeError(error)} The resource stays in the stack; run \`pulumi destroy\` again: it resends the same trans_id (${step.transId}), so the coupon is taken back at most once.`,
                );
            }
            throw error;
        }
    }
}
export { remove as delete };
export { INPUT_NAMES };
