import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

interface ProbeOutputs {
    value: string;
    updates: number;
    /** "subscription" / "renewedSubscription": the state also carries a Subscription's fields (benchmark floor of the same shape). */
    shape?: string;
}

const PROBE_SHAPES = ["subscription", "renewedSubscription"] as const;

/**
 * What a Subscription's outputs hold besides its inputs, as BSS describes a typical resource: with
 * `shape: "subscription"` a probe's state has the same size and the same number of properties, so
 * the engine floor counts the engine's own cost of state that large (it rewrites the checkpoint
 * after every step) and nothing of BSS or of the Subscription provider.
 */
const SUBSCRIPTION_SHAPE = {
    effectiveTime: "2026-12-07T05:00:00Z",
    expirePolicy: 1,
    expirePolicyName: "toPayPerUse",
    expireTime: "2026-12-13T01:31:46Z",
    onDelete: "retain",
    onExpiry: "payPerUse",
    orders: [],
    pendingOrders: [],
    plannedRenewal: null,
    productId: "OFFIB1C8184E06F12D3B",
    region: "cn-north-9",
    resourceId: "159455f1-15fd-4603-b8e2-956bc6224fd7",
    resourceName: "rds-data-00105",
    resourceSpecCode: "rds.pg.n1.xlarge.4.ha",
    resourceTypeCode: "hws.resource.type.rds.vm",
    serviceTypeCode: "hws.service.type.rds",
    status: "active",
    subResources: [
        {
            expireTime: "2026-12-13T01:31:46Z",
            resourceId: "c1c7cb86-aea5-477e-befb-4c4a1b5906fc",
            resourceTypeCode: "hws.resource.type.rds.volume",
            serviceTypeCode: "hws.service.type.rds",
        },
    ],
};

/**
 * What a renewal adds to a Subscription's state: its check puts the plan it executes into the
 * inputs (they keep it until the next update), and the outputs gain `renewUntil` and the order.
 */
const RENEWAL_PLAN = {
    amount: "290.00",
    currency: "CNY",
    from: "2026-12-13T01:31:46Z",
    orders: [{ amount: "290.00", periodType: "month", periods: 1 }],
    periodType: "month",
    periods: 1,
    until: "2027-01-13T01:31:46Z",
};
const RENEWED_SUBSCRIPTION_SHAPE = {
    ...SUBSCRIPTION_SHAPE,
    expirePolicy: 3,
    expirePolicyName: "autoRenew",
    expireTime: "2027-01-13T01:31:46Z",
    onExpiry: "renew",
    renewUntil: "2027-01-12",
    orders: [{ amount: "290.00", currency: "CNY", id: "CS26112308420000W", kind: "renewal", periodType: "month", periods: 1, resourcesInOrder: 3, status: "completed" }],
};

function outputsFor(inputs: { value: string; shape?: string }, updates: number): ProbeOutputs {
    const base = { value: inputs.value, updates, ...(inputs.shape ? { shape: inputs.shape } : {}) };
    if (inputs.shape === "subscription") return { ...SUBSCRIPTION_SHAPE, ...base };
    if (inputs.shape === "renewedSubscription") return { ...RENEWED_SUBSCRIPTION_SHAPE, ...base };
    return base;
}

export async function check(_olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    if (typeof news.value !== "string" && news.value !== undefined) {
        return { inputs: news, failures: [{ property: "value", reason: "value must be a string" }] };
    }
    if (news.shape !== undefined && !(PROBE_SHAPES as readonly unknown[]).includes(news.shape)) {
        return { inputs: news, failures: [{ property: "shape", reason: `shape must be one of ${PROBE_SHAPES.map((s) => `"${s}"`).join(", ")} or not set` }] };
    }
    return { inputs: news.shape === "renewedSubscription" ? { ...news, plannedRenewal: RENEWAL_PLAN } : news };
}

export async function diff(_id: string, olds: ProbeOutputs, news: { value: string }): Promise<pulumi.dynamic.DiffResult> {
    return { changes: olds.value !== news.value };
}

export async function create(inputs: { value: string; shape?: string }): Promise<pulumi.dynamic.CreateResult<ProbeOutputs>> {
    return { id: randomUUID(), outs: outputsFor(inputs, 0) };
}

export async function read(id: string, props: ProbeOutputs): Promise<pulumi.dynamic.ReadResult<ProbeOutputs>> {
    return { id, props, inputs: { value: props.value, ...(props.shape ? { shape: props.shape } : {}) } as ProbeOutputs };
}

export async function update(_id: string, olds: ProbeOutputs, news: { value: string; shape?: string }): Promise<pulumi.dynamic.UpdateResult<ProbeOutputs>> {
    return { outs: outputsFor(news, (olds.updates ?? 0) + 1) };
}

export async function remove(): Promise<void> {}
export { remove as delete };
