/**
 * A stack policy over the Subscriptions' outputs: what BSS reported at the last `up` (expireTime,
 * expirePolicy) together with what the program asked for (onExpiry, renewUntil). It reports the
 * subscriptions that expire soon with nothing planned to keep them.
 */
import * as policy from "@pulumi/policy";
import { z } from "zod";
import { addDays, currentInstant, daysBetween, formatDay, parseInstant } from "./dates";
import { readProp, readString, UNKNOWN } from "./props";
import { bindRule, ConfigOf, dateSetting, forType, tagType, RuleArgs, RuleOptions, RuleSpec } from "./rule";
import { describeSubscription, SUBSCRIPTION_TYPE } from "./subscription";

export const expiringSoonSpec = {
    name: "subscription-expiring-soon",
    description: "Subscriptions that expire within the configured days have a renewal or pay-per-use planned.",
    defaultLevel: "advisory",
    config: z.object({
        days: z.number().int().min(0).max(3660).default(30).describe("Report subscriptions expiring within this many days. Default 30."),
        reportPayPerUse: z.boolean().default(false).describe("Also report those that switch to pay-per-use at expiry (they keep running, at a different price)."),
        asOf: dateSetting.optional().describe("Evaluate as if today were this date (for offline runs against an emulator's virtual clock)."),
    }),
} satisfies RuleSpec<z.ZodRawShape>;

/** BSS expire_policy codes: 1 converts to pay-per-use at expiry, 3 renews automatically. */
type Continuation = "renew" | "payPerUse" | undefined;

function continuationOfPolicy(expirePolicy: unknown): Continuation {
    if (expirePolicy === 3 || expirePolicy === "3") return "renew";
    if (expirePolicy === 1 || expirePolicy === "1") return "payPerUse";
    if (typeof expirePolicy === "string") {
        const text = expirePolicy.toLowerCase();
        if (text.includes("renew")) return "renew";
        if (text.includes("payperuse") || text.includes("on-demand") || text.includes("ondemand")) return "payPerUse";
    }
    return undefined;
}

/** What keeps the resource after `expires`, as far as the props tell; undefined when nothing does. */
function continuation(props: unknown, expires: number): Continuation | "renewUntil" {
    const onExpiry = readString(props, "onExpiry");
    if (onExpiry === "renew" || onExpiry === "payPerUse") return onExpiry;
    const renewUntil = readString(props, "renewUntil");
    if (typeof renewUntil === "string" && parseInstant(renewUntil) > expires) return "renewUntil";
    // Without a stated onExpiry, BSS's own setting (an output) decides.
    if (onExpiry === undefined) return continuationOfPolicy(readProp(props, "expirePolicy"));
    return undefined;
}

/**
 * After `up`, subscriptions whose `expireTime` falls within `days` and that nothing keeps alive
 * (no auto-renew, no pay-per-use switch, no renewUntil past the expiry) are reported, one violation
 * each. During a preview of new subscriptions there is no expireTime yet and nothing is reported.
 */
export function subscriptionExpiringSoon(
    args?: RuleArgs<ConfigOf<typeof expiringSoonSpec.config.shape>>,
    options: RuleOptions = {},
): policy.StackValidationPolicy {
    const rule = bindRule(expiringSoonSpec, args);
    const now = options.now ?? (() => new Date());
    return {
        ...rule.policy,
        validateStack: tagType(SUBSCRIPTION_TYPE, (args: policy.StackValidationArgs, report: policy.ReportViolation) => {
            const config = rule.readConfig(args.getConfig);
            const today = currentInstant(config.asOf, now);
            const limit = addDays(today, config.days);
            for (const resource of args.resources) {
                if (resource.type !== SUBSCRIPTION_TYPE) continue;
                const expireTime = readString(resource.props, "expireTime");
                if (expireTime === UNKNOWN || expireTime === undefined) continue;
                const expires = parseInstant(expireTime);
                if (Number.isNaN(expires) || expires > limit) continue;
                const keeps = continuation(resource.props, expires);
                if (keeps === "renew" || keeps === "renewUntil") continue;
                if (keeps === "payPerUse" && !config.reportPayPerUse) continue;
                const subject = describeSubscription(resource.name, resource.props);
                const left = daysBetween(today, expires);
                const when = left < 0 ? `expired on ${formatDay(expires)} (${-left} day(s) ago)` : `expires on ${formatDay(expires)} (in ${left} day(s))`;
                const what = keeps === "payPerUse"
                    ? "and then switches to pay-per-use"
                    : "with nothing planned: it is released at expiry";
                report(`${subject} ${when}, within the ${config.days}-day window, ${what}. ` +
                    `Fix: set onExpiry to "renew", or renewUntil past ${formatDay(expires)}${keeps === "payPerUse" ? "" : ", or onExpiry \"payPerUse\""}; ` +
                    `or, if letting it go is intended, lower days in the policy config for this stack.`, resource.urn);
            }
        }),
    };
}
