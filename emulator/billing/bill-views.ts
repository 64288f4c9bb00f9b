import { createHash } from "node:crypto";

/**
 * Wire records of the bill APIs, each a pure function over normalised charge lines or deduction
 * transactions. Wire names (and their odd spellings) follow the operation files in bss-api/.
 */
import { addSplits, BillLine, billMonthOfLine, PaymentSplit, summaryBillType, ZERO_SPLIT } from "./bill-line";
import { formatUtc } from "../time";
import { formatUnits, multiply, rationalOfDecimal, toJsonNumber, truncateRational, MONEY_DECIMALS } from "./decimal";
import { DeductionTransaction } from "./transactions";

type WireRecord = Record<string, unknown>;

/** Several lines summed into one aggregated row (statistic_type 1 or 2). */
export interface AggregatedLines {
    readonly first: BillLine;
    readonly lines: readonly BillLine[];
    readonly officialAmount: bigint;
    readonly discountAmount: bigint;
    readonly amount: bigint;
    readonly split: PaymentSplit;
}

/** Groups lines by `keyOf`, keeping the order in which groups first appear. */
export function aggregateLines(lines: readonly BillLine[], keyOf: (line: BillLine) => string): AggregatedLines[] {
    const groups = new Map<string, BillLine[]>();
    for (const line of lines) {
        const key = keyOf(line);
        const group = groups.get(key);
        if (group) group.push(line);
        else groups.set(key, [line]);
    }
    return [...groups.values()].map((group) => {
        let officialAmount = 0n;
        let discountAmount = 0n;
        let amount = 0n;
        let split = ZERO_SPLIT;
        for (const line of group) {
            officialAmount += line.officialAmount;
            discountAmount += line.discountAmount;
            amount += line.amount;
            split = addSplits(split, line.split);
        }
        return { first: group[0], lines: group, officialAmount, discountAmount, amount, split };
    });
}

/** One row per resource and month (and per bill type / charge mode, which a resource may mix). */
export function resourceMonthKey(line: BillLine): string {
    return JSON.stringify([
        billMonthOfLine(line),
        line.customerId,
        line.payerAccountId,
        line.serviceTypeCode,
        line.resourceTypeCode,
        line.regionCode,
        line.resourceId,
        line.specCode,
        line.enterpriseProjectId,
        line.chargeMode,
        line.billType,
    ]);
}

export function resourceDayKey(line: BillLine): string {
    return JSON.stringify([resourceMonthKey(line), line.billDate]);
}

function singleLine(line: BillLine): AggregatedLines {
    return {
        first: line,
        lines: [line],
        officialAmount: line.officialAmount,
        discountAmount: line.discountAmount,
        amount: line.amount,
        split: line.split,
    };
}

export function linesAsRows(lines: readonly BillLine[]): AggregatedLines[] {
    return lines.map(singleLine);
}

function optionalTimestamp(ms: number | undefined): string | undefined {
    return ms === undefined ? undefined : formatUtc(ms);
}

function optionalNumber(text: string | undefined): number | undefined {
    return text === undefined ? undefined : Number(text);
}

/**
 * The res-fee-records formula: list price (usage x unit price when that is exact) − discount − coupon,
 * ending in its value, which is amount − coupon_amount (list-customerself-resource-records.yaml#semantics_for_emulator.formula).
 */
export function feeFormula(row: AggregatedLines): string {
    const line = row.first;
    let base = formatUnits(row.officialAmount);
    if (row.lines.length === 1 && line.unitPrice !== undefined && line.usage !== undefined) {
        const product = multiply(rationalOfDecimal(line.unitPrice), rationalOfDecimal(line.usage));
        if (truncateRational(product, MONEY_DECIMALS) === row.officialAmount) base = `${line.usage} x ${line.unitPrice}`;
    }
    const value = row.amount - row.split.coupon;
    return `${base} - ${formatUnits(row.discountAmount)} - ${formatUnits(row.split.coupon)} = ${formatUnits(value)}`;
}

function moneyFields(row: { split: PaymentSplit }): WireRecord {
    return {
        cash_amount: toJsonNumber(row.split.cash),
        credit_amount: toJsonNumber(row.split.credit),
        coupon_amount: toJsonNumber(row.split.coupon),
        flexipurchase_coupon_amount: toJsonNumber(row.split.flexipurchaseCoupon),
        stored_card_amount: toJsonNumber(row.split.storedCard),
        bonus_amount: toJsonNumber(row.split.bonus),
        debt_amount: toJsonNumber(row.split.debt),
        adjustment_amount: toJsonNumber(row.split.writeoff),
    };
}

/** ListCustomerselfResourceRecords `fee_records[]` (statistic_type 3 = one line; 1 = a month per resource). */
export function resFeeRecord(row: AggregatedLines, detailed: boolean, site: "cn" | "intl"): WireRecord {
    const line = row.first;
    const prepaid = line.chargeMode !== 3;
    return {
        bill_date: detailed ? line.billDate : undefined,
        bill_type: line.billType,
        customer_id: line.customerId,
        region: line.regionCode,
        region_name: line.regionName,
        cloud_service_type: line.serviceTypeCode,
        resource_type: line.resourceTypeCode,
        cloud_service_type_name: line.serviceTypeName,
        resource_type_name: line.resourceTypeName,
        effective_time: detailed && !prepaid ? optionalTimestamp(line.effectiveTimeMs) : undefined,
        expire_time: detailed && !prepaid ? optionalTimestamp(line.expireTimeMs) : undefined,
        resource_id: line.resourceId,
        resource_name: line.resourceName,
        resource_tag: line.resourceTag,
        product_id: line.productId,
        product_name: line.productName,
        product_spec_desc: line.productSpecDesc,
        sku_code: line.specCode,
        spec_size: line.specSize,
        spec_size_measure_id: line.specSizeMeasureId,
        trade_id: detailed ? line.tradeId : undefined,
        id: detailed ? line.id : undefined,
        trade_time: detailed ? formatUtc(line.tradeTimeMs) : undefined,
        enterprise_project_id: line.enterpriseProjectId ?? undefined,
        enterprise_project_name: line.enterpriseProjectName,
        charge_mode: String(line.chargeMode),
        order_id: prepaid && detailed ? line.orderId : undefined,
        period_type: line.periodType === undefined ? undefined : String(line.periodType),
        usage_type: line.usageType,
        usage: detailed && !(prepaid && site === "cn") ? optionalNumber(line.usage) : undefined,
        usage_measure_id: detailed && !(prepaid && site === "cn") ? line.usageMeasureId : undefined,
        free_resource_usage: detailed ? optionalNumber(line.freeResourceUsage) : undefined,
        free_resource_measure_id: detailed ? line.freeResourceMeasureId : undefined,
        unit_price: detailed || !prepaid ? optionalNumber(line.unitPrice) : undefined,
        unit: line.unit,
        official_amount: toJsonNumber(row.officialAmount),
        discount_amount: toJsonNumber(row.discountAmount),
        amount: toJsonNumber(row.amount),
        ...moneyFields(row),
        measure_id: 1,
        formula: detailed ? feeFormula(row) : undefined,
        consume_time: detailed ? formatUtc(prepaid ? line.tradeTimeMs : (line.effectiveTimeMs ?? line.tradeTimeMs)) : undefined,
        account_name: line.accountName,
        period_num: line.periodNum,
    };
}

/** ListCustomerselfResourceRecordDetails `monthly_records[]` (statistic_type 1 month, 2 day, 3 detail). */
export function resRecord(row: AggregatedLines, statisticType: 1 | 2 | 3): WireRecord {
    const line = row.first;
    const detailed = statisticType === 3;
    const prepaid = line.chargeMode !== 3;
    const relations = [
        line.parentResourceId ? { relative_resource_id: line.parentResourceId, relative_type: "PARENT" } : undefined,
        line.rootResourceId ? { relative_resource_id: line.rootResourceId, relative_type: "ROOT" } : undefined,
    ].filter((relation) => relation !== undefined);
    return {
        cycle: billMonthOfLine(line),
        bill_date: statisticType === 2 ? line.billDate : undefined,
        bill_type: line.billType,
        customer_id: line.customerId,
        region: line.regionCode,
        region_name: line.regionName,
        cloud_service_type: line.serviceTypeCode,
        resource_Type_code: line.resourceTypeCode,
        cloud_service_type_name: line.serviceTypeName,
        resource_type_name: line.resourceTypeName,
        res_instance_id: line.resourceId,
        resource_name: line.resourceName,
        resource_tag: line.resourceTag,
        sku_code: line.specCode,
        enterprise_project_id: line.enterpriseProjectId ?? undefined,
        enterprise_project_name: line.enterpriseProjectName,
        charge_mode: line.chargeMode,
        consume_amount: toJsonNumber(row.amount),
        ...moneyFields(row),
        official_amount: toJsonNumber(row.officialAmount),
        discount_amount: toJsonNumber(row.discountAmount),
        measure_id: 1,
        period_type: line.periodType,
        root_resource_id: line.rootResourceId,
        parent_resource_id: line.parentResourceId,
        trade_id: detailed ? line.tradeId : undefined,
        id: detailed ? line.id : undefined,
        product_spec_desc: line.productSpecDesc,
        pre_order_id: detailed && prepaid ? line.orderId : undefined,
        az_code_infos: line.azCode ? [{ az_code: line.azCode }] : undefined,
        payer_account_id: line.payerAccountId,
        effective_time: detailed ? optionalTimestamp(line.effectiveTimeMs) : undefined,
        expire_time: detailed ? optionalTimestamp(line.expireTimeMs) : undefined,
        consume_time: detailed ? formatUtc(prepaid ? line.tradeTimeMs : (line.effectiveTimeMs ?? line.tradeTimeMs)) : undefined,
        be_id: line.beId,
        extend_params: { self_resource_id: line.resourceId, relation_infos: relations },
        account_name: line.accountName,
        period_num: line.periodNum,
    };
}

/** Legacy v1.0 pay method of a charge mode ("0" yearly/monthly, "1" pay-per-use, "10" RI). */
export function legacyPayMethod(chargeMode: number): string | undefined {
    switch (chargeMode) {
        case 1:
            return "0";
        case 3:
            return "1";
        case 10:
            return "10";
        default:
            return undefined;
    }
}

/** One row per resource instance and pay method for the month. */
export function legacyResourceKey(line: BillLine): string {
    return JSON.stringify([billMonthOfLine(line), line.customerId, line.resourceId, line.serviceTypeCode, line.resourceTypeCode, line.regionCode, line.enterpriseProjectId, line.chargeMode]);
}

/** QueryResRecordsV1 `monthlyRecords[]` (camelCase). */
export function legacyResRecord(row: AggregatedLines): WireRecord {
    const line = row.first;
    return {
        cloudServiceTypeCode: line.serviceTypeCode,
        regionCode: line.regionCode,
        resourceTypeCode: line.resourceTypeCode,
        resInstanceId: line.resourceId,
        resourceName: line.resourceName,
        resourceTag: line.resourceTag,
        consumeAmount: toJsonNumber(row.amount),
        officialAmount: toJsonNumber(row.officialAmount),
        cycle: billMonthOfLine(line),
        measureId: 1,
        enterpriseProjectId: line.enterpriseProjectId ?? "-1",
        payMethod: legacyPayMethod(line.chargeMode),
    };
}

/** ListCustomerBillsFeeRecords `records[]`: one per deduction transaction, at cent precision. */
export function feeRecord(transaction: DeductionTransaction): WireRecord {
    const line = transaction.first;
    const prepaid = line.chargeMode !== 3;
    return {
        bill_cycle: transaction.billCycle,
        customer_id: line.customerId,
        service_type_code: line.serviceTypeCode,
        resource_type_code: line.resourceTypeCode,
        service_type_name: line.serviceTypeName,
        resource_type_name: line.resourceTypeName,
        region_code: line.regionCode,
        region_name: line.regionName,
        enterprise_project_id: line.enterpriseProjectId ?? undefined,
        enterprise_project_name: line.enterpriseProjectName,
        charging_mode: line.chargeMode,
        consume_time: formatUtc(prepaid ? line.tradeTimeMs : (line.effectiveTimeMs ?? line.tradeTimeMs)),
        trade_time: formatUtc(line.tradeTimeMs),
        provider_type: line.providerType,
        trade_id: line.tradeId,
        id: createHash("sha1").update(transaction.key).digest("hex").slice(0, 24),
        bill_type: line.billType,
        status: transaction.split.debt !== 0n ? 2 : 1,
        official_amount: toJsonNumber(transaction.officialAmount),
        official_discount_amount: toJsonNumber(transaction.discountAmount),
        erase_amount: toJsonNumber(transaction.eraseAmount),
        consume_amount: toJsonNumber(transaction.consumeAmount),
        cash_amount: toJsonNumber(transaction.split.cash),
        credit_amount: toJsonNumber(transaction.split.credit),
        coupon_amount: toJsonNumber(transaction.split.coupon),
        flexipurchase_coupon_amount: toJsonNumber(transaction.split.flexipurchaseCoupon),
        stored_value_card_amount: toJsonNumber(transaction.split.storedCard),
        bonus_amount: toJsonNumber(transaction.split.bonus),
        debt_amount: toJsonNumber(transaction.split.debt),
        writeoff_amount: toJsonNumber(transaction.split.writeoff),
        account_name: line.accountName,
    };
}

/** One ShowCustomerMonthlySum group: transactions summed per account, product and summary bill type. */
export interface MonthlySumGroup {
    readonly first: BillLine;
    readonly billCycle: string;
    readonly billType: number;
    readonly officialAmount: bigint;
    readonly discountAmount: bigint;
    readonly truncatedAmount: bigint;
    readonly consumeAmount: bigint;
    readonly split: PaymentSplit;
}

export function monthlySumGroups(transactions: readonly DeductionTransaction[]): MonthlySumGroup[] {
    const groups = new Map<string, MonthlySumGroup>();
    for (const transaction of transactions) {
        const line = transaction.first;
        const billType = summaryBillType(line.billType);
        const key = JSON.stringify([
            transaction.billCycle,
            line.customerId,
            line.serviceTypeCode,
            line.resourceTypeCode,
            line.chargeMode,
            billType,
        ]);
        const previous = groups.get(key);
        groups.set(key, {
            first: previous?.first ?? line,
            billCycle: transaction.billCycle,
            billType,
            officialAmount: (previous?.officialAmount ?? 0n) + transaction.officialAmount,
            discountAmount: (previous?.discountAmount ?? 0n) + transaction.discountAmount,
            truncatedAmount: (previous?.truncatedAmount ?? 0n) + transaction.eraseAmount,
            consumeAmount: (previous?.consumeAmount ?? 0n) + transaction.consumeAmount,
            split: addSplits(previous?.split ?? ZERO_SPLIT, transaction.split),
        });
    }
    return [...groups.values()];
}

/** ShowCustomerMonthlySum `bill_sums[]`. */
export function billSumRecord(group: MonthlySumGroup): WireRecord {
    const line = group.first;
    return {
        bill_cycle: group.billCycle,
        resource_type_code: line.resourceTypeCode,
        service_type_code: line.serviceTypeCode,
        service_type_name: line.serviceTypeName,
        resource_type_name: line.resourceTypeName,
        charging_mode: line.chargeMode,
        official_amount: toJsonNumber(group.officialAmount),
        official_discount_amount: toJsonNumber(group.discountAmount),
        truncated_amount: toJsonNumber(group.truncatedAmount),
        consume_amount: toJsonNumber(group.consumeAmount),
        coupon_amount: toJsonNumber(group.split.coupon),
        flexipurchase_coupon_amount: toJsonNumber(group.split.flexipurchaseCoupon),
        stored_value_card_amount: toJsonNumber(group.split.storedCard),
        debt_amount: toJsonNumber(group.split.debt),
        writeoff_amount: toJsonNumber(group.split.writeoff),
        cash_amount: toJsonNumber(group.split.cash),
        credit_amount: toJsonNumber(group.split.credit),
        measure_id: 1,
        bill_type: group.billType,
        customer_id: line.customerId,
        account_name: line.accountName,
    };
}

/** ShowCustomerMonthlySum top-level totals over every matching group (not just the page). */
export function monthlySumTotals(groups: readonly MonthlySumGroup[]): WireRecord {
    let consume = 0n;
    let split = ZERO_SPLIT;
    for (const group of groups) {
        consume += group.consumeAmount;
        split = addSplits(split, group.split);
    }
    return {
        consume_amount: toJsonNumber(consume),
        debt_amount: toJsonNumber(split.debt),
        coupon_amount: toJsonNumber(split.coupon),
        flexipurchase_coupon_amount: toJsonNumber(split.flexipurchaseCoupon),
        stored_value_card_amount: toJsonNumber(split.storedCard),
        cash_amount: toJsonNumber(split.cash),
        credit_amount: toJsonNumber(split.credit),
        writeoff_amount: toJsonNumber(split.writeoff),
        measure_id: 1,
    };
}
