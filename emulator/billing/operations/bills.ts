/**
 * Bill operations: summary (ShowCustomerMonthlySum), resource bills (res-records, res-fee-records,
 * legacy v1.0), transaction bills (fee-records) and the amortised monthly breakdown. All are views over
 * the core's ledger, so they reconcile (README-billing.md, "How the bill APIs and the cost API reconcile").
 */
import { bodyOf, BssFailure, fail, ok, OperationDef, pageOf } from "../../operation";
import { amortizeAroundMonth, touchesMonth } from "../amortization";
import { BillLine, PAYMENT_PARTS } from "../bill-line";
import { formatUtc } from "../../time";
import {
    aggregateLines,
    billSumRecord,
    feeRecord,
    legacyPayMethod,
    legacyResourceKey,
    legacyResRecord,
    linesAsRows,
    monthlySumGroups,
    monthlySumTotals,
    resFeeRecord,
    resourceDayKey,
    resourceMonthKey,
    resRecord,
} from "../bill-views";
import { allocateProportionally, toJsonNumber } from "../decimal";
import { buildTransactions, lineShare, LineShare } from "../transactions";
import {
    billAccounts,
    billDateWindow,
    billLinesOf,
    bodyBoolean,
    localiseNames,
    bodyInteger,
    bodyString,
    matchesEnterpriseProject,
    nonEmptyFilter,
    param,
    presentFilter,
    requireSupportedCycle,
    wantsEnglishNames,
} from "./common";

function zeroFilter(include: boolean | undefined, amount: bigint): boolean {
    return include !== false || amount !== 0n;
}

export const showCustomerMonthlySum: OperationDef = {
    name: "ShowCustomerMonthlySum",
    method: "GET",
    path: "/v2/bills/customer-bills/monthly-sum",
    handle(request, world) {
        const cycle = param(request, "bill_cycle")!;
        const customers = billAccounts(world, request.account, param(request, "method"), param(request, "sub_customer_id"));
        const serviceType = param(request, "service_type_code");
        const project = param(request, "enterprise_project_id");
        const lines = billLinesOf(world, customers, cycle).filter(
            (line) => nonEmptyFilter(serviceType, line.serviceTypeCode) && matchesEnterpriseProject(line, project),
        );
        const groups = monthlySumGroups(buildTransactions(lines));
        const english = wantsEnglishNames(request);
        return ok({
            total_count: groups.length,
            bill_sums: pageOf(groups, param<number>(request, "offset") ?? 0, param<number>(request, "limit") ?? 10).map((group) => localiseNames(billSumRecord(group), english)),
            ...monthlySumTotals(groups),
            currency: world.currency,
        });
    },
};

export const listCustomerselfResourceRecordDetails: OperationDef = {
    name: "ListCustomerselfResourceRecordDetails",
    method: "POST",
    path: "/v2/bills/customer-bills/res-records/query",
    defaultRateLimit: 30,
    handle(request, world) {
        const body = bodyOf(request);
        const cycle = bodyString(body, "cycle")!;
        requireSupportedCycle(cycle, "cycle");
        const statisticType = (bodyInteger(body, "statistic_type") ?? 1) as 1 | 2 | 3;
        const queryType = bodyString(body, "query_type") || "BILLCYCLE";
        let window: { begin: string; end: string } | undefined;
        if (queryType === "DAILY") {
            if (statisticType === 1) fail("CBC.0100", "query_type DAILY requires statistic_type 2 or 3");
            const begin = bodyString(body, "bill_cycle_begin");
            const end = bodyString(body, "bill_cycle_end");
            if (!begin || !end) fail("CBC.0100", "bill_cycle_begin and bill_cycle_end are mandatory when query_type is DAILY");
            window = billDateWindow(cycle, begin, end, ["bill_cycle_begin", "bill_cycle_end"]);
        }
        const customers = billAccounts(world, request.account, bodyString(body, "method"), bodyString(body, "sub_customer_id"));
        const chargeMode = bodyInteger(body, "charge_mode");
        const billType = bodyInteger(body, "bill_type");
        const payer = bodyString(body, "payer_account_id");
        const lines = billLinesOf(world, customers, cycle).filter(
            (line) =>
                nonEmptyFilter(bodyString(body, "cloud_service_type"), line.serviceTypeCode) &&
                nonEmptyFilter(bodyString(body, "resource_type"), line.resourceTypeCode) &&
                nonEmptyFilter(bodyString(body, "region"), line.regionCode) &&
                nonEmptyFilter(bodyString(body, "res_instance_id"), line.resourceId) &&
                (chargeMode === undefined || line.chargeMode === chargeMode) &&
                (billType === undefined || line.billType === billType) &&
                matchesEnterpriseProject(line, bodyString(body, "enterprise_project_id")) &&
                (payer === undefined || line.payerAccountId === payer) &&
                (!window || (line.billDate >= window.begin && line.billDate <= window.end)),
        );
        const rows =
            statisticType === 3 ? linesAsRows(lines) : aggregateLines(lines, statisticType === 2 ? resourceDayKey : resourceMonthKey);
        const include = bodyBoolean(body, "include_zero_record");
        const visible = rows.filter((row) => zeroFilter(include, row.amount));
        return ok({
            monthly_records: pageOf(visible, bodyInteger(body, "offset") ?? 0, bodyInteger(body, "limit") ?? 10).map((row) => localiseNames(resRecord(row, statisticType), wantsEnglishNames(request))),
            total_count: visible.length,
            currency: world.currency,
        });
    },
};

export const listCustomerselfResourceRecords: OperationDef = {
    name: "ListCustomerselfResourceRecords",
    method: "GET",
    path: "/v2/bills/customer-bills/res-fee-records",
    defaultRateLimit: 30,
    handle(request, world) {
        const cycle = param(request, "cycle")!;
        const statisticType = param<number>(request, "statistic_type") ?? 3;
        const window =
            statisticType === 1
                ? undefined
                : billDateWindow(cycle, param(request, "bill_date_begin"), param(request, "bill_date_end"), ["bill_date_begin", "bill_date_end"]);
        const customers = billAccounts(world, request.account, param(request, "method"), param(request, "sub_customer_id"), true);
        const chargeMode = param(request, "charge_mode");
        const billType = param<number>(request, "bill_type");
        const lines = billLinesOf(world, customers, cycle).filter(
            (line) =>
                presentFilter(param(request, "cloud_service_type"), line.serviceTypeCode) &&
                presentFilter(param(request, "region"), line.regionCode) &&
                presentFilter(param(request, "resource_id"), line.resourceId) &&
                presentFilter(param(request, "trade_id"), line.tradeId) &&
                (chargeMode === undefined || String(line.chargeMode) === chargeMode) &&
                (billType === undefined || line.billType === billType) &&
                matchesEnterpriseProject(line, param(request, "enterprise_project_id")) &&
                (!window || (line.billDate >= window.begin && line.billDate <= window.end)),
        );
        const detailed = statisticType !== 1;
        const rows = detailed ? linesAsRows(lines) : aggregateLines(lines, resourceMonthKey);
        const include = param<boolean>(request, "include_zero_record");
        const visible = rows.filter((row) => zeroFilter(include, row.amount));
        return ok({
            fee_records: pageOf(visible, param<number>(request, "offset") ?? 0, param<number>(request, "limit") ?? 10).map((row) =>
                localiseNames(resFeeRecord(row, detailed, request.site), wantsEnglishNames(request)),
            ),
            total_count: visible.length,
            currency: world.currency,
        });
    },
};

export const queryResRecordsV1: OperationDef = {
    name: "QueryResRecordsV1",
    method: "GET",
    path: "/v1.0/{domain_id}/customer/account-mgr/bill/res-records",
    handle(request, world) {
        if (request.pathParams.domain_id !== request.account.id) {
            throw new BssFailure(403, "CBC.0151", "Access denied: domain_id is not the caller's account");
        }
        const cycle = param(request, "cycle")!;
        const payMethod = param(request, "payMethod")!;
        const lines = billLinesOf(world, [request.account.id], cycle).filter(
            (line) =>
                legacyPayMethod(line.chargeMode) === payMethod &&
                nonEmptyFilter(param(request, "cloudServiceTypeCode"), line.serviceTypeCode) &&
                nonEmptyFilter(param(request, "resourceTypeCode"), line.resourceTypeCode) &&
                nonEmptyFilter(param(request, "regionCode"), line.regionCode) &&
                nonEmptyFilter(param(request, "resInstanceId"), line.resourceId) &&
                matchesEnterpriseProject(line, param(request, "enterpriseProjectId")),
        );
        const rows = aggregateLines(lines, legacyResourceKey);
        const limit = param<number>(request, "limit")!;
        const page = param<number>(request, "offset")!;
        return ok({
            currency: world.currency,
            totalCount: rows.length,
            monthlyRecords: pageOf(rows, (page - 1) * limit, limit).map(legacyResRecord),
        });
    },
};

export const listCustomerBillsFeeRecords: OperationDef = {
    name: "ListCustomerBillsFeeRecords",
    method: "GET",
    path: "/v2/bills/customer-bills/fee-records",
    sites: ["cn"],
    handle(request, world) {
        const cycle = param(request, "bill_cycle")!;
        const window = billDateWindow(cycle, param(request, "bill_date_begin"), param(request, "bill_date_end"), ["bill_date_begin", "bill_date_end"]);
        const customers = billAccounts(world, request.account, param(request, "method"), param(request, "sub_customer_id"));
        const providerType = param<number>(request, "provider_type");
        const chargingMode = param<number>(request, "charging_mode");
        const billType = param<number>(request, "bill_type");
        const status = param<number>(request, "status");
        const lines = billLinesOf(world, customers, cycle).filter(
            (line) =>
                (providerType === undefined || line.providerType === providerType) &&
                nonEmptyFilter(param(request, "service_type_code"), line.serviceTypeCode) &&
                nonEmptyFilter(param(request, "resource_type_code"), line.resourceTypeCode) &&
                nonEmptyFilter(param(request, "region_code"), line.regionCode) &&
                nonEmptyFilter(param(request, "trade_id"), line.tradeId) &&
                (chargingMode === undefined || line.chargeMode === chargingMode) &&
                (billType === undefined || line.billType === billType) &&
                matchesEnterpriseProject(line, param(request, "enterprise_project_id")) &&
                (!window || (line.billDate >= window.begin && line.billDate <= window.end)),
        );
        const include = param<boolean>(request, "include_zero_record");
        const records = buildTransactions(lines)
            .filter((transaction) => zeroFilter(include, transaction.consumeAmount))
            .map(feeRecord)
            .filter((record) => status === undefined || record.status === status);
        return ok({
            total_count: records.length,
            records: pageOf(records, param<number>(request, "offset") ?? 0, param<number>(request, "limit") ?? 10).map((record) => localiseNames(record, wantsEnglishNames(request))),
            currency: world.currency,
        });
    },
};

/** One breakdown row: a line's deducted amount split around the shared month, with its payment parts. */
function breakdownRecord(line: BillLine, share: LineShare, month: string): Record<string, unknown> {
    const amount = share.amount;
    const split = share.split;
    const slices = amortizeAroundMonth(line, amount, month);
    // The month's share is paid by the same sources as the whole charge, in the same proportions.
    const parts = allocateProportionally(
        slices.current,
        PAYMENT_PARTS.map((part) => split[part]),
        1n,
    );
    const part = (name: (typeof PAYMENT_PARTS)[number]): number => toJsonNumber(parts[PAYMENT_PARTS.indexOf(name)]);
    return {
        shared_month: month,
        bill_cycle: line.billDate.slice(0, 7),
        bill_type: line.billType,
        customer_id: line.customerId,
        region_code: line.regionCode,
        region_name: line.regionName,
        service_type_code: line.serviceTypeCode,
        resource_type_code: line.resourceTypeCode,
        service_type_name: line.serviceTypeName,
        resource_type_name: line.resourceTypeName,
        effective_time: line.effectiveTimeMs === undefined ? undefined : formatUtc(line.effectiveTimeMs),
        expire_time: line.expireTimeMs === undefined ? undefined : formatUtc(line.expireTimeMs),
        resource_id: line.resourceId,
        resource_name: line.resourceName,
        resource_tag: line.resourceTag,
        product_spec_desc: line.productSpecDesc,
        enterprise_project_id: line.enterpriseProjectId ?? undefined,
        enterprise_project_name: line.enterpriseProjectName,
        charging_mode: line.chargeMode,
        order_id: line.orderId,
        period_type: line.periodType,
        usage_type: line.usageType,
        usage: line.usage === undefined ? undefined : Number(line.usage),
        usage_measure_id: line.usageMeasureId,
        free_resource_usage: line.freeResourceUsage === undefined ? undefined : Number(line.freeResourceUsage),
        free_resource_measure_id: line.freeResourceMeasureId,
        consume_amount: toJsonNumber(amount),
        past_months_amortized_amount: toJsonNumber(slices.past),
        current_month_amortized_amount: toJsonNumber(slices.current),
        future_months_amortized_amount: toJsonNumber(slices.future),
        amortized_cash_amount: part("cash"),
        amortized_credit_amount: part("credit"),
        amortized_coupon_amount: part("coupon"),
        amortized_flexipurchase_coupon_amount: part("flexipurchaseCoupon"),
        amortized_stored_value_card_amount: part("storedCard"),
        amortized_bonus_amount: part("bonus"),
        effective_tag_pairs: Object.entries(line.tags ?? {}).map(([tag_key, tag_value]) => ({ tag_key, tag_value })),
        cost_unit_pairs: [],
    };
}

export const listCustomerBillsMonthlyBreakDown: OperationDef = {
    name: "ListCustomerBillsMonthlyBreakDown",
    method: "GET",
    path: "/v2/costs/cost-analysed-bills/monthly-breakdown",
    sites: ["cn"],
    handle(request, world) {
        const month = param(request, "shared_month")!;
        const customers = billAccounts(world, request.account, param(request, "method"), param(request, "sub_customer_id"));
        const all = billLinesOf(world, customers);
        const chargingMode = param<number>(request, "charging_mode");
        const billType = param<number>(request, "bill_type");
        const resourceName = param(request, "resource_name");
        const lines = all.filter(
            (line) =>
                touchesMonth(line, month) &&
                presentFilter(param(request, "service_type_code"), line.serviceTypeCode) &&
                presentFilter(param(request, "resource_type_code"), line.resourceTypeCode) &&
                presentFilter(param(request, "region_code"), line.regionCode) &&
                presentFilter(param(request, "resource_id"), line.resourceId) &&
                (resourceName === undefined || line.resourceName.includes(resourceName)) &&
                (chargingMode === undefined || line.chargeMode === chargingMode) &&
                (billType === undefined || line.billType === billType) &&
                matchesEnterpriseProject(line, param(request, "enterprise_project_id")),
        );
        const page = pageOf(lines, param<number>(request, "offset") ?? 0, param<number>(request, "limit") ?? 10);
        return ok({
            currency: world.currency,
            total_count: lines.length,
            details: page.map((line) => localiseNames(breakdownRecord(line, lineShare(line), month), wantsEnglishNames(request))),
        });
    },
};

export const billOperations: readonly OperationDef[] = [
    showCustomerMonthlySum,
    listCustomerselfResourceRecordDetails,
    listCustomerselfResourceRecords,
    queryResRecordsV1,
    listCustomerBillsFeeRecords,
    listCustomerBillsMonthlyBreakDown,
];

