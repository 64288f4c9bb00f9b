/**
 * State records -> wire objects with the reference's exact field names (odd spellings included:
 * `use_limiti_info_id`, `AmountInfomationV2`'s fields). Absent optional values are omitted, not null.
 */
import { catalogueEntry } from "../domain/pricing";
import type { Coupon, Order, OrderAmountInfo, OrderLine, RefundLine, Resource, Site } from "../model";
import { round2 } from "../money";
import type { World } from "../world";

/** Marks objects whose undefined members JSON.stringify drops (absent optional values are omitted, never null). */
function defined<T extends Record<string, unknown>>(value: T): T {
    return value;
}

/** OrderInstanceV2 (ListPayPerUseCustomerResources). */
export function resourceToWire(world: World, resource: Resource): Record<string, unknown> {
    const entry = catalogueEntry(world, resource);
    return defined({
        id: resource.id,
        resource_id: resource.resourceId,
        resource_name: resource.resourceName,
        region_code: resource.regionCode,
        service_type_code: resource.serviceTypeCode,
        resource_type_code: resource.resourceTypeCode,
        resource_type_name: entry.resourceTypeName,
        service_type_name: entry.serviceTypeName,
        resource_spec_code: resource.resourceSpecCode,
        project_id: resource.projectId,
        product_id: resource.productId,
        parent_resource_id: resource.parentResourceId,
        is_main_resource: resource.isMainResource ? 1 : 0,
        status: resource.status,
        effective_time: resource.effectiveTime,
        expire_time: resource.expireTime,
        expire_policy: resource.expirePolicy,
        product_spec_desc: resource.productSpecDesc,
        spec_size: resource.specSize,
        spec_size_measure_id: resource.specSize !== undefined ? resource.specSizeMeasureId : undefined,
        update_time: resource.updateTime,
        enterprise_project: { id: resource.enterpriseProjectId, name: resource.enterpriseProjectName },
    });
}

/** AmountInfomationV2; flexi-purchase and stored-card amounts are reserved (absent) on intl. */
export function amountInfoToWire(info: OrderAmountInfo, site: Site): Record<string, unknown> {
    return defined({
        discounts: info.discounts.map((d) => ({ discount_type: d.discountType, discount_amount: round2(d.discountAmount) })),
        flexipurchase_coupon_amount: site === "cn" ? round2(info.flexipurchaseCouponAmount) : undefined,
        coupon_amount: round2(info.couponAmount),
        stored_card_amount: site === "cn" ? round2(info.storedCardAmount) : undefined,
        commission_amount: info.commissionAmount,
        consumed_amount: info.consumedAmount,
    });
}

function orderCommon(order: Order, site: Site): Record<string, unknown> {
    return {
        order_id: order.orderId,
        customer_id: order.customerId,
        service_type_code: order.serviceTypeCode,
        service_type_name: order.serviceTypeName,
        source_type: order.sourceType,
        status: order.status,
        order_type: order.orderType,
        amount_after_discount: round2(order.amountAfterDiscount),
        official_amount: round2(order.officialAmount),
        measure_id: 1,
        create_time: order.createTime,
        payment_time: order.paymentTime,
        currency: order.currency,
        contract_id: order.contractId,
        amount_info: amountInfoToWire(order.amountInfo, site),
    };
}

/** CustomerOrderV2 (ListCustomerOrders). */
export function orderToWire(order: Order, site: Site): Record<string, unknown> {
    return defined({
        ...orderCommon(order, site),
        enterprise_projects: order.enterpriseProjects.map((p) => ({ id: p.id, name: p.name })),
        sub_order_infos: [],
        agent_pay_info: order.agentPayInfo ? { paying_agent_id: order.agentPayInfo.payingAgentId, is_agent_pay: order.agentPayInfo.isAgentPay } : undefined,
    });
}

/** CustomerOrderV3 (ShowCustomerOrderDetails.order_info). */
export function orderDetailToWire(order: Order, site: Site): Record<string, unknown> {
    return defined({
        ...orderCommon(order, site),
        user_name: order.userName,
        pending_payment_end_time: order.pendingPaymentEndTime,
        sub_order_infos: [],
    });
}

/** OrderLineItemEntityV2. */
export function orderLineToWire(line: OrderLine, order: Order, site: Site): Record<string, unknown> {
    return defined({
        order_line_item_id: line.orderLineItemId,
        service_type_code: line.serviceTypeCode,
        service_type_name: line.serviceTypeName,
        product_id: line.productId,
        product_spec_desc: line.productSpecDesc,
        period_type: line.periodType,
        period_num: line.periodNum,
        effective_time: line.effectiveTime,
        expire_time: line.expireTime,
        subscription_num: line.subscriptionNum,
        amount_after_discount: round2(line.amountAfterDiscount),
        official_amount: round2(line.officialAmount),
        amount_info: amountInfoToWire(line.amountInfo, site),
        currency: order.currency,
        category_code: line.categoryCode,
        product_owner_service: line.serviceTypeCode,
        commercial_resource: line.resourceTypeCode,
        base_product_info: {
            product_id: line.productId,
            product_spec_desc: line.productSpecDesc,
            category_code: line.categoryCode,
            product_owner_service: line.serviceTypeCode,
            commercial_resource: line.resourceTypeCode,
        },
        order_id: line.orderId,
    });
}

/** OrderRefundInfoV2 (measure_id is a string in this model). */
export function refundLineToWire(line: RefundLine, customerId: string): Record<string, unknown> {
    return defined({
        id: line.id,
        amount: round2(line.amount),
        measure_id: "1",
        customer_id: customerId,
        resource_type_code: line.resourceTypeCode,
        service_type_code: line.serviceTypeCode,
        resource_type_name: line.resourceTypeName,
        service_type_name: line.serviceTypeName,
        region_code: line.regionCode,
        base_order_id: line.baseOrderId,
    });
}

/** IQueryUserCouponsResultV2. */
export function couponToWire(coupon: Coupon, status: number): Record<string, unknown> {
    return defined({
        coupon_id: coupon.id,
        coupon_code: coupon.code,
        status,
        customer_id: coupon.customerId,
        coupon_type: coupon.couponType,
        measure_id: 1,
        face_value: round2(coupon.faceValue),
        valid_time: coupon.validTime,
        expire_time: coupon.expireTime,
        order_id: coupon.orderId,
        promotion_plan_id: coupon.promotionPlanId,
        plan_name: coupon.planName,
        plan_desc: coupon.planDesc,
        media_type: coupon.mediaType,
        fetch_method: coupon.fetchMethod,
        use_limits: coupon.useLimits.map((l) =>
            defined({ use_limiti_info_id: l.id, limit_key: l.limitKey, value1: l.value1, value2: l.value2, value_unit: l.valueUnit, limit_type: l.limitType, promotion_plan_id: l.promotionPlanId }),
        ),
        active_time: coupon.activeTime,
        reserve_time: coupon.reserveTime,
        promotion_id: coupon.promotionId,
        create_time: coupon.createTime,
        coupon_version: coupon.couponVersion,
        balance: coupon.couponVersion === 2 ? round2(coupon.balance) : undefined,
        lock_order_id: coupon.lockOrderId,
        coupon_usage: coupon.couponUsage,
        is_frozen: coupon.isFrozen ? "1" : "0",
        currency: coupon.currency,
        source_id: coupon.sourceId,
    });
}
