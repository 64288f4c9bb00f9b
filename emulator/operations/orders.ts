/** Order operations: list, details, discounts, pay (v3), cancel, refund breakdown. */
import { cancelOrder } from "../domain/orders";
import { applicableDiscounts, COUPON_TYPE_BY_PAY_TYPE, payOrder } from "../domain/payment";
import type { Order } from "../model";
import { round2 } from "../money";
import type { OperationDef, OperationRequest } from "../operation";
import { bodyOf, fail, intParam, noContent, ok, pageOf, stringParam } from "../operation";
import { parseTime } from "../time";
import type { World } from "../world";
import { contextOf } from "./subscriptions";
import { orderDetailToWire, orderLineToWire, orderToWire, refundLineToWire } from "./wire";

const YEAR_MS = 366 * 24 * 3600 * 1000;

/** The caller's order, or one it paid for a member; unknown -> CBC.30000010 (the "invalid order" code). */
function findOrder(world: World, request: OperationRequest, orderId: string): Order {
    const order = world.order(orderId);
    if (!order || (order.customerId !== request.account.id && order.agentPayInfo?.payingAgentId !== request.account.id)) {
        fail("CBC.30000010", `The order ${orderId} is invalid or does not exist.`);
    }
    return order;
}

function rejectReseller(request: OperationRequest): void {
    const reseller = stringParam(request, "indirect_partner_id");
    if (reseller) fail("CBC.99000037", `No permission to operate on the reseller ${reseller}.`);
}

function checkWindow(request: OperationRequest, beginName: string, endName: string): { begin?: string; end?: string } {
    const begin = stringParam(request, beginName) || undefined;
    const end = stringParam(request, endName) || undefined;
    if (begin && end) {
        if (begin > end) fail("CBC.0100", `Invalid parameter ${beginName}: must not be after ${endName}.`);
        if (parseTime(end) - parseTime(begin) > YEAR_MS) fail("CBC.0100", `Invalid parameter ${endName}: the ${beginName}..${endName} range must not exceed one year.`);
    }
    return { begin, end };
}

const listOrders: OperationDef = {
    name: "ListCustomerOrders",
    method: "GET",
    path: "/v2/orders/customer-orders",
    handle(request, world) {
        rejectReseller(request);
        const created = checkWindow(request, "create_time_begin", "create_time_end");
        const paid = checkWindow(request, "payment_time_begin", "payment_time_end");
        const orderBy = stringParam(request, "order_by");
        if (orderBy !== undefined && !/^-?createtime$/i.test(orderBy)) fail("CBC.0100", "Invalid parameter order_by: must be createTime or -createTime.");
        const ascending = orderBy !== undefined && !orderBy.startsWith("-");

        let orders: readonly Order[];
        const customerId = stringParam(request, "customer_id");
        if (stringParam(request, "method") === "sub_customer" && customerId) {
            // Orders the enterprise master paid on behalf of one of its members.
            const member = world.account(customerId);
            orders = member && member.masterAccountId === request.account.id ? world.ordersOf(customerId).filter((o) => o.agentPayInfo?.payingAgentId === request.account.id) : [];
        } else {
            orders = world.ordersOf(request.account.id);
        }
        const orderId = stringParam(request, "order_id")?.toLowerCase();
        const serviceType = stringParam(request, "service_type_code")?.toLowerCase();
        const status = request.params.status as number | undefined;
        const orderType = stringParam(request, "order_type");
        const matching = orders.filter(
            (o) =>
                (orderId === undefined || o.orderId.toLowerCase() === orderId) &&
                (serviceType === undefined || o.serviceTypeCode.toLowerCase() === serviceType) &&
                (status === undefined || o.status === status) &&
                (orderType === undefined || String(o.orderType) === orderType) &&
                (!created.begin || o.createTime >= created.begin) &&
                (!created.end || o.createTime <= created.end) &&
                (!paid.begin || (o.paymentTime !== undefined && o.paymentTime >= paid.begin)) &&
                (!paid.end || (o.paymentTime !== undefined && o.paymentTime <= paid.end)),
        );
        const sorted = [...matching].sort((a, b) => {
            const c = a.createTime < b.createTime ? -1 : a.createTime > b.createTime ? 1 : a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0;
            return ascending ? c : -c;
        });
        const page = pageOf(sorted, intParam(request, "offset", 0), intParam(request, "limit", 10));
        return ok({ total_count: sorted.length, order_infos: page.map((o) => orderToWire(o, world.site)) });
    },
};

const orderDetails: OperationDef = {
    name: "ShowCustomerOrderDetails",
    method: "GET",
    path: "/v2/orders/customer-orders/details/{order_id}",
    handle(request, world) {
        rejectReseller(request);
        const order = findOrder(world, request, request.pathParams.order_id);
        const lines = pageOf(order.lines, intParam(request, "offset", 0), intParam(request, "limit", 10));
        return ok({
            total_count: order.lines.length,
            order_info: orderDetailToWire(order, world.site),
            order_line_items: lines.map((l) => orderLineToWire(l, order, world.site)),
        });
    },
};

const orderDiscounts: OperationDef = {
    name: "ListOrderDiscounts",
    method: "GET",
    path: "/v2/orders/customer-orders/order-discounts",
    handle(request, world) {
        const order = findOrder(world, request, stringParam(request, "order_id") ?? "");
        if (order.status !== 6) return ok({ discounts: [] });
        const discounts = applicableDiscounts(request.account, order).map((d) => ({
            discount_id: d.discountId,
            discount_value: String(d.ratio),
            discount_type: d.discountType,
            orders: [
                {
                    order_id: order.orderId,
                    order_line_items: [
                        {
                            order_line_item_ids: order.lines.map((l) => l.orderLineItemId),
                            discount_mode: 0,
                            discount_amount: round2(order.amountAfterDiscount * (1 - d.ratio)),
                            discount_ratio: d.ratio,
                        },
                    ],
                },
            ],
        }));
        return ok({ discounts });
    },
};

const payOrders: OperationDef = {
    name: "PayOrders",
    method: "POST",
    path: "/v3/orders/customer-orders/pay",
    handle(request, world) {
        const body = bodyOf(request);
        const coupons = Array.isArray(body.coupon_infos) ? (body.coupon_infos as { id: string; type: number }[]) : undefined;
        const discounts = Array.isArray(body.discount_infos) ? (body.discount_infos as { id: string; type: number }[]) : undefined;
        if (body.use_coupon === "YES" && (!coupons || coupons.length === 0)) fail("CBC.0100", "Invalid parameter coupon_infos: mandatory when use_coupon is YES.");
        if (body.use_coupon === "NO" && coupons && coupons.length > 0) fail("CBC.0100", "Invalid parameter coupon_infos: must be absent when use_coupon is NO.");
        if (body.use_discount === "YES" && (!discounts || discounts.length === 0)) fail("CBC.0100", "Invalid parameter discount_infos: mandatory when use_discount is YES.");
        if (body.use_discount === "NO" && discounts && discounts.length > 0) fail("CBC.0100", "Invalid parameter discount_infos: must be absent when use_discount is NO.");

        const order = findOrder(world, request, body.order_id as string);
        if (order.status === 4 && order.cancelReason === "paymentDeadline") fail("CBC.99003110", `The payment deadline of order ${order.orderId} has passed. Submit a new order.`);
        if (order.status !== 6) fail("CBC.99003106", `The status of order ${order.orderId} has changed; it cannot be paid.`);
        if (order.pendingPaymentEndTime && request.nowIso > order.pendingPaymentEndTime) fail("CBC.99003110", `The payment deadline of order ${order.orderId} has passed. Submit a new order.`);

        for (const info of coupons ?? []) {
            const coupon = world.coupon(info.id);
            if (coupon && COUPON_TYPE_BY_PAY_TYPE[info.type] !== coupon.couponType) fail("CBC.0100", `Invalid parameter coupon_infos: coupon ${info.id} is not of type ${info.type}.`);
        }
        const discount = discounts?.[0];
        if (discount) {
            const rule = request.account.discounts.find((d) => d.discountId === discount.id);
            if (rule && rule.discountType !== discount.type) fail("CBC.99003108", `The discount ${discount.id} is not of type ${discount.type}.`);
        }
        payOrder(world, order, contextOf(request), { couponIds: coupons?.map((c) => c.id), discountId: discount?.id }, "CBC.99005003");
        return noContent();
    },
};

const cancelCustomerOrder: OperationDef = {
    name: "CancelCustomerOrder",
    method: "PUT",
    path: "/v2/orders/customer-orders/cancel",
    handle(request, world) {
        const order = findOrder(world, request, bodyOf(request).order_id as string);
        if (order.status !== 6) fail("CBC.99005010", `The status of order ${order.orderId} does not allow cancellation.`);
        cancelOrder(world, order, contextOf(request), "customer");
        return noContent();
    },
};

const refundDetails: OperationDef = {
    name: "ShowRefundOrderDetails",
    method: "GET",
    path: "/v2/orders/customer-orders/refund-orders",
    handle(request, world) {
        rejectReseller(request);
        const order = findOrder(world, request, stringParam(request, "order_id") ?? "");
        if (order.orderType !== 3 && order.orderType !== 4) fail("CBC.99005026", `The order ${order.orderId} is not an unsubscription or downgrade order.`);
        return ok({ total_count: order.refundLines.length, refund_infos: order.refundLines.map((l) => refundLineToWire(l, order.customerId)) });
    },
};

export const orderOperations: OperationDef[] = [listOrders, orderDetails, orderDiscounts, payOrders, cancelCustomerOrder, refundDetails];
