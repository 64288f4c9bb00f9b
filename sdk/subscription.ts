import * as pulumi from "@pulumi/pulumi";
import { providerFor, withOutputSlots } from "./dynamic";
import { SUBSCRIPTION_TYPE, TOKEN_MODULE } from "./tokens";

/** How renewal orders are paid. */
export interface SubscriptionPayment {
    /** "auto" (default): pay each renewal order at once from the account; "pending": leave orders pending payment (reported in `pendingOrders` and as a warning). */
    mode?: pulumi.Input<"auto" | "pending">;
    /** Up to 3 coupons to pay renewal orders with (the first order of a run). */
    couponIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** Pay renewal orders with the best discount BSS offers for them. */
    useDiscount?: pulumi.Input<boolean>;
}

export interface SubscriptionArgs {
    /** The BSS resource ID of an existing yearly/monthly (primary) resource. Changing it replaces the Subscription. */
    resourceId: pulumi.Input<string>;
    /** What happens at expiry: "renew" (auto-renew), "payPerUse" (switch to pay-per-use), "release" (neither). Unset: left as it is. */
    onExpiry?: pulumi.Input<"renew" | "payPerUse" | "release">;
    /** Automatic renewals allowed, 0..99 (0 = no limit); only with onExpiry "renew". */
    autoRenewTimes?: pulumi.Input<number>;
    /** Keep the resource paid at least until this date (YYYY-MM-DD, 00:00 UTC) or ISO date-time with zone: renewal orders are placed as needed. */
    renewUntil?: pulumi.Input<string>;
    /** How renewal orders are paid (default: at once from the account). */
    payment?: pulumi.Input<SubscriptionPayment>;
    /** Refuse (at preview) a renewal costing more than this, in the account currency (decimal string or number). */
    maxRenewalCost?: pulumi.Input<string | number>;
    /** On delete: "retain" (default, no call), "unsubscribe" (resource and renewals, refund), "unsubscribeRenewals" (only renewed periods not yet started). */
    onDelete?: pulumi.Input<"retain" | "unsubscribe" | "unsubscribeRenewals">;
}

/** A renewal planned to reach renewUntil. */
export interface PlannedRenewal {
    periodType: "month" | "year";
    periods: number;
    orders: { periodType: "month" | "year"; periods: number; amount: string | null }[];
    /** The expiry the plan extends. */
    from: string;
    /** The expiry after the renewal. */
    until: string;
    /** Quoted total, decimal string (null when it could not be priced). */
    amount: string | null;
    currency: string | null;
    note?: string;
}

export interface SubscriptionOrder {
    id: string;
    kind: "renewal" | "unsubscription" | "unsubscribeRenewals";
    amount: string | null;
    currency: string | null;
    status: string;
    periodType?: "month" | "year";
    periods?: number;
    resourcesInOrder?: number;
}

export interface SubscriptionPendingOrder {
    id: string;
    amount: string | null;
    currency: string | null;
    status: string;
    payBefore: string | null;
}

export interface SubscriptionSubResource {
    resourceId: string;
    resourceTypeCode: string | null;
    serviceTypeCode: string | null;
    expireTime: string | null;
}

const INPUT_NAMES = ["resourceId", "onExpiry", "autoRenewTimes", "renewUntil", "payment", "maxRenewalCost", "onDelete"];
const OUTPUT_NAMES = [
    "expireTime",
    "effectiveTime",
    "status",
    "region",
    "serviceTypeCode",
    "resourceTypeCode",
    "resourceSpecCode",
    "productId",
    "resourceName",
    "subResources",
    "expirePolicy",
    "expirePolicyName",
    "orders",
    "pendingOrders",
    "plannedRenewal",
];
/** Every property a Subscription registers (a Probe of the same shape registers them too). */
export const SUBSCRIPTION_PROPERTY_NAMES: readonly string[] = [...INPUT_NAMES, ...OUTPUT_NAMES];

const subscriptionProvider = providerFor("subscription");

/**
 * One BSS yearly/monthly resource's subscription: what happens at expiry, how long it stays paid,
 * and what destroy does. Creating it adopts the existing resource; nothing is bought unless
 * `renewUntil` needs it, and `pulumi preview` shows the planned renewal and its price.
 */
export class Subscription extends pulumi.dynamic.Resource {
    static readonly __pulumiType = SUBSCRIPTION_TYPE;

    declare readonly resourceId: pulumi.Output<string>;
    declare readonly onExpiry: pulumi.Output<"renew" | "payPerUse" | "release" | undefined>;
    declare readonly autoRenewTimes: pulumi.Output<number | undefined>;
    declare readonly renewUntil: pulumi.Output<string | undefined>;
    declare readonly payment: pulumi.Output<SubscriptionPayment | undefined>;
    declare readonly maxRenewalCost: pulumi.Output<string | number | undefined>;
    declare readonly onDelete: pulumi.Output<"retain" | "unsubscribe" | "unsubscribeRenewals" | undefined>;
    /** Expiry as BSS reports it (UTC, yyyy-MM-ddTHH:mm:ssZ). */
    declare readonly expireTime: pulumi.Output<string>;
    declare readonly effectiveTime: pulumi.Output<string | null>;
    /** "active" | "closed" | "frozen" | "expired". */
    declare readonly status: pulumi.Output<string>;
    declare readonly region: pulumi.Output<string | null>;
    declare readonly serviceTypeCode: pulumi.Output<string | null>;
    declare readonly resourceTypeCode: pulumi.Output<string | null>;
    declare readonly resourceSpecCode: pulumi.Output<string | null>;
    declare readonly productId: pulumi.Output<string | null>;
    declare readonly resourceName: pulumi.Output<string | null>;
    /** Attached resources (renewed and unsubscribed with this one). */
    declare readonly subResources: pulumi.Output<SubscriptionSubResource[]>;
    /** BSS expire_policy: 0 grace, 1 to pay-per-use, 2 delete, 3 auto-renew, 4 freeze, 5 delete from retention. */
    declare readonly expirePolicy: pulumi.Output<number | null>;
    declare readonly expirePolicyName: pulumi.Output<string>;
    /** Orders this stack placed for the resource. */
    declare readonly orders: pulumi.Output<SubscriptionOrder[]>;
    /** Renewal orders holding the resource that are not paid. */
    declare readonly pendingOrders: pulumi.Output<SubscriptionPendingOrder[]>;
    /** The renewal still to buy to reach renewUntil (null when none). */
    declare readonly plannedRenewal: pulumi.Output<PlannedRenewal | null>;

    static override isInstance(obj: unknown): obj is Subscription {
        return !!obj && (obj as { __pulumiType?: unknown }).__pulumiType === SUBSCRIPTION_TYPE;
    }

    constructor(name: string, args: SubscriptionArgs, opts?: pulumi.CustomResourceOptions) {
        super(subscriptionProvider, name, withOutputSlots(args, SUBSCRIPTION_PROPERTY_NAMES), opts, TOKEN_MODULE, "Subscription");
    }
}
