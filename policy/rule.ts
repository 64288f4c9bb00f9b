/**
 * How a rule is configured (the @pulumi/awsguard model): one enforcement level for every rule at
 * once, overridable per rule, where a rule takes either a level or an object of its settings.
 *
 * A rule's settings come from three places, later ones winning:
 *   1. its defaults (the zod schema below, also published as the rule's JSON `configSchema`);
 *   2. the arguments its factory was called with (a pack written in code: `new BssGuard({...})`);
 *   3. the policy config file of the stack (`pulumi preview --policy-pack-config file.json`),
 *      which the framework hands over through `getConfig()`.
 * Its level: the config file's level (or its `all`), else the factory's, else the rule's default.
 */
import * as policy from "@pulumi/policy";
import { z } from "zod";

export type EnforcementLevel = policy.EnforcementLevel;
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

/** What a rule factory takes: the rule's level, or its settings with an optional level. */
export type RuleArgs<TConfig> = EnforcementLevel | (Partial<TConfig> & { enforcementLevel?: EnforcementLevel });

/** Dependencies a rule may take instead of reaching for globals (tests pass their own). */
export interface RuleOptions {
    /** The current time; defaults to the machine's clock. */
    readonly now?: () => Date;
}

/** The static description of a rule: its name, purpose, default level and settings. */
export interface RuleSpec<TShape extends z.ZodRawShape> {
    readonly name: string;
    /** One line; the framework prints it above every violation of the rule. */
    readonly description: string;
    readonly defaultLevel: EnforcementLevel;
    /** Every setting optional or defaulted: a rule must load with no config at all. */
    readonly config: z.ZodObject<TShape>;
    readonly remediationSteps?: string;
}

export type ConfigOf<TShape extends z.ZodRawShape> = z.output<z.ZodObject<TShape>>;

/** A rule bound to its factory arguments: the policy's static fields and a config reader. */
export interface BoundRule<TConfig> {
    readonly policy: {
        name: string;
        description: string;
        enforcementLevel: EnforcementLevel;
        configSchema: policy.PolicyConfigSchema;
        remediationSteps?: string;
    };
    /** The effective settings for one run, from the framework's `getConfig`. Throws on bad config. */
    readConfig(getConfig: () => object): TConfig;
}

export class PolicyConfigError extends Error {
    constructor(readonly policyName: string, readonly issues: string) {
        super(`policy ${policyName}: invalid configuration: ${issues}`);
        this.name = "PolicyConfigError";
    }
}

function describeIssues(error: z.ZodError): string {
    return error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
}

/** The rule's settings as the JSON schema the CLI validates config files against. */
export function configSchemaOf(config: z.ZodObject<z.ZodRawShape>): policy.PolicyConfigSchema {
    const json = z.toJSONSchema(config, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown> };
    const properties: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(json.properties ?? {})) properties[key] = stripNoise(schema);
    return { properties } as policy.PolicyConfigSchema;
}

/** Drops the safe-integer bounds zod adds to every integer: they are noise in published docs. */
function stripNoise(schema: unknown): unknown {
    if (!schema || typeof schema !== "object") return schema;
    if (Array.isArray(schema)) return schema.map(stripNoise);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema)) {
        if ((key === "maximum" && value === Number.MAX_SAFE_INTEGER) || (key === "minimum" && value === Number.MIN_SAFE_INTEGER)) continue;
        out[key] = stripNoise(value);
    }
    return out;
}

/** Binds a rule to its factory arguments, validating them at once (a bad pack fails to load). */
export function bindRule<TShape extends z.ZodRawShape>(
    spec: RuleSpec<TShape>,
    args: RuleArgs<ConfigOf<TShape>> | undefined,
): BoundRule<ConfigOf<TShape>> {
    let level = spec.defaultLevel;
    let factorySettings: Record<string, unknown> = {};
    if (typeof args === "string") {
        if (!isEnforcementLevel(args)) throw new PolicyConfigError(spec.name, `unknown enforcement level ${JSON.stringify(args)}`);
        level = args;
    } else if (args !== undefined) {
        const { enforcementLevel, ...settings } = args as Record<string, unknown>;
        if (enforcementLevel !== undefined) {
            if (!isEnforcementLevel(enforcementLevel)) {
                throw new PolicyConfigError(spec.name, `unknown enforcement level ${JSON.stringify(enforcementLevel)}`);
            }
            level = enforcementLevel;
        }
        factorySettings = settings;
    }
    const parse = (settings: Record<string, unknown>): ConfigOf<TShape> => {
        const result = spec.config.safeParse(settings);
        if (!result.success) throw new PolicyConfigError(spec.name, describeIssues(result.error));
        return result.data;
    };
    parse(factorySettings);
    return {
        policy: {
            name: spec.name,
            description: spec.description,
            enforcementLevel: level,
            configSchema: configSchemaOf(spec.config),
            ...(spec.remediationSteps ? { remediationSteps: spec.remediationSteps } : {}),
        },
        readConfig(getConfig) {
            const { enforcementLevel: _level, ...fromFile } = (getConfig() ?? {}) as Record<string, unknown>;
            return parse({ ...factorySettings, ...fromFile });
        },
    };
}

/**
 * A resource validation (or remediation) for one resource type, tagged the way
 * `validateResourceOfType` does: the framework answers "not applicable" for other types without
 * deserialising their props; called directly with another type, it says so too.
 */
export function forType<TRest extends unknown[], TResult>(
    typeToken: string,
    fn: (args: policy.ResourceValidationArgs, ...rest: TRest) => TResult,
): (args: policy.ResourceValidationArgs, ...rest: TRest) => TResult {
    const wrapped = (args: policy.ResourceValidationArgs, ...rest: TRest): TResult => {
        if (args.type !== typeToken) args.notApplicable(`applies only to ${typeToken}`);
        return fn(args, ...rest);
    };
    return tagType(typeToken, wrapped);
}

/** Tags a stack validation with the type it is about: with none of that type in the stack, the framework skips it. */
export function tagType<T extends object>(typeToken: string, fn: T): T {
    (fn as unknown as { __pulumiType: string }).__pulumiType = typeToken;
    return fn;
}

// ---- settings shared by several rules ----

/** A decimal amount in a config file: a decimal string ("250.00") or a JSON number (250). */
export const amountSetting = z
    .union([z.string().regex(/^\d+(\.\d+)?$/, "a non-negative decimal such as \"250.00\""), z.number().nonnegative()]);

/** An ISO 4217 code, upper case. */
export const currencySetting = z.string().regex(/^[A-Z]{3}$/, "a three-letter currency code such as \"CNY\" or \"USD\"");

/** A calendar date (YYYY-MM-DD) or a full ISO 8601 timestamp. */
export const dateSetting = z.string().refine((text) => !Number.isNaN(Date.parse(text)), "a date such as \"2027-06-30\"");

export const stringList = z.array(z.string().min(1));
