/**
 * Which movement brings the member's allocation from what this resource allocated so far to what
 * the program asks for, and under which idempotency key. Pure functions, tested with tables.
 */
import { formatCents, FundingDirection, fundingTransId, toCents } from "./transfer-keys";

/** What the state says this resource has done so far. */
export interface FundingLedger {
    readonly lifecycleId: string;
    readonly subAccountId: string;
    /** Movements completed so far. */
    readonly generation: number;
    /** Net amount this resource has allocated, in cents. */
    readonly allocatedCents: bigint;
}

/** One movement to send (or resend, under the same key). */
export interface PlannedTransfer {
    readonly direction: FundingDirection;
    readonly amountCents: bigint;
    readonly fromCents: bigint;
    readonly toCents: bigint;
    readonly generation: number;
    readonly transId: string;
}

/** A movement as the state records it (JSON: amounts as decimal strings). */
export interface TransferRecord {
    readonly transId: string;
    readonly direction: FundingDirection;
    readonly amount: string;
    /** Allocated amount before and after. */
    readonly from: string;
    readonly to: string;
    /** "response": BSS accepted it; "duplicate": BSS had already accepted this trans_id (an earlier, interrupted attempt). */
    readonly confirmedBy: "response" | "duplicate";
}

/** A movement whose outcome is unknown (connection lost after sending); resolved by resending its key. */
export interface PendingTransfer {
    readonly transId: string;
    readonly direction: FundingDirection;
    readonly amount: string;
    readonly from: string;
    readonly to: string;
    readonly generation: number;
}

/** The movement from the ledger's allocation to `desiredCents`, or undefined when nothing moves. */
export function planChange(ledger: FundingLedger, desiredCents: bigint): PlannedTransfer | undefined {
    if (desiredCents === ledger.allocatedCents) return undefined;
    const direction: FundingDirection = desiredCents > ledger.allocatedCents ? "allocate" : "retrieve";
    return transfer(ledger, direction, ledger.allocatedCents, desiredCents, direction === "allocate" ? desiredCents - ledger.allocatedCents : ledger.allocatedCents - desiredCents);
}

/**
 * The retrieval made when the resource is deleted with onDelete "retrieve": everything this
 * resource allocated, but no more than the member can give back (it may have spent part). Its key
 * is that of "allocation → 0", so an interrupted destroy resends the same key whatever the member's
 * retrievable amount is by then.
 */
export function planDeleteRetrieval(ledger: FundingLedger, retrievableCents: bigint): { readonly transfer?: PlannedTransfer; readonly shortfallCents: bigint } {
    if (ledger.allocatedCents <= 0n) return { shortfallCents: 0n };
    const amount = retrievableCents < ledger.allocatedCents ? (retrievableCents > 0n ? retrievableCents : 0n) : ledger.allocatedCents;
    const shortfallCents = ledger.allocatedCents - amount;
    if (amount === 0n) return { shortfallCents };
    return { transfer: transfer(ledger, "retrieve", ledger.allocatedCents, 0n, amount), shortfallCents };
}

function transfer(ledger: FundingLedger, direction: FundingDirection, fromCents: bigint, toCents: bigint, amountCents: bigint): PlannedTransfer {
    const transId = fundingTransId({ lifecycleId: ledger.lifecycleId, subAccountId: ledger.subAccountId, generation: ledger.generation, direction, fromCents, toCents });
    return { direction, amountCents, fromCents, toCents, generation: ledger.generation, transId };
}

export function pendingOf(planned: PlannedTransfer): PendingTransfer {
    return {
        transId: planned.transId,
        direction: planned.direction,
        amount: formatCents(planned.amountCents),
        from: formatCents(planned.fromCents),
        to: formatCents(planned.toCents),
        generation: planned.generation,
    };
}

export function plannedOf(pending: PendingTransfer): PlannedTransfer {
    return {
        transId: pending.transId,
        direction: pending.direction,
        amountCents: toCents(pending.amount),
        fromCents: toCents(pending.from),
        toCents: toCents(pending.to),
        generation: pending.generation,
    };
}

export function recordOf(planned: PlannedTransfer, confirmedBy: TransferRecord["confirmedBy"]): TransferRecord {
    return {
        transId: planned.transId,
        direction: planned.direction,
        amount: formatCents(planned.amountCents),
        from: formatCents(planned.fromCents),
        to: formatCents(planned.toCents),
        confirmedBy,
    };
}

/** The state keeps this many movements (newest last); older ones are dropped so state stays small. */
export const MAX_TRANSFER_RECORDS = 50;

export function appendRecord<T>(records: readonly T[] | undefined, record: T): T[] {
    const next = [...(records ?? []), record];
    return next.length > MAX_TRANSFER_RECORDS ? next.slice(next.length - MAX_TRANSFER_RECORDS) : next;
}

/** The ledger after `planned` completed. */
export function afterTransfer(ledger: FundingLedger, planned: PlannedTransfer): FundingLedger {
    return { ...ledger, generation: ledger.generation + 1, allocatedCents: planned.toCents };
}
