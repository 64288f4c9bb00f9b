/**
 * Scenario files: seed state from JSON (accounts with credentials and balances, coupons, catalogue,
 * resources with attached resources, resource packages, the billing section), plus the input shapes the admin endpoint and
 * the programmatic helpers share. Documented in emulator/README.md.
 */
import * as fs from "node:fs";
import { z } from "zod";
import { applyBillingScenario, billingScenarioSchema } from "./billing/scenario";
import type { BillingScenario } from "./billing/scenario";
import { defaultCatalogue, REGIONS_BY_SITE } from "./catalogue";
import { recordNewPurchase } from "./domain/orders";
import type { Account, CatalogueEntry, Coupon, Credential, FreeResourcePackage, Resource, Site } from "./model";
import { CURRENCY_BY_SITE } from "./model";
import { round2 } from "./money";
import { seedFrom } from "./random";
import { addPeriods, normaliseTime } from "./time";
import type { World } from "./world";

export const DEFAULT_ACCESS_KEY = "EMULATORAK0000000001";
export const DEFAULT_SECRET_KEY = "emulator-secret-key-not-secret-0000000001";
export const DEFAULT_DOMAIN_ID = "emulator0domain0000000000000001";
export const DEFAULT_ACCOUNT_NAME = "emulator-account";
export const DEFAULT_USER_NAME = "emulator-user";
export const DEFAULT_USER_PASSWORD = "emulator-password-not-secret";
/** Opening cash balance of accounts created without one. */
export const DEFAULT_CASH = 10000;

const time = z.string().refine((t) => !Number.isNaN(Date.parse(t)), { message: "must be an ISO-8601 time" }).transform(normaliseTime);

const credentialSchema = z.object({
    accessKey: z.string().min(1),
    secretKey: z.string().min(1),
    securityToken: z.string().min(1).optional(),
    expiresAt: time.optional(),
    userName: z.string().optional(),
});

const discountSchema = z.object({
    discountId: z.string().min(1),
    discountType: z.number().int(),
    ratio: z.number().gt(0).max(1),
    name: z.string().default("discount"),
    serviceTypeCodes: z.array(z.string()).optional(),
});

export const accountInputSchema = z.object({
    id: z.string().min(1),
    /** The site the account is registered on; default the emulator's. Another site's account gets 403 CBC.0156 from BSS calls. */
    site: z.enum(["cn", "intl"]).optional(),
    name: z.string().optional(),
    displayName: z.string().optional(),
    master: z.boolean().default(false),
    masterAccountId: z.string().optional(),
    unifiedAccounting: z.boolean().optional(),
    memberStatus: z.number().int().optional(),
    orgId: z.string().optional(),
    orgName: z.string().optional(),
    cash: z.number().min(0).default(DEFAULT_CASH),
    /** Credit limit; the remaining credit starts at the limit unless creditBalance is given. */
    credit: z.number().min(0).default(0),
    creditBalance: z.number().min(0).optional(),
    bonus: z.number().min(0).default(0),
    debt: z.number().min(0).default(0),
    realNameVerified: z.boolean().default(true),
    enterpriseProjectEnabled: z.boolean().default(false),
    deductionDays: z.number().int().min(2).max(7).default(7),
    discounts: z.array(discountSchema).default([]),
    credentials: z.array(credentialSchema).default([]),
    users: z.array(z.object({ name: z.string().min(1), password: z.string().min(1) })).default([]),
});
export type AccountInput = z.input<typeof accountInputSchema>;

const SERVICE_SHORTCUTS: Readonly<Record<string, { service: string; type: string; spec: string; specSize?: number }>> = {
    ecs: { service: "hws.service.type.ec2", type: "hws.resource.type.vm", spec: "s6.large.2.linux" },
    evs: { service: "hws.service.type.ebs", type: "hws.resource.type.volume", spec: "SAS", specSize: 40 },
    eip: { service: "hws.service.type.vpc", type: "hws.resource.type.ip", spec: "5_bgp" },
    bandwidth: { service: "hws.service.type.vpc", type: "hws.resource.type.bandwidth", spec: "19_bgp", specSize: 5 },
    sharedBandwidth: { service: "hws.service.type.vpc", type: "hws.resource.type.bandwidth", spec: "19_share", specSize: 50 },
    rds: { service: "hws.service.type.rds", type: "hws.resource.type.rds.vm", spec: "rds.mysql.n1.large.2" },
    rdsStorage: { service: "hws.service.type.rds", type: "hws.resource.type.rds.volume", spec: "rds.volume.ultrahigh", specSize: 100 },
    obs: { service: "hws.service.type.obs", type: "hws.resource.type.obs", spec: "obs.standard.package.1tb" },
    dcs: { service: "hws.service.type.dcs", type: "hws.resource.type.dcs", spec: "redis.ha.xu1.large.r2.2" },
    cce: { service: "hws.service.type.cce", type: "hws.resource.type.cce.cluster", spec: "cce.s1.small" },
};

const periodType = z.union([z.literal("month"), z.literal("year"), z.literal(2), z.literal(3)]).transform((p) => (p === "year" || p === 3 ? 3 : 2));

interface ResourceInputShape {
    resourceId?: string;
    id?: string;
    name?: string;
    accountId?: string;
    kind?: string;
    serviceTypeCode?: string;
    resourceTypeCode?: string;
    resourceSpecCode?: string;
    region?: string;
    specSize?: number;
    projectId?: string;
    productId?: string;
    productSpecDesc?: string;
    periodType?: "month" | "year" | 2 | 3;
    periodNum?: number;
    effectiveTime?: string;
    expireTime?: string;
    expirePolicy?: number;
    autoRenewTimes?: number;
    status?: number;
    billingMode?: "prepaid" | "onDemand";
    enterpriseProjectId?: string;
    enterpriseProjectName?: string;
    tags?: Record<string, string>;
    recordOrder?: boolean;
    charge?: boolean;
    attached?: ResourceInputShape[];
}

export const resourceInputSchema: z.ZodType<ResourceInputShape> = z.lazy(() =>
    z.object({
        resourceId: z.string().min(1).max(64).optional(),
        id: z.string().min(1).optional(),
        name: z.string().optional(),
        accountId: z.string().optional(),
        /** Shortcut for the codes: ecs, evs, eip, bandwidth, sharedBandwidth, rds, rdsStorage, obs, dcs, cce. */
        kind: z.string().refine((k) => k in SERVICE_SHORTCUTS, { message: `kind must be one of ${Object.keys(SERVICE_SHORTCUTS).join(", ")}` }).optional(),
        serviceTypeCode: z.string().optional(),
        resourceTypeCode: z.string().optional(),
        resourceSpecCode: z.string().optional(),
        region: z.string().optional(),
        specSize: z.number().positive().optional(),
        projectId: z.string().optional(),
        productId: z.string().optional(),
        productSpecDesc: z.string().optional(),
        periodType: z.union([z.literal("month"), z.literal("year"), z.literal(2), z.literal(3)]).optional(),
        periodNum: z.number().int().min(1).max(60).optional(),
        effectiveTime: z.string().optional(),
        expireTime: z.string().optional(),
        expirePolicy: z.number().int().min(0).max(5).optional(),
        autoRenewTimes: z.number().int().min(0).max(99).optional(),
        status: z.number().int().min(2).max(5).optional(),
        billingMode: z.enum(["prepaid", "onDemand"]).optional(),
        enterpriseProjectId: z.string().optional(),
        enterpriseProjectName: z.string().optional(),
        tags: z.record(z.string(), z.string()).optional(),
        /** Record a paid new-purchase order (and ledger line) for it. Default true. */
        recordOrder: z.boolean().optional(),
        /** Take the new purchase's price from the account's balance now. Default false. */
        charge: z.boolean().optional(),
        attached: z.array(resourceInputSchema).optional(),
    }),
);
export type ResourceInput = ResourceInputShape;

const couponInputSchema = z.object({
    id: z.string().optional(),
    accountId: z.string().optional(),
    couponType: z.number().int().min(1).max(4).default(1),
    faceValue: z.number().positive(),
    balance: z.number().min(0).optional(),
    status: z.number().int().min(1).max(5).default(2),
    validTime: time.optional(),
    expireTime: time.optional(),
    couponVersion: z.number().int().min(1).max(2).default(2),
    planName: z.string().default("Emulator promotion"),
    discountRatio: z.number().gt(0).lt(1).optional(),
    serviceTypeCodes: z.array(z.string()).optional(),
    frozen: z.boolean().default(false),
});
export type CouponInput = z.input<typeof couponInputSchema>;

const catalogueEntrySchema = z.object({
    serviceTypeCode: z.string(),
    serviceTypeName: z.string().optional(),
    resourceTypeCode: z.string(),
    resourceTypeName: z.string().optional(),
    resourceSpecCode: z.string(),
    productId: z.string().optional(),
    productSpecDesc: z.string().optional(),
    regionCode: z.string().optional(),
    monthlyPrice: z.number().min(0),
    yearlyPrice: z.number().min(0).optional(),
    hourlyPrice: z.number().min(0).optional(),
    linear: z.boolean().default(false),
    specSizeMeasureId: z.number().int().optional(),
    discountFactor: z.number().gt(0).max(1).default(1),
    usageType: z.string().default("duration"),
    usageMeasureId: z.number().int().default(4),
    categoryCode: z.string().optional(),
});

const packageInputSchema = z.object({
    id: z.string().optional(),
    accountId: z.string().optional(),
    productName: z.string().default("Resource package"),
    serviceTypeCode: z.string(),
    resourceTypeCode: z.string(),
    regionCode: z.string().optional(),
    usageType: z.string().default("duration"),
    usageTypeName: z.string().default("Duration"),
    amount: z.number().positive(),
    measureId: z.number().int().default(4),
    effectiveTime: time.optional(),
    expireTime: time.optional(),
});

export const scenarioSchema = z.object({
    site: z.enum(["cn", "intl"]).optional(),
    now: time.optional(),
    accounts: z.array(accountInputSchema).default([]),
    coupons: z.array(couponInputSchema).default([]),
    /** Replaces the built-in catalogue when given. */
    catalogue: z.array(catalogueEntrySchema).optional(),
    resources: z.array(resourceInputSchema).default([]),
    freeResourcePackages: z.array(packageInputSchema).default([]),
    generate: z.object({ resources: z.number().int().min(1), seed: z.number().int().default(1), accountId: z.string().optional() }).optional(),
    /** Billing state: dated credit ledgers, transfer busy windows, intl invoices, 95th-percentile samples. */
    billing: billingScenarioSchema.optional(),
});
export type Scenario = z.input<typeof scenarioSchema>;
export type ParsedScenario = z.output<typeof scenarioSchema>;

export function readScenarioFile(file: string): ParsedScenario {
    const text = fs.readFileSync(file, "utf8");
    return scenarioSchema.parse(JSON.parse(text));
}

export function parseScenario(value: unknown): ParsedScenario {
    return scenarioSchema.parse(value);
}

/** `worldSite` is the emulator's site, the account's unless the input names another. */
export function accountFrom(input: z.output<typeof accountInputSchema>, worldSite: Site): Account {
    const site = input.site ?? worldSite;
    return {
        id: input.id,
        name: input.name ?? `account-${input.id.slice(0, 12)}`,
        displayName: input.displayName,
        site,
        currency: CURRENCY_BY_SITE[site],
        cashBalance: round2(input.cash),
        creditLimit: round2(input.credit),
        creditBalance: round2(input.creditBalance ?? input.credit),
        bonusBalance: round2(input.bonus),
        debtAmount: round2(input.debt),
        isEnterpriseMaster: input.master,
        masterAccountId: input.masterAccountId,
        unifiedAccounting: input.unifiedAccounting,
        memberStatus: input.masterAccountId ? (input.memberStatus ?? 1) : input.memberStatus,
        orgId: input.orgId,
        orgName: input.orgName,
        realNameVerified: input.realNameVerified,
        enterpriseProjectEnabled: input.enterpriseProjectEnabled,
        renewConfig: { deductionDays: input.deductionDays },
        discounts: input.discounts,
    };
}

/** Adds an account with its credentials and IAM users (the world must not have it yet). */
export function addAccountInput(world: World, raw: AccountInput): Account {
    const input = accountInputSchema.parse(raw);
    const account = accountFrom(input, world.site);
    world.addAccount(account);
    for (const c of input.credentials) world.addCredential({ ...c, accountId: account.id } as Credential);
    for (const u of input.users) world.state.users.push({ ...u, accountId: account.id });
    return account;
}

/** Parses `AK:SK:domainId[:master]` (the --credential flag). */
export function parseCredentialFlag(text: string): { accessKey: string; secretKey: string; accountId: string; master: boolean } {
    const parts = text.split(":");
    if (parts.length < 3 || parts.length > 4 || parts.slice(0, 3).some((p) => p.length === 0) || (parts.length === 4 && parts[3] !== "master")) {
        throw new Error("--credential must be <AK>:<SK>:<domainId>[:master]");
    }
    return { accessKey: parts[0], secretKey: parts[1], accountId: parts[2], master: parts[3] === "master" };
}

export function catalogueFrom(entries: z.output<typeof catalogueEntrySchema>[]): CatalogueEntry[] {
    return entries.map((e) => ({
        ...e,
        serviceTypeName: e.serviceTypeName ?? e.serviceTypeCode,
        resourceTypeName: e.resourceTypeName ?? e.resourceTypeCode,
        productId: e.productId ?? `OFFI${seedFrom(e.resourceSpecCode).toString(16).toUpperCase()}`,
        productSpecDesc: e.productSpecDesc ?? e.resourceSpecCode,
        yearlyPrice: e.yearlyPrice,
        hourlyPrice: e.hourlyPrice ?? round2((e.monthlyPrice * 1.5) / 720),
        categoryCode: e.categoryCode ?? e.resourceTypeCode,
    }));
}

export function couponFrom(world: World, raw: CouponInput, defaultAccountId: string, nowIso: string): Coupon {
    const input = couponInputSchema.parse(raw);
    const id = input.id ?? world.nextId("CP", 12);
    return {
        id,
        code: `CODE-${id}`,
        customerId: input.accountId ?? defaultAccountId,
        couponType: input.couponType,
        status: input.status,
        faceValue: input.faceValue,
        balance: input.balance ?? input.faceValue,
        currency: world.currency,
        validTime: input.validTime ?? nowIso,
        expireTime: input.expireTime ?? addPeriods(nowIso, 3, 1),
        createTime: input.validTime ?? nowIso,
        activeTime: input.validTime ?? nowIso,
        promotionPlanId: `PLAN-${seedFrom(input.planName).toString(16).toUpperCase()}`,
        planName: input.planName,
        mediaType: 1,
        fetchMethod: 3,
        couponVersion: input.couponVersion,
        useLimits: [],
        isFrozen: input.frozen,
        discountRatio: input.discountRatio,
        serviceTypeCodes: input.serviceTypeCodes,
        sourceId: "emulator",
    };
}

export function packageFrom(world: World, raw: z.input<typeof packageInputSchema>, defaultAccountId: string, nowIso: string): FreeResourcePackage {
    const input = packageInputSchema.parse(raw);
    const id = input.id ?? world.nextId("PKG", 10);
    const effectiveTime = input.effectiveTime ?? nowIso;
    return {
        orderInstanceId: id,
        customerId: input.accountId ?? defaultAccountId,
        productId: `PKG-${seedFrom(input.productName).toString(16).toUpperCase()}`,
        productName: input.productName,
        serviceTypeCode: input.serviceTypeCode,
        serviceTypeName: input.serviceTypeCode,
        resourceTypeCode: input.resourceTypeCode,
        regionCode: input.regionCode,
        enterpriseProjectId: "0",
        effectiveTime,
        expireTime: input.expireTime ?? addPeriods(effectiveTime, 3, 1),
        status: effectiveTime > nowIso ? 0 : 1,
        items: [{ freeResourceId: `${id}-1`, usageType: input.usageType, usageTypeName: input.usageTypeName, originalAmount: input.amount, amount: input.amount, measureId: input.measureId }],
    };
}

/**
 * Creates a resource (and its attached resources) from an input, as if bought in the console: by
 * default with a completed new-purchase order and ledger line dated at its effective time.
 */
export function addResourceInput(world: World, raw: ResourceInput, defaultAccountId: string, nowIso: string): Resource {
    const input = resourceInputSchema.parse(raw);
    const family: Resource[] = [];
    const primary = materialize(world, input, defaultAccountId, nowIso, undefined);
    family.push(primary);
    for (const child of input.attached ?? []) {
        family.push(materialize(world, child, primary.customerId, nowIso, primary));
    }
    for (const r of family) world.addResource(r);
    if (input.recordOrder !== false && primary.billingMode === "prepaid") {
        const pType = primary.periodType;
        const months = monthsBetween(primary.effectiveTime, primary.expireTime);
        const num = pType === 3 ? Math.max(1, Math.round(months / 12)) : Math.max(1, months);
        const order = recordNewPurchase(world, family, pType, input.periodNum ?? num, primary.effectiveTime, world.account(primary.customerId)?.name ?? "console", input.charge === true);
        if (!order) throw new Error(`the account ${primary.customerId} cannot pay for ${primary.resourceId}`);
    }
    return primary;
}

function monthsBetween(a: string, b: string): number {
    const da = new Date(a);
    const db = new Date(b);
    return (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + (db.getUTCMonth() - da.getUTCMonth());
}

function materialize(world: World, input: ResourceInput, defaultAccountId: string, nowIso: string, parent: Resource | undefined): Resource {
    const shortcut = input.kind ? SERVICE_SHORTCUTS[input.kind] : undefined;
    const serviceTypeCode = input.serviceTypeCode ?? shortcut?.service ?? "hws.service.type.ec2";
    const resourceTypeCode = input.resourceTypeCode ?? shortcut?.type ?? "hws.resource.type.vm";
    const resourceSpecCode = input.resourceSpecCode ?? shortcut?.spec ?? "s6.large.2.linux";
    const customerId = parent?.customerId ?? input.accountId ?? defaultAccountId;
    if (!world.account(customerId)) throw new Error(`resource for unknown account ${customerId}`);
    const regionCode = input.region ?? parent?.regionCode ?? REGIONS_BY_SITE[world.site][0];
    const pType = input.periodType !== undefined ? periodType.parse(input.periodType) : (parent?.periodType ?? 2);
    const periodNum = input.periodNum ?? 1;
    const effectiveTime = input.effectiveTime ? normaliseTime(input.effectiveTime) : (parent?.effectiveTime ?? nowIso);
    const expireTime = input.expireTime ? normaliseTime(input.expireTime) : (parent?.expireTime ?? addPeriods(effectiveTime, pType, periodNum));
    const entry = world.catalogueEntryFor({ resourceSpecCode, resourceTypeCode, regionCode });
    const resourceId = input.resourceId ?? world.nextId("res-", 12).toLowerCase();
    const billingMode = input.billingMode ?? parent?.billingMode ?? "prepaid";
    const status = input.status ?? (expireTime <= nowIso && billingMode === "prepaid" ? 5 : 2);
    return {
        id: input.id ?? `inst-${resourceId}`,
        resourceId,
        resourceName: input.name ?? `${resourceTypeCode.split(".").pop()}-${resourceId.slice(-6)}`,
        customerId,
        regionCode,
        serviceTypeCode,
        resourceTypeCode,
        resourceSpecCode,
        productId: input.productId ?? entry?.productId ?? `OFFI-${resourceSpecCode}`,
        productSpecDesc: input.productSpecDesc ?? entry?.productSpecDesc ?? resourceSpecCode,
        specSize: input.specSize ?? shortcut?.specSize,
        specSizeMeasureId: entry?.specSizeMeasureId,
        projectId: input.projectId ?? parent?.projectId ?? `project-${regionCode}`,
        parentResourceId: parent?.resourceId,
        isMainResource: parent === undefined,
        status,
        effectiveTime,
        expireTime,
        expirePolicy: input.expirePolicy ?? parent?.expirePolicy ?? 0,
        autoRenewTimes: input.autoRenewTimes,
        periodType: pType,
        billingMode,
        updateTime: nowIso,
        enterpriseProjectId: input.enterpriseProjectId ?? parent?.enterpriseProjectId ?? "0",
        enterpriseProjectName: input.enterpriseProjectName ?? parent?.enterpriseProjectName ?? "default",
        periods: [],
        usageChargedUntil: billingMode === "onDemand" ? nowIso : undefined,
        tags: input.tags,
    };
}

/** Fills a world from a parsed scenario (accounts first, then catalogue, coupons, packages, resources). */
export function applyScenario(world: World, scenario: ParsedScenario, nowIso: string): void {
    if (scenario.catalogue) world.setCatalogue(catalogueFrom(scenario.catalogue));
    for (const account of scenario.accounts) if (!world.account(account.id)) addAccountInput(world, account);
    const defaultAccountId = world.accounts()[0]?.id ?? DEFAULT_DOMAIN_ID;
    for (const coupon of scenario.coupons) world.addCoupon(couponFrom(world, coupon, defaultAccountId, nowIso));
    for (const pkg of scenario.freeResourcePackages) world.state.freeResourcePackages.push(packageFrom(world, pkg, defaultAccountId, nowIso));
    for (const resource of scenario.resources) addResourceInput(world, resource, defaultAccountId, nowIso);
    if (scenario.billing) applyBillingSection(world, scenario.billing);
}

/**
 * Seeds the billing state after checking that every account it names exists (and, for a busy window,
 * is an enterprise master), so a typo fails the load instead of seeding state nobody reads.
 */
export function applyBillingSection(world: World, raw: BillingScenario): void {
    const section = billingScenarioSchema.parse(raw);
    const requireAccount = (field: string, id: string): void => {
        if (!world.account(id)) throw new Error(`billing.${field}: no account ${id}`);
    };
    section.creditLedgers.forEach((ledger, i) => requireAccount(`creditLedgers[${i}].accountId`, ledger.accountId));
    for (const masterId of Object.keys(section.transferBusyUntil)) {
        requireAccount(`transferBusyUntil.${masterId}`, masterId);
        if (!world.account(masterId)?.isEnterpriseMaster) throw new Error(`billing.transferBusyUntil.${masterId}: the account is not an enterprise master`);
    }
    section.invoices.forEach((invoice, i) => requireAccount(`invoices[${i}].accountId`, invoice.accountId));
    section.usageSamples.forEach((series, i) => requireAccount(`usageSamples[${i}].customerId`, series.customerId));
    applyBillingScenario(world, section);
}

export { defaultCatalogue };
