/**
 * The subset of the BSS client (provider/bss) that the resource providers call, with the wire
 * field names of the reference. Providers depend on this interface, not on the client's module,
 * so tests can hand them a client pointed at the emulator or a recording wrapper.
 */

export interface FailResourceInfo {
    readonly resource_id?: string;
    readonly error_code?: string;
    readonly error_msg?: string;
}

/** One record of ListPayPerUseCustomerResources (OrderInstanceV2). */
export interface ResourceRecord {
    readonly id?: string;
    readonly resource_id?: string;
    readonly resource_name?: string;
    readonly region_code?: string;
    readonly service_type_code?: string;
    readonly resource_type_code?: string;
    readonly resource_spec_code?: string;
    readonly product_id?: string;
    readonly parent_resource_id?: string;
    readonly is_main_resource?: number;
    readonly status?: number;
    readonly effective_time?: string;
    readonly expire_time?: string;
    readonly expire_policy?: number;
    readonly enterprise_project?: { readonly id?: string; readonly name?: string };
}

export interface ListResourcesRequest {
    resource_ids?: string[];
    order_id?: string;
    only_main_resource?: 0 | 1;
    status_list?: (2 | 3 | 4 | 5)[];
    offset?: number;
    limit?: number;
}

export interface ListResourcesResponse {
    readonly data?: readonly ResourceRecord[];
    readonly total_count?: number;
}

export interface RenewRequest {
    resource_ids: string[];
    period_type: 2 | 3;
    period_num: number;
    is_auto_pay?: 0 | 1;
}

export interface OrdersPlacedResponse {
    readonly order_ids?: readonly string[];
    readonly fail_resource_infos?: readonly FailResourceInfo[];
}

export interface UnsubscribeRequest {
    resource_ids: string[];
    unsubscribe_type: 1 | 2;
    unsubscribe_reason_type?: 1 | 2 | 3 | 4 | 5;
    unsubscribe_reason?: string;
}

export interface ToOnDemandRequest {
    operation: "SET_UP" | "CANCEL";
    resource_ids: string[];
}

export interface ToOnDemandResponse {
    readonly error_details?: readonly { readonly id?: string; readonly error_code?: string; readonly error_msg?: string }[];
}

export interface RenewRateRequest {
    resource_ids: string[];
    period_type: 2 | 3;
    period_num: number;
    include_relative_resources?: boolean;
}

export interface RenewRateResponse {
    readonly currency?: string;
    readonly renew_inquiry_results?: readonly { readonly resource_id?: string; readonly amount?: string }[];
    readonly fail_resource_infos?: readonly FailResourceInfo[];
}

/** An order header (CustomerOrderV2 / V3). */
export interface OrderRecord {
    readonly order_id?: string;
    readonly status?: number;
    readonly order_type?: number;
    readonly amount_after_discount?: number;
    readonly official_amount?: number;
    readonly currency?: string;
    readonly create_time?: string;
    readonly payment_time?: string;
    readonly pending_payment_end_time?: string;
    readonly service_type_code?: string;
}

export interface ListOrdersRequest {
    order_id?: string;
    status?: 1 | 3 | 4 | 5 | 6 | 9;
    order_type?: "1" | "2" | "3" | "4" | "10" | "11" | "13" | "14" | "15";
    create_time_begin?: string;
    create_time_end?: string;
    limit?: number;
    offset?: number;
    order_by?: string;
}

export interface ListOrdersResponse {
    readonly total_count?: number;
    readonly order_infos?: readonly OrderRecord[];
}

export interface OrderDetailsResponse {
    readonly total_count?: number;
    readonly order_info?: OrderRecord;
    readonly order_line_items?: readonly {
        readonly period_type?: number;
        readonly period_num?: number;
        readonly amount_after_discount?: number;
        readonly currency?: string;
    }[];
}

export interface PayOrderRequest {
    order_id: string;
    use_coupon: "YES" | "NO";
    use_discount: "YES" | "NO";
    coupon_infos?: { id: string; type: number }[];
    discount_infos?: { id: string; type: number }[];
}

export interface RefundDetailsResponse {
    readonly total_count?: number;
    readonly refund_infos?: readonly { readonly amount?: number | string; readonly base_order_id?: string }[];
}

export interface OrderDiscountsResponse {
    readonly discounts?: readonly {
        readonly discount_id?: string;
        readonly discount_type?: number;
        readonly orders?: readonly {
            readonly order_id?: string;
            readonly order_line_items?: readonly { readonly discount_amount?: number | string }[];
        }[];
    }[];
}

export interface CouponsResponse {
    readonly count?: number;
    readonly user_coupons?: readonly { readonly coupon_id?: string; readonly coupon_type?: number; readonly status?: number }[];
}

export interface BssOperations {
    /** How long a call of the operation (method name) made now would wait for the rate limit, in ms. */
    pacingDelayMs?(operation: string): number;
    listPayPerUseCustomerResources(request: ListResourcesRequest): Promise<ListResourcesResponse>;
    renewalResources(request: RenewRequest): Promise<OrdersPlacedResponse>;
    cancelResourcesSubscription(request: UnsubscribeRequest): Promise<OrdersPlacedResponse>;
    autoRenewalResources(request: { resource_id: string; auto_renew_times?: number }): Promise<unknown>;
    cancelAutoRenewalResources(request: { resource_id: string }): Promise<unknown>;
    updatePeriodToOnDemand(request: ToOnDemandRequest): Promise<ToOnDemandResponse>;
    listRenewRateOnPeriod(request: RenewRateRequest): Promise<RenewRateResponse>;
    setResourcesRenewConfig(request: { config_name: "DEDUCTION_DATE" | "EXPIRE_DATE"; config_value: string }): Promise<unknown>;
    listCustomerOrders(request: ListOrdersRequest): Promise<ListOrdersResponse>;
    showCustomerOrderDetails(request: { order_id: string; limit?: number; offset?: number }): Promise<OrderDetailsResponse>;
    payOrders(request: PayOrderRequest): Promise<unknown>;
    cancelCustomerOrder(request: { order_id: string }): Promise<unknown>;
    showRefundOrderDetails(request: { order_id: string }): Promise<RefundDetailsResponse>;
    listOrderDiscounts(request: { order_id: string }): Promise<OrderDiscountsResponse>;
    listSubCustomerCoupons(request: { coupon_id?: string; limit?: number; offset?: number }): Promise<CouponsResponse>;
    createEnterpriseProjectAuth(request: Record<string, never>): Promise<unknown>;
}
