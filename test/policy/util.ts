/**
 * Drives the pack's validators directly with hand-built arguments (the pulumi-policy-aws pattern),
 * so config-dependent behaviour can be covered without the CLI. Props go through the framework's
 * own proxies (unknown-checking, secret-preserving), so unknowns behave as in a real preview.
 */
import * as policy from "@pulumi/policy";
import { SUB_ACCOUNT_FUNDING_TYPE, SUBSCRIPTION_TYPE } from "../../sdk/tokens";

const proxyModule = require("@pulumi/policy/proxy") as {
    unknownCheckingProxy<T>(value: T): T;
    unknownStringValue: string;
    unknownNumberValue: string;
    unknownObjectValue: string;
};
const secretModule = require("@pulumi/policy/secret") as { secretsPreservingProxy<T>(value: T): T };
const SecretClass = (require("@pulumi/policy") as { Secret: new (value: unknown) => { value: unknown } }).Secret;

/** What the engine sends for a value it cannot know during preview. */
export const UNKNOWN_STRING = proxyModule.unknownStringValue;
export const UNKNOWN_NUMBER = proxyModule.unknownNumberValue;
export const UNKNOWN_OBJECT = proxyModule.unknownObjectValue;

export { SUBSCRIPTION_TYPE, SUB_ACCOUNT_FUNDING_TYPE };

/**
 * A `__provider` as the engine hands it to policies: plaintext, and in real stacks a serialized
 * closure. This one carries a marker that no message may ever contain.
 */
export const PROVIDER_MARKER = "PROVIDER-TEXT-NEVER-IN-MESSAGES";
export const PROVIDER_TEXT = `exports.handler = require("pulumi-huaweicloud-bss/provider/subscription"); // ${PROVIDER_MARKER}`;

export function subscriptionProps(fields: Record<string, unknown>): Record<string, unknown> {
    return { __provider: PROVIDER_TEXT, resourceId: "res-0001", ...fields };
}

class NotApplicable extends Error {
    constructor(readonly reason: string | undefined) {
        super(reason ?? "not applicable");
    }
}

const emptyOptions: policy.PolicyResourceOptions = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};

export interface ResourceCase {
    readonly props: Record<string, unknown>;
    readonly type?: string;
    readonly name?: string;
    readonly protect?: boolean;
    /** What the policy config file holds for this policy (the framework strips enforcementLevel). */
    readonly config?: Record<string, unknown>;
    readonly stackTags?: Record<string, string>;
    readonly urn?: string;
    /** Wrap secrets the way the remediation path does. */
    readonly preserveSecrets?: boolean;
}

function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::policy::${type}::${name}`;
}

export function resourceArgs(c: ResourceCase): policy.ResourceValidationArgs {
    const type = c.type ?? SUBSCRIPTION_TYPE;
    const name = c.name ?? "sub";
    const inner = c.preserveSecrets ? secretModule.secretsPreservingProxy(c.props) : c.props;
    const props = proxyModule.unknownCheckingProxy(inner);
    return {
        type,
        props,
        urn: c.urn ?? urnOf(type, name),
        name,
        opts: { ...emptyOptions, protect: c.protect ?? false },
        stackTags: new Map(Object.entries(c.stackTags ?? {})),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => ({ ...(c.config ?? {}) }) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}

export interface Outcome {
    readonly violations: string[];
    /** The reason, when the rule declared itself not applicable. */
    readonly notApplicable?: string;
}

function assertSafe(messages: readonly string[]): void {
    for (const message of messages) {
        if (message.includes(PROVIDER_MARKER) || message.includes("__provider")) {
            throw new Error(`a violation message leaks __provider: ${message}`);
        }
    }
}

async function collect(run: (report: policy.ReportViolation) => Promise<void> | void): Promise<Outcome> {
    const violations: string[] = [];
    try {
        await run((message) => {
            violations.push(message);
        });
    } catch (error) {
        if (error instanceof NotApplicable) return { violations, notApplicable: error.reason ?? "" };
        throw error;
    }
    assertSafe(violations);
    return { violations };
}

/** Runs every validation of a resource policy on one resource. */
export function validate(p: policy.ResourceValidationPolicy, c: ResourceCase): Promise<Outcome> {
    const args = resourceArgs(c);
    const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource!];
    return collect(async (report) => {
        for (const v of validations) await v(args, report);
    });
}

/** Runs a resource policy on several resources in order (the engine analyses one at a time). */
export async function validateEach(p: policy.ResourceValidationPolicy, cases: readonly ResourceCase[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const c of cases) outcomes.push(await validate(p, c));
    return outcomes;
}

export interface StackResource {
    readonly props: Record<string, unknown>;
    readonly type?: string;
    readonly name: string;
}

/** Runs a stack policy over the given resources' (output) props. */
export function validateStack(
    p: policy.StackValidationPolicy,
    resources: readonly StackResource[],
    config: Record<string, unknown> = {},
): Promise<Outcome> {
    const policyResources: policy.PolicyResource[] = resources.map((r) => {
        const type = r.type ?? SUBSCRIPTION_TYPE;
        return {
            type,
            props: proxyModule.unknownCheckingProxy(r.props),
            urn: urnOf(type, r.name),
            name: r.name,
            opts: emptyOptions,
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
        };
    });
    const args: policy.StackValidationArgs = {
        resources: policyResources,
        stackTags: new Map(),
        getConfig: <T extends object>() => ({ ...config }) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
    return collect((report) => p.validateStack(args, report));
}

/** Runs a policy's remediation as the framework does (props behind both proxies). */
export async function remediate(p: policy.ResourceValidationPolicy, c: ResourceCase): Promise<Record<string, unknown> | undefined> {
    if (!p.remediateResource) throw new Error(`${p.name} has no remediation`);
    const result = await p.remediateResource(resourceArgs({ ...c, preserveSecrets: true }));
    return (result ?? undefined) as Record<string, unknown> | undefined;
}

/** A secret value as the remediation path sees it (wrapped). */
export function secret(value: unknown): unknown {
    return new SecretClass(value);
}

export function isSecret(value: unknown): value is { value: unknown } {
    return value instanceof SecretClass;
}
