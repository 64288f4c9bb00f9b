/**
 * Orders and what they do to resources: renewal (created pending, applied when paid), unsubscription
 * (refund computed from the paid periods), conversion to pay-per-use, and recorded new purchases.
 */
import type { Order, OrderLine, PaidPeriod, PaymentSplit, RefundLine, Resource } from "../model";
import { BILL_TYPE } from "../model";
import { emptySplit, round2 } from "../money";
import { addMs, DAY_MS, parseTime } from "../time";
import type { World } from "../world";
import { attachedOf, catalogueEntry, quoteRenewal, renewedExpiry } from "./pricing";
import type { ActionContext } from "./payment";
import { prepaidChargeLine, resourceIdsOf } from "./payment";

function emptyAmountInfo(): Order["amountInfo"] {
    return { discounts: [], couponAmount: 0, flexipurchaseCouponAmount: 0, storedCardAmount: 0 };
}

function orderLine(world: World, orderId: string, resource: Resource, fields: Partial<OrderLine> & Pick<OrderLine, "effectiveTime" | "expireTime" | "officialAmount" | "amountAfterDiscount">): OrderLine {
    const entry = catalogueEntry(world, resource);
    const productDiscount = round2(fields.officialAmount - fields.amountAfterDiscount);
    return {
        orderLineItemId: world.nextId("OL", 10),
        orderId,
        resourceId: resource.resourceId,
        parentResourceId: resource.parentResourceId,
        serviceTypeCode: resource.serviceTypeCode,
        serviceTypeName: entry.serviceTypeName,
        resourceTypeCode: resource.resourceTypeCode,
        resourceTypeName: entry.resourceTypeName,
        resourceSpecCode: resource.resourceSpecCode,
        regionCode: resource.regionCode,
        productId: resource.productId,
        productSpecDesc: resource.productSpecDesc,
        categoryCode: entry.categoryCode,
        subscriptionNum: 1,
        enterpriseProjectId: resource.enterpriseProjectId,
        amountInfo: { ...emptyAmountInfo(), discounts: productDiscount > 0 ? [{ discountType: "900", discountAmount: productDiscount }] : [] },
        ...fields,
    };
}

function projectsOf(resources: readonly Resource[]): { id: string; name: string }[] {
    const seen = new Map<string, string>();
    for (const r of resources) if (!seen.has(r.enterpriseProjectId)) seen.set(r.enterpriseProjectId, r.enterpriseProjectName);
    return [...seen].map(([id, name]) => ({ id, name }));
}

/**
 * A renewal order (status 6, pending payment) for primaries and their attached resources. Resources
 * do not change until it is paid. Returns undefined when a product does not sell the period.
 */
export function createRenewalOrder(world: World, customerId: string, primaries: readonly Resource[], periodType: number, periodNum: number, context: ActionContext, sourceType = 1): Order | undefined {
    const orderId = world.nextOrderId(context.nowIso);
    const lines: OrderLine[] = [];
    let official = 0;
    let amount = 0;
    for (const primary of primaries) {
        const quote = quoteRenewal(world, primary, periodType, periodNum);
        if (!quote) return undefined;
        const newExpire = renewedExpiry(world, primary, periodType, periodNum);
        for (const item of quote.items) {
            lines.push(orderLine(world, orderId, item.resource, { periodType, periodNum, effectiveTime: item.resource.expireTime, expireTime: newExpire, officialAmount: item.officialAmount, amountAfterDiscount: item.amount }));
        }
        official += quote.officialAmount;
        amount += quote.amount;
    }
    const first = primaries[0];
    const entry = catalogueEntry(world, first);
    const order: Order = {
        orderId,
        customerId,
        serviceTypeCode: first.serviceTypeCode,
        serviceTypeName: entry.serviceTypeName,
        sourceType,
        status: 6,
        orderType: 2,
        currency: world.currency,
        officialAmount: round2(official),
        amountAfterDiscount: round2(amount),
        amountInfo: { ...emptyAmountInfo(), discounts: round2(official - amount) > 0 ? [{ discountType: "900", discountAmount: round2(official - amount) }] : [] },
        createTime: context.nowIso,
        pendingPaymentEndTime: addMs(context.nowIso, world.behaviour.pendingPaymentDays * DAY_MS),
        userName: context.userName,
        enterpriseProjects: projectsOf(primaries),
        lines,
        refundLines: [],
        action: { kind: "renew", periodType, periodNum, resourceIds: primaries.map((p) => p.resourceId) },
    };
    world.addOrder(order);
    world.logOrderEvent({ time: context.nowIso, orderId, customerId, event: "created", orderType: 2, status: 6, amount: order.amountAfterDiscount, resourceIds: resourceIdsOf(order), by: context.by });
    return order;
}

/**
 * Applies a just-paid order: ledger lines for every order line, and for renewals the extension of the
 * primaries (by the order's period, from their current expiry) and their attached resources.
 */
export function applyCompletedOrder(world: World, order: Order, context: ActionContext, lineSplits: readonly PaymentSplit[], payerAccountId: string): void {
    const tradeTime = order.paymentTime ?? context.nowIso;
    if (order.action.kind === "renew") {
        const { periodType, periodNum } = order.action;
        const billType = order.sourceType === 8 ? BILL_TYPE.autoRenewal : BILL_TYPE.renewal;
        const newExpireByPrimary = new Map<string, string>();
        for (const primaryId of order.action.resourceIds) {
            const primary = world.resource(primaryId);
            if (primary) newExpireByPrimary.set(primaryId, renewedExpiry(world, primary, periodType, periodNum));
        }
        order.lines.forEach((line, i) => {
            const resource = world.resource(line.resourceId);
            if (!resource) return;
            const newExpire = newExpireByPrimary.get(resource.parentResourceId ?? resource.resourceId) ?? newExpireByPrimary.get(resource.resourceId) ?? line.expireTime;
            const start = resource.expireTime;
            const period: PaidPeriod = { orderId: order.orderId, start, end: newExpire, amount: line.amountAfterDiscount, officialAmount: line.officialAmount, payment: lineSplits[i], billType };
            resource.periods.push(period);
            resource.expireTime = newExpire;
            resource.autoRenewFailedAt = undefined;
            if ((resource.status === 4 || resource.status === 5) && newExpire > context.nowIso) resource.status = 2;
            world.resourceChanged(resource, context.nowIso);
            world.addChargeLine(prepaidChargeLine(world, resource, { ...line, effectiveTime: start, expireTime: newExpire }, order, billType, line.amountAfterDiscount, line.officialAmount, lineSplits[i], tradeTime, payerAccountId));
        });
        return;
    }
    if (order.action.kind === "newPurchase") {
        order.lines.forEach((line, i) => {
            const resource = world.resource(line.resourceId);
            if (!resource) return;
            resource.periods.push({ orderId: order.orderId, start: line.effectiveTime, end: line.expireTime, amount: line.amountAfterDiscount, officialAmount: line.officialAmount, payment: lineSplits[i], billType: BILL_TYPE.newPurchase });
            world.addChargeLine(prepaidChargeLine(world, resource, line, order, BILL_TYPE.newPurchase, line.amountAfterDiscount, line.officialAmount, lineSplits[i], tradeTime, payerAccountId));
        });
    }
}

/** Cancels a pending order (customer request or payment deadline); its resources are unlocked. */
export function cancelOrder(world: World, order: Order, context: ActionContext, reason: NonNullable<Order["cancelReason"]>): void {
    order.cancelReason = reason;
    world.setOrderStatus(order, 4);
    for (const couponId of order.couponIds ?? []) {
        const coupon = world.coupon(couponId);
        if (coupon?.lockOrderId === order.orderId) coupon.lockOrderId = undefined;
    }
    world.logOrderEvent({ time: context.nowIso, orderId: order.orderId, customerId: order.customerId, event: reason === "customer" ? "cancelled" : "expired", orderType: order.orderType, status: 4, amount: order.amountAfterDiscount, resourceIds: resourceIdsOf(order), by: context.by });
}

interface Refund {
    readonly resource: Resource;
    readonly refund: number;
    readonly consumed: number;
    readonly split: PaymentSplit;
    readonly refundLines: Omit<RefundLine, "id">[];
    readonly ledger: { period: PaidPeriod; refund: number; official: number; split: PaymentSplit }[];
}

/** Refund of the given periods: the unused share of each (all of it for periods not started yet). */
function refundOf(resource: Resource, periods: readonly PaidPeriod[], nowIso: string, catalogueNames: { serviceTypeName: string; resourceTypeName: string }): Refund {
    const now = parseTime(nowIso);
    let refund = 0;
    let consumed = 0;
    const split = emptySplit();
    const refundLines: Refund["refundLines"] = [];
    const ledger: Refund["ledger"] = [];
    for (const period of periods) {
        const start = parseTime(period.start);
        const end = parseTime(period.end);
        if (end <= now || period.amount <= 0) continue;
        const unused = start >= now ? 1 : (end - now) / (end - start);
        const periodRefund = round2(period.amount * unused);
        const periodConsumed = round2(period.amount - periodRefund);
        const cash = round2(period.payment.cash * unused);
        const credit = round2(period.payment.credit * unused);
        const coupon = round2(periodRefund - cash - credit);
        const periodSplit = { ...emptySplit(), cash: -cash, credit: -credit, coupon: -coupon };
        split.cash = round2(split.cash + cash);
        split.credit = round2(split.credit + credit);
        split.coupon = round2(split.coupon + coupon);
        refund = round2(refund + periodRefund);
        consumed = round2(consumed + periodConsumed);
        const base = { resourceId: resource.resourceId, resourceTypeCode: resource.resourceTypeCode, resourceTypeName: catalogueNames.resourceTypeName, serviceTypeCode: resource.serviceTypeCode, serviceTypeName: catalogueNames.serviceTypeName, regionCode: resource.regionCode, baseOrderId: period.orderId };
        refundLines.push({ ...base, amount: -round2(period.amount) });
        if (periodConsumed > 0) refundLines.push({ ...base, amount: periodConsumed });
        ledger.push({ period, refund: periodRefund, official: round2(period.officialAmount * unused), split: periodSplit });
    }
    return { resource, refund, consumed, split, refundLines, ledger };
}

/**
 * Unsubscribes primaries (and their attached resources). Type 1 ends them and refunds the unused part of
 * every paid period; type 2 removes only renewal periods that have not started and moves expire_time back.
 * Returns the unsubscription order (type 4, completed) or the id of a primary with nothing to unsubscribe
 * for type 2.
 */
export function unsubscribe(world: World, customerId: string, primaries: readonly Resource[], unsubscribeType: number, context: ActionContext): Order | { nothingToUnsubscribe: string } {
    const refunds: Refund[] = [];
    const periodsToDrop = new Map<Resource, PaidPeriod[]>();
    for (const primary of primaries) {
        const family = [primary, ...attachedOf(world, primary)];
        if (unsubscribeType === 2) {
            const future = primary.periods.filter((p) => p.start >= context.nowIso && p.start >= primary.effectiveTime);
            if (future.length === 0) return { nothingToUnsubscribe: primary.resourceId };
        }
        for (const resource of family) {
            const entry = catalogueEntry(world, resource);
            const periods = unsubscribeType === 2 ? resource.periods.filter((p) => p.start >= context.nowIso) : resource.periods;
            if (unsubscribeType === 2) periodsToDrop.set(resource, periods);
            refunds.push(refundOf(resource, periods, context.nowIso, entry));
        }
    }

    const orderId = world.nextOrderId(context.nowIso);
    const account = world.account(customerId);
    const payer = account ? world.payerOf(account) : undefined;
    const totalRefund = round2(refunds.reduce((sum, r) => sum + r.refund, 0));
    const totalConsumed = round2(refunds.reduce((sum, r) => sum + r.consumed, 0));
    const lines = refunds.map((r) =>
        orderLine(world, orderId, r.resource, { effectiveTime: r.resource.effectiveTime, expireTime: r.resource.expireTime, officialAmount: -r.refund, amountAfterDiscount: -r.refund, periodType: undefined, periodNum: undefined }),
    );
    const first = primaries[0];
    const order: Order = {
        orderId,
        customerId,
        serviceTypeCode: first.serviceTypeCode,
        serviceTypeName: catalogueEntry(world, first).serviceTypeName,
        sourceType: 1,
        status: 5,
        orderType: 4,
        currency: world.currency,
        officialAmount: -totalRefund,
        amountAfterDiscount: -totalRefund,
        amountInfo: { ...emptyAmountInfo(), commissionAmount: 0, consumedAmount: totalConsumed },
        createTime: context.nowIso,
        paymentTime: context.nowIso,
        userName: context.userName,
        enterpriseProjects: projectsOf(primaries),
        lines,
        refundLines: refunds.flatMap((r) => r.refundLines).map((line) => ({ id: world.nextId("RF", 10), ...line })),
        action: { kind: "unsubscribe", unsubscribeType, resourceIds: primaries.map((p) => p.resourceId) },
        payment: {
            ...emptySplit(),
            cash: -round2(refunds.reduce((s, r) => s + r.split.cash, 0)),
            credit: -round2(refunds.reduce((s, r) => s + r.split.credit, 0)),
            coupon: -round2(refunds.reduce((s, r) => s + r.split.coupon, 0)),
        },
    };
    world.addOrder(order);

    // Money back to the payer: cash and credit (coupon-paid parts are not refunded to the balance).
    if (payer) {
        payer.cashBalance = round2(payer.cashBalance + refunds.reduce((s, r) => s + r.split.cash, 0));
        payer.creditBalance = round2(Math.min(payer.creditLimit, payer.creditBalance + refunds.reduce((s, r) => s + r.split.credit, 0)));
    }
    for (const r of refunds) {
        for (const entry of r.ledger) {
            world.addChargeLine(
                prepaidChargeLine(
                    world,
                    r.resource,
                    { officialAmount: -entry.official, effectiveTime: context.nowIso > entry.period.start ? context.nowIso : entry.period.start, expireTime: entry.period.end, periodType: undefined, periodNum: undefined, productId: r.resource.productId, productSpecDesc: r.resource.productSpecDesc, resourceSpecCode: r.resource.resourceSpecCode },
                    order,
                    BILL_TYPE.unsubscribeRefund,
                    -entry.refund,
                    -entry.official,
                    entry.split,
                    context.nowIso,
                    payer?.id ?? customerId,
                ),
            );
        }
        if (unsubscribeType === 1) {
            world.endResource(r.resource, "unsubscribed", context.nowIso);
        } else {
            const dropped = periodsToDrop.get(r.resource) ?? [];
            if (dropped.length > 0) {
                r.resource.periods = r.resource.periods.filter((p) => !dropped.includes(p));
                r.resource.expireTime = dropped.reduce((min, p) => (p.start < min ? p.start : min), dropped[0].start);
                world.resourceChanged(r.resource, context.nowIso);
            }
        }
    }
    world.logOrderEvent({ time: context.nowIso, orderId, customerId, event: "completed", orderType: 4, status: 5, amount: -totalRefund, resourceIds: resourceIdsOf(order), by: context.by });
    return order;
}

/**
 * Records a completed new-purchase order for a primary and its attached resources, paid at
 * `paymentTime` (in the past for seeded resources). With `charge` the payer's balance pays it now
 * (and it fails without funds); otherwise the ledger shows it paid in cash without touching balances.
 */
export function recordNewPurchase(world: World, family: readonly Resource[], periodType: number, periodNum: number, paymentTime: string, userName: string, charge: boolean): Order | undefined {
    const primary = family[0];
    const orderId = world.nextOrderId(paymentTime);
    const lines: OrderLine[] = [];
    for (const resource of family) {
        const entry = catalogueEntry(world, resource);
        const unit = periodType === 3 ? (entry.yearlyPrice ?? entry.monthlyPrice * 12) : entry.monthlyPrice;
        const official = round2(unit * periodNum * (entry.linear ? (resource.specSize ?? 1) : 1));
        lines.push(orderLine(world, orderId, resource, { periodType, periodNum, effectiveTime: resource.effectiveTime, expireTime: resource.expireTime, officialAmount: official, amountAfterDiscount: round2(official * entry.discountFactor) }));
    }
    const amount = round2(lines.reduce((s, l) => s + l.amountAfterDiscount, 0));
    const official = round2(lines.reduce((s, l) => s + l.officialAmount, 0));
    const account = world.account(primary.customerId);
    const payer = account ? world.payerOf(account) : undefined;
    let payment: PaymentSplit = { ...emptySplit(), cash: amount };
    if (charge && payer) {
        const cash = Math.min(payer.cashBalance, amount);
        const credit = round2(amount - cash);
        if (credit > payer.creditBalance) return undefined;
        payer.cashBalance = round2(payer.cashBalance - cash);
        payer.creditBalance = round2(payer.creditBalance - credit);
        payment = { ...emptySplit(), cash: round2(cash), credit };
    }
    const entry = catalogueEntry(world, primary);
    const order: Order = {
        orderId,
        customerId: primary.customerId,
        serviceTypeCode: primary.serviceTypeCode,
        serviceTypeName: entry.serviceTypeName,
        sourceType: 1,
        status: 5,
        orderType: 1,
        currency: world.currency,
        officialAmount: official,
        amountAfterDiscount: amount,
        amountInfo: { ...emptyAmountInfo(), discounts: round2(official - amount) > 0 ? [{ discountType: "900", discountAmount: round2(official - amount) }] : [] },
        createTime: paymentTime,
        paymentTime,
        userName,
        enterpriseProjects: projectsOf([primary]),
        lines,
        refundLines: [],
        action: { kind: "newPurchase" },
        payment,
    };
    world.addOrder(order);
    const weights = lines.map((l) => l.amountAfterDiscount);
    const total = weights.reduce((a, b) => a + b, 0);
    const splits = lines.map((l) => {
        const share = total === 0 ? 0 : l.amountAfterDiscount / total;
        return { ...emptySplit(), cash: round2(payment.cash * share), credit: round2(payment.credit * share) };
    });
    // Keep Σ split == line amount exactly.
    splits.forEach((s, i) => {
        const diff = round2(lines[i].amountAfterDiscount - s.cash - s.credit);
        s.cash = round2(s.cash + diff);
    });
    applyCompletedOrder(world, order, { nowIso: paymentTime, userName, by: "admin" }, splits, payer?.id ?? primary.customerId);
    world.logOrderEvent({ time: paymentTime, orderId, customerId: primary.customerId, event: "completed", orderType: 1, status: 5, amount, resourceIds: resourceIdsOf(order), by: "admin" });
    return order;
}

/** Records the conversion of a primary and its attached resources to pay-per-use (order type 10 on "cn"). */
export function recordConversionOrder(world: World, family: readonly Resource[], context: ActionContext): void {
    if (world.site !== "cn") return;
    const primary = family[0];
    const orderId = world.nextOrderId(context.nowIso);
    const order: Order = {
        orderId,
        customerId: primary.customerId,
        serviceTypeCode: primary.serviceTypeCode,
        serviceTypeName: catalogueEntry(world, primary).serviceTypeName,
        sourceType: 8,
        status: 5,
        orderType: 10,
        currency: world.currency,
        officialAmount: 0,
        amountAfterDiscount: 0,
        amountInfo: emptyAmountInfo(),
        createTime: context.nowIso,
        paymentTime: context.nowIso,
        userName: context.userName,
        enterpriseProjects: projectsOf([primary]),
        lines: family.map((r) => orderLine(world, orderId, r, { periodType: 6, effectiveTime: context.nowIso, expireTime: context.nowIso, officialAmount: 0, amountAfterDiscount: 0 })),
        refundLines: [],
        action: { kind: "toOnDemand", resourceIds: [primary.resourceId] },
    };
    world.addOrder(order);
    world.logOrderEvent({ time: context.nowIso, orderId, customerId: primary.customerId, event: "completed", orderType: 10, status: 5, amount: 0, resourceIds: resourceIdsOf(order), by: context.by });
}
