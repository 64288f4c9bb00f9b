/**
 * Sending one money or coupon movement under its idempotency key: one movement at a time per
 * process, resent while BSS says another task is running, and a duplicate-key answer read as
 * "already done" (the key is derived from this resource's lifecycle, so only an earlier attempt of
 * this very movement can have used it).
 */
import { bssErrorCode, isAmbiguousOutcome } from "../shared/errors";
import { ENTERPRISE_CODES, oneMovementAtATime, sendWhileBusy } from "./enterprise";

export type Confirmation = "response" | "duplicate";

export type MovementResult<R> =
    | { readonly outcome: "done"; readonly confirmedBy: Confirmation; readonly response: R | undefined }
    /** The request may or may not have been applied: keep its key and resend it later. */
    | { readonly outcome: "unclear"; readonly error: Error };

/** Sends `send` (which carries a fixed trans_id); definite rejections are thrown. */
export async function sendMovement<R>(send: () => Promise<R>): Promise<MovementResult<R>> {
    try {
        const response = await oneMovementAtATime(() => sendWhileBusy(send));
        return { outcome: "done", confirmedBy: "response", response };
    } catch (error) {
        if (bssErrorCode(error) === ENTERPRISE_CODES.duplicateTransId) return { outcome: "done", confirmedBy: "duplicate", response: undefined };
        if (isAmbiguousOutcome(error)) return { outcome: "unclear", error: error as Error };
        throw error;
    }
}

/** A movement was sent but its outcome is unknown; the run keeps it as pending. */
export class UnclearMovementError extends Error {
    constructor(message: string, cause: unknown) {
        super(message, { cause });
        this.name = "UnclearMovementError";
    }
}
