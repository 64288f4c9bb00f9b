/**
 * When to retry and how long to wait. Pure functions, so the policy is tested with tables.
 *
 * Read-only operations retry throttling, 5xx and connection failures. Operations that move money or
 * state retry only when the request certainly had no effect (throttled, connection never made);
 * otherwise the outcome is ambiguous and the caller must reconcile. Operations with an idempotency
 * key (trans_id) retry like reads, resending the same key.
 */
import { BssError, NetworkError, ServerError, ThrottledError } from "./errors";
import type { Effect } from "./operations";

export interface RetryPolicy {
    readonly maxRetries: number;
    readonly baseDelayMs: number;
    readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 200, maxDelayMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": half of the step is fixed, half random, so retries of
 * many callers spread out but never fire immediately. `retry` counts from 1.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
    const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
    return step / 2 + random() * (step / 2);
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
    if (value === undefined) return undefined;
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export type RetryDecision =
    | { readonly action: "retry"; readonly delayMs: number }
    | { readonly action: "fail" }
    | { readonly action: "ambiguous" };

export interface DecideInput {
    readonly effect: Effect;
    readonly hasIdempotencyKey: boolean;
    readonly error: BssError;
    /** Retries already made (0 after the first attempt). */
    readonly retriesSoFar: number;
    readonly policy: RetryPolicy;
    readonly random?: () => number;
}

/** Whether the failure may have had an effect on the service side. */
export function mayHaveTakenEffect(error: BssError): boolean {
    if (error instanceof ThrottledError) return false;
    if (error instanceof NetworkError) return error.sent;
    return error instanceof ServerError;
}

export function decideRetry(input: DecideInput): RetryDecision {
    const { error, effect, policy } = input;
    const transient = error instanceof ThrottledError || error instanceof ServerError || error instanceof NetworkError;
    if (!transient) return { action: "fail" };
    const unsafe = effect === "mutating" && !input.hasIdempotencyKey && mayHaveTakenEffect(error);
    if (unsafe) return { action: "ambiguous" };
    if (input.retriesSoFar >= policy.maxRetries) return { action: "fail" };
    const backoff = backoffDelay(input.retriesSoFar + 1, policy, input.random);
    const retryAfter = error instanceof ThrottledError ? (error.retryAfterMs ?? 0) : 0;
    const delayMs = Math.max(backoff, retryAfter);
    // A server asking for a longer pause than we are willing to wait: give up now rather than hammer it.
    if (retryAfter > policy.maxDelayMs) return { action: "fail" };
    return { action: "retry", delayMs: Math.min(delayMs, Math.max(policy.maxDelayMs, retryAfter)) };
}
