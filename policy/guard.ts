/**
 * The pack as a whole: every rule by name, and the awsguard-style arguments that set one level for
 * all rules and override it, or configure, rule by rule.
 *
 *     new BssGuard();                                       // every rule at its default level
 *     new BssGuard({ all: "mandatory" });                   // every rule mandatory
 *     new BssGuard({ all: "advisory", "subscription-unsubscribe-guard": "mandatory" });
 *     new BssGuard({ "stack-renewal-budget": { maxAmount: "5000", currency: "CNY" } });
 *     new BssGuard({ all: "disabled", "subscription-expiry-stated": "mandatory" });  // only one rule
 *
 * The same keys work in a policy config file for the shipped pack (`policy/`), where the CLI
 * applies them on top of what the code set.
 */
import { Policies, PolicyPack, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { stackRenewalBudget, subscriptionRenewalBudget } from "./budget-rules";
import { subscriptionExpiringSoon } from "./expiry-report";
import { subAccountFundingLimit } from "./funding-rules";
import { EnforcementLevel, isEnforcementLevel, PolicyConfigError, RuleArgs, RuleOptions } from "./rule";
import {
    subscriptionAutoRenewLimit,
    subscriptionExpiryStated,
    subscriptionPaymentMode,
    subscriptionReleaseForbidden,
    subscriptionRenewalPeriod,
    subscriptionRenewalRequired,
    subscriptionRenewUntilHorizon,
    subscriptionUnsubscribeGuard,
} from "./subscription-rules";

export const PACK_NAME = "huaweicloud-bss";

type Factory = (args: RuleArgs<any> | undefined, options: RuleOptions) => ResourceValidationPolicy | StackValidationPolicy;

/** Every rule of the pack, by policy name, in the order the pack lists them. */
export const RULE_FACTORIES: Readonly<Record<string, Factory>> = {
    "subscription-expiry-stated": (args) => subscriptionExpiryStated(args),
    "subscription-release-forbidden": (args) => subscriptionReleaseForbidden(args),
    "subscription-renewal-budget": (args) => subscriptionRenewalBudget(args),
    "stack-renewal-budget": (args) => stackRenewalBudget(args),
    "subscription-unsubscribe-guard": (args) => subscriptionUnsubscribeGuard(args),
    "subscription-renew-until-horizon": (args, options) => subscriptionRenewUntilHorizon(args, options),
    "subscription-expiring-soon": (args, options) => subscriptionExpiringSoon(args, options),
    "subscription-renewal-required": (args) => subscriptionRenewalRequired(args),
    "subscription-auto-renew-limit": (args) => subscriptionAutoRenewLimit(args),
    "subscription-payment-mode": (args) => subscriptionPaymentMode(args),
    "subscription-renewal-period": (args) => subscriptionRenewalPeriod(args),
    "sub-account-funding-limit": (args) => subAccountFundingLimit(args),
};

export type RuleName = keyof typeof RULE_FACTORIES;

/** `all`: one level for every rule; then, per rule name, a level or the rule's settings. */
export interface BssGuardArgs {
    all?: EnforcementLevel;
    [ruleName: string]: RuleArgs<Record<string, unknown>> | undefined;
}

/**
 * The policies for `args`: each rule gets its own entry when present, else `all`'s level, else its
 * default; disabled rules are left out. Unknown rule names are refused (a typo must not silently
 * drop a guard).
 */
export function createPolicies(args: BssGuardArgs = {}, options: RuleOptions = {}): Policies {
    const { all, ...perRule } = args;
    if (all !== undefined && !isEnforcementLevel(all)) throw new PolicyConfigError("all", `unknown enforcement level ${JSON.stringify(all)}`);
    for (const name of Object.keys(perRule)) {
        if (!(name in RULE_FACTORIES)) {
            throw new PolicyConfigError(name, `no such rule; the rules are: ${Object.keys(RULE_FACTORIES).join(", ")}`);
        }
    }
    const policies: Policies = [];
    for (const [name, factory] of Object.entries(RULE_FACTORIES)) {
        let ruleArgs = perRule[name];
        if (all !== undefined) {
            if (ruleArgs === undefined) ruleArgs = all;
            else if (typeof ruleArgs === "object" && ruleArgs.enforcementLevel === undefined) ruleArgs = { ...ruleArgs, enforcementLevel: all };
        }
        const policy = factory(ruleArgs, options);
        if (policy.enforcementLevel !== "disabled") policies.push(policy);
    }
    return policies;
}

/**
 * The pack, for a policy pack of your own written in code. Constructing it starts the policy
 * server, so do it once, in the pack's entry file.
 */
export class BssGuard extends PolicyPack {
    constructor(args?: BssGuardArgs, name: string = PACK_NAME) {
        super(name, {
            policies: createPolicies(args),
            description: "Guards Huawei Cloud yearly/monthly subscriptions managed with pulumi-huaweicloud-bss: expiry, budgets, unsubscription.",
        });
    }
}
