/**
 * The Subscription provider's BSS calls that change something, coalesced across the resources of
 * one provider process: renewals of the same period and payment into calls of up to 10 resources,
 * to-on-demand settings into lists of up to 100, unsubscriptions into calls of up to 10, price
 * quotes of the same period into calls of up to 10. Auto-renew has no batch API: one call each.
 *
 * A batch that BSS rejects as a whole (a definite 4xx answer: nothing was applied) is split and
 * sent again one resource per call, so one bad resource does not fail the others. A batch whose
 * outcome is unknown is never sent again: each resource reconciles by reading.
 */
import { classifyBssError } from "../bss/errors";
import { createBatcher, ItemOutcome } from "../shared/batching";
import type { BssOperations, FailResourceInfo } from "../shared/bss-operations";
import { isDefiniteRejection } from "../shared/errors";
import type { PeriodType } from "./calendar";
import type { QuoteResult } from "./plan";

export const RENEW_BATCH = 10;
export const TO_ON_DEMAND_BATCH = 100;
export const UNSUBSCRIBE_BATCH = 10;
export const QUOTE_BATCH = 10;

/** Per-resource BSS codes of a renewal quote that mean "this period is not sold". */
const PERIOD_UNAVAILABLE = new Set(["CBC.30050008", "CBC.30050013", "CBC.30010069"]);
/** ...and "cannot be quoted now" (the resource is held by a pending or processing order). */
const QUOTE_BLOCKED = new Set(["CBC.30050010", "CBC.30050011"]);

export interface RenewItem {
    readonly resourceId: string;
    readonly periodType: PeriodType;
    readonly periods: number;
    readonly autoPay: boolean;
    /**
     * False when the order will be paid with this resource's own coupons or discount: it must
     * not be shared with other resources.
     */
    readonly shareOrder: boolean;
}

export interface RenewOutcome {
    readonly orderIds: readonly string[];
    /** How many resources the request renewed (they share its orders). */
    readonly batchSize: number;
}

export interface UnsubscribeItem {
    readonly resourceId: string;
    readonly unsubscribeType: 1 | 2;
}

export interface Actions {
    renew(item: RenewItem): Promise<RenewOutcome>;
    setToOnDemand(resourceId: string, operation: "SET_UP" | "CANCEL"): Promise<void>;
    unsubscribe(item: UnsubscribeItem): Promise<{ orderIds: readonly string[]; batchSize: number }>;
    /** Speculative quotes (prefetching) go after urgent ones, one request at a time. */
    quote(resourceId: string, periodType: PeriodType, periods: number, speculative?: boolean): Promise<QuoteResult>;
    /** A check now waits for this speculative quote, if it is still queued. */
    hurryQuote(resourceId: string, periodType: PeriodType, periods: number): void;
    enableAutoRenew(resourceId: string, autoRenewTimes?: number): Promise<void>;
    disableAutoRenew(resourceId: string): Promise<void>;
}

const PERIOD_CODE: Record<PeriodType, 2 | 3> = { month: 2, year: 3 };

function itemError(operation: string, info: { error_code?: string; error_msg?: string }, resourceId: string): Error {
    const error = classifyBssError({ operation, code: info.error_code, serviceMessage: info.error_msg, httpStatus: 200 });
    error.message = `${resourceId}: ${error.message}`;
    return error;
}

/**
 * Runs `call` for all items; if BSS definitely rejected the whole batch and it held more than one
 * item, runs it again for each item alone and returns their outcomes.
 */
async function withSplitOnRejection<I, R>(
    items: readonly I[],
    call: (items: readonly I[]) => Promise<readonly ItemOutcome<R>[]>,
): Promise<readonly ItemOutcome<R>[]> {
    try {
        return await call(items);
    } catch (error) {
        if (items.length < 2 || !isDefiniteRejection(error)) throw error;
        return Promise.all(
            items.map(async (item): Promise<ItemOutcome<R>> => {
                try {
                    const [outcome] = await call([item]);
                    return outcome;
                } catch (single) {
                    return { ok: false, error: single as Error };
                }
            }),
        );
    }
}

function failureFor(infos: readonly FailResourceInfo[] | undefined, resourceId: string): FailResourceInfo | undefined {
    return infos?.find((info) => info.resource_id === resourceId);
}

export function createActions(client: () => BssOperations, batching?: () => boolean): Actions {
    const slotDelay = (operation: string) => client().pacingDelayMs?.(operation) ?? 0;
    const renewals = createBatcher<RenewItem, RenewOutcome>({
        maxSize: RENEW_BATCH,
        slotDelayMs: () => slotDelay("renewalResources"),
        enabled: batching,
        keyOf: (item) => `${item.periodType}:${item.periods}:${item.autoPay ? 1 : 0}${item.shareOrder ? "" : `:${item.resourceId}`}`,
        run: (items) =>
            withSplitOnRejection(items, async (batch) => {
                const ids = [...new Set(batch.map((i) => i.resourceId))];
                const response = await client().renewalResources({
                    resource_ids: ids,
                    period_type: PERIOD_CODE[batch[0].periodType],
                    period_num: batch[0].periods,
                    is_auto_pay: batch[0].autoPay ? 1 : 0,
                });
                return batch.map((item): ItemOutcome<RenewOutcome> => {
                    const failure = failureFor(response.fail_resource_infos, item.resourceId);
                    if (failure) return { ok: false, error: itemError("RenewalResources", failure, item.resourceId) };
                    return { ok: true, value: { orderIds: response.order_ids ?? [], batchSize: ids.length } };
                });
            }),
    });

    const toOnDemand = createBatcher<{ resourceId: string; operation: "SET_UP" | "CANCEL" }, void>({
        maxSize: TO_ON_DEMAND_BATCH,
        slotDelayMs: () => slotDelay("updatePeriodToOnDemand"),
        enabled: batching,
        keyOf: (item) => item.operation,
        run: (items) =>
            withSplitOnRejection(items, async (batch) => {
                const response = await client().updatePeriodToOnDemand({
                    operation: batch[0].operation,
                    resource_ids: [...new Set(batch.map((i) => i.resourceId))],
                });
                return batch.map((item): ItemOutcome<void> => {
                    const failure = response.error_details?.find((d) => d.id === item.resourceId);
                    return failure ? { ok: false, error: itemError("UpdatePeriodToOnDemand", failure, item.resourceId) } : { ok: true, value: undefined };
                });
            }),
    });

    const unsubscriptions = createBatcher<UnsubscribeItem, { orderIds: readonly string[]; batchSize: number }>({
        maxSize: UNSUBSCRIBE_BATCH,
        slotDelayMs: () => slotDelay("cancelResourcesSubscription"),
        enabled: batching,
        keyOf: (item) => String(item.unsubscribeType),
        run: (items) =>
            withSplitOnRejection(items, async (batch) => {
                const ids = [...new Set(batch.map((i) => i.resourceId))];
                const response = await client().cancelResourcesSubscription({ resource_ids: ids, unsubscribe_type: batch[0].unsubscribeType });
                return batch.map((item): ItemOutcome<{ orderIds: readonly string[]; batchSize: number }> => {
                    const failure = failureFor(response.fail_resource_infos, item.resourceId);
                    if (failure) return { ok: false, error: itemError("CancelResourcesSubscription", failure, item.resourceId) };
                    return { ok: true, value: { orderIds: response.order_ids ?? [], batchSize: ids.length } };
                });
            }),
    });

    const quotes = createBatcher<{ resourceId: string; periodType: PeriodType; periods: number }, QuoteResult>({
        maxSize: QUOTE_BATCH,
        slotDelayMs: () => slotDelay("listRenewRateOnPeriod"),
        enabled: batching,
        keyOf: (item) => `${item.periodType}:${item.periods}`,
        run: (items) =>
            withSplitOnRejection(items, async (batch) => {
                const response = await client().listRenewRateOnPeriod({
                    resource_ids: [...new Set(batch.map((i) => i.resourceId))],
                    period_type: PERIOD_CODE[batch[0].periodType],
                    period_num: batch[0].periods,
                });
                return batch.map((item): ItemOutcome<QuoteResult> => {
                    const failure = failureFor(response.fail_resource_infos, item.resourceId);
                    if (failure) {
                        const reason = `${failure.error_code ?? "error"}: ${failure.error_msg ?? "no message"}`;
                        if (failure.error_code && PERIOD_UNAVAILABLE.has(failure.error_code)) return { ok: true, value: { unavailable: reason } };
                        if (failure.error_code && QUOTE_BLOCKED.has(failure.error_code)) return { ok: true, value: { blocked: reason } };
                        return { ok: false, error: itemError("ListRenewRateOnPeriod", failure, item.resourceId) };
                    }
                    const result = response.renew_inquiry_results?.find((r) => r.resource_id === item.resourceId);
                    if (!result?.amount) return { ok: false, error: new Error(`ListRenewRateOnPeriod returned no price for ${item.resourceId}`) };
                    return { ok: true, value: { amount: result.amount, currency: response.currency ?? "" } };
                });
            }),
    });

    return {
        renew: (item) => renewals.submit(item),
        setToOnDemand: (resourceId, operation) => toOnDemand.submit({ resourceId, operation }),
        unsubscribe: (item) => unsubscriptions.submit(item),
        quote: (resourceId, periodType, periods, speculative) => quotes.submit({ resourceId, periodType, periods }, { speculative }),
        hurryQuote(resourceId, periodType, periods) {
            quotes.promote((q) => q.resourceId === resourceId && q.periodType === periodType && q.periods === periods);
        },
        async enableAutoRenew(resourceId, autoRenewTimes) {
            await client().autoRenewalResources(autoRenewTimes === undefined ? { resource_id: resourceId } : { resource_id: resourceId, auto_renew_times: autoRenewTimes });
        },
        async disableAutoRenew(resourceId) {
            await client().cancelAutoRenewalResources({ resource_id: resourceId });
        },
    };
}
