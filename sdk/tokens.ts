/**
 * Type tokens of this package's dynamic resources (`pulumi-nodejs:dynamic/<module>:<Type>`).
 * Policy packs and tests match on these; they are part of the state's URNs, so never change them.
 */
export const TOKEN_MODULE = "huaweicloud-bss";

export const SUBSCRIPTION_TYPE = "pulumi-nodejs:dynamic/huaweicloud-bss:Subscription";
export const ENTERPRISE_PROJECT_MANAGEMENT_TYPE = "pulumi-nodejs:dynamic/huaweicloud-bss:EnterpriseProjectManagement";
export const AUTO_RENEW_CONFIG_TYPE = "pulumi-nodejs:dynamic/huaweicloud-bss:AutoRenewConfig";
export const SUB_ACCOUNT_FUNDING_TYPE = "pulumi-nodejs:dynamic/huaweicloud-bss:SubAccountFunding";
export const SUB_ACCOUNT_COUPONS_TYPE = "pulumi-nodejs:dynamic/huaweicloud-bss:SubAccountCoupons";
/** A resource that makes no API call: the engine-cost floor in benchmarks and the toolchain smoke test. */
export const PROBE_TYPE = "pulumi-nodejs:dynamic/huaweicloud-bss:Probe";
