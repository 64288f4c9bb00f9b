/**
 * fleet.config.json: which yearly/monthly resources of the account the fleet stack manages, and how.
 * Validated with zod; every problem is reported at once, each with its path in the file.
 */
import * as fs from "node:fs";
import { z } from "zod";

/** Short service names and the BSS service type codes they stand for (a full code is accepted too). */
export const SERVICE_CODES: Readonly<Record<string, string>> = {
    ecs: "hws.service.type.ec2",
    evs: "hws.service.type.ebs",
    vpc: "hws.service.type.vpc",
    rds: "hws.service.type.rds",
    dcs: "hws.service.type.dcs",
    obs: "hws.service.type.obs",
    cce: "hws.service.type.cce",
};

const service = z
    .string()
    .refine((s) => s in SERVICE_CODES || /^hws\.service\.type\.[a-z0-9_.-]+$/.test(s), {
        message: `must be one of ${Object.keys(SERVICE_CODES).join(", ")} or a service type code such as "hws.service.type.ec2"`,
    });
const glob = z.string().min(1).max(128);
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be a region code such as "cn-north-4"');
const date = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
    .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { message: "is not a calendar date" });
const amount = z.union([z.string().regex(/^\d+(\.\d+)?$/, 'must be an amount such as "5000" or "5000.00"'), z.number().nonnegative()]);

/** What a Subscription of the fleet is given; `null` in a later layer removes a setting of an earlier one. */
const settingsShape = {
    onExpiry: z.enum(["renew", "payPerUse", "release"]),
    autoRenewTimes: z.number().int().min(0).max(99).nullable(),
    renewUntil: date.nullable(),
    maxRenewalCost: amount.nullable(),
    onDelete: z.enum(["retain", "unsubscribe", "unsubscribeRenewals"]),
    payment: z
        .object({ mode: z.enum(["auto", "pending"]).optional(), useDiscount: z.boolean().optional() })
        .strict()
        .nullable(),
};
const partialSettings = z.object(settingsShape).partial().strict();

export const fleetConfigSchema = z
    .object({
        /** Which resources: all conditions must hold; an absent condition selects everything. */
        select: z
            .object({
                services: z.array(service).min(1).optional(),
                regions: z.array(region).min(1).optional(),
                names: z.array(glob).min(1).optional(),
                excludeNames: z.array(glob).default([]),
                enterpriseProjects: z.array(z.string().min(1)).min(1).optional(),
                statuses: z.array(z.enum(["active", "expired", "frozen"])).min(1).default(["active", "expired"]),
            })
            .strict(),
        /** Settings of every selected resource. */
        defaults: z.object({ ...settingsShape, onExpiry: settingsShape.onExpiry }).partial().required({ onExpiry: true }).strict(),
        /** Per-service settings, over the defaults. */
        services: z.record(service, partialSettings).default({}),
        /** Then, in order, settings for resources matching names, enterprise projects or regions (later wins). */
        overrides: z
            .array(
                z
                    .object({
                        names: z.array(glob).min(1).optional(),
                        enterpriseProjects: z.array(z.string().min(1)).min(1).optional(),
                        regions: z.array(region).min(1).optional(),
                        set: partialSettings,
                    })
                    .strict()
                    .refine((o) => o.names || o.enterpriseProjects || o.regions, { message: "an override needs names, enterpriseProjects or regions" }),
            )
            .default([]),
        /** Fail instead of managing more than this many resources (a filter that selects too much). */
        maxResources: z.number().int().min(1).default(1000),
    })
    .strict();

export type FleetConfig = z.output<typeof fleetConfigSchema>;
type Settings = { -readonly [K in keyof typeof settingsShape]?: z.output<(typeof settingsShape)[K]> };
/** Settings after merging: nothing is null any more. */
export type SubscriptionSettings = { [K in keyof Settings]?: Exclude<Settings[K], null> } & { onExpiry: "renew" | "payPerUse" | "release" };

/** The file could not be read or is invalid; the message lists every problem. */
export class FleetConfigError extends Error {
    constructor(
        readonly file: string,
        readonly problems: readonly string[],
    ) {
        super(`${file} is not a valid fleet configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "FleetConfigError";
    }
}

export function parseFleetConfig(value: unknown, file = "fleet.config.json"): FleetConfig {
    const result = fleetConfigSchema.safeParse(value);
    if (result.success) return result.data;
    throw new FleetConfigError(
        file,
        result.error.issues.map((issue) => {
            const where = issue.path.length > 0 ? issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`)).join("") : "(top level)";
            return `${where}: ${issue.message}`;
        }),
    );
}

export function readFleetConfig(file: string): FleetConfig {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new FleetConfigError(file, [`cannot be read: ${(error as Error).message}`]);
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        throw new FleetConfigError(file, [`is not JSON: ${(error as Error).message}`]);
    }
    return parseFleetConfig(value, file);
}

// ---------------------------------------------------------------------------------------------------
// Selection and settings of one resource

/** The fields of a yearly/monthly resource the fleet looks at (from getSubscribedResources). */
export interface FleetCandidate {
    readonly resourceId?: string;
    readonly resourceName?: string;
    readonly regionCode?: string;
    readonly serviceTypeCode?: string;
    readonly status?: number;
    readonly enterpriseProject?: { readonly id?: string; readonly name?: string };
}

export function serviceCode(name: string): string {
    return SERVICE_CODES[name] ?? name;
}

export function globMatches(pattern: string, text: string): boolean {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${source}$`).test(text);
}

const STATUS_CODES = { active: 2, expired: 5, frozen: 4 } as const;

function inProject(candidate: FleetCandidate, projects: readonly string[]): boolean {
    const p = candidate.enterpriseProject;
    return projects.some((wanted) => wanted === p?.id || wanted === p?.name);
}

export function isSelected(config: FleetConfig, candidate: FleetCandidate): boolean {
    const s = config.select;
    const name = candidate.resourceName ?? "";
    if (!candidate.resourceId) return false;
    if (!s.statuses.some((status) => STATUS_CODES[status] === candidate.status)) return false;
    if (s.services && !s.services.some((svc) => serviceCode(svc) === candidate.serviceTypeCode)) return false;
    if (s.regions && !s.regions.includes(candidate.regionCode ?? "")) return false;
    if (s.names && !s.names.some((g) => globMatches(g, name))) return false;
    if (s.excludeNames.some((g) => globMatches(g, name))) return false;
    if (s.enterpriseProjects && !inProject(candidate, s.enterpriseProjects)) return false;
    return true;
}

/** Defaults, then the resource's service, then each matching override; `null` removes a setting. */
export function settingsFor(config: FleetConfig, candidate: FleetCandidate): SubscriptionSettings {
    const layers: Settings[] = [config.defaults];
    for (const [svc, settings] of Object.entries(config.services)) if (serviceCode(svc) === candidate.serviceTypeCode) layers.push(settings);
    for (const o of config.overrides) {
        if (o.names && !o.names.some((g) => globMatches(g, candidate.resourceName ?? ""))) continue;
        if (o.enterpriseProjects && !inProject(candidate, o.enterpriseProjects)) continue;
        if (o.regions && !o.regions.includes(candidate.regionCode ?? "")) continue;
        layers.push(o.set);
    }
    const merged: Record<string, unknown> = {};
    for (const layer of layers) for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
    for (const key of Object.keys(merged)) if (merged[key] === null) delete merged[key];
    // autoRenewTimes only means something for resources that auto-renew.
    if (merged.onExpiry !== "renew") delete merged.autoRenewTimes;
    return merged as SubscriptionSettings;
}
