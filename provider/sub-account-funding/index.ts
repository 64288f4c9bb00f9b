/**
 * The SubAccountFunding dynamic provider: money the enterprise master allocates to one member
 * account. Loaded in the provider process as `pulumi-huaweicloud-bss/provider/sub-account-funding`.
 *
 * - create allocates `amount`; an increase allocates the difference; a decrease retrieves it;
 *   delete retrieves only with onDelete "retrieve".
 * - Every movement carries a trans_id derived from the resource's lifecycle, a generation counter
 *   and the change (transfer-keys.ts), so a retried or interrupted run never moves money twice.
 * - A movement whose outcome is unknown is kept in state as `pendingTransfer` (the engine records
 *   the resource although the step failed) and resent under the same key on the next run.
 * - read reports the member's retrievable and the master's transferable amounts (drift shows);
 *   `amount` stays what this stack allocated.
 */
import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { fetchRetrievableAmounts, fetchTransferableAmounts } from "../../sdk/data/enterprise";
import { configureFromStack } from "../shared/client";
import { describeError, PartialProgressError } from "../shared/errors";
import { logWarning } from "../shared/log";
import { isUnknown, withoutUndefined } from "../shared/values";
import { dataClient, ENTERPRISE_CODES, enterpriseCheckFailures, enterpriseClient, explainEnterpriseError, requireMember } from "./enterprise";
import { INPUT_NAMES, pickFundingInputs, validateFundingInputs } from "./inputs";
import { sendMovement, UnclearMovementError } from "./movement";
import {
    afterTransfer,
    appendRecord,
    FundingLedger,
    PendingTransfer,
    pendingOf,
    planChange,
    planDeleteRetrieval,
    PlannedTransfer,
    plannedOf,
    recordOf,
    TransferRecord,
} from "./plan";
import { formatCents, toCents, wireCents } from "./transfer-keys";

const KIND = "SubAccountFunding";

/** What the state holds (inputs echoed, plus what the provider adds). */
export interface FundingOutputs {
    readonly subAccountId: string;
    readonly amount: string | number;
    readonly onDelete?: "retain" | "retrieve";
    readonly subAccountName?: string;
    /** Random per created resource; part of every trans_id. */
    readonly lifecycleId: string;
    /** Movements completed so far; part of every trans_id. */
    readonly generation: number;
    /** Net amount this resource has allocated to the member. */
    readonly allocatedAmount: string;
    readonly currency: string;
    /** What the master could take back from the member now (ListEnterpriseMultiAccount). */
    readonly retrievableAmount: string;
    /** What the master could still allocate (ShowMultiAccountTransferAmount). */
    readonly transferableAmount: string;
    readonly transfers: readonly TransferRecord[];
    readonly pendingTransfer?: PendingTransfer;
}

export async function configure(request: { config: { get(key: string): string | undefined } }): Promise<void> {
    configureFromStack(request);
}

// ---------------------------------------------------------------------------------------------
// check / diff

export async function check(olds: Record<string, unknown> | undefined, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    const failures = validateFundingInputs(news);
    if (failures.length > 0) return { inputs: news, failures };
    const inputs = pickFundingInputs(news);
    const subAccountId = isUnknown(news.subAccountId) ? undefined : (news.subAccountId as string);
    const isNew = !olds || olds.subAccountId === undefined || olds.subAccountId !== news.subAccountId;
    const enterprise = await enterpriseCheckFailures(KIND, subAccountId, isNew);
    return enterprise.length > 0 ? { inputs, failures: enterprise } : { inputs };
}

function sameAmount(a: unknown, b: unknown): boolean {
    try {
        return toCents(a as string | number) === toCents(b as string | number);
    } catch {
        return a === b;
    }
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    const replaces: string[] = [];
    if (isUnknown(news.subAccountId) || olds.subAccountId !== news.subAccountId) replaces.push("subAccountId");
    const amountChanged = isUnknown(news.amount) || !sameAmount(olds.amount, news.amount);
    const onDeleteChanged = isUnknown(news.onDelete) || (olds.onDelete ?? "retain") !== (news.onDelete ?? "retain");
    // A movement left unclear by an earlier run must be resolved even when nothing else changed.
    const pending = olds.pendingTransfer !== undefined && olds.pendingTransfer !== null;
    return { changes: replaces.length > 0 || amountChanged || onDeleteChanged || pending, replaces };
}

// ---------------------------------------------------------------------------------------------
// create / update

/** One convergence run: the ledger as it evolves, kept in state even if the run fails midway. */
interface Run {
    readonly id: string;
    readonly inputs: Record<string, unknown>;
    ledger: FundingLedger;
    transfers: TransferRecord[];
    pending?: PendingTransfer;
    subAccountName?: string;
    /** Something moved (or may have) during this run: a failure must still record it. */
    changed: boolean;
    previous?: FundingOutputs;
}

function describeMove(planned: { direction: string; amountCents: bigint }, subAccountId: string, currency = ""): string {
    const amount = `${formatCents(planned.amountCents)}${currency ? ` ${currency}` : ""}`;
    return planned.direction === "allocate" ? `${KIND}: allocating ${amount} to member ${subAccountId}` : `${KIND}: retrieving ${amount} from member ${subAccountId}`;
}

export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const subAccountId = inputs.subAccountId as string;
    const subAccountName = await requireMember(KIND, subAccountId);
    const lifecycleId = randomUUID().replace(/-/g, "");
    const id = `${subAccountId}/${lifecycleId.slice(0, 12)}`;
    const run: Run = { id, inputs, ledger: { lifecycleId, subAccountId, generation: 0, allocatedCents: 0n }, transfers: [], subAccountName, changed: false };
    const outs = await converge(run, toCents(inputs.amount as string | number));
    return { id, outs };
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
    const previous = olds as unknown as FundingOutputs;
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
    const outs = await converge(run, toCents(news.amount as string | number));
    return { outs };
}

function ledgerOf(outputs: FundingOutputs): FundingLedger {
    return {
        lifecycleId: outputs.lifecycleId,
        subAccountId: outputs.subAccountId,
        generation: outputs.generation ?? 0,
        allocatedCents: toCents(outputs.allocatedAmount ?? "0"),
    };
}

async function converge(run: Run, desiredCents: bigint): Promise<FundingOutputs> {
    try {
        if (run.pending) await resolvePending(run);
        const planned = planChange(run.ledger, desiredCents);
        if (planned) {
            await precheck(planned, run.ledger.subAccountId);
            await move(run, planned);
        }
        return await outputsOf(run);
    } catch (error) {
        if (!run.changed && !run.pending) throw error;
        // Money moved (or may have): the state must say so even though the step fails.
        const message = `${describeError(error)}${run.pending ? ` The movement (trans_id ${run.pending.transId}) is recorded as pending and is resent with the same trans_id by the next \`pulumi up\`, so it happens at most once.` : " (the movements made before this error are recorded in the stack's state)"}`;
        throw new PartialProgressError(message, run.id, outputsWithoutBalances(run) as unknown as Record<string, unknown>);
    }
}

/** Resends a movement whose outcome an earlier run could not learn, under its original key. */
async function resolvePending(run: Run): Promise<void> {
    const pending = run.pending!;
    const planned = plannedOf(pending);
    const what = `${describeMove(planned, run.ledger.subAccountId)} (resending trans_id ${pending.transId}, whose outcome an earlier run could not learn)`;
    let result;
    try {
        result = await sendMovement(() => sendTransfer(run.ledger.subAccountId, planned));
    } catch (error) {
        // BSS checks a trans_id for reuse before it checks balances (reference: validation order),
        // so a refusal of the resent key means the first attempt was never applied.
        logWarning(`${what}: BSS refused it (${describeError(error)}); the earlier attempt was therefore not applied, and the change is planned again.`);
        run.pending = undefined;
        run.changed = true;
        return;
    }
    if (result.outcome === "unclear") throw result.error;
    await complete(run, planned, result.confirmedBy);
}

/** Refuses a movement that cannot succeed, with the numbers, before anything is sent. */
async function precheck(planned: PlannedTransfer, subAccountId: string): Promise<void> {
    const client = dataClient();
    if (planned.direction === "allocate") {
        const master = await fetchTransferableAmounts(client, { balanceType: "cash" }).catch((error) => {
            throw explainEnterpriseError(KIND, describeMove(planned, subAccountId), error);
        });
        const available = wireCents(master.availableAmount);
        if (available < planned.amountCents) {
            throw new Error(
                `${describeMove(planned, subAccountId, master.currency)}: the master account can allocate only ${formatCents(available)} ${master.currency} now (ShowMultiAccountTransferAmount). Nothing was moved. Top up the master account or lower amount to at most ${formatCents(planned.fromCents + available)}.`,
            );
        }
        return;
    }
    const member = await fetchRetrievableAmounts(client, { subCustomerId: subAccountId, balanceType: "cash" }).catch((error) => {
        throw explainEnterpriseError(KIND, describeMove(planned, subAccountId), error);
    });
    const retrievable = wireCents(member.availableAmount);
    if (retrievable < planned.amountCents) {
        const floor = planned.fromCents - retrievable;
        throw new Error(
            `${describeMove(planned, subAccountId, member.currency)}: the member can give back only ${formatCents(retrievable)} ${member.currency} now (ListEnterpriseMultiAccount): it has spent part of what it was given, or money was retrieved outside this stack. Nothing was moved. Set amount to at least ${formatCents(floor > 0n ? floor : 0n)}, or wait until the member is topped up.`,
        );
    }
}

const MOVE_ADVICE: Record<string, Partial<Record<string, string>>> = {
    allocate: {
        [ENTERPRISE_CODES.insufficientBalance]: "the master account's balance does not cover it (CBC.99005003); nothing was moved. Top up the master account or lower amount.",
    },
    retrieve: {
        [ENTERPRISE_CODES.insufficientBalance]:
            "the member cannot give back that much (CBC.99005003: more than its retrievable amount); nothing was moved. It has spent part of what it was given: raise amount so that the decrease is at most the member's retrievableAmount.",
    },
};

async function move(run: Run, planned: PlannedTransfer): Promise<void> {
    const subAccountId = run.ledger.subAccountId;
    let result;
    try {
        result = await sendMovement(() => sendTransfer(subAccountId, planned));
    } catch (error) {
        throw explainEnterpriseError(KIND, describeMove(planned, subAccountId), error, MOVE_ADVICE[planned.direction]);
    }
    if (result.outcome === "unclear") {
        run.pending = pendingOf(planned);
        run.changed = true;
        throw new UnclearMovementError(`${describeMove(planned, subAccountId)}: the outcome is unknown (${describeError(result.error)}).`, result.error);
    }
    await complete(run, planned, result.confirmedBy);
}

function sendTransfer(subAccountId: string, planned: PlannedTransfer): Promise<unknown> {
    const request = { customer_id: subAccountId, amount: formatCents(planned.amountCents), trans_id: planned.transId, balance_type: "BALANCE_TYPE_DEBIT" as const };
    const client = enterpriseClient();
    return planned.direction === "allocate" ? client.updateSubEnterpriseAmount(request) : client.reclaimSubEnterpriseAmount(request);
}

async function complete(run: Run, planned: PlannedTransfer, confirmedBy: TransferRecord["confirmedBy"]): Promise<void> {
    run.ledger = afterTransfer(run.ledger, planned);
    run.transfers = appendRecord(run.transfers, recordOf(planned, confirmedBy));
    run.pending = undefined;
    run.changed = true;
    if (confirmedBy === "duplicate") await verifyDuplicate(run.ledger.subAccountId, planned);
}

/**
 * A duplicate-key answer means BSS holds a movement under this key, which only an earlier attempt
 * of this movement can have created. The balances are read to confirm it is plausible; anything
 * odd is reported, not "corrected" (that could move money twice).
 */
async function verifyDuplicate(subAccountId: string, planned: PlannedTransfer): Promise<void> {
    const what = `${describeMove(planned, subAccountId)}: BSS reports trans_id ${planned.transId} as already used, so an earlier attempt of this movement was applied`;
    try {
        const client = dataClient();
        if (planned.direction === "allocate") {
            const member = await fetchRetrievableAmounts(client, { subCustomerId: subAccountId, balanceType: "cash" });
            if (wireCents(member.availableAmount) < planned.amountCents) {
                logWarning(`${what}, but the member can give back only ${member.availableAmount} ${member.currency} now (it may have spent it). Check the member's balance in the Billing Center.`);
            }
        } else {
            const master = await fetchTransferableAmounts(client, { balanceType: "cash" });
            if (wireCents(master.availableAmount) < planned.amountCents) {
                logWarning(`${what}, but the master can allocate only ${master.availableAmount} ${master.currency} now. Check the master's balance in the Billing Center.`);
            }
        }
    } catch (error) {
        logWarning(`${what}; the balances could not be read to confirm it (${describeError(error)}).`);
    }
}

// ---------------------------------------------------------------------------------------------
// outputs and read

interface Balances {
    readonly retrievableAmount: string;
    readonly transferableAmount: string;
    readonly currency: string;
}

async function readBalances(subAccountId: string): Promise<Balances> {
    const client = dataClient();
    const [member, master] = await Promise.all([
        fetchRetrievableAmounts(client, { subCustomerId: subAccountId, balanceType: "cash" }),
        fetchTransferableAmounts(client, { balanceType: "cash" }),
    ]);
    return {
        retrievableAmount: formatCents(wireCents(member.availableAmount)),
        transferableAmount: formatCents(wireCents(master.availableAmount)),
        currency: member.currency || master.currency,
    };
}

function outputsWithoutBalances(run: Run): FundingOutputs {
    const previous = run.previous;
    return withoutUndefined({
        ...pickFundingInputs(run.inputs),
        subAccountName: run.subAccountName,
        lifecycleId: run.ledger.lifecycleId,
        generation: run.ledger.generation,
        allocatedAmount: formatCents(run.ledger.allocatedCents),
        currency: previous?.currency ?? "",
        retrievableAmount: previous?.retrievableAmount ?? "",
        transferableAmount: previous?.transferableAmount ?? "",
        transfers: run.transfers,
        pendingTransfer: run.pending,
    }) as unknown as FundingOutputs;
}

async function outputsOf(run: Run): Promise<FundingOutputs> {
    const base = outputsWithoutBalances(run);
    try {
        return { ...base, ...(await readBalances(run.ledger.subAccountId)) };
    } catch (error) {
        // The movements are done; a failed read must not lose them. `pulumi refresh` reads again.
        logWarning(`${KIND} ${run.id}: the balances could not be read after the change (${describeError(error)}); run \`pulumi refresh\` to see them.`);
        return base;
    }
}

export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const state = props as unknown as FundingOutputs;
    let balances: Balances;
    try {
        balances = await readBalances(state.subAccountId);
    } catch (error) {
        throw explainEnterpriseError(KIND, `${KIND} ${id}: reading the balances of member ${state.subAccountId}`, error);
    }
    const outs = withoutUndefined({ ...state, ...balances });
    delete (outs as Record<string, unknown>).__provider;
    return { id, props: outs, inputs: pickFundingInputs(props) };
}

// ---------------------------------------------------------------------------------------------
// delete

async function remove(id: string, props: Record<string, unknown>): Promise<void> {
    const state = props as unknown as FundingOutputs;
    const onDelete = state.onDelete ?? "retain";
    const pending = state.pendingTransfer ?? undefined;
    if (onDelete === "retain") {
        if (pending) {
            logWarning(
                `${KIND} ${id}: ${describeMove(plannedOf(pending), state.subAccountId)} had an unknown outcome in an earlier run (trans_id ${pending.transId}); with onDelete "retain" it is not resent. Check the member's balance in the Billing Center.`,
            );
        }
        return;
    }
    const run: Run = {
        id,
        inputs: props,
        ledger: ledgerOf(state),
        transfers: [...(state.transfers ?? [])],
        pending,
        changed: false,
        previous: state,
    };
    // Settle an earlier unclear movement first, so the retrieval below is computed from facts.
    if (run.pending) await resolvePending(run);
    const member = await fetchRetrievableAmounts(dataClient(), { subCustomerId: state.subAccountId, balanceType: "cash" }).catch((error) => {
        throw explainEnterpriseError(KIND, `${KIND} ${id}: reading what member ${state.subAccountId} can give back`, error);
    });
    const { transfer, shortfallCents } = planDeleteRetrieval(run.ledger, wireCents(member.availableAmount));
    if (shortfallCents > 0n) {
        logWarning(
            `${KIND} ${id}: this resource allocated ${formatCents(run.ledger.allocatedCents)} ${member.currency} to member ${state.subAccountId}, but the member can give back only ${member.availableAmount} ${member.currency}; ${formatCents(shortfallCents)} stays with the member (spent or retrieved elsewhere).`,
        );
    }
    if (!transfer) return;
    let result;
    try {
        result = await sendMovement(() => sendTransfer(state.subAccountId, transfer));
    } catch (error) {
        throw explainEnterpriseError(KIND, describeMove(transfer, state.subAccountId), error, MOVE_ADVICE.retrieve);
    }
    if (result.outcome === "unclear") {
        throw new Error(
            `${describeMove(transfer, state.subAccountId)}: the outcome is unknown (${describeError(result.error)}). The resource stays in the stack; run \`pulumi destroy\` again: it resends the same trans_id (${transfer.transId}), so the money moves at most once.`,
        );
    }
    if (result.confirmedBy === "duplicate") await verifyDuplicate(state.subAccountId, transfer);
}
export { remove as delete };

/** The input names of SubAccountFunding (tests and the SDK share them). */
export { INPUT_NAMES };
