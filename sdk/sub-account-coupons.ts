import * as pulumi from "@pulumi/pulumi";
import { providerFor, withOutputSlots } from "./dynamic";
import { SUB_ACCOUNT_COUPONS_TYPE, TOKEN_MODULE } from "./tokens";

/** Value of one of the master's coupons to hand to the member. */
export interface SubAccountCouponGrant {
    /** The master's coupon (`getTransferableCoupons` lists the ones that can be handed over). */
    couponId: pulumi.Input<string>;
    /** How much of its value the member gets (more than 0, at most 2 decimals). */
    amount: pulumi.Input<string | number>;
}

export interface SubAccountCouponsArgs {
    /** The member account's ID. Changing it replaces the resource. */
    subAccountId: pulumi.Input<string>;
    /**
     * The coupons to hand over, each once. Adding one hands it over; raising an amount hands over the
     * difference; lowering it takes the coupon's child coupons back and hands over the new amount;
     * removing one takes its child coupons back. Only Huawei-issued test, business and campaign cash
     * coupons can be handed over (BSS rule).
     */
    coupons: pulumi.Input<pulumi.Input<SubAccountCouponGrant>[]>;
    /** On destroy: "retain" (default) leaves the coupons with the member; "retrieve" takes back what remains of them. */
    onDelete?: pulumi.Input<"retain" | "retrieve">;
}

/** A child coupon this resource created in the member account. */
export interface SubAccountChildCoupon {
    /** Empty when BSS confirmed the hand-over but the child coupon could not be identified. */
    readonly subCouponId: string;
    readonly amount: string;
    readonly transId: string;
    /** Remaining value at the last read; absent when the member no longer holds it. */
    readonly balance?: string;
}

export interface SubAccountCouponAllocation {
    readonly couponId: string;
    /** Value handed over from this coupon. */
    readonly amount: string;
    readonly subCoupons: SubAccountChildCoupon[];
    /** What is left of the master's coupon at the last read. */
    readonly couponBalance?: string;
}

export interface SubAccountCouponTransfer {
    readonly transId: string;
    readonly direction: "allocate" | "retrieve";
    readonly couponId: string;
    readonly subCouponId?: string;
    readonly amount: string;
    readonly confirmedBy: "response" | "duplicate";
}

const OUTPUTS = ["subAccountName", "allocations", "currency", "retrievableBalance", "transfers", "pendingTransfer", "generation", "lifecycleId"];

const couponsProvider = providerFor("sub-account-coupons");

/**
 * Coupon value an enterprise master account hands to one of its member accounts
 * (`ClaimEnterpriseMultiAccountCoupon` / `ReclaimEnterpriseMultiAccountCoupon`). Runs only with
 * the master account's credentials. Movements carry derived `trans_id`s, so a retried or
 * interrupted run never hands a coupon over twice; `pulumi refresh` updates the balances.
 *
 * @example
 * ```ts
 * new bss.SubAccountCoupons("team-a-coupons", {
 *     subAccountId: "0a1b...",
 *     coupons: [{ couponId: "CP2406...", amount: "200.00" }],
 *     onDelete: "retrieve",
 * });
 * ```
 */
export class SubAccountCoupons extends pulumi.dynamic.Resource {
    static readonly __pulumiType = SUB_ACCOUNT_COUPONS_TYPE;
    declare readonly subAccountId: pulumi.Output<string>;
    declare readonly coupons: pulumi.Output<{ couponId: string; amount: string | number }[]>;
    declare readonly onDelete: pulumi.Output<"retain" | "retrieve" | undefined>;
    declare readonly subAccountName: pulumi.Output<string | undefined>;
    /** Per master coupon: value handed over and the child coupons, with balances at the last read. */
    declare readonly allocations: pulumi.Output<SubAccountCouponAllocation[]>;
    declare readonly currency: pulumi.Output<string>;
    /** Sum of what remains of this resource's child coupons at the last read. */
    declare readonly retrievableBalance: pulumi.Output<string>;
    /** The movements this resource made (newest last; the last 50 are kept). */
    declare readonly transfers: pulumi.Output<SubAccountCouponTransfer[]>;
    /** Set only after a run lost track of a movement's outcome; the next `pulumi up` resends it under the same trans_id. */
    declare readonly pendingTransfer: pulumi.Output<Record<string, unknown> | undefined>;

    constructor(name: string, args: SubAccountCouponsArgs, opts?: pulumi.CustomResourceOptions) {
        super(couponsProvider, name, withOutputSlots(args, OUTPUTS), opts, TOKEN_MODULE, "SubAccountCoupons");
    }
}
