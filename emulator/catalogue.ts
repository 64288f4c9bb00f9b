/**
 * The default price catalogue and region table. Prices are invented but plausible list prices
 * (CNY on "cn"; USD on "intl" at roughly 1/7); a scenario file may replace the catalogue.
 * Yearly price = 10 × monthly (Huawei's usual "pay 10 months, get 12"); pay-per-use hourly price is
 * about 1.5 × monthly / 720.
 */
import type { CatalogueEntry, Site } from "./model";
import { seedFrom } from "./random";
import { round2, roundTo } from "./money";

const REGIONS: Readonly<Record<string, string>> = {
    "cn-north-1": "CN North-Beijing1",
    "cn-north-4": "CN North-Beijing4",
    "cn-north-9": "CN North-Ulanqab1",
    "cn-east-2": "CN East-Shanghai2",
    "cn-east-3": "CN East-Shanghai1",
    "cn-south-1": "CN South-Guangzhou",
    "cn-southwest-2": "CN Southwest-Guiyang1",
    "ap-southeast-1": "AP-Hong Kong",
    "ap-southeast-2": "AP-Bangkok",
    "ap-southeast-3": "AP-Singapore",
    "ap-southeast-4": "AP-Jakarta",
    "af-south-1": "AF-Johannesburg",
    "la-south-2": "LA-Santiago",
    "sa-brazil-1": "LA-Sao Paulo1",
    "tr-west-1": "TR-Istanbul",
    "me-east-1": "ME-Riyadh",
};

export const REGIONS_BY_SITE: Readonly<Record<Site, readonly string[]>> = {
    cn: ["cn-north-4", "cn-east-3", "cn-south-1", "cn-southwest-2", "cn-north-9"],
    intl: ["ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "af-south-1", "la-south-2", "tr-west-1"],
};

export function regionName(code: string): string {
    return REGIONS[code] ?? code;
}

export const SERVICE = {
    ecs: { code: "hws.service.type.ec2", name: "Elastic Cloud Server" },
    evs: { code: "hws.service.type.ebs", name: "Elastic Volume Service" },
    vpc: { code: "hws.service.type.vpc", name: "Virtual Private Cloud" },
    rds: { code: "hws.service.type.rds", name: "Relational Database Service" },
    obs: { code: "hws.service.type.obs", name: "Object Storage Service" },
    dcs: { code: "hws.service.type.dcs", name: "Distributed Cache Service" },
    cce: { code: "hws.service.type.cce", name: "Cloud Container Engine" },
} as const;

export const RESOURCE_TYPE = {
    vm: { code: "hws.resource.type.vm", name: "ECS" },
    volume: { code: "hws.resource.type.volume", name: "EVS disk" },
    ip: { code: "hws.resource.type.ip", name: "Elastic IP" },
    bandwidth: { code: "hws.resource.type.bandwidth", name: "Bandwidth" },
    rdsVm: { code: "hws.resource.type.rds.vm", name: "RDS DB instance" },
    rdsVolume: { code: "hws.resource.type.rds.volume", name: "RDS storage" },
    obsPackage: { code: "hws.resource.type.obs", name: "OBS storage package" },
    dcs: { code: "hws.resource.type.dcs", name: "DCS instance" },
    cceCluster: { code: "hws.resource.type.cce.cluster", name: "CCE cluster" },
} as const;

interface ProductSeed {
    service: { code: string; name: string };
    type: { code: string; name: string };
    spec: string;
    desc: string;
    /** CNY per month (per unit when linear). */
    monthly: number;
    linear?: boolean;
    measure?: number;
    yearly?: false;
    category: string;
}

const PRODUCTS: readonly ProductSeed[] = [
    { service: SERVICE.ecs, type: RESOURCE_TYPE.vm, spec: "s6.small.1.linux", desc: "General computing | s6.small.1 | 1 vCPU | 1 GiB | Linux", monthly: 32.2, category: "hws.resource.type.vm" },
    { service: SERVICE.ecs, type: RESOURCE_TYPE.vm, spec: "s6.medium.2.linux", desc: "General computing | s6.medium.2 | 1 vCPU | 2 GiB | Linux", monthly: 57.5, category: "hws.resource.type.vm" },
    { service: SERVICE.ecs, type: RESOURCE_TYPE.vm, spec: "s6.large.2.linux", desc: "General computing | s6.large.2 | 2 vCPUs | 4 GiB | Linux", monthly: 115, category: "hws.resource.type.vm" },
    { service: SERVICE.ecs, type: RESOURCE_TYPE.vm, spec: "c6.xlarge.2.linux", desc: "Computing II | c6.xlarge.2 | 4 vCPUs | 8 GiB | Linux", monthly: 329.6, category: "hws.resource.type.vm" },
    { service: SERVICE.ecs, type: RESOURCE_TYPE.vm, spec: "c6.2xlarge.4.linux", desc: "Computing II | c6.2xlarge.4 | 8 vCPUs | 32 GiB | Linux", monthly: 912, category: "hws.resource.type.vm" },
    { service: SERVICE.ecs, type: RESOURCE_TYPE.vm, spec: "m6.2xlarge.8.win", desc: "Memory-optimized | m6.2xlarge.8 | 8 vCPUs | 64 GiB | Windows", monthly: 1498.4, category: "hws.resource.type.vm" },
    { service: SERVICE.evs, type: RESOURCE_TYPE.volume, spec: "SATA", desc: "Common I/O | per GB", monthly: 0.3, linear: true, measure: 17, category: "hws.resource.type.volume" },
    { service: SERVICE.evs, type: RESOURCE_TYPE.volume, spec: "SAS", desc: "High I/O | per GB", monthly: 0.35, linear: true, measure: 17, category: "hws.resource.type.volume" },
    { service: SERVICE.evs, type: RESOURCE_TYPE.volume, spec: "SSD", desc: "Ultra-high I/O | per GB", monthly: 1, linear: true, measure: 17, category: "hws.resource.type.volume" },
    { service: SERVICE.vpc, type: RESOURCE_TYPE.ip, spec: "5_bgp", desc: "Dynamic BGP EIP", monthly: 20, category: "hws.resource.type.ip" },
    { service: SERVICE.vpc, type: RESOURCE_TYPE.bandwidth, spec: "19_bgp", desc: "Dedicated bandwidth | per Mbit/s", monthly: 23, linear: true, measure: 15, category: "hws.resource.type.bandwidth" },
    { service: SERVICE.vpc, type: RESOURCE_TYPE.bandwidth, spec: "19_share", desc: "Shared bandwidth | per Mbit/s", monthly: 18, linear: true, measure: 15, category: "hws.resource.type.bandwidth" },
    { service: SERVICE.rds, type: RESOURCE_TYPE.rdsVm, spec: "rds.mysql.n1.large.2", desc: "MySQL 8.0 | Single | 2 vCPUs | 4 GB", monthly: 485, category: "hws.resource.type.rds.vm" },
    { service: SERVICE.rds, type: RESOURCE_TYPE.rdsVm, spec: "rds.mysql.x1.xlarge.4.ha", desc: "MySQL 8.0 | Primary/Standby | 4 vCPUs | 16 GB", monthly: 1860, category: "hws.resource.type.rds.vm" },
    { service: SERVICE.rds, type: RESOURCE_TYPE.rdsVm, spec: "rds.pg.n1.xlarge.4.ha", desc: "PostgreSQL 14 | Primary/Standby | 4 vCPUs | 16 GB", monthly: 1920, category: "hws.resource.type.rds.vm" },
    { service: SERVICE.rds, type: RESOURCE_TYPE.rdsVolume, spec: "rds.volume.ultrahigh", desc: "RDS ultra-high I/O storage | per GB", monthly: 0.8, linear: true, measure: 17, category: "hws.resource.type.rds.volume" },
    { service: SERVICE.obs, type: RESOURCE_TYPE.obsPackage, spec: "obs.standard.package.1tb", desc: "OBS standard storage package | 1 TB", monthly: 99, category: "hws.resource.type.obs" },
    { service: SERVICE.obs, type: RESOURCE_TYPE.obsPackage, spec: "obs.standard.package.10tb", desc: "OBS standard storage package | 10 TB", monthly: 899, yearly: false, category: "hws.resource.type.obs" },
    { service: SERVICE.dcs, type: RESOURCE_TYPE.dcs, spec: "redis.ha.xu1.large.r2.2", desc: "Redis 6.0 | Master/Standby | 2 GB", monthly: 300, category: "hws.resource.type.dcs" },
    { service: SERVICE.dcs, type: RESOURCE_TYPE.dcs, spec: "redis.cluster.xu1.large.r2.s1.8", desc: "Redis 6.0 | Cluster | 8 GB", monthly: 960, category: "hws.resource.type.dcs" },
    { service: SERVICE.cce, type: RESOURCE_TYPE.cceCluster, spec: "cce.s1.small", desc: "CCE cluster | up to 50 nodes", monthly: 290, category: "hws.resource.type.cce.cluster" },
];

const INTL_FACTOR = 1 / 7;

/** The built-in catalogue for a site (every region, one price). */
export function defaultCatalogue(site: Site): CatalogueEntry[] {
    const factor = site === "intl" ? INTL_FACTOR : 1;
    return PRODUCTS.map((p) => {
        const monthly = p.linear ? roundTo(p.monthly * factor, 4) : round2(p.monthly * factor);
        return {
            serviceTypeCode: p.service.code,
            serviceTypeName: p.service.name,
            resourceTypeCode: p.type.code,
            resourceTypeName: p.type.name,
            resourceSpecCode: p.spec,
            productId: `OFFI${seedFrom(p.spec).toString(16).toUpperCase().padStart(8, "0")}${seedFrom(p.spec + site).toString(16).toUpperCase().padStart(8, "0")}`,
            productSpecDesc: p.desc,
            monthlyPrice: monthly,
            yearlyPrice: p.yearly === false ? undefined : roundTo(monthly * 10, 4),
            hourlyPrice: roundTo((monthly * 1.5) / 720, 6),
            linear: p.linear === true,
            specSizeMeasureId: p.measure,
            discountFactor: 1,
            usageType: "duration",
            usageMeasureId: 4,
            categoryCode: p.category,
        };
    });
}

/** Price used when a resource matches no catalogue entry (scenario resources with unknown specs). */
export function fallbackCatalogueEntry(resource: { serviceTypeCode: string; resourceTypeCode: string; resourceSpecCode: string; productId: string; productSpecDesc: string }, site: Site): CatalogueEntry {
    const monthly = site === "intl" ? 7 : 50;
    return {
        serviceTypeCode: resource.serviceTypeCode,
        serviceTypeName: resource.serviceTypeCode,
        resourceTypeCode: resource.resourceTypeCode,
        resourceTypeName: resource.resourceTypeCode,
        resourceSpecCode: resource.resourceSpecCode,
        productId: resource.productId,
        productSpecDesc: resource.productSpecDesc,
        monthlyPrice: monthly,
        yearlyPrice: monthly * 10,
        hourlyPrice: roundTo((monthly * 1.5) / 720, 6),
        linear: false,
        discountFactor: 1,
        usageType: "duration",
        usageMeasureId: 4,
        categoryCode: resource.resourceTypeCode,
    };
}
