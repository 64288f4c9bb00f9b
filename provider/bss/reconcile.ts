/**
 * After an AmbiguousOutcomeError, find out by querying whether the call took effect, so the caller
 * can decide to call again (not-committed), carry on (committed), or stop and ask a human (unknown).
 */
import type { BssClient } from "./client";
import { AmbiguousOutcomeError } from "./errors";
import type { OperationName } from "./operations";

export type ReconcileStatus = "committed" | "not-committed" | "unknown";

export interface Reconciliation {
    readonly operation: string;
    readonly status: ReconcileStatus;
    /** What was found, in words. */
    readonly detail: string;
    /** Orders that show the call's effect (renewal / unsubscription orders). */
    readonly orderIds?: readonly string[];
}

/** Orders are looked up from a little before the ambiguous attempt, to absorb clock differences. */
const ORDER_SEARCH_MARGIN_MS = 15 * 60_000;

function utc(date: Date): string {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

async function expirePolicies(client: BssClient, ids: readonly string[]): Promise<Map<string, number | undefined>> {
    const out = new Map<string, number | undefined>();
    for await (const record of client.paginate.listPayPerUseCustomerResources({ resource_ids: [...ids], only_main_resource: 1 })) {
        if (record.resource_id && ids.includes(record.resource_id)) out.set(record.resource_id, record.expire_policy);
    }
    return out;
}

/** Orders of a type created since the attempt whose resources include any of the given IDs. */
async function ordersTouching(client: BssClient, orderType: "2" | "4", since: Date, ids: readonly string[]): Promise<string[]> {
    const matches: string[] = [];
    const begin = new Date(since.getTime() - ORDER_SEARCH_MARGIN_MS);
    for await (const order of client.paginate.listCustomerOrders({ order_type: orderType, create_time_begin: utc(begin) })) {
        if (!order.order_id) continue;
        for await (const record of client.paginate.listPayPerUseCustomerResources({ order_id: order.order_id })) {
            if (record.resource_id && ids.includes(record.resource_id)) {
                matches.push(order.order_id);
                break;
            }
        }
    }
    return matches;
}

async function orderStatus(client: BssClient, orderId: string): Promise<number | undefined> {
    const details = await client.showCustomerOrderDetails({ order_id: orderId, limit: 1 });
    return details.order_info?.status;
}

type Reconciler = (client: BssClient, request: Record<string, unknown>, sentAt: Date) => Promise<Omit<Reconciliation, "operation">>;

const ORDER_STATUS_TEXT: Record<number, string> = { 2: "pending refund", 3: "processing", 4: "cancelled", 5: "completed", 6: "pending payment" };

const RECONCILERS: { readonly [K in OperationName]?: Reconciler } = {
    async PayOrders(client, request) {
        const status = await orderStatus(client, String(request.order_id));
        const text = `order ${String(request.order_id)} is ${ORDER_STATUS_TEXT[status ?? -1] ?? `in status ${status}`}`;
        if (status === 5 || status === 3) return { status: "committed", detail: `${text}: the payment went through` };
        if (status === 6) return { status: "not-committed", detail: `${text}: it can be paid again` };
        return { status: "unknown", detail: text };
    },
    async CancelCustomerOrder(client, request) {
        const status = await orderStatus(client, String(request.order_id));
        const text = `order ${String(request.order_id)} is ${ORDER_STATUS_TEXT[status ?? -1] ?? `in status ${status}`}`;
        if (status === 4) return { status: "committed", detail: text };
        if (status === 6) return { status: "not-committed", detail: text };
        return { status: "unknown", detail: text };
    },
    async AutoRenewalResources(client, request) {
        const id = String(request.resource_id);
        const policy = (await expirePolicies(client, [id])).get(id);
        if (policy === undefined) return { status: "unknown", detail: `resource ${id} is not listed` };
        return policy === 3
            ? { status: "committed", detail: `resource ${id} has auto-renew on (expire_policy 3)` }
            : { status: "not-committed", detail: `resource ${id} has expire_policy ${policy}, auto-renew is off` };
    },
    async CancelAutoRenewalResources(client, request) {
        const id = String(request.resource_id);
        const policy = (await expirePolicies(client, [id])).get(id);
        if (policy === undefined) return { status: "unknown", detail: `resource ${id} is not listed` };
        return policy === 3
            ? { status: "not-committed", detail: `resource ${id} still has auto-renew on` }
            : { status: "committed", detail: `resource ${id} has auto-renew off (expire_policy ${policy})` };
    },
    async UpdatePeriodToOnDemand(client, request) {
        const ids = request.resource_ids as string[];
        const policies = await expirePolicies(client, ids);
        const wanted = (p: number | undefined) => (request.operation === "SET_UP" ? p === 1 : p !== undefined && p !== 1);
        const done = ids.filter((id) => wanted(policies.get(id)));
        if (done.length === ids.length) return { status: "committed", detail: `all ${ids.length} resources are in the requested state` };
        if (done.length === 0 && ids.every((id) => policies.has(id))) return { status: "not-committed", detail: "no resource is in the requested state" };
        return { status: "unknown", detail: `${done.length} of ${ids.length} resources are in the requested state` };
    },
    async RenewalResources(client, request, sentAt) {
        const ids = request.resource_ids as string[];
        const orders = await ordersTouching(client, "2", sentAt, ids);
        return orders.length
            ? { status: "committed", detail: `renewal order(s) ${orders.join(", ")} were created for these resources`, orderIds: orders }
            : { status: "not-committed", detail: "no renewal order was created for these resources since the attempt" };
    },
    async CancelResourcesSubscription(client, request, sentAt) {
        const ids = request.resource_ids as string[];
        const orders = await ordersTouching(client, "4", sentAt, ids);
        if (orders.length) return { status: "committed", detail: `unsubscription order(s) ${orders.join(", ")} exist for these resources`, orderIds: orders };
        if (request.unsubscribe_type === 1) {
            const listed = await expirePolicies(client, ids);
            if (listed.size === 0) return { status: "committed", detail: "none of the resources is listed any more" };
            if (listed.size === ids.length) return { status: "not-committed", detail: "all resources are still subscribed and no unsubscription order exists" };
            return { status: "unknown", detail: `${ids.length - listed.size} of ${ids.length} resources are gone` };
        }
        return { status: "not-committed", detail: "no unsubscription order exists for these resources since the attempt" };
    },
};

const KEYED_HINT = (request: Record<string, unknown>) =>
    `this operation has no read-back; call it again with the same trans_id (${String(request.trans_id)}): the service refuses a second use (CBC.99007009), so it cannot run twice`;

export async function reconcile(client: BssClient, error: AmbiguousOutcomeError): Promise<Reconciliation> {
    const operation = error.operation ?? "unknown";
    const reconciler = RECONCILERS[operation as OperationName];
    if (reconciler) return { operation, ...(await reconciler(client, error.request as Record<string, unknown>, error.sentAt)) };
    if (error.request.trans_id !== undefined) return { operation, status: "unknown", detail: KEYED_HINT(error.request as Record<string, unknown>) };
    return { operation, status: "unknown", detail: "there is no query that shows this operation's effect; setting the same value again is harmless" };
}
