/**
 * Generates a large, realistic account deterministically from a seed: ECS servers with system/data
 * disks and EIPs, standalone disks, EIPs with dedicated bandwidth, shared bandwidths with EIPs, RDS
 * instances with storage, OBS packages, DCS and CCE, across the site's regions and a few enterprise
 * projects; monthly and yearly terms, expiries spread over the next 13 months (a few already in the
 * grace period), a mix of expire policies, and a small share (2 %) of pay-per-use resources. Each primary
 * gets its new-purchase order and ledger line at its effective time. The account's cash is raised to
 * about 500 CNY (70 USD) per primary so auto-renewals keep being paid.
 */
import { REGIONS_BY_SITE } from "./catalogue";
import { Random } from "./random";
import type { ResourceInput } from "./scenario";
import { addResourceInput } from "./scenario";
import { addMs, addPeriods, DAY_MS } from "./time";
import type { World } from "./world";

export interface GenerateOptions {
    /** Approximate number of resource records (primaries + attached) to create. */
    readonly resources: number;
    readonly seed: number;
    readonly accountId: string;
    readonly nowIso: string;
}

const PROJECTS = ["default", "web", "data", "finance", "platform"] as const;

type Kind = "ecs" | "evs" | "eip" | "sharedBandwidth" | "rds" | "obs" | "dcs" | "cce";

const KIND_WEIGHTS: readonly (readonly [Kind, number])[] = [
    ["ecs", 40],
    ["evs", 14],
    ["eip", 10],
    ["sharedBandwidth", 5],
    ["rds", 11],
    ["obs", 5],
    ["dcs", 8],
    ["cce", 7],
];

const SPECS: Readonly<Record<string, readonly string[]>> = {
    ecs: ["s6.small.1.linux", "s6.medium.2.linux", "s6.large.2.linux", "c6.xlarge.2.linux", "c6.2xlarge.4.linux", "m6.2xlarge.8.win"],
    evs: ["SATA", "SAS", "SSD"],
    rds: ["rds.mysql.n1.large.2", "rds.mysql.x1.xlarge.4.ha", "rds.pg.n1.xlarge.4.ha"],
    obs: ["obs.standard.package.1tb", "obs.standard.package.10tb"],
    dcs: ["redis.ha.xu1.large.r2.2", "redis.cluster.xu1.large.r2.s1.8"],
};

/** Adds generated resources to the world; returns how many records were created. */
export function generateResources(world: World, options: GenerateOptions): number {
    const random = new Random(options.seed);
    const regions = REGIONS_BY_SITE[world.site];
    const projectIds = PROJECTS.map((_, i) => (i === 0 ? "0" : random.uuid()));
    let created = 0;
    let primaries = 0;
    let index = 0;
    while (created < options.resources) {
        index += 1;
        const kind = random.weighted(KIND_WEIGHTS);
        const region = random.pick(regions);
        const projectIndex = random.int(0, PROJECTS.length - 1);
        const yearly = random.next() < 0.3 && kind !== "obs";
        const periodNum = yearly ? random.pick([1, 1, 2, 3]) : random.pick([1, 1, 1, 3, 6]);
        // Expiry between 10 days ago and 13 months ahead; effective = expiry − term.
        const expireTime = addMs(options.nowIso, Math.floor(random.next() * 405 * DAY_MS) - 10 * DAY_MS).replace(/:\d\d:\d\dZ$/, ":00:00Z");
        const effectiveTime = addPeriods(expireTime, yearly ? 3 : 2, -periodNum);
        const onDemand = random.next() < 0.02;
        const expirePolicy = random.weighted([
            [3, 40],
            [1, 10],
            [0, 50],
        ] as const);
        const autoRenewTimes = expirePolicy === 3 && random.next() < 0.2 ? random.int(1, 5) : undefined;
        const name = `${kind}-${PROJECTS[projectIndex]}-${String(index).padStart(5, "0")}`;
        const base: ResourceInput = {
            resourceId: random.uuid(),
            name,
            accountId: options.accountId,
            kind,
            region,
            periodType: yearly ? "year" : "month",
            periodNum,
            effectiveTime: onDemand ? addMs(options.nowIso, -random.int(1, 90) * DAY_MS) : effectiveTime,
            expireTime: onDemand ? addPeriods(options.nowIso, 3, 50) : expireTime,
            expirePolicy: onDemand ? 0 : expirePolicy,
            autoRenewTimes: onDemand ? undefined : autoRenewTimes,
            billingMode: onDemand ? "onDemand" : "prepaid",
            enterpriseProjectId: projectIds[projectIndex],
            enterpriseProjectName: PROJECTS[projectIndex],
            recordOrder: !onDemand,
            attached: [],
        };
        const attached: ResourceInput[] = [];
        const child = (extra: ResourceInput): ResourceInput => ({ resourceId: random.uuid(), ...extra });
        switch (kind) {
            case "ecs":
                base.resourceSpecCode = random.pick(SPECS.ecs);
                attached.push(child({ kind: "evs", name: `${name}-sys`, resourceSpecCode: random.pick(SPECS.evs), specSize: random.pick([40, 40, 50, 100]) }));
                for (let d = random.int(0, 2); d > 0; d--) attached.push(child({ kind: "evs", name: `${name}-data${d}`, resourceSpecCode: random.pick(SPECS.evs), specSize: random.pick([100, 200, 500, 1000]) }));
                if (random.next() < 0.5) {
                    attached.push(child({ kind: "eip", name: `${name}-eip` }));
                    attached.push(child({ kind: "bandwidth", name: `${name}-bw`, specSize: random.pick([1, 2, 5, 10, 20]) }));
                }
                break;
            case "evs":
                base.resourceSpecCode = random.pick(SPECS.evs);
                base.specSize = random.pick([100, 200, 500, 1000, 2000]);
                break;
            case "eip":
                attached.push(child({ kind: "bandwidth", name: `${name}-bw`, specSize: random.pick([1, 5, 10, 50, 100]) }));
                break;
            case "sharedBandwidth":
                base.specSize = random.pick([50, 100, 200, 500]);
                for (let e = random.int(1, 4); e > 0; e--) attached.push(child({ kind: "eip", name: `${name}-eip${e}` }));
                break;
            case "rds":
                base.resourceSpecCode = random.pick(SPECS.rds);
                attached.push(child({ kind: "rdsStorage", name: `${name}-storage`, specSize: random.pick([40, 100, 250, 500]) }));
                break;
            case "obs":
                base.resourceSpecCode = random.pick(SPECS.obs);
                base.periodType = "month";
                break;
            case "dcs":
                base.resourceSpecCode = random.pick(SPECS.dcs);
                break;
            case "cce":
                break;
        }
        base.attached = attached;
        addResourceInput(world, base, options.accountId, options.nowIso);
        created += 1 + attached.length;
        primaries += 1;
    }
    // A large account keeps enough money for a year of renewals (about 500 CNY / 70 USD per primary).
    const account = world.account(options.accountId);
    if (account) account.cashBalance = Math.max(account.cashBalance, primaries * (world.site === "intl" ? 70 : 500));
    return created;
}
