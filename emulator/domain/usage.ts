/**
 * Pay-per-use usage: every live on-demand resource is charged per Beijing-time day, one ledger line per
 * resource and completed day (the current day is charged once it ends). Resource packages cover usage
 * first; the rest is deducted at cents (the residue is "erased"), from cash, then credit, then as debt.
 */
import type { ChargeLine, FreeResourceItem, FreeResourcePackage, Resource } from "../model";
import { BILL_TYPE, CHARGE_MODE } from "../model";
import { emptySplit, round2, round8, truncate2 } from "../money";
import { beijingDate, beijingDayStart, beijingMonth, DAY_MS, formatUtc, HOUR_MS, parseTime } from "../time";
import type { World } from "../world";
import { catalogueEntry } from "./pricing";

function isOnDemandLive(resource: Resource): boolean {
    return resource.billingMode === "onDemand" && resource.endedAt === undefined;
}

/** Start (UTC ms) of the Beijing day after the one containing `ms`. */
function nextBeijingMidnight(ms: number): number {
    return beijingDayStart(beijingDate(ms)) + DAY_MS;
}

/** Start (UTC ms) of the Beijing month after the one containing `ms`. */
function nextBeijingMonth(ms: number): number {
    const [year, month] = beijingMonth(ms).split("-").map(Number);
    const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
    return beijingDayStart(next);
}

/** End of the usage line window that starts at `ms`. */
function windowEnd(world: World, ms: number): number {
    return world.behaviour.usageLinePeriod === "month" ? nextBeijingMonth(ms) : nextBeijingMidnight(ms);
}

function coveringItem(world: World, resource: Resource, usageType: string, atIso: string): { pkg: FreeResourcePackage; item: FreeResourceItem } | undefined {
    for (const pkg of world.freeResourcePackagesOf(resource.customerId)) {
        if (pkg.status !== 1 && pkg.status !== 0) continue;
        if (pkg.effectiveTime > atIso || pkg.expireTime <= atIso) continue;
        if (pkg.resourceTypeCode !== resource.resourceTypeCode) continue;
        if (pkg.regionCode !== undefined && pkg.regionCode !== resource.regionCode) continue;
        const item = pkg.items.find((i) => i.usageType === usageType && i.amount > 0);
        if (item) return { pkg, item };
    }
    return undefined;
}

/** Charges one usage window [startMs, endMs) of a resource. */
function chargeWindow(world: World, resource: Resource, startMs: number, endMs: number): void {
    const entry = catalogueEntry(world, resource);
    const hours = round8((endMs - startMs) / HOUR_MS);
    if (hours <= 0) return;
    const startIso = formatUtc(startMs);
    const endIso = formatUtc(endMs);
    const size = entry.linear ? (resource.specSize ?? 1) : 1;

    let covered = 0;
    const lineId = world.nextId("CL", 10);
    const cover = coveringItem(world, resource, entry.usageType, startIso);
    if (cover) {
        covered = round8(Math.min(hours, cover.item.amount));
        cover.item.amount = round8(cover.item.amount - covered);
        if (cover.pkg.items.every((i) => i.amount <= 0)) cover.pkg.status = 2;
        world.state.freeResourceUsageRecords.push({
            id: world.nextId("FU", 10),
            freeResourceId: cover.item.freeResourceId,
            orderInstanceId: cover.pkg.orderInstanceId,
            customerId: resource.customerId,
            resourceId: resource.resourceId,
            chargeLineId: lineId,
            deductTime: endIso,
            usedAmount: covered,
            remainingAmount: cover.item.amount,
            measureId: cover.item.measureId,
        });
    }
    const billable = round8(hours - covered);
    const officialAmount = round8(billable * entry.hourlyPrice * size);
    const amount = round8(officialAmount * entry.discountFactor);
    const deducted = truncate2(amount);
    const erased = round8(amount - deducted);

    // Deduct cents from the payer: cash, then credit, then arrears.
    const account = world.account(resource.customerId);
    const payer = account ? world.payerOf(account) : undefined;
    const split = emptySplit();
    if (payer) {
        const cash = round2(Math.max(0, Math.min(payer.cashBalance, deducted)));
        const credit = round2(Math.max(0, Math.min(payer.creditBalance, deducted - cash)));
        const debt = round2(deducted - cash - credit);
        payer.cashBalance = round2(payer.cashBalance - cash);
        payer.creditBalance = round2(payer.creditBalance - credit);
        payer.debtAmount = round2(payer.debtAmount + debt);
        split.cash = cash;
        split.credit = credit;
        split.debt = debt;
    } else {
        split.cash = deducted;
    }
    // The resource-level line keeps 8 decimals: the erased residue stays on the first source used.
    if (split.cash > 0 || (split.credit === 0 && split.debt === 0)) split.cash = round8(split.cash + erased);
    else if (split.credit > 0) split.credit = round8(split.credit + erased);
    else split.debt = round8(split.debt + erased);

    const line: ChargeLine = {
        id: lineId,
        customerId: resource.customerId,
        payerAccountId: payer?.id ?? resource.customerId,
        serviceTypeCode: resource.serviceTypeCode,
        serviceTypeName: entry.serviceTypeName,
        resourceTypeCode: resource.resourceTypeCode,
        resourceTypeName: entry.resourceTypeName,
        regionCode: resource.regionCode,
        regionName: world.regionName(resource.regionCode),
        resourceId: resource.resourceId,
        resourceName: resource.resourceName,
        parentResourceId: resource.parentResourceId,
        resourceSpecCode: resource.resourceSpecCode,
        productId: resource.productId,
        productSpecDesc: resource.productSpecDesc,
        specSize: resource.specSize,
        specSizeMeasureId: resource.specSizeMeasureId,
        enterpriseProjectId: resource.enterpriseProjectId,
        enterpriseProjectName: resource.enterpriseProjectName,
        chargeMode: CHARGE_MODE.onDemand,
        billType: BILL_TYPE.usage,
        tradeId: world.nextId("TX", 12),
        tradeTime: endIso,
        billDate: beijingDate(startMs),
        billCycle: beijingMonth(startMs),
        effectiveTime: startIso,
        expireTime: endIso,
        periodType: world.behaviour.usageLinePeriod === "month" ? 20 : 24,
        usageType: entry.usageType,
        usage: hours,
        usageMeasureId: entry.usageMeasureId,
        freeResourceUsage: covered > 0 ? covered : undefined,
        freeResourceMeasureId: covered > 0 ? entry.usageMeasureId : undefined,
        unitPrice: round8(entry.hourlyPrice * size),
        unit: `${world.currency}/hour`,
        officialAmount,
        discountAmount: round8(officialAmount - amount),
        amount,
        erasedAmount: erased,
        payment: split,
        currency: world.currency,
        measureId: 1,
    };
    world.addChargeLine(line);
}

/**
 * Charges every live on-demand resource for each Beijing day (or month, see usageLinePeriod) completed
 * before `untilIso`. Deterministic: resources in the order they became pay-per-use, windows in order.
 */
export function accrueUsage(world: World, untilIso: string): void {
    const until = parseTime(untilIso);
    for (const resource of world.onDemandResources()) {
        if (!isOnDemandLive(resource) || !resource.usageChargedUntil) continue;
        let from = parseTime(resource.usageChargedUntil);
        for (;;) {
            const dayEnd = windowEnd(world, from);
            if (dayEnd > until) break;
            chargeWindow(world, resource, from, dayEnd);
            from = dayEnd;
        }
        resource.usageChargedUntil = formatUtc(from);
    }
}

/** Charges an on-demand resource up to `endIso` (when it ends mid-day). */
export function chargeUntil(world: World, resource: Resource, endIso: string): void {
    if (!resource.usageChargedUntil) return;
    let from = parseTime(resource.usageChargedUntil);
    const end = parseTime(endIso);
    while (from < end) {
        const stop = Math.min(windowEnd(world, from), end);
        chargeWindow(world, resource, from, stop);
        from = stop;
    }
    resource.usageChargedUntil = formatUtc(from);
}

/** True when a Beijing midnight lies in (fromIso, toIso]: usage accrual has work to do. */
export function crossesBeijingMidnight(fromIso: string, toIso: string): boolean {
    return beijingDate(fromIso) !== beijingDate(toIso);
}
