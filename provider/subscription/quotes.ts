/**
 * Renewal prices for `check`, fetched ahead of need.
 *
 * The engine calls `check` one resource at a time, so the quotes of a fleet's renewals would go
 * one per request (and one request after another) however the batcher groups them. Once two
 * resources of a run are planned to the same renewUntil, the fleet probably shares it: every other
 * main resource of the account's snapshot whose expiry falls before that date is priced in the
 * background, 10 per request (ListRenewRateOnPeriod's limit), after any quote a check waits for.
 * The checks that follow then find their prices here. Quotes are read-only and free; the cost of a
 * wrong guess is requests, capped by HUAWEICLOUD_BSS_QUOTE_PREFETCH_MAX resources (default 2000,
 * 0 turns prefetching off) and never made with batching switched off.
 *
 * A quote is kept for the provider process (one Pulumi operation) for at most ten minutes; failed
 * quotes are not kept.
 */
import type { Actions } from "./actions";
import type { PeriodType } from "./calendar";
import { parseBssTime } from "./calendar";
import type { ResourceDirectory } from "./directory";
import { likelyQuotes, QuoteResult } from "./plan";

export const QUOTE_PREFETCH_MAX_ENV = "HUAWEICLOUD_BSS_QUOTE_PREFETCH_MAX";
const DEFAULT_PREFETCH_MAX = 2000;
const KEEP_MS = 10 * 60_000;
/** Distinct resources planned to the same target before the others are priced ahead. */
const FLEET_EVIDENCE = 2;
/** BSS status of a resource that is closed: never renewed, so never priced. */
const CLOSED = 3;

export interface QuoteBook {
    quote(resourceId: string, periodType: PeriodType, periods: number): Promise<QuoteResult>;
    /** `resourceId` is being planned to `target`: price its likely fleet-mates in the background. */
    anticipate(resourceId: string, target: Date): void;
}

export interface QuoteBookOptions {
    readonly enabled?: () => boolean;
    readonly prefetchMax?: () => number;
}

function prefetchLimit(env: NodeJS.ProcessEnv = process.env): number {
    const parsed = Number(env[QUOTE_PREFETCH_MAX_ENV]);
    return Number.isFinite(parsed) && parsed >= 0 ? parsed : DEFAULT_PREFETCH_MAX;
}

export function createQuoteBook(actions: Actions, directory: ResourceDirectory, options: QuoteBookOptions): QuoteBook {
    const enabled = options.enabled ?? (() => true);
    const maxPrefetch = options.prefetchMax ?? (() => prefetchLimit());
    const kept = new Map<string, { at: number; result: Promise<QuoteResult> }>();
    const plannedByTarget = new Map<number, Set<string>>();
    const prefetchedTargets = new Set<number>();
    let prefetchedResources = 0;

    const keyOf = (resourceId: string, periodType: PeriodType, periods: number) => `${resourceId}|${periodType}|${periods}`;

    function fetch(resourceId: string, periodType: PeriodType, periods: number, speculative: boolean): Promise<QuoteResult> {
        const key = keyOf(resourceId, periodType, periods);
        const result = actions.quote(resourceId, periodType, periods, speculative);
        kept.set(key, { at: Date.now(), result });
        // A failed quote is asked again by whoever needs it.
        result.catch(() => {
            if (kept.get(key)?.result === result) kept.delete(key);
        });
        return result;
    }

    function prefetch(target: Date): void {
        for (const record of directory.snapshotMainRecords()) {
            if (prefetchedResources >= maxPrefetch()) return;
            const id = record.resource_id;
            const expire = parseBssTime(record.expire_time);
            if (!id || !expire || record.status === CLOSED || expire >= target) continue;
            const wanted = likelyQuotes(expire, target).filter((q) => !kept.has(keyOf(id, q.periodType, q.periods)));
            if (wanted.length === 0) continue;
            prefetchedResources++;
            for (const q of wanted) fetch(id, q.periodType, q.periods, true).catch(() => undefined);
        }
    }

    return {
        quote(resourceId, periodType, periods) {
            const entry = kept.get(keyOf(resourceId, periodType, periods));
            if (entry && Date.now() - entry.at < KEEP_MS) {
                actions.hurryQuote(resourceId, periodType, periods);
                return entry.result;
            }
            return fetch(resourceId, periodType, periods, false);
        },
        anticipate(resourceId, target) {
            if (!enabled() || maxPrefetch() === 0) return;
            const key = target.getTime();
            if (prefetchedTargets.has(key)) return;
            const planned = plannedByTarget.get(key) ?? new Set<string>();
            planned.add(resourceId);
            plannedByTarget.set(key, planned);
            if (planned.size < FLEET_EVIDENCE) return;
            prefetchedTargets.add(key);
            prefetch(target);
        },
    };
}
