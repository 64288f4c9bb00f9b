/**
 * The Subscription's outputs: the program's inputs as checked, plus what BSS reports for the
 * resource and what this stack bought.
 */
import type { ResourceRecord } from "../shared/bss-operations";
import { withoutUndefined } from "../shared/values";
import type { ResourceView } from "./directory";
import { expirePolicyName } from "./expiry";
import { pickInputs, CheckedInputs } from "./inputs";
import type { OrderEntry, PendingOrderEntry } from "./orders";
import type { PlannedRenewal } from "./plan";

export const RESOURCE_STATUS: Record<number, string> = { 2: "active", 3: "closed", 4: "frozen", 5: "expired" };

export function resourceStatusName(code: number | undefined): string {
    return code === undefined ? "unknown" : (RESOURCE_STATUS[code] ?? `status${code}`);
}

export interface SubResource {
    readonly resourceId: string;
    readonly resourceTypeCode: string | null;
    readonly serviceTypeCode: string | null;
    readonly expireTime: string | null;
}

export interface SubscriptionOutputs extends CheckedInputs {
    readonly expireTime: string | null;
    readonly effectiveTime: string | null;
    /** "active" | "closed" | "frozen" | "expired" (BSS status 2..5). */
    readonly status: string;
    readonly region: string | null;
    readonly serviceTypeCode: string | null;
    readonly resourceTypeCode: string | null;
    readonly resourceSpecCode: string | null;
    readonly productId: string | null;
    readonly resourceName: string | null;
    readonly subResources: readonly SubResource[];
    /** BSS's expire_policy code (0 grace, 1 to pay-per-use, 2 delete, 3 auto-renew, 4 freeze, 5 delete from retention). */
    readonly expirePolicy: number | null;
    readonly expirePolicyName: string;
    /** The orders this stack placed for the resource (most recent last). */
    readonly orders: readonly OrderEntry[];
    /** Renewal orders holding the resource that are not paid yet. */
    readonly pendingOrders: readonly PendingOrderEntry[];
    /** The renewal still to buy to reach renewUntil (null when none). */
    readonly plannedRenewal: PlannedRenewal | null;
}

function subResourceOf(record: ResourceRecord): SubResource {
    return {
        resourceId: record.resource_id ?? "",
        resourceTypeCode: record.resource_type_code ?? null,
        serviceTypeCode: record.service_type_code ?? null,
        expireTime: record.expire_time ?? null,
    };
}

export function buildOutputs(
    inputs: CheckedInputs,
    view: ResourceView,
    orders: readonly OrderEntry[],
    pendingOrders: readonly PendingOrderEntry[],
    plannedRenewal: PlannedRenewal | null,
): SubscriptionOutputs {
    const r = view.record;
    return withoutUndefined({
        ...pickInputs(inputs as unknown as Record<string, unknown>),
        expireTime: r.expire_time ?? null,
        effectiveTime: r.effective_time ?? null,
        status: resourceStatusName(r.status),
        region: r.region_code ?? null,
        serviceTypeCode: r.service_type_code ?? null,
        resourceTypeCode: r.resource_type_code ?? null,
        resourceSpecCode: r.resource_spec_code ?? null,
        productId: r.product_id ?? null,
        resourceName: r.resource_name ?? null,
        subResources: view.attached.map(subResourceOf),
        expirePolicy: r.expire_policy ?? null,
        expirePolicyName: expirePolicyName(r.expire_policy),
        orders: [...orders],
        pendingOrders: [...pendingOrders],
        plannedRenewal,
    });
}

/** The output names (the SDK class declares them; the engine seeds them). */
export const OUTPUT_NAMES = [
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
] as const;
