/**
 * The policy pack's rules, for tests and for packs of your own (`pulumi-huaweicloud-bss/policy`).
 * Importing this module starts nothing; only `new BssGuard()` (or `new PolicyPack`) does.
 */
export { BssGuard, BssGuardArgs, createPolicies, PACK_NAME, RULE_FACTORIES, RuleName } from "./guard";
export { EnforcementLevel, ENFORCEMENT_LEVELS, PolicyConfigError, RuleArgs, RuleOptions, RuleSpec, bindRule, configSchemaOf } from "./rule";
export {
    autoRenewLimitSpec,
    expiryStatedSpec,
    paymentModeSpec,
    releaseForbiddenSpec,
    renewalPeriodSpec,
    renewalRequiredSpec,
    renewUntilHorizonSpec,
    subscriptionAutoRenewLimit,
    subscriptionExpiryStated,
    subscriptionPaymentMode,
    subscriptionReleaseForbidden,
    subscriptionRenewalPeriod,
    subscriptionRenewalRequired,
    subscriptionRenewUntilHorizon,
    subscriptionUnsubscribeGuard,
    unsubscribeGuardSpec,
} from "./subscription-rules";
export { renewalBudgetSpec, stackRenewalBudget, stackRenewalBudgetSpec, subscriptionRenewalBudget } from "./budget-rules";
export { expiringSoonSpec, subscriptionExpiringSoon } from "./expiry-report";
export { fundingLimitSpec, subAccountFundingLimit } from "./funding-rules";
export { Decimal, compareDecimal, formatDecimal, parseDecimal, sumDecimals } from "./money";
