import * as pulumi from "@pulumi/pulumi";
import { providerFor, withOutputSlots } from "./dynamic";
import { SUB_ACCOUNT_FUNDING_TYPE, TOKEN_MODULE } from "./tokens";

export interface SubAccountFundingArgs {
    /** The member account's ID (`getSubAccounts` lists them). Changing it replaces the resource. */
    subAccountId: pulumi.Input<string>;
    /**
     * How much of the master account's balance this resource allocates to the member, in the
     * master's currency, at most 2 decimals (a number or a decimal string such as "150.00"; 0 is
     * allowed). Raising it allocates the difference; lowering it retrieves the difference.
     */
    amount: pulumi.Input<string | number>;
    /** On destroy: "retain" (default) leaves the money with the member; "retrieve" takes it back (as much as the member can give back). */
    onDelete?: pulumi.Input<"retain" | "retrieve">;
}

/** One money movement this resource made (its idempotency key and what it did). */
export interface SubAccountTransfer {
    readonly transId: string;
    readonly direction: "allocate" | "retrieve";
    readonly amount: string;
    /** Allocated amount before and after the movement. */
    readonly from: string;
    readonly to: string;
    /** "response": BSS accepted it; "duplicate": BSS had already applied this trans_id (an interrupted earlier attempt). */
    readonly confirmedBy: "response" | "duplicate";
}

const OUTPUTS = ["subAccountName", "allocatedAmount", "currency", "retrievableAmount", "transferableAmount", "transfers", "pendingTransfer", "generation", "lifecycleId"];

const fundingProvider = providerFor("sub-account-funding");

/**
 * Money an enterprise master account allocates to one of its member accounts
 * (`UpdateSubEnterpriseAmount` / `ReclaimSubEnterpriseAmount`). Runs only with the master
 * account's credentials.
 *
 * Every allocation and retrieval carries a `trans_id` derived from this resource and the change,
 * so a retried or interrupted `pulumi up` never moves money twice. `pulumi refresh` updates
 * `retrievableAmount` and `transferableAmount` (changes made elsewhere show there); `amount` and
 * `allocatedAmount` stay what this stack allocated.
 *
 * @example
 * ```ts
 * new bss.SubAccountFunding("team-a", { subAccountId: "0a1b...", amount: "500.00", onDelete: "retrieve" });
 * ```
 */
export class SubAccountFunding extends pulumi.dynamic.Resource {
    static readonly __pulumiType = SUB_ACCOUNT_FUNDING_TYPE;
    declare readonly subAccountId: pulumi.Output<string>;
    declare readonly amount: pulumi.Output<string | number>;
    declare readonly onDelete: pulumi.Output<"retain" | "retrieve" | undefined>;
    /** The member's login name. */
    declare readonly subAccountName: pulumi.Output<string | undefined>;
    /** Net amount this resource has allocated (decimal string, 2 decimals). */
    declare readonly allocatedAmount: pulumi.Output<string>;
    /** Currency of the amounts (CNY on the Chinese site). */
    declare readonly currency: pulumi.Output<string>;
    /** What the master could take back from the member at the last read. */
    declare readonly retrievableAmount: pulumi.Output<string>;
    /** What the master could still allocate at the last read. */
    declare readonly transferableAmount: pulumi.Output<string>;
    /** The movements this resource made (newest last; the last 50 are kept). */
    declare readonly transfers: pulumi.Output<SubAccountTransfer[]>;
    /** Set only after a run lost track of a movement's outcome; the next `pulumi up` resends it under the same trans_id. */
    declare readonly pendingTransfer: pulumi.Output<Omit<SubAccountTransfer, "confirmedBy"> | undefined>;

    constructor(name: string, args: SubAccountFundingArgs, opts?: pulumi.CustomResourceOptions) {
        super(fundingProvider, name, withOutputSlots(args, OUTPUTS), opts, TOKEN_MODULE, "SubAccountFunding");
    }
}
