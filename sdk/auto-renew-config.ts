import * as pulumi from "@pulumi/pulumi";
import { providerFor, withOutputSlots } from "./dynamic";
import { AUTO_RENEW_CONFIG_TYPE, TOKEN_MODULE } from "./tokens";

export interface AutoRenewConfigArgs {
    /** Days before expiry on which auto-renew deducts, 2..7 (BSS default 7). */
    deductionDaysBeforeExpiry?: pulumi.Input<number>;
    /** Day of the month renewed resources are unified to expire on: 1..28, or "last" (or -1). */
    unifiedExpiryDay?: pulumi.Input<number | "last">;
}

const autoRenewConfigProvider = providerFor("auto-renew-config");

/**
 * The account-wide auto-renew settings (BSS SetResourcesRenewConfig). One per account; deleting
 * it leaves the account's settings as they are.
 */
export class AutoRenewConfig extends pulumi.dynamic.Resource {
    static readonly __pulumiType = AUTO_RENEW_CONFIG_TYPE;
    declare readonly deductionDaysBeforeExpiry: pulumi.Output<number | undefined>;
    declare readonly unifiedExpiryDay: pulumi.Output<number | "last" | undefined>;

    static override isInstance(obj: unknown): obj is AutoRenewConfig {
        return !!obj && (obj as { __pulumiType?: unknown }).__pulumiType === AUTO_RENEW_CONFIG_TYPE;
    }

    constructor(name: string, args: AutoRenewConfigArgs, opts?: pulumi.CustomResourceOptions) {
        super(autoRenewConfigProvider, name, withOutputSlots(args, ["deductionDaysBeforeExpiry", "unifiedExpiryDay"]), opts, TOKEN_MODULE, "AutoRenewConfig");
    }
}
