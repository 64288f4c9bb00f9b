/**
 * Seeding and fault hooks for the billing state, for scenarios, tests and the admin API: credit ledgers
 * with an expiry, a "transfer still running" window, intl invoices, 95th-percentile samples.
 */
import { z } from "zod";
import { isWireDatetime } from "../time";
import type { World } from "../world";
import { wavePattern } from "./percentile";
import { billingState, InvoiceRecord, UsageSampleSeries } from "./state";

/**
 * Gives an account a credit ledger that expires at `expireTime` (besides its permanent credit). Allocating
 * or retrieving with that expire_time after it passed answers CBC.99007181.
 */
export function addCreditLedger(world: World, accountId: string, expireTime: string, creditLimit: number, balance = creditLimit): void {
    const state = billingState(world);
    const existing = state.creditLedgers.find((ledger) => ledger.accountId === accountId && ledger.expireTime === expireTime);
    if (existing) {
        existing.creditLimit = creditLimit;
        existing.balance = balance;
    } else {
        state.creditLedgers.push({ accountId, expireTime, creditLimit, balance });
    }
}

/**
 * Makes the master's allocations, retrievals and coupon moves answer CBC.99007461 ("another task is
 * still running") until `untilIso` (virtual time). Pass undefined to clear.
 */
export function setTransferBusyUntil(world: World, masterId: string, untilIso: string | undefined): void {
    const state = billingState(world);
    if (untilIso === undefined) delete state.transferBusyUntil[masterId];
    else state.transferBusyUntil[masterId] = untilIso;
}

export interface InvoiceSeed {
    readonly accountId: string;
    readonly requestId?: string;
    /** UTC yyyy-MM-ddTHH:mm:ssZ. */
    readonly applyTime: string;
    readonly invoiceAmount: number;
    /** Defaults to 8 (completed). */
    readonly invoiceState?: number;
    readonly invoiceTitle?: string;
    readonly billCycle?: string;
    /** Any further InvoiceRequestInfoIntl fields (camelCase wire names). */
    readonly extra?: Readonly<Record<string, unknown>>;
}

/** Records an invoice application of an intl account (ListInvoices lists it). Returns its requestId. */
export function addInvoice(world: World, seed: InvoiceSeed): string {
    const requestId = seed.requestId ?? world.nextId("INV", 12);
    const record: InvoiceRecord = {
        accountId: seed.accountId,
        requestId,
        applyTime: seed.applyTime,
        invoice: {
            titleType: 1,
            channelType: 0,
            invoiceType: 1,
            invoiceTitle: seed.invoiceTitle ?? world.account(seed.accountId)?.name ?? seed.accountId,
            invoiceAmount: seed.invoiceAmount,
            invoiceMethod: 0,
            invoiceClass: 1,
            invoiceState: seed.invoiceState ?? 8,
            applyOpera: world.account(seed.accountId)?.name ?? seed.accountId,
            invoiceMode: "0",
            requestMode: "0",
            tradeType: 8,
            billCycle: seed.billCycle,
            taxList: [],
            ...seed.extra,
        },
    };
    billingState(world).invoices.push(record);
    return requestId;
}

export type UsageSeriesKey = Omit<UsageSampleSeries, "samples" | "measureId"> & { readonly measureId?: number };

/** Adds 5-minute bandwidth samples ([UTC time, decimal string]) to a resource's 95th-percentile series. */
export function recordUsageSamples(world: World, key: UsageSeriesKey, samples: readonly (readonly [string, string])[]): void {
    const state = billingState(world);
    let series = state.usageSamples.find(
        (candidate) =>
            candidate.customerId === key.customerId &&
            candidate.resourceId === key.resourceId &&
            candidate.usageType === key.usageType &&
            candidate.serviceTypeCode === key.serviceTypeCode &&
            candidate.resourceTypeCode === key.resourceTypeCode,
    );
    if (!series) {
        series = { ...key, measureId: key.measureId ?? 15, samples: [] };
        state.usageSamples.push(series);
    }
    const byTime = new Map(series.samples.map(([time, value]) => [time, value] as [string, string]));
    for (const [time, value] of samples) byTime.set(time, value);
    series.samples.splice(0, series.samples.length, ...[...byTime.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Fills a series with a deterministic daily wave between `low` and `high` (Mbps) over [fromIso, toIso). */
export function generateUsageSamples(world: World, key: UsageSeriesKey, fromIso: string, toIso: string, low: number, high: number): void {
    recordUsageSamples(world, key, wavePattern(Date.parse(fromIso), Date.parse(toIso), low, high));
}

const utcTime = z.string().refine((text) => isWireDatetime(text), { message: "must be a UTC time yyyy-MM-ddTHH:mm:ssZ" });

const usageKeySchema = {
    customerId: z.string().min(1),
    resourceId: z.string().min(1),
    serviceTypeCode: z.string().default("hws.service.type.vpc"),
    resourceTypeCode: z.string().default("hws.resource.type.bandwidth"),
    usageType: z.string().default("95Peak"),
    measureId: z.number().int().optional(),
};

/** The `billing` section a scenario file may carry (the core's scenario loader hands it to applyBillingScenario). */
export const billingScenarioSchema = z.object({
    creditLedgers: z
        .array(z.object({ accountId: z.string().min(1), expireTime: utcTime, creditLimit: z.number().min(0), balance: z.number().min(0).optional() }))
        .default([]),
    transferBusyUntil: z.record(z.string(), utcTime).default({}),
    invoices: z
        .array(
            z.object({
                accountId: z.string().min(1),
                requestId: z.string().optional(),
                applyTime: utcTime,
                invoiceAmount: z.number(),
                invoiceState: z.number().int().optional(),
                invoiceTitle: z.string().optional(),
                billCycle: z.string().optional(),
                extra: z.record(z.string(), z.unknown()).optional(),
            }),
        )
        .default([]),
    usageSamples: z
        .array(
            z.union([
                z.object({ ...usageKeySchema, samples: z.array(z.tuple([utcTime, z.string().regex(/^\d+(\.\d+)?$/)])) }),
                z.object({ ...usageKeySchema, from: utcTime, to: utcTime, low: z.number().min(0), high: z.number().min(0) }),
            ]),
        )
        .default([]),
});
export type BillingScenario = z.input<typeof billingScenarioSchema>;

/** Seeds the billing state from a scenario's `billing` section (throws a ZodError naming the bad field). */
export function applyBillingScenario(world: World, raw: unknown): void {
    const scenario = billingScenarioSchema.parse(raw ?? {});
    for (const ledger of scenario.creditLedgers) addCreditLedger(world, ledger.accountId, ledger.expireTime, ledger.creditLimit, ledger.balance);
    for (const [masterId, until] of Object.entries(scenario.transferBusyUntil)) setTransferBusyUntil(world, masterId, until);
    for (const invoice of scenario.invoices) addInvoice(world, invoice);
    for (const series of scenario.usageSamples) {
        if ("samples" in series) {
            const { samples, ...key } = series;
            recordUsageSamples(world, key, samples);
        } else {
            const { from, to, low, high, ...key } = series;
            generateUsageSamples(world, key, from, to, low, high);
        }
    }
}
