/**
 * Resource packages (prepaid quotas) and 95th-percentile bandwidth usage.
 *
 * Wire → result names: camelCase of the wire name (`free_resource_packages` → `packages`,
 * `free_resource_records` → `records`, `summary_usage_info_list` → `resources`, `usage_info_list` →
 * `samples`). Quotas, usages and bandwidths are exact decimal strings in the unit named by their
 * `measureId` (kept: these are not money).
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { convertRecord, RecordShape } from "./convert";
import { Decimal, DecimalString } from "./decimal";
import { limitSchema, ListOperation, ListResult, listRecords } from "./list";
import { chunk } from "./paging";
import { BssDataClient, call, DataSourceInputs, DataSourceOptions, invoke, invokeOutput, parseArgs } from "./source";
import { asRecord, compact, records } from "./wire";

const language = z.enum(["zh_CN", "en_US"]).optional();
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date YYYY-MM-DD");
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month YYYY-MM");

// ---------------------------------------------------------------------------------------------------
// Packages (ListFreeResourceInfos)

/** Package status names and wire codes. */
export const PACKAGE_STATUS_CODES = { pending: 0, active: 1, usedUp: 2, expired: 3, unsubscribed: 4 } as const;
export type PackageStatus = keyof typeof PACKAGE_STATUS_CODES;

const packagesArgs = z
    .object({
        region: z.string().max(64).optional(),
        orderId: z.string().max(64).optional(),
        productId: z.string().max(64).optional(),
        productName: z.string().max(256).optional(),
        enterpriseProjectId: z.string().max(64).optional(),
        status: z.enum(["pending", "active", "usedUp", "expired", "unsubscribed"]).optional(),
        serviceTypes: z.array(z.string().min(1)).optional(),
        language,
        limit: limitSchema,
    })
    .strict();

export interface GetResourcePackagesArgs {
    /** `region_code`. */
    readonly region?: string;
    readonly orderId?: string;
    /** Package (product) id. */
    readonly productId?: string;
    readonly productName?: string;
    readonly enterpriseProjectId?: string;
    /** pending 0, active 1, usedUp 2, expired 3, unsubscribed 4. */
    readonly status?: PackageStatus;
    /** `service_type_code_list`. */
    readonly serviceTypes?: readonly string[];
    readonly language?: "zh_CN" | "en_US";
    readonly limit?: number;
}

/** One usage type inside a package (`FreeResourceV3`). */
export interface PackageQuota {
    /** Id for getResourcePackageUsage / getResourcePackageUsageRecords. */
    readonly freeResourceId?: string;
    readonly usageTypeName?: string;
    /** Remaining quota (current reset cycle for resettable packages). */
    readonly amount?: DecimalString;
    /** Total quota (per reset cycle). */
    readonly originalAmount?: DecimalString;
    /** Unit of the quota (see getMeasureUnits). */
    readonly measureId?: number;
}

/** A resource package (`FreeResourcePackageV3`). */
export interface ResourcePackage {
    readonly orderInstanceId?: string;
    readonly orderId?: string;
    readonly productId?: string;
    readonly productName?: string;
    readonly enterpriseProjectId?: string;
    /** 0 all projects, 1 one project. */
    readonly enterpriseProjectScope?: number;
    readonly effectiveTime?: string;
    readonly expireTime?: string;
    /** 0 pending, 1 active, 2 used up, 3 expired, 4 unsubscribed. */
    readonly status?: number;
    readonly serviceTypeCode?: string;
    readonly serviceTypeName?: string;
    readonly regionCode?: string;
    readonly sourceType?: number;
    /** `ATOMIC_PKG` or `BUNDLE_PKG`. */
    readonly bundleType?: string;
    /** 1 resettable, 2 not resettable. */
    readonly quotaReuseMode?: number;
    readonly freeResources?: readonly PackageQuota[];
}

export interface ResourcePackages extends ListResult {
    readonly packages: readonly ResourcePackage[];
}

const QUOTA_SHAPE: RecordShape = { money: [], quantities: ["amount", "original_amount"] };
const PACKAGE_SHAPE: RecordShape = { money: [], nested: { free_resources: QUOTA_SHAPE } };
const PACKAGES_OP: ListOperation = { operation: "listFreeResourceInfos", itemsField: "free_resource_packages", pageSize: 1000, maxOffset: 999999 };

/** Core of {@link getResourcePackages}. */
export async function fetchResourcePackages(client: BssDataClient, args: GetResourcePackagesArgs = {}): Promise<ResourcePackages> {
    const parsed = parseArgs("getResourcePackages", packagesArgs, args);
    const request = compact({
        region_code: parsed.region,
        order_id: parsed.orderId,
        product_id: parsed.productId,
        product_name: parsed.productName,
        enterprise_project_id: parsed.enterpriseProjectId,
        status: parsed.status === undefined ? undefined : PACKAGE_STATUS_CODES[parsed.status],
        service_type_code_list: parsed.serviceTypes,
        "X-Language": parsed.language,
    });
    const page = await listRecords<ResourcePackage>(client, PACKAGES_OP, request, PACKAGE_SHAPE, parsed.limit);
    return { packages: page.items, totalCount: page.totalCount, truncated: page.truncated };
}

/**
 * Resource packages of the account (`ListFreeResourceInfos`).
 *
 * @example
 * ```ts
 * const { packages } = await bss.getResourcePackages({ status: "active" });
 * for (const p of packages) for (const q of p.freeResources ?? []) console.log(p.productName, q.amount, "left of", q.originalAmount);
 * ```
 */
export function getResourcePackages(args: GetResourcePackagesArgs = {}, opts?: DataSourceOptions): Promise<ResourcePackages> {
    return invoke(fetchResourcePackages, args, opts);
}

/** Output form of {@link getResourcePackages}. @example `export const active = bss.getResourcePackagesOutput({ status: "active" }).totalCount;` */
export function getResourcePackagesOutput(args: DataSourceInputs<GetResourcePackagesArgs> = {}, opts?: DataSourceOptions): pulumi.Output<ResourcePackages> {
    return invokeOutput(getResourcePackages, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Package usage (ListFreeResourceUsages)

/** Ids per usage request: the API documents no maximum, so stay modest. */
export const PACKAGE_USAGE_BATCH_SIZE = 50;

const usageArgs = z.object({ freeResourceIds: z.array(z.string().min(1).max(64)).min(1), language }).strict();

export interface GetResourcePackageUsageArgs {
    /** `freeResourceId`s from getResourcePackages (any number; sent in batches). */
    readonly freeResourceIds: readonly string[];
    readonly language?: "zh_CN" | "en_US";
}

/** Usage of one package item (`FreeResourceDetail`). */
export interface PackageUsage {
    readonly freeResourceId?: string;
    readonly freeResourceTypeName?: string;
    /** 1 hour, 2 day, 3 week, 4 month, 5 year (resettable packages). */
    readonly quotaReuseCycle?: number;
    readonly quotaReuseCycleType?: number;
    readonly usageTypeName?: string;
    readonly startTime?: string;
    readonly endTime?: string;
    /** Remaining quota. */
    readonly amount?: DecimalString;
    /** Total quota. */
    readonly originalAmount?: DecimalString;
    /** `originalAmount - amount`: used in the current cycle. */
    readonly usedAmount?: DecimalString;
    readonly measureId?: number;
}

export interface PackageUsages {
    readonly usages: readonly PackageUsage[];
}

/** Core of {@link getResourcePackageUsage}. */
export async function fetchResourcePackageUsage(client: BssDataClient, args: GetResourcePackageUsageArgs): Promise<PackageUsages> {
    const parsed = parseArgs("getResourcePackageUsage", usageArgs, args);
    const usages: PackageUsage[] = [];
    for (const ids of chunk(parsed.freeResourceIds, PACKAGE_USAGE_BATCH_SIZE)) {
        const body = asRecord(await call(client, "listFreeResourceUsages", compact({ free_resource_ids: ids, "X-Language": parsed.language })));
        for (const r of records(body, "free_resources")) {
            const usage = convertRecord<PackageUsage>(r, QUOTA_SHAPE);
            const used =
                usage.amount !== undefined && usage.originalAmount !== undefined
                    ? Decimal.from(usage.originalAmount).minus(usage.amount).toString()
                    : undefined;
            usages.push(used === undefined ? usage : { ...usage, usedAmount: used });
        }
    }
    return { usages };
}

/**
 * Remaining and used quota of package items (`ListFreeResourceUsages`).
 *
 * @example
 * ```ts
 * const { usages } = await bss.getResourcePackageUsage({ freeResourceIds: ["a1b2..."] });
 * ```
 */
export function getResourcePackageUsage(args: GetResourcePackageUsageArgs, opts?: DataSourceOptions): Promise<PackageUsages> {
    return invoke(fetchResourcePackageUsage, args, opts);
}

/** Output form of {@link getResourcePackageUsage}. @example `export const left = bss.getResourcePackageUsageOutput({ freeResourceIds }).usages;` */
export function getResourcePackageUsageOutput(args: DataSourceInputs<GetResourcePackageUsageArgs>, opts?: DataSourceOptions): pulumi.Output<PackageUsages> {
    return invokeOutput(getResourcePackageUsage, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Package deduction records (ListFreeResourcesUsageRecords)

const recordsArgs = z
    .object({
        from: day,
        to: day,
        freeResourceId: z.string().max(64).optional(),
        productId: z.string().max(64).optional(),
        resourceType: z.string().max(64).optional(),
        limit: limitSchema,
    })
    .strict()
    .superRefine((a, ctx) => {
        const days = (Date.parse(a.to) - Date.parse(a.from)) / 86_400_000;
        if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "is before from" });
        else if (days > 90) ctx.addIssue({ code: "custom", path: ["to"], message: "must be at most 90 days after from" });
    });

export interface GetResourcePackageUsageRecordsArgs {
    /** First deduction date `YYYY-MM-DD` (UTC+8, `deduct_time_begin`). */
    readonly from: string;
    /** Last deduction date, at most 90 days after `from` (`deduct_time_end`). */
    readonly to: string;
    readonly freeResourceId?: string;
    readonly productId?: string;
    /** `resource_type_code` of the consuming resource. */
    readonly resourceType?: string;
    readonly limit?: number;
}

/** One deduction from a package (`FreeResourceRecord`): `availableAmount - usedAmount = remainingAmount`. */
export interface PackageUsageRecord {
    readonly deductTime?: string;
    readonly freeResourceId?: string;
    readonly resourceId?: string;
    readonly resourceTypeCode?: string;
    readonly resourceTypeName?: string;
    readonly resourceTag?: string;
    readonly productId?: string;
    readonly productName?: string;
    readonly usageTypeCode?: string;
    readonly availableAmount?: DecimalString;
    readonly remainingAmount?: DecimalString;
    readonly usedAmount?: DecimalString;
    readonly measureId?: number;
    readonly effectiveTime?: string;
    readonly expireTime?: string;
}

export interface PackageUsageRecords extends ListResult {
    /** Sum of `usedAmount` per `measureId` over the returned records. */
    readonly usedByMeasure: Readonly<Record<string, DecimalString>>;
    readonly records: readonly PackageUsageRecord[];
}

const RECORDS_OP: ListOperation = { operation: "listFreeResourcesUsageRecords", itemsField: "free_resource_records", pageSize: 1000 };
const RECORD_SHAPE: RecordShape = { money: [], quantities: ["available_amount", "remaining_amount", "used_amount"] };

/** Core of {@link getResourcePackageUsageRecords}. */
export async function fetchResourcePackageUsageRecords(
    client: BssDataClient,
    args: GetResourcePackageUsageRecordsArgs,
): Promise<PackageUsageRecords> {
    const parsed = parseArgs("getResourcePackageUsageRecords", recordsArgs, args);
    const request = compact({
        deduct_time_begin: parsed.from,
        deduct_time_end: parsed.to,
        free_resource_id: parsed.freeResourceId,
        product_id: parsed.productId,
        resource_type_code: parsed.resourceType,
    });
    const page = await listRecords<PackageUsageRecord>(client, RECORDS_OP, request, RECORD_SHAPE, parsed.limit);
    const used = new Map<string, Decimal>();
    for (const r of page.items) {
        const key = String(r.measureId ?? "");
        used.set(key, (used.get(key) ?? Decimal.ZERO).plus(r.usedAmount ?? "0"));
    }
    return {
        usedByMeasure: Object.fromEntries([...used].map(([k, v]) => [k, v.toString()])),
        records: page.items,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

/**
 * Deductions from resource packages (`ListFreeResourcesUsageRecords`).
 *
 * @example
 * ```ts
 * const usage = await bss.getResourcePackageUsageRecords({ from: "2026-05-01", to: "2026-05-31" });
 * ```
 */
export function getResourcePackageUsageRecords(args: GetResourcePackageUsageRecordsArgs, opts?: DataSourceOptions): Promise<PackageUsageRecords> {
    return invoke(fetchResourcePackageUsageRecords, args, opts);
}

/** Output form of {@link getResourcePackageUsageRecords}. @example `export const used = bss.getResourcePackageUsageRecordsOutput({ from, to }).usedByMeasure;` */
export function getResourcePackageUsageRecordsOutput(
    args: DataSourceInputs<GetResourcePackageUsageRecordsArgs>,
    opts?: DataSourceOptions,
): pulumi.Output<PackageUsageRecords> {
    return invokeOutput(getResourcePackageUsageRecords, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// 95th-percentile usage (Chinese site)

const percentileTarget = {
    month,
    serviceType: z.enum(["hws.service.type.cdn", "hws.service.type.obs", "hws.service.type.vpc", "hws.service.type.iec"]),
    resourceType: z.enum(["hws.resource.type.cdn", "hws.resource.type.obs", "hws.resource.type.bandwidth", "hws.resource.type.edgebandwidth"]),
    usageType: z.enum(["95Peak", "95peak_1000", "bandwidth95peak", "95peak_plus"]),
    language,
    limit: limitSchema,
};

export interface GetPercentileUsageSummaryArgs {
    /** `bill_cycle` `YYYY-MM` (UTC+8). */
    readonly month: string;
    readonly serviceType: "hws.service.type.cdn" | "hws.service.type.obs" | "hws.service.type.vpc" | "hws.service.type.iec";
    readonly resourceType: "hws.resource.type.cdn" | "hws.resource.type.obs" | "hws.resource.type.bandwidth" | "hws.resource.type.edgebandwidth";
    /** `95Peak` (base 1024), `95peak_1000`, `bandwidth95peak`, `95peak_plus` (enhanced). */
    readonly usageType: "95Peak" | "95peak_1000" | "bandwidth95peak" | "95peak_plus";
    readonly language?: "zh_CN" | "en_US";
    readonly limit?: number;
}

/** One resource's month (`StatUsageSummaryInfo`). */
export interface PercentileUsage {
    readonly resourceId?: string;
    /** Reported 5-minute points / 288. */
    readonly actualDays?: DecimalString;
    /** Billed 95th-percentile bandwidth (empty for the current month). */
    readonly bandWidth?: DecimalString;
    readonly monthlyGuaranteedBandWidth?: DecimalString;
    readonly monthlyPeakBandWidth?: DecimalString;
    readonly bandWidthMeasureId?: number;
}

export interface PercentileUsageSummary extends ListResult {
    readonly month: string;
    readonly resources: readonly PercentileUsage[];
}

const PERCENTILE_QUANTITIES = ["actual_days", "band_width", "monthly_guaranteed_band_width", "monthly_peak_band_width"];
const PERCENTILE_SHAPE: RecordShape = { money: [], quantities: PERCENTILE_QUANTITIES };
const SUMMARY_OP: ListOperation = { operation: "listResourceUsageSummary", itemsField: "summary_usage_info_list", pageSize: 1000 };

function percentileRequest(parsed: { month: string; serviceType: string; resourceType: string; usageType: string; language?: string }) {
    return compact({
        bill_cycle: parsed.month,
        service_type_code: parsed.serviceType,
        resource_type_code: parsed.resourceType,
        usage_type: parsed.usageType,
        "X-Language": parsed.language,
    });
}

/** Core of {@link getPercentileUsageSummary}. */
export async function fetchPercentileUsageSummary(client: BssDataClient, args: GetPercentileUsageSummaryArgs): Promise<PercentileUsageSummary> {
    const parsed = parseArgs("getPercentileUsageSummary", z.object(percentileTarget).strict(), args);
    const page = await listRecords<PercentileUsage>(client, SUMMARY_OP, percentileRequest(parsed), PERCENTILE_SHAPE, parsed.limit);
    return { month: parsed.month, resources: page.items, totalCount: page.totalCount, truncated: page.truncated };
}

/**
 * Monthly 95th-percentile bandwidth per resource (`ListResourceUsageSummary`, Chinese site).
 *
 * @example
 * ```ts
 * const summary = await bss.getPercentileUsageSummary({ month: "2026-05", serviceType: "hws.service.type.cdn",
 *     resourceType: "hws.resource.type.cdn", usageType: "95Peak" });
 * ```
 */
export function getPercentileUsageSummary(args: GetPercentileUsageSummaryArgs, opts?: DataSourceOptions): Promise<PercentileUsageSummary> {
    return invoke(fetchPercentileUsageSummary, args, opts);
}

/** Output form of {@link getPercentileUsageSummary}. @example `export const peaks = bss.getPercentileUsageSummaryOutput({ ... }).resources;` */
export function getPercentileUsageSummaryOutput(
    args: DataSourceInputs<GetPercentileUsageSummaryArgs>,
    opts?: DataSourceOptions,
): pulumi.Output<PercentileUsageSummary> {
    return invokeOutput(getPercentileUsageSummary, args, opts);
}

export interface GetPercentileUsageDetailsArgs extends GetPercentileUsageSummaryArgs {
    /** A `resourceId` from getPercentileUsageSummary. */
    readonly resourceId: string;
}

/** One 5-minute sample (`StatUsageInfo`). */
export interface PercentileSample {
    readonly statTime?: string;
    readonly usage?: DecimalString;
    readonly guaranteedBandWidth?: DecimalString;
    readonly measureId?: number;
}

export interface PercentileUsageDetails extends ListResult {
    readonly month: string;
    readonly resourceId: string;
    readonly actualDays?: DecimalString;
    readonly bandWidth?: DecimalString;
    readonly monthlyGuaranteedBandWidth?: DecimalString;
    readonly monthlyPeakBandWidth?: DecimalString;
    readonly bandWidthMeasureId?: number;
    /** Samples in time order as BSS returns them (`totalCount` samples in all). */
    readonly samples: readonly PercentileSample[];
}

const DETAILS_OP: ListOperation = { operation: "listResourceUsage", itemsField: "usage_info_list", pageSize: 1000 };

/** Core of {@link getPercentileUsageDetails}. */
export async function fetchPercentileUsageDetails(client: BssDataClient, args: GetPercentileUsageDetailsArgs): Promise<PercentileUsageDetails> {
    const parsed = parseArgs("getPercentileUsageDetails", z.object({ ...percentileTarget, resourceId: z.string().min(1) }).strict(), args);
    const page = await listRecords<PercentileSample>(
        client,
        DETAILS_OP,
        { ...percentileRequest(parsed), resource_id: parsed.resourceId },
        { money: [], quantities: ["usage", "guaranteed_band_width"] },
        parsed.limit,
    );
    const head = convertRecord<Omit<PercentileUsage, "resourceId">>(
        Object.fromEntries(Object.entries(page.firstBody).filter(([k]) => k !== "usage_info_list" && k !== "total_count")),
        PERCENTILE_SHAPE,
    );
    return { month: parsed.month, resourceId: parsed.resourceId, ...head, samples: page.items, totalCount: page.totalCount, truncated: page.truncated };
}

/**
 * 5-minute bandwidth samples of one resource and its monthly 95th percentile (`ListResourceUsage`,
 * Chinese site). A month has up to 8928 samples; set `limit` to read fewer.
 *
 * @example
 * ```ts
 * const details = await bss.getPercentileUsageDetails({ month: "2026-05", serviceType: "hws.service.type.cdn",
 *     resourceType: "hws.resource.type.cdn", usageType: "95Peak", resourceId: "cdn-1" });
 * console.log(details.bandWidth, details.samples.length);
 * ```
 */
export function getPercentileUsageDetails(args: GetPercentileUsageDetailsArgs, opts?: DataSourceOptions): Promise<PercentileUsageDetails> {
    return invoke(fetchPercentileUsageDetails, args, opts);
}

/** Output form of {@link getPercentileUsageDetails}. @example `export const p95 = bss.getPercentileUsageDetailsOutput({ ... }).bandWidth;` */
export function getPercentileUsageDetailsOutput(
    args: DataSourceInputs<GetPercentileUsageDetailsArgs>,
    opts?: DataSourceOptions,
): pulumi.Output<PercentileUsageDetails> {
    return invokeOutput(getPercentileUsageDetails, args, opts);
}
