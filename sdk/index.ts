export * from "./tokens";
export { Probe, ProbeArgs } from "./probe";
export { Subscription, SubscriptionArgs, SubscriptionPayment, PlannedRenewal, SubscriptionOrder, SubscriptionPendingOrder, SubscriptionSubResource } from "./subscription";
export { EnterpriseProjectManagement } from "./enterprise-project-management";
export { AutoRenewConfig, AutoRenewConfigArgs } from "./auto-renew-config";
export { SubAccountFunding, SubAccountFundingArgs, SubAccountTransfer } from "./sub-account-funding";
export {
    SubAccountCoupons,
    SubAccountCouponsArgs,
    SubAccountCouponGrant,
    SubAccountCouponAllocation,
    SubAccountChildCoupon,
    SubAccountCouponTransfer,
} from "./sub-account-coupons";
export * from "./data";
