/**
 * State records -> wire objects with the reference's exact field names (odd spellings included:
 * `use_limiti_info_id`, `AmountInfomationV2`'s fields). Absent optional values are omitted, not null.
 */
import { catalogueEntry } from "../domain/pricing";
import type { Coupon, Order, OrderAmountInfo, OrderLine, RefundLine, Resource, Site } from "../model";
import { round2 } from "../money";
import { EncodedJson } from "../operation";
import type { World } from "../world";

/** Marks objects whose undefined members JSON.stringify drops (absent optional values are omitted, never null). */
function defined<T extends Record<string, unknown>>(value: T): T {
    return value;
}

/**
 * OrderInstanceV2 (ListPayPerUseCustomerResources). Every Resource field read here must be listed in
 * WIRE_SOURCE_FIELDS below, or the cached encoding would not notice its change.
 */
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

/** The Resource fields resourceToWire reads (besides the catalogue names). */
export const WIRE_SOURCE_FIELDS = [
    "id",
    "resourceId",
    "resourceName",
    "regionCode",
    "serviceTypeCode",
    "resourceTypeCode",
    "resourceSpecCode",
    "projectId",
    "productId",
    "parentResourceId",
    "isMainResource",
    "status",
    "effectiveTime",
    "expireTime",
    "expirePolicy",
    "productSpecDesc",
    "specSize",
    "specSizeMeasureId",
    "updateTime",
    "enterpriseProjectId",
    "enterpriseProjectName",
] as const satisfies readonly (keyof Resource)[];

type WireSource = Pick<Resource, (typeof WIRE_SOURCE_FIELDS)[number]>;

interface EncodedResource {
    readonly source: WireSource;
    readonly resourceTypeName: string;
    readonly serviceTypeName: string;
    readonly bytes: Buffer;
}

/**
 * UTF-8 JSON of each resource's wire record, reused while the fields it was built from are unchanged
 * (compared on every use, so no mutation path has to remember to invalidate it). Serialising the records
 * dominated the cost of 500-record pages.
 */
const encodedResources = new WeakMap<Resource, EncodedResource>();

// Written out field by field: property loads with literal names stay fast (a loop over the names does not).
function snapshotOf(r: Resource): WireSource {
    return {
        id: r.id,
        resourceId: r.resourceId,
        resourceName: r.resourceName,
        regionCode: r.regionCode,
        serviceTypeCode: r.serviceTypeCode,
        resourceTypeCode: r.resourceTypeCode,
        resourceSpecCode: r.resourceSpecCode,
        projectId: r.projectId,
        productId: r.productId,
        parentResourceId: r.parentResourceId,
        isMainResource: r.isMainResource,
        status: r.status,
        effectiveTime: r.effectiveTime,
        expireTime: r.expireTime,
        expirePolicy: r.expirePolicy,
        productSpecDesc: r.productSpecDesc,
        specSize: r.specSize,
        specSizeMeasureId: r.specSizeMeasureId,
        updateTime: r.updateTime,
        enterpriseProjectId: r.enterpriseProjectId,
        enterpriseProjectName: r.enterpriseProjectName,
    };
}

function sameSource(s: WireSource, r: Resource): boolean {
    return (
        s.status === r.status &&
        s.expireTime === r.expireTime &&
        s.expirePolicy === r.expirePolicy &&
        s.updateTime === r.updateTime &&
        s.resourceName === r.resourceName &&
        s.id === r.id &&
        s.resourceId === r.resourceId &&
        s.regionCode === r.regionCode &&
        s.serviceTypeCode === r.serviceTypeCode &&
        s.resourceTypeCode === r.resourceTypeCode &&
        s.resourceSpecCode === r.resourceSpecCode &&
        s.projectId === r.projectId &&
        s.productId === r.productId &&
        s.parentResourceId === r.parentResourceId &&
        s.isMainResource === r.isMainResource &&
        s.effectiveTime === r.effectiveTime &&
        s.productSpecDesc === r.productSpecDesc &&
        s.specSize === r.specSize &&
        s.specSizeMeasureId === r.specSizeMeasureId &&
        s.enterpriseProjectId === r.enterpriseProjectId &&
        s.enterpriseProjectName === r.enterpriseProjectName
    );
}

/** JSON.stringify(resourceToWire(world, resource)) as UTF-8, from the cache when still valid. */
export function encodedResourceToWire(world: World, resource: Resource): Buffer {
    const entry = catalogueEntry(world, resource);
    const cached = encodedResources.get(resource);
    if (cached && cached.resourceTypeName === entry.resourceTypeName && cached.serviceTypeName === entry.serviceTypeName && sameSource(cached.source, resource)) {
        return cached.bytes;
    }
    const bytes = Buffer.from(JSON.stringify(resourceToWire(world, resource)), "utf8");
    encodedResources.set(resource, { source: snapshotOf(resource), resourceTypeName: entry.resourceTypeName, serviceTypeName: entry.serviceTypeName, bytes });
    return bytes;
}

const COMMA = Buffer.from(",");
const LISTING_END = Buffer.from("]}");

interface EncodedPage {
    readonly totalCount: number;
    readonly resources: readonly Resource[];
    readonly parts: readonly Buffer[];
    readonly body: EncodedJson;
}

/** Pages worth keeping whole (copying them together costs more than checking them). */
const CACHED_PAGE_MIN_RECORDS = 100;
/** Whole pages kept per world, least recently used first out (about 400 KB each at 500 records). */
const CACHED_PAGES = 64;
const encodedPages = new WeakMap<World, Map<Resource, EncodedPage>>();

/**
 * The ListPayPerUseCustomerResources body `{"total_count":n,"data":[...]}`, byte for byte as JSON.stringify
 * gives it: assembled from the cached record encodings, and for large pages of a plain listing (`keepWhole`:
 * pages that come back, unlike answers to id lists) reused whole while the total and every record's
 * encoding are the same objects as last time.
 */
export function encodedResourceListing(world: World, totalCount: number, page: readonly Resource[], keepWhole: boolean): EncodedJson {
    const parts: Buffer[] = new Array(page.length);
    for (let i = 0; i < page.length; i++) parts[i] = encodedResourceToWire(world, page[i]);
    const cacheable = keepWhole && page.length >= CACHED_PAGE_MIN_RECORDS;
    let pages = encodedPages.get(world);
    if (cacheable) {
        const cached = pages?.get(page[0]);
        if (cached && cached.totalCount === totalCount && cached.resources.length === page.length && samePage(cached, page, parts)) {
            pages!.delete(page[0]);
            pages!.set(page[0], cached);
            return cached.body;
        }
    }
    const head = Buffer.from(`{"total_count":${totalCount},"data":[`);
    const chunks: Buffer[] = [head];
    let length = head.length + LISTING_END.length + Math.max(0, parts.length - 1);
    for (let i = 0; i < parts.length; i++) {
        if (i > 0) chunks.push(COMMA);
        chunks.push(parts[i]);
        length += parts[i].length;
    }
    chunks.push(LISTING_END);
    const body = new EncodedJson(Buffer.concat(chunks, length));
    if (cacheable) {
        if (!pages) encodedPages.set(world, (pages = new Map()));
        pages.delete(page[0]);
        pages.set(page[0], { totalCount, resources: [...page], parts, body });
        if (pages.size > CACHED_PAGES) pages.delete(pages.keys().next().value as Resource);
    }
    return body;
}

function samePage(cached: EncodedPage, page: readonly Resource[], parts: readonly Buffer[]): boolean {
    for (let i = 0; i < page.length; i++) if (cached.resources[i] !== page[i] || cached.parts[i] !== parts[i]) return false;
    return true;
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
