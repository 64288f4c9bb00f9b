/**
 * The product catalogue: service types, resource types, the resource types of one service, usage
 * types (billing factors), measurement units and their conversions. These are the codes the price
 * data sources take (`serviceType`, `resourceType`, `usageFactor`, `usageMeasureId`).
 *
 * Wire → result names: camelCase of the wire name (`service_type_code` → `serviceTypeCode`);
 * `ListServiceResources` records are flattened from `infos[].basic_info`; conversion ratios are
 * exact decimal strings (int64 on the wire).
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { convertRecord, RecordShape } from "./convert";
import { Decimal, DecimalString } from "./decimal";
import { limitSchema, ListOperation, ListResult, listRecords } from "./list";
import { BssDataClient, call, DataSourceInputs, DataSourceOptions, invoke, invokeOutput, parseArgs } from "./source";
import { asRecord, compact, records } from "./wire";

/** Language of display names (`X-Language`); codes never change with it. */
export type Language = "zh_CN" | "en_US";
const language = z.enum(["zh_CN", "en_US"]).optional();
const NO_MONEY: RecordShape = { money: [] };

// ---------------------------------------------------------------------------------------------------
// Service types

const serviceTypesArgs = z.object({ nameContains: z.string().min(1).max(128).optional(), language, limit: limitSchema }).strict();

export interface GetServiceTypesArgs {
    /** Substring of the display name (`service_type_name`, fuzzy). */
    readonly nameContains?: string;
    readonly language?: Language;
    readonly limit?: number;
}

export interface ServiceType {
    /** E.g. `hws.service.type.ec2`. */
    readonly serviceTypeCode?: string;
    readonly serviceTypeName?: string;
    /** E.g. `ECS`. */
    readonly abbreviation?: string;
}

export interface ServiceTypes extends ListResult {
    readonly serviceTypes: readonly ServiceType[];
}

const SERVICE_TYPES_OP: ListOperation = { operation: "listServiceTypes", itemsField: "service_types", pageSize: 1000 };

/** Core of {@link getServiceTypes}. */
export async function fetchServiceTypes(client: BssDataClient, args: GetServiceTypesArgs = {}): Promise<ServiceTypes> {
    const parsed = parseArgs("getServiceTypes", serviceTypesArgs, args);
    const request = compact({ service_type_name: parsed.nameContains, "X-Language": parsed.language });
    const page = await listRecords<ServiceType>(client, SERVICE_TYPES_OP, request, NO_MONEY, parsed.limit);
    return { serviceTypes: page.items, totalCount: page.totalCount, truncated: page.truncated };
}

/**
 * Cloud service types (`ListServiceTypes`).
 *
 * @example
 * ```ts
 * const { serviceTypes } = await bss.getServiceTypes({ nameContains: "Elastic", language: "en_US" });
 * ```
 */
export function getServiceTypes(args: GetServiceTypesArgs = {}, opts?: DataSourceOptions): Promise<ServiceTypes> {
    return invoke(fetchServiceTypes, args, opts);
}

/** Output form of {@link getServiceTypes}. @example `export const services = bss.getServiceTypesOutput({}).serviceTypes;` */
export function getServiceTypesOutput(args: DataSourceInputs<GetServiceTypesArgs> = {}, opts?: DataSourceOptions): pulumi.Output<ServiceTypes> {
    return invokeOutput(getServiceTypes, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Resource types

const resourceTypesArgs = z.object({ serviceType: z.string().min(1).optional(), language, limit: limitSchema }).strict();

export interface GetResourceTypesArgs {
    /** Keep only the resource types of this service (filtered locally: the API has no filter). */
    readonly serviceType?: string;
    readonly language?: Language;
    readonly limit?: number;
}

export interface ResourceType {
    /** E.g. `hws.resource.type.vm`. */
    readonly resourceTypeCode?: string;
    readonly resourceTypeName?: string;
    readonly resourceTypeDesc?: string;
    /** Owning service, e.g. `hws.service.type.ec2`. */
    readonly serviceTypeCode?: string;
}

export interface ResourceTypes extends ListResult {
    readonly resourceTypes: readonly ResourceType[];
}

const RESOURCE_TYPES_OP: ListOperation = { operation: "listResourceTypes", itemsField: "resource_types", pageSize: 1000 };

/** Core of {@link getResourceTypes}. */
export async function fetchResourceTypes(client: BssDataClient, args: GetResourceTypesArgs = {}): Promise<ResourceTypes> {
    const parsed = parseArgs("getResourceTypes", resourceTypesArgs, args);
    const request = compact({ "X-Language": parsed.language });
    // A service filter applies after paging, so the caller's limit bounds the filtered list instead.
    const page = await listRecords<ResourceType>(client, RESOURCE_TYPES_OP, request, NO_MONEY, parsed.serviceType ? undefined : parsed.limit);
    if (!parsed.serviceType) return { resourceTypes: page.items, totalCount: page.totalCount, truncated: page.truncated };
    const matching = page.items.filter((r) => r.serviceTypeCode === parsed.serviceType);
    const kept = parsed.limit === undefined ? matching : matching.slice(0, parsed.limit);
    return { resourceTypes: kept, totalCount: matching.length, truncated: page.truncated || kept.length < matching.length };
}

/**
 * Resource types of every service (`ListResourceTypes`).
 *
 * @example
 * ```ts
 * const { resourceTypes } = await bss.getResourceTypes({ serviceType: "hws.service.type.ebs" });
 * ```
 */
export function getResourceTypes(args: GetResourceTypesArgs = {}, opts?: DataSourceOptions): Promise<ResourceTypes> {
    return invoke(fetchResourceTypes, args, opts);
}

/** Output form of {@link getResourceTypes}. @example `export const types = bss.getResourceTypesOutput({}).resourceTypes;` */
export function getResourceTypesOutput(args: DataSourceInputs<GetResourceTypesArgs> = {}, opts?: DataSourceOptions): pulumi.Output<ResourceTypes> {
    return invokeOutput(getResourceTypes, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Resource types of one service

const serviceResourcesArgs = z.object({ serviceType: z.string().min(1), language, limit: limitSchema }).strict();

export interface GetServiceResourcesArgs {
    /** `service_type_code`, e.g. `hws.service.type.obs`. */
    readonly serviceType: string;
    readonly language?: Language;
    readonly limit?: number;
}

/** `infos[].basic_info` of `ListServiceResources`. */
export interface ServiceResource {
    readonly resourceTypeCode?: string;
    /** Service type code that owns the resource type. */
    readonly productOwnerService?: string;
    readonly name?: string;
    readonly description?: string;
}

export interface ServiceResources extends ListResult {
    readonly serviceType: string;
    readonly resources: readonly ServiceResource[];
}

const SERVICE_RESOURCES_OP: ListOperation = { operation: "listServiceResources", itemsField: "infos", pageSize: 100 };

/** Core of {@link getServiceResources}. */
export async function fetchServiceResources(client: BssDataClient, args: GetServiceResourcesArgs): Promise<ServiceResources> {
    const parsed = parseArgs("getServiceResources", serviceResourcesArgs, args);
    const request = compact({ service_type_code: parsed.serviceType, "X-Language": parsed.language });
    const page = await listRecords<{ basicInfo?: ServiceResource }>(client, SERVICE_RESOURCES_OP, request, NO_MONEY, parsed.limit);
    return {
        serviceType: parsed.serviceType,
        resources: page.items.map((info) => info.basicInfo ?? {}),
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

/**
 * The resource types of one cloud service (`ListServiceResources`): the `resourceType` values to
 * price with.
 *
 * @example
 * ```ts
 * const { resources } = await bss.getServiceResources({ serviceType: "hws.service.type.ec2" });
 * ```
 */
export function getServiceResources(args: GetServiceResourcesArgs, opts?: DataSourceOptions): Promise<ServiceResources> {
    return invoke(fetchServiceResources, args, opts);
}

/** Output form of {@link getServiceResources}. @example `export const ecsTypes = bss.getServiceResourcesOutput({ serviceType: "hws.service.type.ec2" }).resources;` */
export function getServiceResourcesOutput(args: DataSourceInputs<GetServiceResourcesArgs>, opts?: DataSourceOptions): pulumi.Output<ServiceResources> {
    return invokeOutput(getServiceResources, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Usage types

const usageTypesArgs = z.object({ resourceType: z.string().min(1).optional(), language, limit: limitSchema }).strict();

export interface GetUsageTypesArgs {
    /** Usage types of this resource type (`resource_type_code`). */
    readonly resourceType?: string;
    readonly language?: Language;
    readonly limit?: number;
}

export interface UsageType {
    /** The billing factor code (`usageFactor` of on-demand rating), e.g. `Duration`, `upflow`. */
    readonly code?: string;
    readonly name?: string;
    readonly resourceTypeCode?: string;
    readonly serviceTypeCode?: string;
    readonly resourceTypeName?: string;
    readonly serviceTypeName?: string;
}

export interface UsageTypes extends ListResult {
    readonly usageTypes: readonly UsageType[];
}

const USAGE_TYPES_OP: ListOperation = { operation: "listUsageTypes", itemsField: "usage_types", pageSize: 100 };

/** Core of {@link getUsageTypes}. */
export async function fetchUsageTypes(client: BssDataClient, args: GetUsageTypesArgs = {}): Promise<UsageTypes> {
    const parsed = parseArgs("getUsageTypes", usageTypesArgs, args);
    const request = compact({ resource_type_code: parsed.resourceType, "X-Language": parsed.language });
    const page = await listRecords<UsageType>(client, USAGE_TYPES_OP, request, NO_MONEY, parsed.limit);
    return { usageTypes: page.items, totalCount: page.totalCount, truncated: page.truncated };
}

/**
 * Usage types, the billing factors of pay-per-use products (`ListUsageTypes`).
 *
 * @example
 * ```ts
 * const { usageTypes } = await bss.getUsageTypes({ resourceType: "hws.resource.type.vm" });
 * ```
 */
export function getUsageTypes(args: GetUsageTypesArgs = {}, opts?: DataSourceOptions): Promise<UsageTypes> {
    return invoke(fetchUsageTypes, args, opts);
}

/** Output form of {@link getUsageTypes}. @example `export const factors = bss.getUsageTypesOutput({ resourceType: "hws.resource.type.vm" }).usageTypes;` */
export function getUsageTypesOutput(args: DataSourceInputs<GetUsageTypesArgs> = {}, opts?: DataSourceOptions): pulumi.Output<UsageTypes> {
    return invokeOutput(getUsageTypes, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Measurement units and conversions

const measureUnitsArgs = z.object({ language }).strict();

export interface GetMeasureUnitsArgs {
    readonly language?: Language;
}

export interface MeasureUnit {
    /** The id every `*_measure_id` field refers to. */
    readonly measureId?: number;
    readonly measureName?: string;
    readonly abbreviation?: string;
    /** 1 currency, 2 duration, 3 traffic, 4 quantity, ... */
    readonly measureType?: number;
}

export interface MeasureUnits {
    readonly units: readonly MeasureUnit[];
}

/** Core of {@link getMeasureUnits}. */
export async function fetchMeasureUnits(client: BssDataClient, args: GetMeasureUnitsArgs = {}): Promise<MeasureUnits> {
    const parsed = parseArgs("getMeasureUnits", measureUnitsArgs, args);
    const body = asRecord(await call(client, "listMeasureUnits", compact({ "X-Language": parsed.language })));
    return { units: records(body, "measure_units").map((u) => convertRecord<MeasureUnit>(u, NO_MONEY)) };
}

/**
 * The measurement-unit table (`ListMeasureUnits`): what each `measureId` in prices and bills means.
 *
 * @example
 * ```ts
 * const { units } = await bss.getMeasureUnits({ language: "en_US" });
 * const hour = units.find((u) => u.measureId === 4)?.measureName;
 * ```
 */
export function getMeasureUnits(args: GetMeasureUnitsArgs = {}, opts?: DataSourceOptions): Promise<MeasureUnits> {
    return invoke(fetchMeasureUnits, args, opts);
}

/** Output form of {@link getMeasureUnits}. @example `export const units = bss.getMeasureUnitsOutput({}).units;` */
export function getMeasureUnitsOutput(args: DataSourceInputs<GetMeasureUnitsArgs> = {}, opts?: DataSourceOptions): pulumi.Output<MeasureUnits> {
    return invokeOutput(getMeasureUnits, args, opts);
}

const conversionsArgs = z.object({ measureType: z.number().int().min(1).optional(), language }).strict();

export interface GetMeasureConversionsArgs {
    /** Only conversions of this measure type (`measure_type`). */
    readonly measureType?: number;
    readonly language?: Language;
}

/** `1 measureId = ratio × refMeasureId` (e.g. 1 GB = 1024 MB). */
export interface MeasureConversion {
    readonly measureId?: number;
    readonly refMeasureId?: number;
    /** Exact integer ratio as a decimal string. */
    readonly conversionRatio?: DecimalString;
    readonly measureType?: number;
}

export interface MeasureConversions {
    readonly conversions: readonly MeasureConversion[];
    /**
     * Converts `value` from unit `from` to unit `to` through the table (directly, inversely, or by
     * chaining ratios), exactly; `undefined` when the table does not connect them. Not serialized
     * into Pulumi outputs.
     */
    readonly convert?: (value: DecimalString | number, from: number, to: number) => DecimalString | undefined;
}

/** Core of {@link getMeasureConversions}. */
export async function fetchMeasureConversions(client: BssDataClient, args: GetMeasureConversionsArgs = {}): Promise<MeasureConversions> {
    const parsed = parseArgs("getMeasureConversions", conversionsArgs, args);
    const body = asRecord(await call(client, "listConversions", compact({ measure_type: parsed.measureType, "X-Language": parsed.language })));
    const conversions = records(body, "conversions").map((c) => convertRecord<MeasureConversion>(c, { money: [], quantities: ["conversion_ratio"] }));
    return { conversions, convert: converterFor(conversions) };
}

/**
 * Measurement-unit conversion ratios (`ListConversions`), with an exact `convert` helper.
 *
 * @example
 * ```ts
 * const table = await bss.getMeasureConversions({ measureType: 3 });
 * table.convert?.("2", 10, 11); // "2048": 2 GB in MB
 * ```
 */
export function getMeasureConversions(args: GetMeasureConversionsArgs = {}, opts?: DataSourceOptions): Promise<MeasureConversions> {
    return invoke(fetchMeasureConversions, args, opts);
}

/** Output form of {@link getMeasureConversions} (without the `convert` function). @example `export const ratios = bss.getMeasureConversionsOutput({}).conversions;` */
export function getMeasureConversionsOutput(
    args: DataSourceInputs<GetMeasureConversionsArgs> = {},
    opts?: DataSourceOptions,
): pulumi.Output<MeasureConversions> {
    return invokeOutput(async (a: GetMeasureConversionsArgs, o?: DataSourceOptions) => {
        const { conversions } = await getMeasureConversions(a, o);
        return { conversions };
    }, args, opts);
}

/**
 * Exact unit conversion over a ratio table: a breadth-first search over the graph whose edges are
 * the ratios (forward multiplies, backward divides with 20 decimal places, which is exact for the
 * power-of-two and power-of-ten ratios BSS uses).
 */
export function converterFor(conversions: readonly MeasureConversion[]): (value: DecimalString | number, from: number, to: number) => DecimalString | undefined {
    const edges = new Map<number, { to: number; factor: Decimal; divide: boolean }[]>();
    const link = (from: number, to: number, factor: Decimal, divide: boolean) => {
        const list = edges.get(from) ?? [];
        list.push({ to, factor, divide });
        edges.set(from, list);
    };
    for (const c of conversions) {
        if (c.measureId === undefined || c.refMeasureId === undefined || c.conversionRatio === undefined) continue;
        const ratio = Decimal.from(c.conversionRatio);
        if (ratio.isZero()) continue;
        link(c.measureId, c.refMeasureId, ratio, false);
        link(c.refMeasureId, c.measureId, ratio, true);
    }
    return (value, from, to) => {
        const start = Decimal.from(value);
        if (from === to) return start.toString();
        const seen = new Set<number>([from]);
        const queue: { unit: number; value: Decimal }[] = [{ unit: from, value: start }];
        while (queue.length > 0) {
            const current = queue.shift()!;
            for (const edge of edges.get(current.unit) ?? []) {
                if (seen.has(edge.to)) continue;
                const next = edge.divide ? current.value.dividedBy(edge.factor, 20) : current.value.times(edge.factor);
                if (edge.to === to) return next.toString();
                seen.add(edge.to);
                queue.push({ unit: edge.to, value: next });
            }
        }
        return undefined;
    };
}
