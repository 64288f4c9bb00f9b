/**
 * Programmatic entry point (`pulumi-huaweicloud-bss/emulator`): startEmulator(options) builds the
 * world (from a saved state, a scenario, credentials, the generator, or the built-in demo), starts
 * the HTTP server and returns a handle to drive the clock, faults and state from tests.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { setTransferBusyUntil as clearTransferBusy } from "./billing/scenario";
import type { BillingScenario, InvoiceSeed, UsageSeriesKey } from "./billing/scenario";
import { AccessKeyLockout } from "./auth";
import { defaultCatalogue } from "./catalogue";
import { VirtualClock } from "./clock";
import { LifecycleEngine } from "./domain/lifecycle";
import { attachedOf } from "./domain/pricing";
import { FaultInjector } from "./faults";
import type { FaultSpec } from "./faults";
import { generateResources } from "./generator";
import type { CallCounts, RequestLogEntry } from "./logs";
import { RequestLog } from "./logs";
import type { Account, Coupon, LifecycleEvent, OrderEvent, Resource, Site, WorldState } from "./model";
import { round2 } from "./money";
import { loadState, saveState } from "./persistence";
import { RateLimiter } from "./ratelimit";
import { allOperations, Router } from "./registry";
import type { AccountInput, CouponInput, ParsedScenario, ResourceInput, Scenario } from "./scenario";
import {
    addAccountInput,
    addResourceInput,
    applyBillingSection,
    applyScenario,
    couponFrom,
    DEFAULT_ACCESS_KEY,
    DEFAULT_ACCOUNT_NAME,
    DEFAULT_DOMAIN_ID,
    DEFAULT_SECRET_KEY,
    DEFAULT_USER_NAME,
    DEFAULT_USER_PASSWORD,
    parseCredentialFlag,
    parseScenario,
    readScenarioFile,
} from "./scenario";
import type { EmulatorControl } from "./server";
import { createRequestListener } from "./server";
import { specFor } from "./spec";
import { addMs, DAY_MS, normaliseTime } from "./time";
import type { BehaviourSettings } from "./world";
import { emptyState, World } from "./world";

export interface CredentialOption {
    readonly accessKey: string;
    readonly secretKey: string;
    /** Domain (account) id; the account is created when missing. */
    readonly accountId: string;
    /** The account is an enterprise master. */
    readonly master?: boolean;
    /** Temporary credentials: requests must send it as X-Security-Token. */
    readonly securityToken?: string;
    readonly expiresAt?: string;
}

export interface EmulatorOptions {
    /** 0 (default) picks a free port. */
    readonly port?: number;
    readonly host?: string;
    readonly site?: Site;
    /** Initial virtual time (ISO-8601); default: the saved state's time, the scenario's, or real now. */
    readonly now?: string;
    /** Keep the virtual clock still between set/advance calls (default: it flows with real time). */
    readonly freezeClock?: boolean;
    /** `AK:SK:domainId[:master]` strings or objects. Without any (and no scenario accounts) the default account exists. */
    readonly credentials?: readonly (string | CredentialOption)[];
    /** Scenario file path or object. */
    readonly scenario?: string | Scenario;
    /** State file: resumed when it exists, written on close() and save(). */
    readonly state?: string;
    /** Requests per second per operation and account; 0 disables. Default: 10 (30 where documented). */
    readonly rateLimit?: number;
    /** Latency added to every BSS request, ms. */
    readonly latencyMs?: number;
    /** Seed for fault injection and the generator. Default 1. */
    readonly seed?: number;
    /** Generate a large account with about this many resources (for the first account). */
    readonly generate?: number;
    /** Seed the built-in demo resources when nothing else seeds the world. Default true. */
    readonly demo?: boolean;
    readonly faults?: FaultSpec;
    readonly behaviour?: Partial<BehaviourSettings>;
}

export interface RunningEmulator {
    readonly url: string;
    readonly port: number;
    readonly host: string;
    readonly site: Site;
    /** The live world (read access for tests; mutate through the helpers below). */
    readonly world: World;
    /** The raw state record. */
    readonly state: WorldState;
    /** Credentials of the default account (valid when the emulator created it). */
    readonly defaultCredential: { readonly accessKey: string; readonly secretKey: string; readonly domainId: string };
    close(): Promise<void>;
    now(): Date;
    nowIso(): string;
    /** Moves the clock by an ISO-8601 duration (P1M, PT36H, -PT5M) and processes expiries; returns the new now. */
    advanceClock(duration: string): string;
    setClock(iso: string): string;
    setFaults(spec: FaultSpec | FaultSpec["rules"]): void;
    clearFaults(): void;
    /** Counts of requests by operation (and by status). */
    calls(): CallCounts;
    resetCalls(): void;
    requestLog(): RequestLogEntry[];
    orderLog(): OrderEvent[];
    lifecycleLog(): LifecycleEvent[];
    /** Writes the state file (default: the --state file); returns the path. */
    save(file?: string): string;
    /** Console-style changes for tests. */
    addResource(input: ResourceInput): Resource;
    removeResource(resourceId: string): void;
    setExpirePolicy(resourceId: string, expirePolicy: number, autoRenewTimes?: number): void;
    updateResource(resourceId: string, fields: ResourceUpdate): Resource;
    addAccount(input: AccountInput): Account;
    setBalance(accountId: string, balances: BalanceUpdate): Account;
    addCoupon(input: CouponInput & { accountId?: string }): Coupon;
    addCredential(credential: CredentialOption): void;
    setOrderStatus(orderId: string, status: number): void;
    setRateLimit(perSecond: number): void;
    /** Billing hooks (the same as a scenario's `billing` section); times are ISO-8601, stored in the wire format. */
    applyBilling(section: BillingScenario): void;
    /** The master's allocations/retrievals and coupon moves answer CBC.99007461 until then; undefined clears. */
    setTransferBusyUntil(masterId: string, untilIso: string | undefined): void;
    /** A credit quota expiring at `expireTime` (besides the permanent credit); using it afterwards answers CBC.99007181. */
    addCreditLedger(accountId: string, expireTime: string, creditLimit: number, balance?: number): void;
    /** An intl invoice application (ListInvoices); returns its request id. */
    addInvoice(seed: InvoiceSeed): string;
    /** 5-minute bandwidth samples `[time, "Mbps"]` of a resource for the 95th-percentile APIs. */
    recordUsageSamples(key: UsageSeriesSelector, samples: readonly (readonly [string, string])[]): void;
    /** A deterministic daily wave of samples between `low` and `high` Mbps over [from, to). */
    generateUsageSamples(key: UsageSeriesSelector, from: string, to: string, low: number, high: number): void;
}

/** A bandwidth series: the resource and its owner; the codes default to a VPC bandwidth billed by 95Peak in Mbps. */
export type UsageSeriesSelector = Pick<UsageSeriesKey, "customerId" | "resourceId"> & Partial<UsageSeriesKey>;

export interface ResourceUpdate {
    readonly resourceName?: string;
    readonly expireTime?: string;
    readonly status?: number;
    readonly expirePolicy?: number;
    readonly autoRenewTimes?: number | null;
}

export interface BalanceUpdate {
    readonly cash?: number;
    /** Credit limit (remaining credit is set to it unless creditBalance is given). */
    readonly credit?: number;
    readonly creditBalance?: number;
    readonly debt?: number;
}

const resourceUpdateSchema = z.object({
    resourceName: z.string().min(1).optional(),
    expireTime: z.string().optional(),
    status: z.number().int().min(2).max(5).optional(),
    expirePolicy: z.number().int().min(0).max(5).optional(),
    autoRenewTimes: z.number().int().min(0).max(99).nullable().optional(),
});

const balanceSchema = z.object({ cash: z.number().min(0).optional(), credit: z.number().min(0).optional(), creditBalance: z.number().min(0).optional(), debt: z.number().min(0).optional() });

/** Resources the default world starts with, for the quickstart (fixed ids). */
export const DEMO_RESOURCE_IDS = {
    server: "d3m0e5c5-0000-4000-8000-000000000001",
    database: "d3m0e5c5-0000-4000-8000-000000000002",
    disk: "d3m0e5c5-0000-4000-8000-000000000003",
} as const;

function demoResources(nowIso: string): ResourceInput[] {
    const hour = (iso: string) => iso.replace(/:\d\d:\d\dZ$/, ":00:00Z");
    return [
        {
            resourceId: DEMO_RESOURCE_IDS.server,
            name: "demo-web-01",
            kind: "ecs",
            periodType: "month",
            periodNum: 1,
            expireTime: hour(addMs(nowIso, 20 * DAY_MS)),
            effectiveTime: hour(addMs(nowIso, -10 * DAY_MS)),
            attached: [
                { resourceId: "d3m0e5c5-0000-4000-8000-000000000011", name: "demo-web-01-sys", kind: "evs", specSize: 40 },
                { resourceId: "d3m0e5c5-0000-4000-8000-000000000012", name: "demo-web-01-eip", kind: "eip" },
                { resourceId: "d3m0e5c5-0000-4000-8000-000000000013", name: "demo-web-01-bw", kind: "bandwidth", specSize: 5 },
            ],
        },
        {
            resourceId: DEMO_RESOURCE_IDS.database,
            name: "demo-db-01",
            kind: "rds",
            periodType: "year",
            periodNum: 1,
            expirePolicy: 3,
            expireTime: hour(addMs(nowIso, 100 * DAY_MS)),
            effectiveTime: hour(addMs(nowIso, -265 * DAY_MS)),
            attached: [{ resourceId: "d3m0e5c5-0000-4000-8000-000000000021", name: "demo-db-01-storage", kind: "rdsStorage", specSize: 100 }],
        },
        {
            resourceId: DEMO_RESOURCE_IDS.disk,
            name: "demo-archive-disk",
            kind: "evs",
            specSize: 500,
            resourceSpecCode: "SATA",
            periodType: "month",
            periodNum: 3,
            expirePolicy: 1,
            expireTime: hour(addMs(nowIso, 45 * DAY_MS)),
            effectiveTime: hour(addMs(nowIso, -45 * DAY_MS)),
        },
    ];
}

/** ISO-8601 text in the wire format; unparseable text is passed on so the billing schema names the field. */
function wireTime(text: string): string {
    return typeof text === "string" && !Number.isNaN(Date.parse(text)) ? normaliseTime(text) : text;
}

function credentialOption(value: string | CredentialOption): CredentialOption {
    if (typeof value !== "string") return value;
    return parseCredentialFlag(value);
}

function ensureAccount(world: World, id: string, master: boolean): Account {
    const existing = world.account(id);
    if (existing) {
        if (master) existing.isEnterpriseMaster = true;
        return existing;
    }
    return addAccountInput(world, { id, name: id === DEFAULT_DOMAIN_ID ? DEFAULT_ACCOUNT_NAME : undefined, master });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const scenario: ParsedScenario | undefined = options.scenario === undefined ? undefined : typeof options.scenario === "string" ? readScenarioFile(options.scenario) : parseScenario(options.scenario);
    const saved = options.state ? loadState(options.state) : undefined;
    const site: Site = saved?.state.site ?? options.site ?? scenario?.site ?? "cn";
    const clockStart = options.now ?? saved?.now ?? scenario?.now;
    const clock = new VirtualClock(clockStart, options.freezeClock === true);
    const startIso = clock.nowIso();
    const seed = options.seed ?? 1;

    let world: World;
    if (saved) {
        world = new World(saved.state, options.behaviour);
    } else {
        world = new World(emptyState(site, startIso), options.behaviour);
        world.setCatalogue(defaultCatalogue(site));
        if (scenario) for (const account of scenario.accounts) addAccountInput(world, account);
    }
    for (const raw of options.credentials ?? []) {
        const c = credentialOption(raw);
        ensureAccount(world, c.accountId, c.master === true);
        world.addCredential({ accessKey: c.accessKey, secretKey: c.secretKey, accountId: c.accountId, securityToken: c.securityToken, expiresAt: c.expiresAt ? normaliseTime(c.expiresAt) : undefined });
    }
    if (!saved) {
        if (world.accounts().length === 0) {
            ensureAccount(world, DEFAULT_DOMAIN_ID, false);
            world.addCredential({ accessKey: DEFAULT_ACCESS_KEY, secretKey: DEFAULT_SECRET_KEY, accountId: DEFAULT_DOMAIN_ID });
            world.state.users.push({ name: DEFAULT_USER_NAME, password: DEFAULT_USER_PASSWORD, accountId: DEFAULT_DOMAIN_ID });
        }
        if (scenario) applyScenario(world, { ...scenario, accounts: [] }, startIso);
        const firstAccount = world.accounts()[0].id;
        const generate = options.generate ?? scenario?.generate?.resources;
        if (generate) generateResources(world, { resources: generate, seed: scenario?.generate?.seed ?? seed, accountId: scenario?.generate?.accountId ?? firstAccount, nowIso: startIso });
        const seeded = (scenario?.resources.length ?? 0) > 0 || generate !== undefined;
        if (!seeded && options.demo !== false && world.account(DEFAULT_DOMAIN_ID)) {
            for (const input of demoResources(startIso)) addResourceInput(world, input, DEFAULT_DOMAIN_ID, startIso);
        }
    }

    const engine = new LifecycleEngine(world);
    engine.advanceTo(startIso);

    const defs = allOperations();
    const documentedRates = new Map<string, number>();
    for (const def of defs) {
        const rate = def.defaultRateLimit ?? specFor(def.name)?.rateLimit;
        if (rate !== undefined) documentedRates.set(def.name, rate);
    }
    const limiter = options.rateLimit === undefined ? new RateLimiter(10, documentedRates, true) : new RateLimiter(options.rateLimit, documentedRates, false);
    const faults = new FaultInjector(seed, options.latencyMs ?? 0);
    if (options.faults) faults.set(options.faults);
    const log = new RequestLog();
    const router = new Router(defs);

    const advance = (): void => engine.advanceTo(clock.nowIso());
    const requireResource = (resourceId: string): Resource => {
        advance();
        const resource = world.resource(resourceId);
        if (!resource) throw new Error(`no resource ${resourceId}`);
        return resource;
    };
    const familyOf = (resource: Resource): Resource[] => {
        const primary = resource.parentResourceId ? (world.resource(resource.parentResourceId) ?? resource) : resource;
        return [primary, ...attachedOf(world, primary)];
    };
    const defaultAccountId = (): string => world.accounts()[0]?.id ?? DEFAULT_DOMAIN_ID;

    const handle: RunningEmulator & EmulatorControl = {
        url: "",
        port: 0,
        host: options.host ?? "127.0.0.1",
        site: world.site,
        world,
        get state() {
            return world.state;
        },
        defaultCredential: { accessKey: DEFAULT_ACCESS_KEY, secretKey: DEFAULT_SECRET_KEY, domainId: DEFAULT_DOMAIN_ID },
        close: async () => undefined,
        now: () => clock.now(),
        nowIso: () => clock.nowIso(),
        advanceClock(duration: string): string {
            const now = clock.advance(duration);
            advance();
            return now;
        },
        setClock(iso: string): string {
            const now = clock.set(iso);
            advance();
            return now;
        },
        setFaults: (spec: unknown) => faults.set(spec as FaultSpec),
        clearFaults: () => faults.clear(),
        describeFaults: () => faults.describe(),
        calls: () => log.counts(),
        resetCalls: () => log.reset(),
        requestLog: () => log.list(),
        orderLog: () => [...world.state.orderLog],
        lifecycleLog: () => [...world.state.lifecycleLog],
        snapshot: (sections?: readonly string[]) => {
            advance();
            // Secrets stay out of the admin view (the --state file keeps them to resume).
            const state = world.state;
            const redacted: Record<string, unknown> = {
                ...state,
                credentials: state.credentials.map((c) => ({ ...c, secretKey: "[redacted]", securityToken: c.securityToken === undefined ? undefined : "[redacted]" })),
                users: state.users.map((u) => ({ ...u, password: "[redacted]" })),
                tokens: state.tokens.map((t) => ({ ...t, token: "[redacted]" })),
            };
            const picked = sections ? Object.fromEntries(Object.entries(redacted).filter(([key]) => sections.includes(key))) : redacted;
            return { now: clock.nowIso(), site: world.site, state: picked };
        },
        save(file?: string): string {
            const target = file ?? options.state;
            if (!target) throw new Error("no state file: pass one or start with --state");
            advance();
            saveState(target, clock.nowIso(), world.state);
            return target;
        },
        addResource(input: ResourceInput): Resource {
            advance();
            const resource = addResourceInput(world, input, defaultAccountId(), clock.nowIso());
            advance();
            return resource;
        },
        removeResource(resourceId: string): void {
            const resource = requireResource(resourceId);
            for (const r of familyOf(resource).reverse()) if (r.endedAt === undefined) world.endResource(r, "deleted", clock.nowIso());
            advance();
        },
        setExpirePolicy(resourceId: string, expirePolicy: number, autoRenewTimes?: number): void {
            const resource = requireResource(resourceId);
            for (const r of familyOf(resource)) {
                r.expirePolicy = expirePolicy;
                r.autoRenewTimes = expirePolicy === 3 ? autoRenewTimes : undefined;
                r.autoRenewFailedAt = undefined;
                world.resourceChanged(r, clock.nowIso());
            }
            advance();
        },
        updateResource(resourceId: string, raw: ResourceUpdate): Resource {
            const fields = resourceUpdateSchema.parse(raw);
            const resource = requireResource(resourceId);
            if (fields.resourceName !== undefined) resource.resourceName = fields.resourceName;
            if (fields.status !== undefined) resource.status = fields.status;
            if (fields.expireTime !== undefined) for (const r of familyOf(resource)) r.expireTime = normaliseTime(fields.expireTime);
            if (fields.expirePolicy !== undefined) for (const r of familyOf(resource)) r.expirePolicy = fields.expirePolicy;
            if (fields.autoRenewTimes !== undefined) resource.autoRenewTimes = fields.autoRenewTimes ?? undefined;
            for (const r of familyOf(resource)) world.resourceChanged(r, clock.nowIso());
            advance();
            return resource;
        },
        addAccount(input: AccountInput): Account {
            return addAccountInput(world, input);
        },
        setBalance(accountId: string, raw: BalanceUpdate): Account {
            const balances = balanceSchema.parse(raw);
            const account = world.account(accountId);
            if (!account) throw new Error(`no account ${accountId}`);
            if (balances.cash !== undefined) account.cashBalance = round2(balances.cash);
            if (balances.credit !== undefined) {
                account.creditLimit = round2(balances.credit);
                account.creditBalance = round2(balances.creditBalance ?? balances.credit);
            } else if (balances.creditBalance !== undefined) account.creditBalance = round2(balances.creditBalance);
            if (balances.debt !== undefined) account.debtAmount = round2(balances.debt);
            return account;
        },
        addCoupon(input: CouponInput & { accountId?: string }): Coupon {
            const coupon = couponFrom(world, input, defaultAccountId(), clock.nowIso());
            world.addCoupon(coupon);
            return coupon;
        },
        addCredential(credential: CredentialOption): void {
            ensureAccount(world, credential.accountId, credential.master === true);
            world.addCredential({ accessKey: credential.accessKey, secretKey: credential.secretKey, accountId: credential.accountId, securityToken: credential.securityToken, expiresAt: credential.expiresAt ? normaliseTime(credential.expiresAt) : undefined });
        },
        setOrderStatus(orderId: string, status: number): void {
            const order = world.order(orderId);
            if (!order) throw new Error(`no order ${orderId}`);
            world.setOrderStatus(order, status);
        },
        setRateLimit(perSecond: number): void {
            limiter.setRate(perSecond);
        },
        applyBilling(section: BillingScenario): void {
            advance();
            applyBillingSection(world, section);
        },
        setTransferBusyUntil(masterId: string, untilIso: string | undefined): void {
            if (untilIso !== undefined) return handle.applyBilling({ transferBusyUntil: { [masterId]: wireTime(untilIso) } });
            // Clearing: the section cannot express it, so check here and clear directly.
            if (!world.account(masterId)?.isEnterpriseMaster) throw new Error(`${masterId} is not an enterprise master account`);
            clearTransferBusy(world, masterId, undefined);
        },
        addCreditLedger(accountId: string, expireTime: string, creditLimit: number, balance?: number): void {
            handle.applyBilling({ creditLedgers: [{ accountId, expireTime: wireTime(expireTime), creditLimit, balance }] });
        },
        addInvoice(seed: InvoiceSeed): string {
            const requestId = seed.requestId ?? world.nextId("INV", 12);
            handle.applyBilling({ invoices: [{ ...seed, requestId, applyTime: wireTime(seed.applyTime), extra: seed.extra ? { ...seed.extra } : undefined }] });
            return requestId;
        },
        recordUsageSamples(key: UsageSeriesSelector, samples: readonly (readonly [string, string])[]): void {
            handle.applyBilling({ usageSamples: [{ ...key, samples: samples.map(([time, value]) => [wireTime(time), value] as [string, string]) }] });
        },
        generateUsageSamples(key: UsageSeriesSelector, from: string, to: string, low: number, high: number): void {
            handle.applyBilling({ usageSamples: [{ ...key, from: wireTime(from), to: wireTime(to), low, high }] });
        },
        changeBilling(body: unknown): unknown {
            const action = adminBillingSchema.parse(body);
            switch (action.action) {
                case "apply":
                    handle.applyBilling(action.billing as BillingScenario);
                    return { applied: true };
                case "setTransferBusyUntil":
                    handle.setTransferBusyUntil(action.masterId, action.until ?? undefined);
                    return { masterId: action.masterId, until: action.until === null ? null : wireTime(action.until) };
                case "addCreditLedger":
                    handle.addCreditLedger(action.accountId, action.expireTime, action.creditLimit, action.balance);
                    return { accountId: action.accountId, expireTime: wireTime(action.expireTime) };
                case "addInvoice":
                    return { requestId: handle.addInvoice(action.invoice as unknown as InvoiceSeed) };
                case "recordUsageSamples": {
                    const series = action.series as Record<string, unknown>;
                    handle.applyBilling({ usageSamples: [series as never] });
                    return { customerId: series.customerId, resourceId: series.resourceId };
                }
            }
        },
        changeResources(body: unknown): unknown {
            const action = adminResourceSchema.parse(body);
            switch (action.action) {
                case "add":
                    return { resourceId: handle.addResource(action.resource).resourceId };
                case "remove":
                    handle.removeResource(action.resourceId);
                    return { resourceId: action.resourceId, removed: true };
                case "setExpirePolicy":
                    handle.setExpirePolicy(action.resourceId, action.expirePolicy, action.autoRenewTimes);
                    return { resourceId: action.resourceId, expirePolicy: action.expirePolicy };
                case "update":
                    return { resourceId: handle.updateResource(action.resourceId, action.fields).resourceId };
            }
        },
        changeAccounts(body: unknown): unknown {
            const action = adminAccountSchema.parse(body);
            switch (action.action) {
                case "add":
                    return { accountId: handle.addAccount(action.account).id };
                case "setBalance": {
                    const { action: _a, accountId, ...balances } = action;
                    const account = handle.setBalance(accountId, balances);
                    return { accountId, cash: account.cashBalance, creditBalance: account.creditBalance };
                }
                case "addCoupon":
                    return { couponId: handle.addCoupon(action.coupon as CouponInput).id };
                case "addCredential":
                    handle.addCredential(action);
                    return { accessKey: action.accessKey };
            }
        },
    };

    const server = http.createServer({ keepAliveTimeout: 30_000 }, createRequestListener({ world, clock, engine, router, limiter, faults, log, control: handle, lockout: world.behaviour.accessKeyLockout ? new AccessKeyLockout() : undefined }));
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, handle.host, () => {
            server.off("error", reject);
            resolve();
        });
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${handle.host.includes(":") ? `[${handle.host}]` : handle.host}:${port}`;
    let closed = false;
    return Object.assign(handle, {
        url,
        port,
        close: async () => {
            if (closed) return;
            closed = true;
            if (options.state) handle.save(options.state);
            await new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            });
        },
    });
}

const adminResourceSchema = z.discriminatedUnion("action", [
    z.object({ action: z.literal("add"), resource: z.record(z.string(), z.unknown()) as unknown as z.ZodType<ResourceInput> }),
    z.object({ action: z.literal("remove"), resourceId: z.string().min(1) }),
    z.object({ action: z.literal("setExpirePolicy"), resourceId: z.string().min(1), expirePolicy: z.number().int().min(0).max(5), autoRenewTimes: z.number().int().min(0).max(99).optional() }),
    z.object({ action: z.literal("update"), resourceId: z.string().min(1), fields: resourceUpdateSchema }),
]);

const adminBillingSchema = z.discriminatedUnion("action", [
    z.object({ action: z.literal("apply"), billing: z.record(z.string(), z.unknown()) }),
    z.object({ action: z.literal("setTransferBusyUntil"), masterId: z.string().min(1), until: z.string().refine((t) => !Number.isNaN(Date.parse(t)), { message: "must be an ISO-8601 time" }).nullable() }),
    z.object({ action: z.literal("addCreditLedger"), accountId: z.string().min(1), expireTime: z.string().refine((t) => !Number.isNaN(Date.parse(t)), { message: "must be an ISO-8601 time" }), creditLimit: z.number().min(0), balance: z.number().min(0).optional() }),
    z.object({ action: z.literal("addInvoice"), invoice: z.record(z.string(), z.unknown()) }),
    z.object({ action: z.literal("recordUsageSamples"), series: z.record(z.string(), z.unknown()) }),
]);

const adminAccountSchema = z.discriminatedUnion("action", [
    z.object({ action: z.literal("add"), account: z.record(z.string(), z.unknown()) as unknown as z.ZodType<AccountInput> }),
    z.object({ action: z.literal("setBalance"), accountId: z.string().min(1), cash: z.number().min(0).optional(), credit: z.number().min(0).optional(), creditBalance: z.number().min(0).optional(), debt: z.number().min(0).optional() }),
    z.object({ action: z.literal("addCoupon"), coupon: z.record(z.string(), z.unknown()) }),
    z.object({ action: z.literal("addCredential"), accountId: z.string().min(1), accessKey: z.string().min(1), secretKey: z.string().min(1), master: z.boolean().optional(), securityToken: z.string().optional(), expiresAt: z.string().optional() }),
]);

export { DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_DOMAIN_ID, DEFAULT_USER_NAME, DEFAULT_USER_PASSWORD } from "./scenario";
export type { AccountInput, CouponInput, ResourceInput, Scenario } from "./scenario";
export type { CallCounts, RequestLogEntry } from "./logs";
export type { FaultSpec, FaultKind } from "./faults";
export type { BehaviourSettings } from "./world";
export { World } from "./world";
export type * from "./model";
export type { BillingScenario, InvoiceSeed, UsageSeriesKey } from "./billing/scenario";
