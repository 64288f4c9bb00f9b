/** Resource packages: list (v3), per-item usage and deduction records, over the core's package state. */
import type { ChargeLine, FreeResourcePackage } from "../../model";
import { bodyOf, fail, ok, OperationDef, pageOf } from "../../operation";
import { addMonths } from "../../time";
import { beijingDate, beijingDayStart, DAY_MS } from "../../time";
import { formatUnits, unitsOf } from "../decimal";
import { resourceTagText } from "../ledger-adapter";
import { bodyInteger, bodyString, param } from "./common";

/** Packages that expired more than 18 months ago are no longer shown. */
function stillQueryable(pkg: FreeResourcePackage, nowIso: string): boolean {
    return addMonths(pkg.expireTime, 18) > nowIso;
}

/** Status as of now: 0 not yet effective, 1 in effect, 2 used up, 3 expired, 4 unsubscribed. */
export function packageStatus(pkg: FreeResourcePackage, nowIso: string): number {
    if (pkg.status === 4) return 4;
    if (nowIso < pkg.effectiveTime) return 0;
    if (nowIso >= pkg.expireTime) return 3;
    if (pkg.items.length > 0 && pkg.items.every((item) => item.amount <= 0)) return 2;
    return 1;
}

function decimalString(value: number): string {
    return formatUnits(unitsOf(value));
}

export const listFreeResourceInfos: OperationDef = {
    name: "ListFreeResourceInfos",
    method: "POST",
    path: "/v3/payments/free-resources/query",
    handle(request, world) {
        const body = bodyOf(request);
        const status = bodyInteger(body, "status");
        const services = Array.isArray(body.service_type_code_list) ? (body.service_type_code_list as string[]).map((code) => code.toLowerCase()) : [];
        const filterOf = (name: string): string | undefined => bodyString(body, name) || undefined;
        const region = filterOf("region_code");
        const orderId = filterOf("order_id");
        const productId = filterOf("product_id");
        const productName = filterOf("product_name");
        const project = filterOf("enterprise_project_id");
        const packages = world.freeResourcePackagesOf(request.account.id).filter(
            (pkg) =>
                stillQueryable(pkg, request.nowIso) &&
                (region === undefined || pkg.regionCode === region) &&
                (orderId === undefined || pkg.orderId === orderId) &&
                (productId === undefined || pkg.productId === productId) &&
                (productName === undefined || pkg.productName.includes(productName)) &&
                (project === undefined || pkg.enterpriseProjectId === project) &&
                (status === undefined || packageStatus(pkg, request.nowIso) === status) &&
                (services.length === 0 || services.includes(pkg.serviceTypeCode.toLowerCase())),
        );
        const page = pageOf(packages, bodyInteger(body, "offset") ?? 0, bodyInteger(body, "limit") ?? 10);
        return ok({
            total_count: packages.length,
            free_resource_packages: page.map((pkg) => ({
                order_instance_id: pkg.orderInstanceId,
                order_id: pkg.orderId ?? "",
                product_id: pkg.productId,
                product_name: pkg.productName,
                enterprise_project_id: pkg.enterpriseProjectId,
                enterprise_project_scope: pkg.enterpriseProjectId ? 1 : 0,
                effective_time: pkg.effectiveTime,
                expire_time: pkg.expireTime,
                status: packageStatus(pkg, request.nowIso),
                service_type_code: pkg.serviceTypeCode,
                service_type_name: pkg.serviceTypeName,
                region_code: pkg.regionCode,
                source_type: pkg.orderId ? 0 : 1,
                bundle_type: pkg.items.length > 1 ? "BUNDLE_PKG" : "ATOMIC_PKG",
                quota_reuse_mode: 2,
                free_resources: pkg.items.map((item) => ({
                    free_resource_id: item.freeResourceId,
                    usage_type_name: item.usageTypeName,
                    amount: decimalString(item.amount),
                    original_amount: decimalString(item.originalAmount),
                    measure_id: item.measureId,
                })),
            })),
        });
    },
};

export const listFreeResourceUsages: OperationDef = {
    name: "ListFreeResourceUsages",
    method: "POST",
    path: "/v2/payments/free-resources/usages/details/query",
    handle(request, world) {
        const ids = new Set((bodyOf(request).free_resource_ids as string[] | undefined) ?? []);
        const details = [];
        for (const pkg of world.freeResourcePackagesOf(request.account.id)) {
            if (!stillQueryable(pkg, request.nowIso)) continue;
            for (const item of pkg.items) {
                if (!ids.has(item.freeResourceId)) continue;
                details.push({
                    free_resource_id: item.freeResourceId,
                    free_resource_type_name: pkg.productName,
                    usage_type_name: item.usageTypeName,
                    start_time: pkg.effectiveTime,
                    end_time: pkg.expireTime,
                    amount: Number(decimalString(item.amount)),
                    original_amount: Number(decimalString(item.originalAmount)),
                    measure_id: item.measureId,
                });
            }
        }
        return ok({ free_resources: details });
    },
};

export const listFreeResourcesUsageRecords: OperationDef = {
    name: "ListFreeResourcesUsageRecords",
    method: "GET",
    path: "/v2/bills/customer-bills/free-resources-usage-records",
    handle(request, world) {
        const begin = param(request, "deduct_time_begin")!;
        const end = param(request, "deduct_time_end")!;
        if (begin > end) fail("CBC.0100", "deduct_time_begin must not be after deduct_time_end");
        if ((beijingDayStart(end) - beijingDayStart(begin)) / DAY_MS > 90) fail("CBC.0100", "deduct_time_end - deduct_time_begin must not exceed 90 days");
        const freeResourceId = param(request, "free_resource_id") || undefined;
        const productId = param(request, "product_id") || undefined;
        const resourceType = param(request, "resource_type_code") || undefined;

        const packages = new Map<string, FreeResourcePackage>();
        for (const pkg of world.freeResourcePackagesOf(request.account.id)) packages.set(pkg.orderInstanceId, pkg);
        const linesById = new Map<string, ChargeLine>();
        for (const line of world.ledgerOf(request.account.id)) linesById.set(line.id, line);

        const records = world.state.freeResourceUsageRecords
            .filter((record) => record.customerId === request.account.id)
            .map((record) => ({ record, pkg: packages.get(record.orderInstanceId), line: linesById.get(record.chargeLineId) }))
            .filter(({ record, pkg, line }) => {
                const deductDate = beijingDate(record.deductTime);
                const resourceTypeCode = line?.resourceTypeCode ?? pkg?.resourceTypeCode;
                return (
                    deductDate >= begin &&
                    deductDate <= end &&
                    (freeResourceId === undefined || record.freeResourceId === freeResourceId) &&
                    (productId === undefined || pkg?.productId === productId) &&
                    (resourceType === undefined || resourceTypeCode === resourceType)
                );
            });
        const page = pageOf(records, param<number>(request, "offset") ?? 0, param<number>(request, "limit") ?? 10);
        return ok({
            total_count: records.length,
            free_resource_records: page.map(({ record, pkg, line }) => {
                const item = pkg?.items.find((candidate) => candidate.freeResourceId === record.freeResourceId);
                const used = unitsOf(record.usedAmount);
                const remaining = unitsOf(record.remainingAmount);
                const resource = world.resource(record.resourceId);
                return {
                    deduct_time: record.deductTime,
                    free_resource_id: record.freeResourceId,
                    resource_id: record.resourceId,
                    resource_type_code: line?.resourceTypeCode ?? pkg?.resourceTypeCode,
                    resource_type_name: line?.resourceTypeName,
                    resource_tag: resourceTagText(resource?.tags),
                    product_id: pkg?.productId,
                    product_name: pkg?.productName,
                    usage_type_code: item?.usageType ?? line?.usageType,
                    available_amount: formatUnits(remaining + used),
                    remaining_amount: formatUnits(remaining),
                    used_amount: formatUnits(used),
                    measure_id: record.measureId,
                    effective_time: line?.effectiveTime,
                    expire_time: line?.expireTime,
                };
            }),
        });
    },
};

export const packageOperations: readonly OperationDef[] = [listFreeResourceInfos, listFreeResourceUsages, listFreeResourcesUsageRecords];
