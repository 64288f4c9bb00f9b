/**
 * Rules on one Subscription's inputs, checked before the engine acts on the resource (in preview,
 * and again in `up` right before the provider is called).
 */
import * as policy from "@pulumi/policy";
import { z } from "zod";
import { addMonths, currentInstant, formatDay, parseInstant } from "./dates";
import { globMatches, quote, rawProps, readNumber, readProp, readString, UNKNOWN } from "./props";
import { bindRule, dateSetting, forType, tagType, RuleArgs, RuleOptions, RuleSpec, stringList, ConfigOf } from "./rule";
import {
    describePlan,
    describeSubscription,
    ON_EXPIRY_VALUES,
    PERIOD_TYPES,
    plannedRenewalOf,
    SUBSCRIPTION_TYPE,
} from "./subscription";

// ---------------------------------------------------------------------------------------------
export const expiryStatedSpec = {
    name: "subscription-expiry-stated",
    description: "Every Subscription states what happens at expiry (onExpiry).",
    defaultLevel: "mandatory",
    config: z.object({
        allowed: z
            .array(z.enum(ON_EXPIRY_VALUES))
            .min(1)
            .default([...ON_EXPIRY_VALUES])
            .describe("The onExpiry values this stack accepts. Default: all of renew, payPerUse, release."),
    }),
} satisfies RuleSpec<z.ZodRawShape>;

/** Every Subscription states `onExpiry`, and only a value from `allowed`. */
export function subscriptionExpiryStated(args?: RuleArgs<ConfigOf<typeof expiryStatedSpec.config.shape>>): policy.ResourceValidationPolicy {
    const rule = bindRule(expiryStatedSpec, args);
    return {
        ...rule.policy,
        validateResource: forType(SUBSCRIPTION_TYPE, (args: policy.ResourceValidationArgs, report: policy.ReportViolation) => {
            const config = rule.readConfig(args.getConfig);
            const onExpiry = readString(args.props, "onExpiry");
            if (onExpiry === UNKNOWN) return;
            const subject = describeSubscription(args.name, args.props);
            if (onExpiry === undefined) {
                report(`${subject} does not state onExpiry, so BSS's current setting silently decides whether it is renewed. ` +
                    `Fix: set onExpiry to one of ${config.allowed.map((v) => `"${v}"`).join(", ")}.`);
                return;
            }
            if (!(config.allowed as string[]).includes(onExpiry)) {
                report(`${subject} has onExpiry ${quote(onExpiry)}, which this stack does not allow (allowed: ${config.allowed.join(", ")}). ` +
                    `Fix: set onExpiry to one of ${config.allowed.map((v) => `"${v}"`).join(", ")}, or add ${quote(onExpiry)} to "allowed" in the policy config.`);
            }
        }),
    };
}

// ---------------------------------------------------------------------------------------------
export const releaseForbiddenSpec = {
    name: "subscription-release-forbidden",
    description: "onExpiry \"release\" is forbidden for the configured services, regions, resources and names.",
    defaultLevel: "mandatory",
    config: z.object({
        services: stringList.default([]).describe("BSS service type codes (e.g. \"hws.service.type.ebs\") whose subscriptions must not be released at expiry (BSS reports the service: checked on the outputs, at the end of preview and up)."),
        regions: stringList.default([]).describe("Region codes (e.g. \"cn-north-4\") whose subscriptions must not be released at expiry (checked on the outputs, like services)."),
        resourceIds: stringList.default([]).describe("BSS resource ids that must not be released at expiry."),
        names: stringList.default([]).describe("Logical resource names (globs: * and ?) that must not be released at expiry."),
    }),
} satisfies RuleSpec<z.ZodRawShape>;

type ReleaseForbiddenConfig = ConfigOf<typeof releaseForbiddenSpec.config.shape>;

/**
 * `onExpiry: "release"` is refused for chosen resource ids and names, checked on the inputs before
 * the engine acts; and for chosen services and regions, which only BSS knows: those are checked
 * on the outputs (the stack check), i.e. for subscriptions already in the stack, at the end of a
 * preview (unchanged ones) and at the end of `up`. Each subscription is reported once.
 */
export function subscriptionReleaseForbidden(args?: RuleArgs<ReleaseForbiddenConfig>): policy.ResourceValidationPolicy & policy.StackValidationPolicy {
    const rule = bindRule(releaseForbiddenSpec, args);
    const fix = `Fix: set onExpiry to "renew" (with renewUntil) or "payPerUse".`;
    return {
        ...rule.policy,
        validateResource: forType(SUBSCRIPTION_TYPE, (args: policy.ResourceValidationArgs, report: policy.ReportViolation) => {
            const config = rule.readConfig(args.getConfig);
            if (config.resourceIds.length + config.names.length === 0) args.notApplicable("no resourceIds or names configured");
            if (readString(args.props, "onExpiry") !== "release") return;
            const reasons: string[] = [];
            const resourceId = readString(args.props, "resourceId");
            if (typeof resourceId === "string" && config.resourceIds.includes(resourceId)) reasons.push(`resource ${quote(resourceId)} is listed in resourceIds`);
            const pattern = config.names.find((p) => globMatches(p, args.name));
            if (pattern !== undefined) reasons.push(`its name matches ${quote(pattern)} in names`);
            if (reasons.length === 0) return;
            report(`${describeSubscription(args.name, args.props)} is set to be released at expiry (onExpiry "release"), but ${reasons.join(" and ")}. ${fix}`);
        }),
        validateStack: tagType(SUBSCRIPTION_TYPE, (args: policy.StackValidationArgs, report: policy.ReportViolation) => {
            const config = rule.readConfig(args.getConfig);
            if (config.services.length + config.regions.length === 0) args.notApplicable("no services or regions configured");
            for (const resource of args.resources) {
                if (resource.type !== SUBSCRIPTION_TYPE || readString(resource.props, "onExpiry") !== "release") continue;
                const reasons: string[] = [];
                const service = readString(resource.props, "serviceTypeCode");
                const region = readString(resource.props, "region");
                if (typeof service === "string" && config.services.includes(service)) reasons.push(`service ${quote(service)} is listed in services`);
                if (typeof region === "string" && config.regions.includes(region)) reasons.push(`region ${quote(region)} is listed in regions`);
                if (reasons.length === 0) continue;
                report(`${describeSubscription(resource.name, resource.props)} is set to be released at expiry (onExpiry "release"), but ${reasons.join(" and ")}. ${fix}`, resource.urn);
            }
        }),
    };
}

// ---------------------------------------------------------------------------------------------
export const unsubscribeGuardSpec = {
    name: "subscription-unsubscribe-guard",
    description: "onDelete \"unsubscribe\" (money back, resource gone) only on protected or allow-listed Subscriptions.",
    defaultLevel: "mandatory",
    remediationSteps: "Set onDelete to \"retain\" (destroy then only forgets the subscription), or protect the resource, or allow-list it.",
    config: z.object({
        allowWhenProtected: z.boolean().default(true).describe("Allow unsubscribe on resources with the protect option (destroy then needs an explicit unprotect first). false: never allow it there."),
        allowedResourceIds: stringList.default([]).describe("BSS resource ids on which unsubscribe is allowed."),
        allowedNames: stringList.default([]).describe("Logical names (globs: * and ?) on which unsubscribe is allowed."),
        includeRenewalsOnly: z.boolean().default(false).describe("Also guard onDelete \"unsubscribeRenewals\" (refunds the renewed periods only)."),
    }),
} satisfies RuleSpec<z.ZodRawShape>;

type UnsubscribeGuardConfig = ConfigOf<typeof unsubscribeGuardSpec.config.shape>;

/** Why this resource may unsubscribe on delete, or undefined when it may not. */
function unsubscribeAllowance(config: UnsubscribeGuardConfig, args: policy.ResourceValidationArgs): string | undefined {
    if (config.allowWhenProtected && args.opts?.protect) return "protected";
    const resourceId = readString(args.props, "resourceId");
    if (typeof resourceId === "string" && config.allowedResourceIds.includes(resourceId)) return "allow-listed id";
    if (config.allowedNames.some((p) => globMatches(p, args.name))) return "allow-listed name";
    return undefined;
}

function guardedOnDelete(config: UnsubscribeGuardConfig, onDelete: unknown): onDelete is string {
    return onDelete === "unsubscribe" || (config.includeRenewalsOnly && onDelete === "unsubscribeRenewals");
}

/**
 * `onDelete: "unsubscribe"` refunds and removes the resource when the Subscription is destroyed:
 * allowed only on protected resources or allow-listed ones (or never, by config). With the level
 * `remediate`, the rule rewrites onDelete to "retain" and keeps every other property.
 */
export function subscriptionUnsubscribeGuard(args?: RuleArgs<UnsubscribeGuardConfig>): policy.ResourceValidationPolicy {
    const rule = bindRule(unsubscribeGuardSpec, args);
    return {
        ...rule.policy,
        validateResource: forType(SUBSCRIPTION_TYPE, (args: policy.ResourceValidationArgs, report: policy.ReportViolation) => {
            const config = rule.readConfig(args.getConfig);
            const onDelete = readString(args.props, "onDelete");
            if (!guardedOnDelete(config, onDelete)) return;
            if (unsubscribeAllowance(config, args) !== undefined) return;
            const ways = [
                ...(config.allowWhenProtected ? ["protect the resource (opts: { protect: true })"] : []),
                "add its name to allowedNames or its resource id to allowedResourceIds in the policy config",
            ];
            report(`${describeSubscription(args.name, args.props)} has onDelete ${quote(onDelete)}: destroying it would unsubscribe the resource in BSS. ` +
                `Fix: set onDelete to "retain", or ${ways.join(", or ")}.`);
        }),
        remediateResource: forType(SUBSCRIPTION_TYPE, (args: policy.ResourceValidationArgs) => {
            const config = rule.readConfig(args.getConfig);
            const onDelete = readString(args.props, "onDelete");
            if (!guardedOnDelete(config, onDelete)) return undefined;
            if (unsubscribeAllowance(config, args) !== undefined) return undefined;
            return { ...rawProps(args.props), onDelete: "retain" };
        }),
    };
}

// ---------------------------------------------------------------------------------------------
export const renewUntilHorizonSpec = {
    name: "subscription-renew-until-horizon",
    description: "renewUntil is at most the configured number of months ahead.",
    defaultLevel: "advisory",
    config: z.object({
        maxMonths: z.number().int().min(1).max(600).default(36).describe("How far ahead renewUntil may be, in calendar months from today. Default 36."),
        asOf: dateSetting.optional().describe("Evaluate as if today were this date (for offline runs against an emulator's virtual clock)."),
    }),
} satisfies RuleSpec<z.ZodRawShape>;

/** `renewUntil` no further ahead than `maxMonths`: a far date commits years of spending at once. */
export function subscriptionRenewUntilHorizon(
    args?: RuleArgs<ConfigOf<typeof renewUntilHorizonSpec.config.shape>>,
    options: RuleOptions = {},
): policy.ResourceValidationPolicy {
    const rule = bindRule(renewUntilHorizonSpec, args);
    const now = options.now ?? (() => new Date());
    return {
        ...rule.policy,
        validateResource: forType(SUBSCRIPTION_TYPE, (args: policy.ResourceValidationArgs, report: policy.ReportViolation) => {
            const config = rule.readConfig(args.getConfig);
            const renewUntil = readString(args.props, "renewUntil");
            if (typeof renewUntil !== "string") return;
            const until = parseInstant(renewUntil);
            if (Number.isNaN(until)) return; // the provider's check rejects it with a precise message
            const today = currentInstant(config.asOf, now);
            const horizon = addMonths(today, config.maxMonths);
            if (until <= horizon) return;
            report(`${describeSubscription(args.name, args.props)} has renewUntil ${renewUntil}, beyond the ${config.maxMonths}-month horizon (${formatDay(horizon)}). ` +
                `Fix: set renewUntil to ${formatDay(horizon)} or earlier, or raise maxMonths in the policy config.`);
        }),
    };
}

// ---------------------------------------------------------------------------------------------
export const renewalRequiredSpec = {
    name: "subscription-renewal-required",
    description: "Selected Subscriptions (by stack tag, name or resource id) must renew at expiry.",
    defaultLevel: "mandatory",
    config: z.object({
        stackTags: z.record(z.string(), z.string()).default({}).describe("Stack tags that must all match for the rule to apply (e.g. {\"env\": \"prod\"}). Empty: every stack."),
        names: stringList.default([]).describe("Logical names (globs: * and ?) of the Subscriptions that must renew."),
        resourceIds: stringList.default([]).describe("BSS resource ids that must renew."),
        acceptPayPerUse: z.boolean().default(false).describe("Also accept onExpiry \"payPerUse\" (the resource keeps running, billed by use)."),
    }),
} satisfies RuleSpec<z.ZodRawShape>;

/**
 * Production resources must not lapse: for the selected Subscriptions, `onExpiry` must be
 * "renew" (or "payPerUse" when accepted). Applies to nothing until some selector is configured;
 * with only stackTags, it covers every Subscription of the matching stacks.
 */
export function subscriptionRenewalRequired(args?: RuleArgs<ConfigOf<typeof renewalRequiredSpec.config.shape>>): policy.ResourceValidationPolicy {
    const rule = bindRule(renewalRequiredSpec, args);
    return {
        ...rule.policy,
        validateResource: forType(SUBSCRIPTION_TYPE, (args: policy.ResourceValidationArgs, report: policy.ReportViolation) => {
            const config = rule.readConfig(args.getConfig);
            const tagEntries = Object.entries(config.stackTags);
            const resourceSelectors = config.names.length + config.resourceIds.length;
            if (tagEntries.length === 0 && resourceSelectors === 0) args.notApplicable("no stackTags, names or resourceIds configured");
            for (const [tag, value] of tagEntries) {
                if (args.stackTags?.get(tag) !== value) args.notApplicable(`stack tag ${tag} is not ${value}`);
            }
            const reasons: string[] = [];
            if (resourceSelectors === 0) reasons.push(`the stack is tagged ${tagEntries.map(([k, v]) => `${k}=${v}`).join(", ")}`);
            const pattern = config.names.find((p) => globMatches(p, args.name));
            if (pattern !== undefined) reasons.push(`its name matches ${quote(pattern)}`);
            const resourceId = readString(args.props, "resourceId");
            if (typeof resourceId === "string" && config.resourceIds.includes(resourceId)) reasons.push(`resource ${quote(resourceId)} is listed`);
            if (reasons.length === 0) return;

            const onExpiry = readString(args.props, "onExpiry");
            if (onExpiry === UNKNOWN) return;
            if (onExpiry === "renew" || (config.acceptPayPerUse && onExpiry === "payPerUse")) return;
            const wanted = config.acceptPayPerUse ? "\"renew\" or \"payPerUse\"" : "\"renew\"";
            const current = onExpiry === undefined ? "does not state onExpiry" : `has onExpiry ${quote(onExpiry)}`;
            report(`${describeSubscription(args.name, args.props)} must renew at expiry (${reasons.join("; ")}) but ${current}. ` +
                `Fix: set onExpiry to ${wanted}.`);
        }),
    };
}

// ---------------------------------------------------------------------------------------------
export const autoRenewLimitSpec = {
    name: "subscription-auto-renew-limit",
    description: "Auto-renewal is bounded: autoRenewTimes is set, not 0 (unlimited), and at most the configured maximum.",
    defaultLevel: "mandatory",
    config: z.object({
        maxTimes: z.number().int().min(1).max(99).optional().describe("Largest autoRenewTimes allowed (BSS accepts 1..99; 0 or absent means unlimited). Unset: the rule does nothing."),
    }),
} satisfies RuleSpec<z.ZodRawShape>;

/** With `onExpiry: "renew"`, BSS auto-renews forever unless `autoRenewTimes` bounds it. */
export function subscriptionAutoRenewLimit(args?: RuleArgs<ConfigOf<typeof autoRenewLimitSpec.config.shape>>): policy.ResourceValidationPolicy {
    const rule = bindRule(autoRenewLimitSpec, args);
    return {
        ...rule.policy,
        validateResource: forType(SUBSCRIPTION_TYPE, (args: policy.ResourceValidationArgs, report: policy.ReportViolation) => {
            const config = rule.readConfig(args.getConfig);
            if (config.maxTimes === undefined) args.notApplicable("maxTimes is not configured");
            const maxTimes = config.maxTimes as number;
            if (readString(args.props, "onExpiry") !== "renew") return;
            const times = readNumber(args.props, "autoRenewTimes");
            if (times === UNKNOWN) return;
            const subject = describeSubscription(args.name, args.props);
            if (times === undefined || times === 0) {
                const what = times === 0 ? "autoRenewTimes 0, which BSS reads as unlimited" : "no autoRenewTimes, so BSS auto-renews without limit";
                report(`${subject} auto-renews with ${what}. Fix: set autoRenewTimes between 1 and ${maxTimes}.`);
            } else if (times > maxTimes) {
                report(`${subject} has autoRenewTimes ${times}, over the maximum of ${maxTimes}. Fix: set autoRenewTimes to ${maxTimes} or less.`);
            }
        }),
    };
}

// ---------------------------------------------------------------------------------------------
export const paymentModeSpec = {
    name: "subscription-payment-mode",
    description: "Renewal orders are not left unpaid: forbidden payment modes (default \"pending\").",
    defaultLevel: "advisory",
    config: z.object({
        forbiddenModes: stringList.default(["pending"]).describe("Payment modes refused. \"pending\" leaves each renewal order waiting for manual payment, so the resource is not renewed until someone pays."),
    }),
} satisfies RuleSpec<z.ZodRawShape>;

/** The payment mode: `payment` itself when a string, else `payment.mode`. */
function paymentModeOf(props: unknown): string | typeof UNKNOWN | undefined {
    const payment = readProp(props, "payment");
    if (payment === UNKNOWN || typeof payment === "string") return payment;
    if (payment && typeof payment === "object") return readString(payment, "mode");
    return undefined;
}

export function subscriptionPaymentMode(args?: RuleArgs<ConfigOf<typeof paymentModeSpec.config.shape>>): policy.ResourceValidationPolicy {
    const rule = bindRule(paymentModeSpec, args);
    return {
        ...rule.policy,
        validateResource: forType(SUBSCRIPTION_TYPE, (args: policy.ResourceValidationArgs, report: policy.ReportViolation) => {
            const config = rule.readConfig(args.getConfig);
            const mode = paymentModeOf(args.props);
            if (typeof mode !== "string" || !config.forbiddenModes.includes(mode)) return;
            report(`${describeSubscription(args.name, args.props)} uses payment mode ${quote(mode)}, which this stack forbids: ` +
                `its renewal orders would wait for manual payment and the resource would not be renewed until then. ` +
                `Fix: use automatic payment (remove the payment setting or choose another mode).`);
        }),
    };
}

// ---------------------------------------------------------------------------------------------
export const renewalPeriodSpec = {
    name: "subscription-renewal-period",
    description: "One update renews for at most the configured length, in allowed period units.",
    defaultLevel: "mandatory",
    config: z.object({
        maxMonths: z.number().int().min(1).optional().describe("Longest renewal one update may order, in months (a year counts 12). Unset: no limit."),
        allowedPeriodTypes: z.array(z.enum(PERIOD_TYPES)).min(1).default([...PERIOD_TYPES]).describe("Period units renewals may be ordered in. Default: month and year."),
    }),
} satisfies RuleSpec<z.ZodRawShape>;

/** The length and unit of the planned renewal (`plannedRenewal.periods` / `periodType`). */
export function subscriptionRenewalPeriod(args?: RuleArgs<ConfigOf<typeof renewalPeriodSpec.config.shape>>): policy.ResourceValidationPolicy {
    const rule = bindRule(renewalPeriodSpec, args);
    return {
        ...rule.policy,
        validateResource: forType(SUBSCRIPTION_TYPE, (args: policy.ResourceValidationArgs, report: policy.ReportViolation) => {
            const config = rule.readConfig(args.getConfig);
            if (config.maxMonths === undefined && PERIOD_TYPES.every((t) => (config.allowedPeriodTypes as string[]).includes(t))) {
                args.notApplicable("no maxMonths and every period type allowed");
            }
            const plan = plannedRenewalOf(args.props);
            if (plan === null || plan === UNKNOWN) return;
            const subject = describeSubscription(args.name, args.props);
            if (typeof plan.periodType === "string" && !(config.allowedPeriodTypes as string[]).includes(plan.periodType)) {
                report(`${subject} plans ${describePlan(plan)}, in ${plan.periodType}s, which this stack does not allow (allowed: ${config.allowedPeriodTypes.join(", ")}). ` +
                    `Fix: choose a renewUntil that BSS can reach in ${config.allowedPeriodTypes.join(" or ")} periods, or allow the unit in the policy config.`);
            }
            if (config.maxMonths === undefined || typeof plan.periods !== "number" || typeof plan.periodType !== "string") return;
            const months = plan.periodType === "year" ? plan.periods * 12 : plan.periodType === "month" ? plan.periods : undefined;
            if (months === undefined || months <= config.maxMonths) return;
            report(`${subject} plans ${describePlan(plan)}: ${months} months in one update, over the maximum of ${config.maxMonths}. ` +
                `Fix: move renewUntil closer so that at most ${config.maxMonths} months are ordered, or raise maxMonths in the policy config.`);
        }),
    };
}
