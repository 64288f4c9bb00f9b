/**
 * Paying orders: discount, coupons, then the payer's cash and credit (cash first, as the service does),
 * then the ledger lines and the order's effect on resources. Nothing changes unless the whole payment
 * succeeds.
 */
import type { Account, ChargeLine, Coupon, DiscountRule, Order, OrderLine, PaymentSplit, Resource } from "../model";
import { BILL_TYPE, CHARGE_MODE } from "../model";
import { allocate, allocateSplit, emptySplit, round2, round8 } from "../money";
import { BssFailure } from "../operation";
import { beijingDate, beijingMonth } from "../time";
import type { World } from "../world";
import { applyCompletedOrder } from "./orders";

export interface PaymentChoice {
    readonly couponIds?: readonly string[];
    readonly discountId?: string;
}

/** Who and when, for logs and orders. */
export interface ActionContext {
    readonly nowIso: string;
    readonly userName: string;
    /** Operation name, "clock" or "admin". */
    readonly by: string;
}

/** Discount item code (amount_info.discounts[].discount_type) of a PayOrders discount type. */
const DISCOUNT_ITEM_CODE: Readonly<Record<number, string>> = { 0: "700", 1: "600", 2: "605", 3: "607", 609: "609" };

/** PayOrders coupon type -> coupon_type of the coupon record. */
export const COUPON_TYPE_BY_PAY_TYPE: Readonly<Record<number, number>> = { 300: 2, 301: 1, 302: 4, 303: 3 };

/** Discounts of the account usable for an order (ListOrderDiscounts). */
export function applicableDiscounts(account: Account, order: Order): DiscountRule[] {
    return account.discounts.filter((d) => !d.serviceTypeCodes || d.serviceTypeCodes.includes(order.serviceTypeCode));
}

/** Whether a coupon can pay for an order now. */
export function couponUsable(coupon: Coupon, order: Order, nowIso: string): boolean {
    return (
        coupon.status === 2 &&
        !coupon.isFrozen &&
        coupon.balance > 0 &&
        coupon.validTime <= nowIso &&
        coupon.expireTime > nowIso &&
        (coupon.lockOrderId === undefined || coupon.lockOrderId === order.orderId) &&
        (!coupon.serviceTypeCodes || coupon.serviceTypeCodes.includes(order.serviceTypeCode))
    );
}

interface CouponUse {
    readonly coupon: Coupon;
    readonly amount: number;
}

/**
 * Takes `amount` from the payer's cash then credit. Returns the split, or undefined (and takes nothing)
 * when the two together cannot cover it.
 */
export function takeFunds(payer: Account, amount: number): PaymentSplit | undefined {
    const due = round2(amount);
    if (due <= 0) return emptySplit();
    const cash = Math.max(0, Math.min(payer.cashBalance, due));
    const credit = round2(due - cash);
    if (credit > payer.creditBalance + 1e-9) return undefined;
    payer.cashBalance = round2(payer.cashBalance - cash);
    payer.creditBalance = round2(payer.creditBalance - credit);
    return { ...emptySplit(), cash: round2(cash), credit };
}

/**
 * Pays a pending order. Throws BssFailure (nothing changed) when a coupon or discount is unusable
 * (CBC.0100 / CBC.99003108) or funds are short (`insufficientCode`).
 */
export function payOrder(world: World, order: Order, context: ActionContext, choice: PaymentChoice, insufficientCode: string): void {
    const account = world.account(order.customerId);
    if (!account) throw new BssFailure(400, "CBC.30000010", "The order is invalid.");
    const payer = world.payerOf(account);

    // Discount: the chosen one must be offered; a 609 price adjustment, when offered, is mandatory.
    const offered = applicableDiscounts(account, order);
    let discount: DiscountRule | undefined;
    if (choice.discountId !== undefined) {
        discount = offered.find((d) => d.discountId === choice.discountId);
        if (!discount) throw new BssFailure(400, "CBC.99003108", `The discount ${choice.discountId} cannot be used for order ${order.orderId}.`);
    }
    const mandatory = offered.find((d) => d.discountType === 609);
    if (mandatory && discount?.discountId !== mandatory.discountId) {
        throw new BssFailure(400, "CBC.99003108", `The price-adjustment discount ${mandatory.discountId} must be used for order ${order.orderId}.`);
    }
    const due = round2(order.amountAfterDiscount);
    const discountAmount = discount ? round2(due * (1 - discount.ratio)) : 0;
    const payable = round2(due - discountAmount);

    // Coupons, in the order given.
    const uses: CouponUse[] = [];
    let remaining = payable;
    for (const couponId of choice.couponIds ?? []) {
        const coupon = world.coupon(couponId);
        const owned = coupon && (coupon.customerId === account.id || coupon.customerId === payer.id);
        if (!coupon || !owned || !couponUsable(coupon, order, context.nowIso)) {
            throw new BssFailure(400, "CBC.0100", `The coupon ${couponId} cannot be used for order ${order.orderId}.`);
        }
        if (uses.some((u) => u.coupon.id === couponId)) throw new BssFailure(400, "CBC.0100", `The coupon ${couponId} is listed twice.`);
        const value = coupon.couponType === 2 && coupon.discountRatio !== undefined ? round2(remaining * (1 - coupon.discountRatio)) : coupon.balance;
        const amount = round2(Math.min(remaining, value));
        uses.push({ coupon, amount });
        remaining = round2(remaining - amount);
    }
    const couponAmount = round2(payable - remaining);

    const funds = takeFunds(payer, remaining);
    if (!funds) {
        throw new BssFailure(400, insufficientCode, `The account balance is insufficient to pay order ${order.orderId} (${remaining.toFixed(2)} ${world.currency} due).`);
    }

    // Committed from here on.
    for (const use of uses) {
        use.coupon.balance = round2(use.coupon.balance - use.amount);
        use.coupon.orderId = order.orderId;
        use.coupon.reserveTime = context.nowIso;
        use.coupon.lockOrderId = undefined;
        if (use.coupon.couponVersion === 1 || use.coupon.balance <= 0) use.coupon.status = 3;
    }
    const payment: PaymentSplit = { ...funds, coupon: couponAmount };
    order.payment = payment;
    order.amountAfterDiscount = payable;
    if (discount) {
        order.discountId = discount.discountId;
        order.amountInfo.discounts.push({ discountType: DISCOUNT_ITEM_CODE[discount.discountType] ?? "605", discountAmount });
    }
    order.amountInfo.couponAmount = couponAmount;
    order.couponIds = uses.map((u) => u.coupon.id);
    order.paymentTime = context.nowIso;
    if (payer.id !== account.id) order.agentPayInfo = { payingAgentId: payer.id, isAgentPay: true };

    // Spread the payable amount and its sources over the lines by their own amounts.
    const weights = order.lines.map((l) => l.amountAfterDiscount);
    const lineAmounts = allocate(payable, weights);
    const lineSplits = allocateSplit(payment, weights);
    order.lines.forEach((line, i) => {
        const lineDiscount = round2(line.amountAfterDiscount - lineAmounts[i]);
        if (lineDiscount !== 0 && discount) line.amountInfo.discounts.push({ discountType: DISCOUNT_ITEM_CODE[discount.discountType] ?? "605", discountAmount: lineDiscount });
        line.amountAfterDiscount = lineAmounts[i];
        line.amountInfo.couponAmount = lineSplits[i].coupon;
    });
    world.setOrderStatus(order, 5);
    world.logOrderEvent({ time: context.nowIso, orderId: order.orderId, customerId: order.customerId, event: "paid", orderType: order.orderType, status: 5, amount: payable, resourceIds: resourceIdsOf(order), by: context.by });
    applyCompletedOrder(world, order, context, lineSplits, payer.id);
}

export function resourceIdsOf(order: Order): string[] {
    return [...new Set(order.lines.map((l) => l.resourceId))];
}

/** Bill period type (19 year, 20 month) of an order period type (3 year, 2 month). */
export function billPeriodType(periodType: number | undefined): number {
    return periodType === 3 ? 19 : periodType === 2 ? 20 : 5;
}

/** A prepaid ledger line for one paid (or refunded, with negative amounts) order line. */
export function prepaidChargeLine(
    world: World,
    resource: Resource,
    line: Pick<OrderLine, "officialAmount" | "effectiveTime" | "expireTime" | "periodType" | "periodNum" | "productId" | "productSpecDesc" | "resourceSpecCode">,
    order: Pick<Order, "orderId">,
    billType: number,
    amount: number,
    officialAmount: number,
    split: PaymentSplit,
    tradeTime: string,
    payerAccountId: string,
): ChargeLine {
    const entry = world.catalogueEntryFor(resource);
    return {
        id: world.nextId("CL", 10),
        customerId: resource.customerId,
        payerAccountId,
        serviceTypeCode: resource.serviceTypeCode,
        serviceTypeName: entry?.serviceTypeName ?? resource.serviceTypeCode,
        resourceTypeCode: resource.resourceTypeCode,
        resourceTypeName: entry?.resourceTypeName ?? resource.resourceTypeCode,
        regionCode: resource.regionCode,
        regionName: world.regionName(resource.regionCode),
        resourceId: resource.resourceId,
        resourceName: resource.resourceName,
        parentResourceId: resource.parentResourceId,
        resourceSpecCode: line.resourceSpecCode,
        productId: line.productId,
        productSpecDesc: line.productSpecDesc,
        specSize: resource.specSize,
        specSizeMeasureId: resource.specSizeMeasureId,
        enterpriseProjectId: resource.enterpriseProjectId,
        enterpriseProjectName: resource.enterpriseProjectName,
        chargeMode: CHARGE_MODE.prepaid,
        billType,
        tradeId: order.orderId,
        orderId: order.orderId,
        tradeTime,
        billDate: beijingDate(tradeTime),
        billCycle: beijingMonth(tradeTime),
        effectiveTime: line.effectiveTime,
        expireTime: line.expireTime,
        periodType: billPeriodType(line.periodType),
        periodNum: line.periodNum,
        officialAmount: round8(officialAmount),
        discountAmount: round8(officialAmount - amount),
        amount: round8(amount),
        erasedAmount: 0,
        payment: split,
        currency: world.currency,
        measureId: 1,
    };
}

export { BILL_TYPE };
