/**
 * Subscription lifecycle operations: resource query, renewal and its quote, unsubscription, auto-renew
 * on/off, conversion to pay-per-use at expiry, and the account's renewal settings.
 */
import { createRenewalOrder, unsubscribe } from "../domain/orders";
import type { ActionContext } from "../domain/payment";
import { payOrder } from "../domain/payment";
import { attachedOf, quoteRenewal, renewedExpiry } from "../domain/pricing";
import type { Account, Resource } from "../model";
import { money2, round2 } from "../money";
import type { OperationDef, OperationRequest } from "../operation";
import { BssFailure, bodyOf, fail, noContent, ok, pageOf } from "../operation";
import { parseTime } from "../time";
import type { World } from "../world";
import { isSubscribed } from "../world";
import { encodedResourceListing } from "./wire";

export function contextOf(request: OperationRequest): ActionContext {
    return { nowIso: request.nowIso, userName: request.caller.userName, by: request.operation };
}

/** The caller's own resource (any state), or undefined. */
function ownResource(world: World, account: Account, resourceId: string): Resource | undefined {
    const resource = world.resource(resourceId);
    return resource && resource.customerId === account.id ? resource : undefined;
}

function unique(ids: readonly string[]): string[] {
    return [...new Set(ids)];
}

function byListingOrder(a: Resource, b: Resource): number {
    if (a.effectiveTime !== b.effectiveTime) return a.effectiveTime < b.effectiveTime ? -1 : 1;
    return a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0;
}

/** Locks of a primary and its attached resources: the first pending (6) or processing (3) order. */
function lockOf(world: World, primary: Resource): number | undefined {
    let status: number | undefined;
    for (const r of [primary, ...attachedOf(world, primary)]) {
        for (const order of world.lockingOrders(r.resourceId)) {
            if (order.status === 6) return 6;
            status = order.status;
        }
    }
    return status;
}

const listResources: OperationDef = {
    name: "ListPayPerUseCustomerResources",
    method: "POST",
    path: "/v2/orders/suscriptions/resources/query",
    handle(request, world) {
        const body = bodyOf(request);
        const account = request.account;
        const onlyMain = body.only_main_resource === 1;
        const ids = Array.isArray(body.resource_ids) ? (body.resource_ids as string[]) : [];
        let candidates: readonly Resource[];
        if (ids.length > 0) {
            const found = new Map<string, Resource>();
            for (const id of ids) {
                const resource = ownResource(world, account, id);
                if (!resource || !isSubscribed(resource)) continue;
                found.set(resource.resourceId, resource);
                if (resource.isMainResource && !onlyMain) for (const child of attachedOf(world, resource)) found.set(child.resourceId, child);
            }
            candidates = [...found.values()].filter((r) => !onlyMain || r.isMainResource || ids.includes(r.resourceId)).sort(byListingOrder);
        } else {
            candidates = world.subscribedResources(account.id);
            if (onlyMain) candidates = candidates.filter((r) => r.isMainResource);
        }
        const orderId = typeof body.order_id === "string" && body.order_id !== "" ? body.order_id : undefined;
        const statuses = Array.isArray(body.status_list) && body.status_list.length > 0 ? new Set(body.status_list as number[]) : undefined;
        const begin = typeof body.expire_time_begin === "string" && body.expire_time_begin !== "" ? body.expire_time_begin : undefined;
        const end = typeof body.expire_time_end === "string" && body.expire_time_end !== "" ? body.expire_time_end : undefined;
        const serviceType = typeof body.service_type_code === "string" ? body.service_type_code : undefined;
        const filtered = orderId !== undefined || statuses !== undefined || begin !== undefined || end !== undefined || serviceType !== undefined;
        if (filtered) {
            let inOrder: Set<string> | undefined;
            if (orderId !== undefined) {
                const order = world.order(orderId);
                inOrder = new Set(order && order.customerId === account.id ? order.lines.map((l) => l.resourceId) : []);
            }
            candidates = candidates.filter(
                (r) =>
                    (!inOrder || inOrder.has(r.resourceId)) &&
                    (!statuses || statuses.has(r.status)) &&
                    (!begin || r.expireTime >= begin) &&
                    (!end || r.expireTime <= end) &&
                    (serviceType === undefined || r.serviceTypeCode === serviceType),
            );
        }
        const offset = typeof body.offset === "number" ? body.offset : 0;
        const limit = typeof body.limit === "number" ? body.limit : 10;
        return { status: 200, body: encodedResourceListing(world, candidates.length, pageOf(candidates, offset, limit), ids.length === 0 && !filtered) };
    },
};

function checkPeriod(periodType: number, periodNum: number, code: string): void {
    if (periodType === 3 && periodNum > 3) fail(code, `period_num ${periodNum} is not valid for yearly renewal (1..3).`);
}

const renew: OperationDef = {
    name: "RenewalResources",
    method: "POST",
    path: "/v2/orders/subscriptions/resources/renew",
    handle(request, world) {
        const body = bodyOf(request);
        const periodType = body.period_type as number;
        const periodNum = body.period_num as number;
        checkPeriod(periodType, periodNum, "CBC.99000092");
        const ids = unique(body.resource_ids as string[]);
        const primaries: Resource[] = [];
        for (const id of ids) {
            const resource = ownResource(world, request.account, id);
            if (!resource || resource.endedAt !== undefined || resource.billingMode !== "prepaid") fail("CBC.99003016", `The resource ${id} has expired and been deleted, or does not exist.`);
            if (!resource.isMainResource) fail("CBC.30010036", `The resource ${id} is not a primary resource and cannot be renewed separately.`);
            const lock = lockOf(world, resource);
            if (lock === 6) fail("CBC.99003100", `The resource ${id} is contained in an order pending payment.`);
            if (lock === 3) fail("CBC.99003144", `The resource ${id} has an order in processing.`);
            const newExpire = renewedExpiry(world, resource, periodType, periodNum);
            const maxMs = world.behaviour.maxSubscriptionYears * 366 * 24 * 3600 * 1000;
            if (parseTime(newExpire) - parseTime(request.nowIso) > maxMs) {
                fail("CBC.99003154", `The purchased duration plus the renewal of ${id} exceeds the maximum of ${world.behaviour.maxSubscriptionYears} years.`);
            }
            if (!quoteRenewal(world, resource, periodType, periodNum)) fail("CBC.30010069", `The renewal period does not exist for the product of ${id}.`);
            primaries.push(resource);
        }
        const context = contextOf(request);
        const order = createRenewalOrder(world, request.account.id, primaries, periodType, periodNum, context);
        if (!order) fail("CBC.30010069", "The renewal period does not exist for the product.");
        if (body.is_auto_pay === 1) {
            try {
                payOrder(world, order, context, {}, "CBC.30050006");
            } catch (error) {
                world.discardOrder(order);
                if (error instanceof BssFailure) {
                    world.logOrderEvent({ time: context.nowIso, orderId: order.orderId, customerId: order.customerId, event: "paymentFailed", orderType: 2, status: 4, amount: order.amountAfterDiscount, resourceIds: ids, by: request.operation });
                    fail("CBC.30050006", `Automatic payment of the order failed: ${error.message}`);
                }
                throw error;
            }
        }
        return ok({ order_ids: [order.orderId] });
    },
};

const cancelSubscription: OperationDef = {
    name: "CancelResourcesSubscription",
    method: "POST",
    path: "/v2/orders/subscriptions/resources/unsubscribe",
    handle(request, world) {
        const body = bodyOf(request);
        const ids = unique(body.resource_ids as string[]);
        const primaries: Resource[] = [];
        for (const id of ids) {
            const resource = ownResource(world, request.account, id);
            if (!resource || resource.endedAt !== undefined || resource.billingMode !== "prepaid") {
                fail("CBC.30000067", `Unsubscription not supported. The resource ${id} has been deleted or is not managed by billing.`);
            }
            if (!resource.isMainResource) fail("CBC.99003185", `The resource ${id} belongs to ${resource.parentResourceId}; the cloud service must be unsubscribed as a whole.`);
            if (resource.status === 4) fail("CBC.99003656", `The resource ${id} is frozen; the operation is not allowed.`);
            const lock = lockOf(world, resource);
            if (lock === 6) fail("CBC.99003100", `The resource ${id} is contained in an order pending payment.`);
            if (lock === 3) fail("CBC.99003651", `A transaction on the resource ${id} is in progress; try again later.`);
            primaries.push(resource);
        }
        const result = unsubscribe(world, request.account.id, primaries, body.unsubscribe_type as number, contextOf(request));
        if ("nothingToUnsubscribe" in result) fail("CBC.99003128", `The resource ${result.nothingToUnsubscribe} has no renewal period that has not taken effect.`);
        return ok({ order_ids: [result.orderId] });
    },
};

/** A primary and its attached resources; an attached id means its primary's family. */
function familyOf(world: World, resource: Resource): Resource[] {
    const primary = resource.parentResourceId ? (world.resource(resource.parentResourceId) ?? resource) : resource;
    return [primary, ...attachedOf(world, primary)];
}

function liveOwnResource(world: World, request: OperationRequest, resourceId: string): Resource {
    const resource = ownResource(world, request.account, resourceId);
    if (!resource || resource.endedAt !== undefined || resource.billingMode !== "prepaid") fail("CBC.99003012", `The resource ID ${resourceId} does not exist.`);
    return resource;
}

const enableAutoRenew: OperationDef = {
    name: "AutoRenewalResources",
    method: "POST",
    path: "/v2/orders/subscriptions/resources/autorenew/{resource_id}",
    handle(request, world) {
        const resource = liveOwnResource(world, request, request.pathParams.resource_id);
        const family = familyOf(world, resource);
        if (family.some((r) => r.status === 4 || r.status === 5)) fail("CBC.99003602", `Expired or frozen resources cannot be set to auto-renew (${resource.resourceId}).`);
        const times = bodyOf(request).auto_renew_times;
        for (const r of family) {
            const wasOn = r.expirePolicy === 3;
            r.expirePolicy = 3;
            if (typeof times === "number") r.autoRenewTimes = times === 0 ? undefined : times;
            else if (!wasOn) r.autoRenewTimes = undefined;
            r.autoRenewFailedAt = undefined;
            world.resourceChanged(r, request.nowIso);
        }
        return noContent();
    },
};

const disableAutoRenew: OperationDef = {
    name: "CancelAutoRenewalResources",
    method: "DELETE",
    path: "/v2/orders/subscriptions/resources/autorenew/{resource_id}",
    handle(request, world) {
        const resource = liveOwnResource(world, request, request.pathParams.resource_id);
        const family = familyOf(world, resource);
        if (family[0].expirePolicy !== 3) fail("CBC.99003605", `Auto-renewal of ${resource.resourceId} has already been cancelled.`);
        for (const r of family) {
            r.expirePolicy = 0;
            r.autoRenewTimes = undefined;
            r.autoRenewFailedAt = undefined;
            world.resourceChanged(r, request.nowIso);
        }
        return noContent();
    },
};

const toOnDemand: OperationDef = {
    name: "UpdatePeriodToOnDemand",
    method: "POST",
    path: "/v2/orders/subscriptions/resources/to-on-demand",
    handle(request, world) {
        const body = bodyOf(request);
        const setUp = body.operation === "SET_UP";
        const errorDetails: { id: string; error_code: string; error_msg: string }[] = [];
        for (const id of unique(body.resource_ids as string[])) {
            const resource = ownResource(world, request.account, id);
            if (!resource || resource.endedAt !== undefined || resource.billingMode !== "prepaid") {
                errorDetails.push({ id, error_code: "CBC.99003012", error_msg: `The resource ID ${id} does not exist.` });
                continue;
            }
            const family = familyOf(world, resource);
            if (family[0].status === 4 || family[0].status === 5) {
                errorDetails.push({ id, error_code: "CBC.99003610", error_msg: `Resources in the grace or retention period cannot be converted (${id}).` });
                continue;
            }
            if (lockOf(world, family[0]) !== undefined) {
                errorDetails.push({ id, error_code: "CBC.99003623", error_msg: `Another transaction of ${id} is being processed.` });
                continue;
            }
            for (const r of family) {
                if (setUp) {
                    r.expirePolicy = 1;
                    r.autoRenewTimes = undefined;
                } else if (r.expirePolicy === 1) {
                    r.expirePolicy = 0;
                }
                world.resourceChanged(r, request.nowIso);
            }
        }
        return ok({ error_details: errorDetails });
    },
};

/** Wire discount_type of an account discount in renewal quotes (605 business, 606 distributor, 607 partner). */
const QUOTE_DISCOUNT_TYPE: Readonly<Record<number, number>> = { 1: 605, 2: 605, 3: 607 };

const renewRate: OperationDef = {
    name: "ListRenewRateOnPeriod",
    method: "POST",
    path: "/v2/bills/ratings/period-resources/renew-rate",
    handle(request, world) {
        const body = bodyOf(request);
        const ids = body.resource_ids as string[];
        if (new Set(ids).size !== ids.length) fail("CBC.30050012", "The request contains duplicate resource IDs.");
        const periodType = body.period_type as number;
        const periodNum = body.period_num as number;
        const results: { resource_id: string; amount: string }[] = [];
        const failures: { resource_id: string; error_code: string; error_msg: string }[] = [];
        let official = 0;
        let amount = 0;
        for (const id of ids) {
            const resource = ownResource(world, request.account, id);
            if (!resource || resource.endedAt !== undefined || resource.billingMode !== "prepaid") {
                failures.push({ resource_id: id, error_code: "CBC.30050009", error_msg: `The resource ${id} has expired and been deleted, or does not exist.` });
                continue;
            }
            if (!resource.isMainResource) {
                failures.push({ resource_id: id, error_code: "CBC.30050007", error_msg: `The resource ${id} is not a primary resource.` });
                continue;
            }
            const lock = lockOf(world, resource);
            if (lock === 6 || lock === 3) {
                failures.push({ resource_id: id, error_code: lock === 6 ? "CBC.30050010" : "CBC.30050011", error_msg: lock === 6 ? `The resource ${id} is in an order pending payment.` : `The resource ${id} is being unsubscribed or changed.` });
                continue;
            }
            const quote = periodType === 3 && periodNum > 3 ? undefined : quoteRenewal(world, resource, periodType, periodNum);
            if (!quote) {
                failures.push({ resource_id: id, error_code: "CBC.30050008", error_msg: `The resource ${id} has no such renewal period.` });
                continue;
            }
            results.push({ resource_id: id, amount: money2(quote.amount) });
            official += quote.officialAmount;
            amount += quote.amount;
        }
        const response: Record<string, unknown> = {
            currency: world.currency,
            renew_inquiry_results: results,
            official_website_rating_result: { official_website_amount: money2(official) },
        };
        const discounts = request.account.discounts.filter((d) => d.discountType in QUOTE_DISCOUNT_TYPE);
        if (discounts.length > 0 && results.length > 0) {
            const options = discounts.map((d) => {
                const final = round2(amount * d.ratio);
                return { d, final, saving: round2(official - final) };
            });
            const best = options.reduce((a, b) => (b.saving > a.saving ? b : a));
            response.optional_discount_rating_results = options.map(({ d, final, saving }) => ({
                discount_id: d.discountId,
                amount: money2(final),
                official_website_amount: money2(official),
                discount_amount: money2(saving),
                discount_type: QUOTE_DISCOUNT_TYPE[d.discountType],
                discount_name: d.name,
                best_offer: d === best.d ? 1 : 0,
            }));
        }
        if (failures.length > 0) response.fail_resource_infos = failures;
        return ok(response);
    },
};

const renewConfig: OperationDef = {
    name: "SetResourcesRenewConfig",
    method: "POST",
    path: "/v2/orders/subscriptions/resources/renew/config",
    handle(request, world) {
        const body = bodyOf(request);
        const value = body.config_value as string;
        const account = request.account;
        if (body.config_name === "DEDUCTION_DATE") {
            if (!/^[2-7]$/.test(value)) fail("CBC.0100", "Invalid parameter config_value: DEDUCTION_DATE must be 2..7 (days before expiry).");
            account.renewConfig.deductionDays = Number(value);
            for (const r of world.resourcesOf(account.id)) if (r.expirePolicy === 3 && r.endedAt === undefined) world.resourceChanged(r);
        } else {
            if (!/^(-1|[1-9]|1\d|2[0-8])$/.test(value)) fail("CBC.0100", "Invalid parameter config_value: EXPIRE_DATE must be 1..28 or -1 (last day of month).");
            account.renewConfig.expireDay = Number(value);
        }
        return ok({ error_code: "CBC.0000", error_msg: "success" });
    },
};

export const subscriptionLifecycleOperations: OperationDef[] = [listResources, renew, cancelSubscription, enableAutoRenew, disableAutoRenew, toOnDemand, renewRate, renewConfig];
