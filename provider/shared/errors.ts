/**
 * How the providers read the client's errors, and the error they throw to keep partial progress.
 */
import { AmbiguousOutcomeError, BssError, NetworkError, ServerError, ThrottledError } from "../bss/errors";

/** The BSS error code (e.g. "CBC.99003100") carried by a client error, if any. */
export function bssErrorCode(error: unknown): string | undefined {
    if (error instanceof BssError) return error.code;
    const code = (error as { code?: unknown } | undefined)?.code;
    return typeof code === "string" ? code : undefined;
}

/**
 * True when a mutating call may or may not have taken effect (connection dropped after sending,
 * timeout, 5xx): the caller must reconcile by reading, never by repeating the call.
 */
export function isAmbiguousOutcome(error: unknown): boolean {
    return error instanceof AmbiguousOutcomeError || (error as { name?: unknown } | undefined)?.name === "AmbiguousOutcomeError";
}

/**
 * True when BSS definitely did not apply the request: it answered with a business or validation
 * error, or the client refused to send it. Only then may a batch be split and sent again.
 */
export function isDefiniteRejection(error: unknown): boolean {
    if (!(error instanceof BssError) || isAmbiguousOutcome(error)) return false;
    if (error instanceof ServerError || error instanceof ThrottledError) return false;
    if (error instanceof NetworkError) return !error.sent;
    return true;
}

/** The user-facing text of an error (the client's messages hold no credentials). */
export function describeError(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/**
 * Thrown by create/update after some changes were made: the dynamic-provider server turns `id`
 * and `properties` into ErrorResourceInitFailed, so the engine records the resource (and the
 * orders it placed) in state although the operation failed.
 */
export class PartialProgressError extends Error {
    readonly id: string;
    readonly properties: Record<string, unknown>;
    readonly reasons: string[];
    constructor(message: string, id: string, properties: Record<string, unknown>) {
        super(message);
        this.name = "PartialProgressError";
        this.id = id;
        this.properties = properties;
        this.reasons = [message];
    }
}
