/**
 * Reads the core's ledger (model.ts ChargeLine, money as JS numbers at 8 decimals) into the billing
 * views' exact form (BillLine, money as bigint units).
 */
import type { Account, ChargeLine, Resource } from "../model";
import { BillLine, PaymentSplit } from "./bill-line";
import { parseTimestamp } from "./calendar";
import { formatUnits, unitsOf } from "./decimal";

function splitOf(payment: ChargeLine["payment"]): PaymentSplit {
    return {
        cash: unitsOf(payment.cash),
        credit: unitsOf(payment.credit),
        coupon: unitsOf(payment.coupon),
        flexipurchaseCoupon: unitsOf(payment.flexipurchaseCoupon),
        storedCard: unitsOf(payment.storedCard),
        bonus: unitsOf(payment.bonus),
        debt: unitsOf(payment.debt),
        writeoff: unitsOf(payment.writeoff),
    };
}

function decimalText(value: number | undefined): string | undefined {
    return value === undefined ? undefined : formatUnits(unitsOf(value));
}

/** "key=value;key2=value2", the bills' resource_tag text. */
export function resourceTagText(tags: Readonly<Record<string, string>> | undefined): string | undefined {
    if (!tags) return undefined;
    const pairs = Object.entries(tags).map(([key, value]) => `${key}=${value}`);
    return pairs.length > 0 ? pairs.join(";") : undefined;
}

/** Where names and tags come from (the World satisfies it). */
export interface LedgerLookup {
    account(id: string): Account | undefined;
    resource(resourceId: string): Resource | undefined;
}

/**
 * Converted lines, per ledger record. Ledger lines never change once written, so a conversion stays
 * valid; only the account name and the resource's tags are looked up live and checked on reuse.
 */
const converted = new WeakMap<ChargeLine, BillLine>();

export function toBillLine(line: ChargeLine, lookup: LedgerLookup): BillLine {
    const resource = lookup.resource(line.resourceId);
    const accountName = lookup.account(line.customerId)?.name ?? line.customerId;
    const cached = converted.get(line);
    if (cached && cached.accountName === accountName && cached.tags === resource?.tags) return cached;
    const fresh = convert(line, accountName, resource);
    converted.set(line, fresh);
    return fresh;
}

function convert(line: ChargeLine, accountName: string, resource: Resource | undefined): BillLine {
    const amount = unitsOf(line.amount);
    const official = unitsOf(line.officialAmount);
    return {
        id: line.id,
        customerId: line.customerId,
        accountName,
        payerAccountId: line.payerAccountId,
        serviceTypeCode: line.serviceTypeCode,
        serviceTypeName: line.serviceTypeName,
        resourceTypeCode: line.resourceTypeCode,
        resourceTypeName: line.resourceTypeName,
        regionCode: line.regionCode,
        regionName: line.regionName,
        resourceId: line.resourceId,
        resourceName: line.resourceName,
        resourceTag: resourceTagText(resource?.tags),
        specCode: line.resourceSpecCode,
        productId: line.productId,
        productName: line.productSpecDesc,
        productSpecDesc: line.productSpecDesc,
        specSize: line.specSize,
        specSizeMeasureId: line.specSizeMeasureId,
        parentResourceId: line.parentResourceId,
        rootResourceId: line.parentResourceId,
        enterpriseProjectId: line.enterpriseProjectId ?? null,
        enterpriseProjectName: line.enterpriseProjectName,
        chargeMode: line.chargeMode,
        billType: line.billType,
        billDate: line.billDate,
        tradeId: line.tradeId,
        orderId: line.orderId,
        tradeTimeMs: parseTimestamp(line.tradeTime) ?? 0,
        periodType: line.periodType,
        periodNum: line.periodNum,
        effectiveTimeMs: parseTimestamp(line.effectiveTime),
        expireTimeMs: parseTimestamp(line.expireTime),
        usageType: line.usageType,
        usage: decimalText(line.usage),
        usageMeasureId: line.usageMeasureId,
        freeResourceUsage: decimalText(line.freeResourceUsage),
        freeResourceMeasureId: line.freeResourceMeasureId,
        unitPrice: decimalText(line.unitPrice),
        unit: line.unit,
        providerType: 1,
        officialAmount: official,
        // The identity amount = official − discount is what every view relies on; derive the discount from it.
        discountAmount: official - amount,
        amount,
        erasedAmount: unitsOf(line.erasedAmount),
        split: splitOf(line.payment),
        tags: resource?.tags,
    };
}
