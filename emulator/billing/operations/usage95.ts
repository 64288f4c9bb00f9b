/** 95th-percentile bandwidth usage: monthly summary per resource and the 5-minute samples of one resource (bss only). */
import { ok, OperationDef, OperationRequest, pageOf } from "../../operation";
import type { World } from "../../world";
import { actualDays, monthPublished, percentile95, samplesInMonth } from "../percentile";
import { billingState, UsageSampleSeries } from "../state";
import { param } from "./common";

function matchingSeries(request: OperationRequest, world: World): UsageSampleSeries[] {
    const service = param(request, "service_type_code");
    const resourceType = param(request, "resource_type_code");
    const usageType = param(request, "usage_type");
    return billingState(world).usageSamples.filter(
        (series) =>
            series.customerId === request.account.id &&
            series.serviceTypeCode === service &&
            series.resourceTypeCode === resourceType &&
            series.usageType === usageType,
    );
}

/** The month's figures of one series; bandwidths stay empty until the month is published. */
function monthFigures(series: UsageSampleSeries | undefined, month: string, nowMs: number): Record<string, unknown> {
    const samples = series ? samplesInMonth(series, month) : [];
    const bandWidth = monthPublished(month, nowMs) ? percentile95(samples.map(([, value]) => value)) : undefined;
    return {
        actual_days: actualDays(samples.length),
        band_width: bandWidth ?? "",
        monthly_guaranteed_band_width: "",
        monthly_peak_band_width: "",
        band_width_measure_id: bandWidth === undefined ? undefined : series?.measureId,
    };
}

export const listResourceUsageSummary: OperationDef = {
    name: "ListResourceUsageSummary",
    method: "GET",
    path: "/v2/bills/customer-bills/resources/usage/summary",
    sites: ["cn"],
    handle(request, world) {
        const month = param(request, "bill_cycle")!;
        const series = matchingSeries(request, world).filter((candidate) => samplesInMonth(candidate, month).length > 0);
        const page = pageOf(series, param<number>(request, "offset") ?? 0, param<number>(request, "limit") ?? 10);
        const nowMs = request.now.getTime();
        return ok({
            total_count: series.length,
            summary_usage_info_list: page.map((candidate) => ({ resource_id: candidate.resourceId, ...monthFigures(candidate, month, nowMs) })),
        });
    },
};

export const listResourceUsage: OperationDef = {
    name: "ListResourceUsage",
    method: "GET",
    path: "/v2/bills/customer-bills/resources/usage/details",
    sites: ["cn"],
    handle(request, world) {
        const month = param(request, "bill_cycle")!;
        const resourceId = param(request, "resource_id");
        const series = matchingSeries(request, world).find((candidate) => candidate.resourceId === resourceId);
        const samples = series ? samplesInMonth(series, month) : [];
        const page = pageOf(samples, param<number>(request, "offset") ?? 0, param<number>(request, "limit") ?? 10);
        return ok({
            ...monthFigures(series, month, request.now.getTime()),
            total_count: samples.length,
            usage_info_list: page.map(([time, value]) => ({ stat_time: time, usage: value, measure_id: series?.measureId })),
        });
    },
};

export const usage95Operations: readonly OperationDef[] = [listResourceUsageSummary, listResourceUsage];
