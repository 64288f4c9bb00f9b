/**
 * Orders: finding the renewal orders that hold a resource (pending payment or processing), paying
 * them, and the entries the Subscription keeps of the orders its stack placed.
 */
import { createSingleFlight } from "../shared/batching";
import type { BssOperations, OrderRecord } from "../shared/bss-operations";
import { isAmbiguousOutcome, describeError } from "../shared/errors";

export const ORDER_STATUS = { processing: 3, cancelled: 4, completed: 5, pendingPayment: 6 } as const;
const STATUS_NAMES: Record<number, OrderStatus> = {
    1: "pendingApproval",
    2: "pendingRefund",
    3: "processing",
    4: "cancelled",
    5: "completed",
    6: "pendingPayment",
};
export type OrderStatus = "pendingApproval" | "pendingRefund" | "processing" | "cancelled" | "completed" | "pendingPayment" | "unknown";

export function orderStatusName(code: number | undefined): OrderStatus {
    return (code !== undefined && STATUS_NAMES[code]) || "unknown";
}

/** An order this stack placed for the resource, as kept in the Subscription's outputs. */
export interface OrderEntry {
    readonly id: string;
    readonly kind: "renewal" | "unsubscription" | "unsubscribeRenewals";
    /** This resource's share (the quoted price for renewals), decimal string; null when unknown. */
    readonly amount: string | null;
    readonly currency: string | null;
    readonly status: OrderStatus;
    readonly periodType?: "month" | "year";
    readonly periods?: number;
    /** Resources renewed by the same request, sharing this order (1 when alone). */
    readonly resourcesInOrder?: number;
}

/** A pending order that holds the resource, as reported in the Subscription's outputs. */
export interface PendingOrderEntry {
    readonly id: string;
    readonly amount: string | null;
    readonly currency: string | null;
    readonly status: OrderStatus;
    /** Pay before this time, or BSS cancels the order. */
    readonly payBefore: string | null;
}

/** The most order entries kept per resource (oldest dropped), so state stays small. */
export const MAX_ORDER_ENTRIES = 20;

export function appendOrders(existing: readonly OrderEntry[] | undefined, added: readonly OrderEntry[]): OrderEntry[] {
    const byId = new Map<string, OrderEntry>();
    for (const entry of [...(existing ?? []), ...added]) byId.set(entry.id, { ...byId.get(entry.id), ...entry });
    return [...byId.values()].slice(-MAX_ORDER_ENTRIES);
}

export function amountText(value: number | string | undefined): string | null {
    if (value === undefined || value === null) return null;
    return typeof value === "number" ? value.toFixed(2) : value;
}

export interface OrderBook {
    /**
     * Renewal orders pending payment or processing whose resources include `resourceId`. The
     * account's list of such orders is read once per provider process (orders placed by earlier
     * runs or in the console); `fresh` reads it again (after a request whose outcome is unknown).
     */
    holdingOrders(resourceId: string, options?: { fresh?: boolean }): Promise<OrderRecord[]>;
    /** The newest renewal orders (any status) that include `resourceId`, newest first (for reconciling). */
    recentRenewalOrders(resourceId: string): Promise<OrderRecord[]>;
    /** The current header of an order. */
    order(orderId: string): Promise<OrderRecord | undefined>;
    /** Pays a pending order; a payment whose outcome is unknown is checked by reading the order. */
    pay(orderId: string, how: PaymentDetails): Promise<void>;
    cancel(orderId: string): Promise<void>;
    /** The net refund of an unsubscription order (negative lines refunded, positive consumed/fees); read once per order. */
    refund(orderId: string): Promise<{ net: number; lines: number }>;
}

export interface PaymentDetails {
    readonly couponIds: readonly string[];
    readonly useDiscount: boolean;
}

/** Pay-order coupon types by the coupon list's coupon_type (1 cash, 2 discount, 4 flexi-purchase). */
const PAY_COUPON_TYPE: Record<number, number> = { 1: 301, 2: 300, 3: 301, 4: 302 };
const MANDATORY_DISCOUNT_TYPE = 609;

export function createOrderBook(client: () => BssOperations): OrderBook {
    const resourcesOfOrder = new Map<string, Promise<Set<string>>>();
    const refunds = new Map<string, Promise<{ net: number; lines: number }>>();

    function orderResources(orderId: string): Promise<Set<string>> {
        let known = resourcesOfOrder.get(orderId);
        if (!known) {
            known = client()
                .listPayPerUseCustomerResources({ order_id: orderId, only_main_resource: 0, limit: 500 })
                .then((page) => new Set((page.data ?? []).flatMap((r) => [r.resource_id, r.parent_resource_id]).filter((id): id is string => !!id)));
            known.catch(() => resourcesOfOrder.delete(orderId));
            resourcesOfOrder.set(orderId, known);
        }
        return known;
    }

    async function listAll(status: 3 | 6): Promise<OrderRecord[]> {
        const out: OrderRecord[] = [];
        for (let offset = 0; ; offset += 100) {
            const page = await client().listCustomerOrders({ status, order_type: "2", limit: 100, offset });
            const rows = page.order_infos ?? [];
            out.push(...rows);
            if (rows.length < 100 || out.length >= (page.total_count ?? 0)) return out;
        }
    }

    const listHolding = createSingleFlight(async () => [...(await listAll(ORDER_STATUS.pendingPayment)), ...(await listAll(ORDER_STATUS.processing))]);
    let holdingAtStart: Promise<OrderRecord[]> | undefined;
    const holdingList = (fresh: boolean): Promise<OrderRecord[]> => {
        if (fresh) return listHolding();
        if (!holdingAtStart) {
            holdingAtStart = listHolding();
            holdingAtStart.catch(() => (holdingAtStart = undefined));
        }
        return holdingAtStart;
    };
    const recentList = createSingleFlight(async () => (await client().listCustomerOrders({ order_type: "2", order_by: "-createTime", limit: 20 })).order_infos ?? []);

    async function filterFor(orders: readonly OrderRecord[], resourceId: string): Promise<OrderRecord[]> {
        const matches: OrderRecord[] = [];
        for (const order of orders) {
            if (order.order_id && (await orderResources(order.order_id)).has(resourceId)) matches.push(order);
        }
        return matches;
    }

    async function couponInfos(couponIds: readonly string[]): Promise<{ id: string; type: number }[]> {
        const infos: { id: string; type: number }[] = [];
        for (const id of couponIds) {
            const found = (await client().listSubCustomerCoupons({ coupon_id: id, limit: 1 })).user_coupons?.find((c) => c.coupon_id === id);
            if (!found) throw new Error(`payment.couponIds: coupon ${id} is not a coupon of this account`);
            infos.push({ id, type: PAY_COUPON_TYPE[found.coupon_type ?? 1] ?? 301 });
        }
        return infos;
    }

    async function bestDiscount(orderId: string): Promise<{ id: string; type: number } | undefined> {
        const discounts = (await client().listOrderDiscounts({ order_id: orderId })).discounts ?? [];
        const usable = discounts.filter((d) => d.discount_id && d.discount_type !== undefined);
        const mandatory = usable.find((d) => d.discount_type === MANDATORY_DISCOUNT_TYPE);
        const saving = (d: (typeof usable)[number]) =>
            (d.orders ?? []).filter((o) => !o.order_id || o.order_id === orderId).flatMap((o) => o.order_line_items ?? []).reduce((sum, line) => sum + Number(line.discount_amount ?? 0), 0);
        const best = mandatory ?? [...usable].sort((a, b) => saving(b) - saving(a))[0];
        return best ? { id: best.discount_id!, type: best.discount_type! } : undefined;
    }

    /** Adds the payment deadline of a pending order: only the order's details carry it, not ListCustomerOrders. */
    async function withDeadline(record: OrderRecord): Promise<OrderRecord> {
        if (record.status !== ORDER_STATUS.pendingPayment || record.pending_payment_end_time || !record.order_id) return record;
        const deadline = (await client().showCustomerOrderDetails({ order_id: record.order_id, limit: 1 })).order_info?.pending_payment_end_time;
        return deadline ? { ...record, pending_payment_end_time: deadline } : record;
    }

    async function order(orderId: string): Promise<OrderRecord | undefined> {
        const page = await client().listCustomerOrders({ order_id: orderId, limit: 1 });
        const found = page.order_infos?.find((o) => o.order_id === orderId);
        return found ? withDeadline(found) : undefined;
    }

    return {
        async holdingOrders(resourceId, options) {
            return Promise.all((await filterFor(await holdingList(options?.fresh === true), resourceId)).map(withDeadline));
        },
        async recentRenewalOrders(resourceId) {
            return filterFor(await recentList(), resourceId);
        },
        order,
        async pay(orderId, how) {
            const coupons = how.couponIds.length > 0 ? await couponInfos(how.couponIds) : [];
            const discount = how.useDiscount ? await bestDiscount(orderId) : undefined;
            try {
                await client().payOrders({
                    order_id: orderId,
                    use_coupon: coupons.length > 0 ? "YES" : "NO",
                    use_discount: discount ? "YES" : "NO",
                    ...(coupons.length > 0 ? { coupon_infos: coupons } : {}),
                    ...(discount ? { discount_infos: [discount] } : {}),
                });
            } catch (error) {
                if (!isAmbiguousOutcome(error)) throw error;
                const now = await order(orderId);
                if (now?.status === ORDER_STATUS.completed) return;
                throw new Error(
                    `paying order ${orderId}: the outcome is unknown (${describeError(error)}) and the order is ${orderStatusName(now?.status)}; nothing was paid twice. Run again to pay it.`,
                );
            }
        },
        async cancel(orderId) {
            await client().cancelCustomerOrder({ order_id: orderId });
        },
        refund(orderId) {
            let known = refunds.get(orderId);
            if (!known) {
                known = client()
                    .showRefundOrderDetails({ order_id: orderId })
                    .then((details) => {
                        const lines = details.refund_infos ?? [];
                        return { net: lines.reduce((sum, line) => sum + Number(line.amount ?? 0), 0), lines: lines.length };
                    });
                known.catch(() => refunds.delete(orderId));
                refunds.set(orderId, known);
            }
            return known;
        },
    };
}
