export * from "./tokens";
export { Probe, ProbeArgs } from "./probe";
export { Subscription, SubscriptionArgs, SubscriptionPayment, PlannedRenewal, SubscriptionOrder, SubscriptionPendingOrder, SubscriptionSubResource } from "./subscription";
export { EnterpriseProjectManagement } from "./enterprise-project-management";
export { AutoRenewConfig, AutoRenewConfigArgs } from "./auto-renew-config";
