/**
 * Budget rules on the renewals an update will buy. The provider's `check` puts the renewal it is
 * going to order into the checked inputs as `plannedRenewal` ({ periods, periodType, until,
 * amount, currency }), so the price is known before anything is bought. Amounts are compared as
 * exact decimals, in the account's currency: a plan in another currency is a violation, never
 * converted.
 */
import * as policy from "@pulumi/policy";
import { z } from "zod";
import { parseInstant } from "./dates";
import { compareDecimal, Decimal, formatDecimal, formatMoney, parseDecimal, sumDecimals, ZERO } from "./money";
import { quote, readProp, readString, UNKNOWN } from "./props";
import { amountSetting, bindRule, ConfigOf, currencySetting, forType, tagType, RuleArgs, RuleSpec } from "./rule";
import { describePlan, describeSubscription, PlannedRenewal, plannedRenewalOf, SUBSCRIPTION_TYPE } from "./subscription";

const budgetConfig = z.object({
    maxAmount: amountSetting.optional().describe("The budget, a decimal string (\"500.00\") or number, in `currency`. Unset: the rule does nothing."),
    currency: currencySetting.optional().describe("The account's currency (\"CNY\", \"USD\", ...). Required with maxAmount; plans in any other currency are violations."),
});
type BudgetConfig = ConfigOf<typeof budgetConfig.shape>;

/** The plan's amount when it can be counted against the budget, or the reason it cannot. */
type Priced = { readonly ok: true; readonly amount: Decimal } | { readonly ok: false; readonly problem: string } | { readonly ok: "unknown" };

function pricePlan(plan: PlannedRenewal, currency: string): Priced {
    if (plan.amount === UNKNOWN || plan.currency === UNKNOWN) return { ok: "unknown" };
    if (plan.amount === undefined) {
        const why = plan.note !== undefined ? ` (${plan.note.slice(0, 200)})` : "";
        return { ok: false, problem: `plans ${describePlan(plan)} without a price${why}, so the budget cannot be checked` };
    }
    if (plan.currency === undefined) {
        return { ok: false, problem: `plans ${describePlan(plan)} for ${formatDecimal(plan.amount)} in an unstated currency, so the budget in ${currency} cannot be checked` };
    }
    if (plan.currency !== currency) {
        return {
            ok: false,
            problem: `plans ${describePlan(plan)} for ${formatMoney(plan.amount, plan.currency)}, but the budget is in ${currency} and amounts are never converted`,
        };
    }
    return { ok: true, amount: plan.amount };
}

/** The configured budget, or a message saying why the config is incomplete. */
function budgetOf(config: BudgetConfig): { max: Decimal; currency: string } | { missing: string } | undefined {
    if (config.maxAmount === undefined) return undefined;
    if (config.currency === undefined) return { missing: "maxAmount is set without currency: state the account's currency (e.g. \"CNY\") in the policy config" };
    return { max: parseDecimal(config.maxAmount), currency: config.currency };
}

// ---------------------------------------------------------------------------------------------
export const renewalBudgetSpec = {
    name: "subscription-renewal-budget",
    description: "The renewal one update buys for one Subscription stays within the per-resource budget.",
    defaultLevel: "mandatory",
    config: budgetConfig.extend({
        requireMaxRenewalCost: z
            .boolean()
            .default(false)
            .describe("Also require every Subscription with renewUntil to set its own maxRenewalCost (at most maxAmount): the provider then refuses a dearer renewal even when this pack is not run."),
    }),
} satisfies RuleSpec<z.ZodRawShape>;

type RenewalBudgetConfig = ConfigOf<typeof renewalBudgetSpec.config.shape>;

/** With requireMaxRenewalCost: the program's own cap is set where it renews, and not above the budget. */
function checkOwnCap(config: RenewalBudgetConfig, budget: ReturnType<typeof budgetOf>, props: unknown): string | undefined {
    if (!config.requireMaxRenewalCost) return undefined;
    const cap = readProp(props, "maxRenewalCost");
    const renewUntil = readString(props, "renewUntil");
    if (cap === UNKNOWN || renewUntil === UNKNOWN) return undefined;
    const limit = budget !== undefined && !("missing" in budget) ? budget : undefined;
    const bound = limit ? ` (at most ${formatMoney(limit.max, limit.currency)})` : "";
    if (cap === undefined || cap === null) {
        if (renewUntil === undefined) return undefined;
        return `renews up to renewUntil ${renewUntil} without its own maxRenewalCost, which this stack requires. Fix: set maxRenewalCost${bound}`;
    }
    if (!limit || (typeof cap !== "string" && typeof cap !== "number")) return undefined;
    let own: Decimal;
    try {
        own = parseDecimal(cap);
    } catch {
        return undefined; // the provider's check rejects it with a precise message
    }
    if (compareDecimal(own, limit.max) <= 0) return undefined;
    return `sets maxRenewalCost ${formatDecimal(own)}, above the per-resource budget of ${formatMoney(limit.max, limit.currency)}. Fix: lower maxRenewalCost to ${formatDecimal(limit.max)} or less`;
}

/**
 * Per resource: `plannedRenewal.amount` at most `maxAmount`, in `currency`; optionally, the
 * program's own `maxRenewalCost` set and within the budget too.
 */
export function subscriptionRenewalBudget(args?: RuleArgs<RenewalBudgetConfig>): policy.ResourceValidationPolicy {
    const rule = bindRule(renewalBudgetSpec, args);
    return {
        ...rule.policy,
        validateResource: forType(SUBSCRIPTION_TYPE, (args: policy.ResourceValidationArgs, report: policy.ReportViolation) => {
            const config = rule.readConfig(args.getConfig);
            const budget = budgetOf(config);
            if (budget === undefined && !config.requireMaxRenewalCost) args.notApplicable("maxAmount is not configured");
            const subject = describeSubscription(args.name, args.props);
            const capProblem = checkOwnCap(config, budget, args.props);
            if (capProblem !== undefined) report(`${subject} ${capProblem}.`);
            if (budget === undefined) return;
            const plan = plannedRenewalOf(args.props);
            if (plan === null || plan === UNKNOWN) return;
            if ("missing" in budget) {
                report(`${subject} cannot be checked: ${budget.missing}.`);
                return;
            }
            const { max, currency } = budget;
            const priced = pricePlan(plan, currency);
            if (priced.ok === "unknown") return;
            if (!priced.ok) {
                report(`${subject} ${priced.problem}. Fix: make sure the renewal is priced in ${currency}, or correct currency in the policy config.`);
                return;
            }
            if (compareDecimal(priced.amount, max) <= 0) return;
            report(`${subject} plans ${describePlan(plan)} for ${formatMoney(priced.amount, currency)}, over the per-resource budget of ${formatMoney(max, currency)}. ` +
                `Fix: move renewUntil closer (or renew in smaller steps over several updates), or raise maxAmount in the policy config.`);
        }),
    };
}

// ---------------------------------------------------------------------------------------------
export const stackRenewalBudgetSpec = {
    name: "stack-renewal-budget",
    description: "The renewals one update buys across the whole stack stay within the stack budget.",
    defaultLevel: "mandatory",
    config: budgetConfig,
} satisfies RuleSpec<z.ZodRawShape>;

/**
 * A plan in a stack policy's props still has to be bought unless the outputs show the resource
 * already paid up to its end: after `up`, `expireTime` has moved to (or past) `plannedRenewal.until`.
 * Without this, a later preview or the end of `up` would count renewals bought long ago.
 */
function isPending(plan: PlannedRenewal, props: unknown): boolean {
    if (typeof plan.until !== "string") return true;
    const expireTime = readString(props, "expireTime");
    if (typeof expireTime !== "string") return true;
    const until = parseInstant(plan.until);
    const expires = parseInstant(expireTime);
    if (Number.isNaN(until) || Number.isNaN(expires)) return true;
    return expires < until;
}

/**
 * The whole stack's planned renewals at most `maxAmount`.
 *
 * Two checks under one rule and one config. A stack policy runs only after every resource, which
 * in `pulumi up --skip-preview` (the Automation API's `up`) is after the money is spent; so the
 * rule also keeps a running total over the Subscriptions as the engine analyses them, one at a
 * time before each is acted on, and refuses the one that would take the update over the budget.
 * At the end (stack check) it reports the total of the plans still pending.
 */
export function stackRenewalBudget(args?: RuleArgs<BudgetConfig>): policy.ResourceValidationPolicy & policy.StackValidationPolicy {
    const rule = bindRule(stackRenewalBudgetSpec, args);
    // Per analyser process (one per preview or update); keyed by URN so a resource analysed twice counts once.
    const planned = new Map<string, Decimal>();
    return {
        ...rule.policy,
        validateResource: forType(SUBSCRIPTION_TYPE, (args: policy.ResourceValidationArgs, report: policy.ReportViolation) => {
            const budget = budgetOf(rule.readConfig(args.getConfig));
            if (budget === undefined) args.notApplicable("maxAmount is not configured");
            const plan = plannedRenewalOf(args.props);
            if (plan === null || plan === UNKNOWN) {
                planned.delete(args.urn);
                return;
            }
            const subject = describeSubscription(args.name, args.props);
            if ("missing" in budget!) {
                report(`${subject} cannot be checked against the stack budget: ${budget.missing}.`);
                return;
            }
            const { max, currency } = budget!;
            const priced = pricePlan(plan, currency);
            if (priced.ok === "unknown") return;
            if (!priced.ok) {
                report(`${subject} ${priced.problem}; it cannot be counted in the stack budget. Fix: make sure the renewal is priced in ${currency}, or correct currency in the policy config.`);
                return;
            }
            planned.set(args.urn, priced.amount);
            const total = sumDecimals(planned.values());
            if (compareDecimal(total, max) <= 0) return;
            report(`${subject} plans ${describePlan(plan)} for ${formatMoney(priced.amount, currency)}, which takes the renewals of this update to ` +
                `${formatMoney(total, currency)} (${planned.size} subscription(s) so far), over the stack budget of ${formatMoney(max, currency)}. ` +
                `Fix: renew fewer subscriptions or shorter periods in this update (move renewUntil closer), or raise maxAmount in the policy config.`);
        }),
        validateStack: tagType(SUBSCRIPTION_TYPE, (args: policy.StackValidationArgs, report: policy.ReportViolation) => {
            const budget = budgetOf(rule.readConfig(args.getConfig));
            if (budget === undefined) args.notApplicable("maxAmount is not configured");
            if ("missing" in budget!) return; // reported per resource
            const { max, currency } = budget!;
            const amounts: Decimal[] = [];
            const names: string[] = [];
            let unknown = 0;
            let uncounted = 0;
            for (const resource of args.resources) {
                if (resource.type !== SUBSCRIPTION_TYPE) continue;
                const plan = plannedRenewalOf(resource.props);
                if (plan === null) continue;
                if (plan === UNKNOWN) {
                    unknown++;
                    continue;
                }
                if (!isPending(plan, resource.props)) continue;
                const priced = pricePlan(plan, currency);
                if (priced.ok === "unknown") unknown++;
                else if (!priced.ok) uncounted++;
                else {
                    amounts.push(priced.amount);
                    names.push(resource.name);
                }
            }
            const total = amounts.length > 0 ? sumDecimals(amounts) : ZERO;
            if (compareDecimal(total, max) <= 0) return;
            const notes = [
                ...(unknown > 0 ? [`${unknown} more not priced yet during preview`] : []),
                ...(uncounted > 0 ? [`${uncounted} more not countable (see their own violations)`] : []),
            ];
            report(`The stack plans renewals for ${formatMoney(total, currency)} across ${amounts.length} subscription(s) ` +
                `(${names.slice(0, 10).map(quote).join(", ")}${names.length > 10 ? ", ..." : ""})${notes.length > 0 ? `, ${notes.join(", ")}` : ""}, ` +
                `over the stack budget of ${formatMoney(max, currency)}. ` +
                `Fix: renew fewer subscriptions or shorter periods in this update (move renewUntil closer), or raise maxAmount in the policy config.`);
        }),
    };
}
