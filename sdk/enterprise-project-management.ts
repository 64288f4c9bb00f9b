import * as pulumi from "@pulumi/pulumi";
import { providerFor, withOutputSlots } from "./dynamic";
import { ENTERPRISE_PROJECT_MANAGEMENT_TYPE, TOKEN_MODULE } from "./tokens";

const enterpriseProjectManagementProvider = providerFor("enterprise-project-management");

/**
 * Enables enterprise project management for the account (BSS CreateEnterpriseProjectAuth).
 * BSS cannot disable it: deleting this resource leaves it enabled (with a warning).
 */
export class EnterpriseProjectManagement extends pulumi.dynamic.Resource {
    static readonly __pulumiType = ENTERPRISE_PROJECT_MANAGEMENT_TYPE;
    /** Always true once created. */
    declare readonly enabled: pulumi.Output<boolean>;

    static override isInstance(obj: unknown): obj is EnterpriseProjectManagement {
        return !!obj && (obj as { __pulumiType?: unknown }).__pulumiType === ENTERPRISE_PROJECT_MANAGEMENT_TYPE;
    }

    constructor(name: string, args: Record<string, never> = {}, opts?: pulumi.CustomResourceOptions) {
        super(enterpriseProjectManagementProvider, name, withOutputSlots(args, ["enabled"]), opts, TOKEN_MODULE, "EnterpriseProjectManagement");
    }
}
