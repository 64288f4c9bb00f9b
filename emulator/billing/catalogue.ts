/**
 * The product catalogue as the catalogue APIs show it (service types, resource types, usage types),
 * derived from the core's CatalogueEntry list so that every code a bill or a price mentions is
 * listed, plus a few well-known services so that an empty world still has a catalogue.
 * Display names follow X-Language (zh_CN default on cn, en_US on intl); codes never change.
 */
import type { CatalogueEntry } from "../model";

interface NameText {
    readonly en: string;
    readonly zh: string;
}

interface KnownService {
    readonly code: string;
    readonly abbreviation: string;
    readonly name: NameText;
}

interface KnownResourceType {
    readonly code: string;
    readonly serviceTypeCode: string;
    readonly name: NameText;
    readonly description: NameText;
}

interface KnownUsageType {
    readonly code: string;
    readonly resourceTypeCode: string;
    readonly name: NameText;
}

const KNOWN_SERVICES: readonly KnownService[] = [
    { code: "hws.service.type.ec2", abbreviation: "ECS", name: { en: "Elastic Cloud Server", zh: "弹性云服务器" } },
    { code: "hws.service.type.ebs", abbreviation: "EVS", name: { en: "Elastic Volume Service", zh: "云硬盘" } },
    { code: "hws.service.type.vpc", abbreviation: "VPC", name: { en: "Virtual Private Cloud", zh: "虚拟私有云" } },
    { code: "hws.service.type.rds", abbreviation: "RDS", name: { en: "Relational Database Service", zh: "云数据库RDS" } },
    { code: "hws.service.type.obs", abbreviation: "OBS", name: { en: "Object Storage Service", zh: "对象存储服务" } },
    { code: "hws.service.type.cdn", abbreviation: "CDN", name: { en: "Content Delivery Network", zh: "内容分发网络" } },
    { code: "hws.service.type.dcs", abbreviation: "DCS", name: { en: "Distributed Cache Service", zh: "分布式缓存服务" } },
    { code: "hws.service.type.iec", abbreviation: "IEC", name: { en: "Intelligent EdgeCloud", zh: "智能边缘云" } },
];

const KNOWN_RESOURCE_TYPES: readonly KnownResourceType[] = [
    { code: "hws.resource.type.vm", serviceTypeCode: "hws.service.type.ec2", name: { en: "ECS", zh: "云主机" }, description: { en: "Elastic Cloud Server instance", zh: "弹性云服务器实例" } },
    { code: "hws.resource.type.volume", serviceTypeCode: "hws.service.type.ebs", name: { en: "EVS disk", zh: "云硬盘" }, description: { en: "Block storage volume", zh: "块存储云硬盘" } },
    { code: "hws.resource.type.bandwidth", serviceTypeCode: "hws.service.type.vpc", name: { en: "Bandwidth", zh: "带宽" }, description: { en: "Dedicated or shared bandwidth", zh: "独享或共享带宽" } },
    { code: "hws.resource.type.ip", serviceTypeCode: "hws.service.type.vpc", name: { en: "EIP", zh: "弹性公网IP" }, description: { en: "Elastic IP address", zh: "弹性公网IP地址" } },
    { code: "hws.resource.type.rds.vm", serviceTypeCode: "hws.service.type.rds", name: { en: "RDS instance", zh: "云数据库实例" }, description: { en: "Database instance", zh: "数据库实例" } },
    { code: "hws.resource.type.obs", serviceTypeCode: "hws.service.type.obs", name: { en: "OBS storage", zh: "对象存储" }, description: { en: "Object storage capacity and traffic", zh: "对象存储容量与流量" } },
    { code: "hws.resource.type.cdn", serviceTypeCode: "hws.service.type.cdn", name: { en: "CDN", zh: "CDN" }, description: { en: "CDN traffic and bandwidth", zh: "CDN流量与带宽" } },
    { code: "hws.resource.type.edgebandwidth", serviceTypeCode: "hws.service.type.iec", name: { en: "Edge bandwidth", zh: "边缘独享带宽" }, description: { en: "Edge dedicated bandwidth", zh: "边缘独享带宽" } },
];

const KNOWN_USAGE_TYPES: readonly KnownUsageType[] = [
    { code: "Duration", resourceTypeCode: "hws.resource.type.vm", name: { en: "Duration", zh: "时长" } },
    { code: "Duration", resourceTypeCode: "hws.resource.type.volume", name: { en: "Duration", zh: "时长" } },
    { code: "Duration", resourceTypeCode: "hws.resource.type.bandwidth", name: { en: "Duration", zh: "时长" } },
    { code: "upflow", resourceTypeCode: "hws.resource.type.bandwidth", name: { en: "Outbound traffic", zh: "上行流量" } },
    { code: "95Peak", resourceTypeCode: "hws.resource.type.bandwidth", name: { en: "95th-percentile bandwidth", zh: "95计费带宽" } },
    { code: "Duration", resourceTypeCode: "hws.resource.type.ip", name: { en: "Duration", zh: "时长" } },
    { code: "Duration", resourceTypeCode: "hws.resource.type.rds.vm", name: { en: "Duration", zh: "时长" } },
    { code: "capacity", resourceTypeCode: "hws.resource.type.obs", name: { en: "Storage capacity", zh: "存储容量" } },
    { code: "reqNumber", resourceTypeCode: "hws.resource.type.obs", name: { en: "Number of requests", zh: "请求次数" } },
    { code: "95peak_1000", resourceTypeCode: "hws.resource.type.cdn", name: { en: "95th-percentile bandwidth (base 1000)", zh: "95计费带宽(1000进制)" } },
    { code: "bandwidth95peak", resourceTypeCode: "hws.resource.type.edgebandwidth", name: { en: "95th-percentile bandwidth", zh: "95计费带宽" } },
];

function pick(name: NameText, english: boolean): string {
    return english ? name.en : name.zh;
}

export interface ServiceTypeView {
    readonly code: string;
    readonly name: string;
    readonly abbreviation: string;
}

export interface ResourceTypeView {
    readonly code: string;
    readonly name: string;
    readonly description: string;
    readonly serviceTypeCode: string;
}

export interface UsageTypeView {
    readonly code: string;
    readonly name: string;
    readonly resourceTypeCode: string;
    readonly serviceTypeCode: string;
    readonly resourceTypeName: string;
    readonly serviceTypeName: string;
}

function abbreviationOf(code: string): string {
    return (code.split(".").pop() ?? code).toUpperCase();
}

/** Service types: the known ones, then any other the catalogue sells, in a stable order. */
export function serviceTypes(catalogue: readonly CatalogueEntry[], english: boolean): ServiceTypeView[] {
    const views = new Map<string, ServiceTypeView>();
    for (const known of KNOWN_SERVICES) views.set(known.code, { code: known.code, name: pick(known.name, english), abbreviation: known.abbreviation });
    for (const entry of catalogue) {
        if (views.has(entry.serviceTypeCode)) continue;
        views.set(entry.serviceTypeCode, { code: entry.serviceTypeCode, name: entry.serviceTypeName, abbreviation: abbreviationOf(entry.serviceTypeCode) });
    }
    return [...views.values()];
}

export function resourceTypes(catalogue: readonly CatalogueEntry[], english: boolean): ResourceTypeView[] {
    const views = new Map<string, ResourceTypeView>();
    for (const known of KNOWN_RESOURCE_TYPES) {
        views.set(known.code, { code: known.code, name: pick(known.name, english), description: pick(known.description, english), serviceTypeCode: known.serviceTypeCode });
    }
    for (const entry of catalogue) {
        if (views.has(entry.resourceTypeCode)) continue;
        views.set(entry.resourceTypeCode, {
            code: entry.resourceTypeCode,
            name: entry.resourceTypeName,
            description: entry.resourceTypeName,
            serviceTypeCode: entry.serviceTypeCode,
        });
    }
    return [...views.values()];
}

export function serviceTypeName(catalogue: readonly CatalogueEntry[], code: string, english: boolean): string {
    return serviceTypes(catalogue, english).find((view) => view.code === code)?.name ?? code;
}

/** Usage types (billing factors); the catalogue's pay-per-use factor of each resource type is always one. */
export function usageTypes(catalogue: readonly CatalogueEntry[], english: boolean): UsageTypeView[] {
    const resources = new Map(resourceTypes(catalogue, english).map((view) => [view.code, view]));
    const services = new Map(serviceTypes(catalogue, english).map((view) => [view.code, view]));
    const views = new Map<string, UsageTypeView>();
    const add = (code: string, name: string, resourceTypeCode: string): void => {
        const key = `${resourceTypeCode}\u0000${code.toLowerCase()}`;
        if (views.has(key)) return;
        const resource = resources.get(resourceTypeCode);
        const serviceTypeCode = resource?.serviceTypeCode ?? "";
        views.set(key, {
            code,
            name,
            resourceTypeCode,
            serviceTypeCode,
            resourceTypeName: resource?.name ?? resourceTypeCode,
            serviceTypeName: services.get(serviceTypeCode)?.name ?? serviceTypeCode,
        });
    };
    for (const known of KNOWN_USAGE_TYPES) add(known.code, pick(known.name, english), known.resourceTypeCode);
    for (const entry of catalogue) add(entry.usageType, entry.usageType, entry.resourceTypeCode);
    return [...views.values()];
}

/** Display name of a well-known service type in the wanted language; undefined for others. */
export function knownServiceName(code: string, english: boolean): string | undefined {
    const known = KNOWN_SERVICES.find((service) => service.code === code);
    return known ? pick(known.name, english) : undefined;
}

/** Display name of a well-known resource type in the wanted language; undefined for others. */
export function knownResourceTypeName(code: string, english: boolean): string | undefined {
    const known = KNOWN_RESOURCE_TYPES.find((type) => type.code === code);
    return known ? pick(known.name, english) : undefined;
}
