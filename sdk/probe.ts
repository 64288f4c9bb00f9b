import * as pulumi from "@pulumi/pulumi";
import { providerFor, withOutputSlots } from "./dynamic";
import { SUBSCRIPTION_PROPERTY_NAMES } from "./subscription";
import { PROBE_TYPE, TOKEN_MODULE } from "./tokens";

export interface ProbeArgs {
    /** Any text; changing it updates the probe in place. */
    value: pulumi.Input<string>;
    /**
     * "subscription": the probe's outputs also carry a Subscription's fields, so its state has the
     * same size and shape (benchmark floor); "renewedSubscription": those of a Subscription after a
     * renewal (the executed plan in the inputs, one order in the outputs). Read them with `getOutput`.
     */
    shape?: pulumi.Input<"subscription" | "renewedSubscription">;
}

const probeProvider = providerFor("probe");

/**
 * A resource that makes no API call. It measures the Pulumi engine's own cost per resource
 * (benchmarks) and proves the toolchain end to end (smoke test).
 */
export class Probe extends pulumi.dynamic.Resource {
    static readonly __pulumiType = PROBE_TYPE;
    declare readonly value: pulumi.Output<string>;
    /** How many times the provider's `update` ran for this resource. */
    declare readonly updates: pulumi.Output<number>;

    constructor(name: string, args: ProbeArgs, opts?: pulumi.CustomResourceOptions) {
        const slots = args.shape ? ["updates", ...SUBSCRIPTION_PROPERTY_NAMES] : ["updates"];
        super(probeProvider, name, withOutputSlots(args, slots), opts, TOKEN_MODULE, "Probe");
    }
}
