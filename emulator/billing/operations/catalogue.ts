/** Product catalogue and measurement-unit operations (static reference data plus the world's catalogue). */
import { ok, OperationDef, pageOf } from "../../operation";
import { resourceTypes, serviceTypes, usageTypes } from "../catalogue";
import { CONVERSIONS, measureUnitsFor } from "../units";
import { param, wantsEnglishNames } from "./common";

function page<T>(items: readonly T[], request: Parameters<OperationDef["handle"]>[0]): T[] {
    return pageOf(items, param<number>(request, "offset") ?? 0, param<number>(request, "limit") ?? 10);
}

export const listServiceTypes: OperationDef = {
    name: "ListServiceTypes",
    method: "GET",
    path: "/v2/products/service-types",
    handle(request, world) {
        const nameFilter = param(request, "service_type_name")?.toLowerCase();
        const types = serviceTypes(world.catalogue(), wantsEnglishNames(request)).filter(
            (type) => !nameFilter || type.name.toLowerCase().includes(nameFilter),
        );
        return ok({
            total_count: types.length,
            service_types: page(types, request).map((type) => ({
                service_type_name: type.name,
                service_type_code: type.code,
                abbreviation: type.abbreviation,
            })),
        });
    },
};

export const listResourceTypes: OperationDef = {
    name: "ListResourceTypes",
    method: "GET",
    path: "/v2/products/resource-types",
    handle(request, world) {
        const types = resourceTypes(world.catalogue(), wantsEnglishNames(request));
        return ok({
            total_count: types.length,
            resource_types: page(types, request).map((type) => ({
                resource_type_code: type.code,
                resource_type_name: type.name,
                resource_type_desc: type.description,
                service_type_code: type.serviceTypeCode,
            })),
        });
    },
};

export const listServiceResources: OperationDef = {
    name: "ListServiceResources",
    method: "GET",
    path: "/v2/products/service-resources",
    handle(request, world) {
        const service = param(request, "service_type_code");
        const types = resourceTypes(world.catalogue(), wantsEnglishNames(request)).filter((type) => type.serviceTypeCode === service);
        return ok({
            total_count: types.length,
            infos: page(types, request).map((type) => ({
                basic_info: {
                    resource_type_code: type.code,
                    product_owner_service: type.serviceTypeCode,
                    name: type.name,
                    description: type.description,
                },
            })),
        });
    },
};

export const listUsageTypes: OperationDef = {
    name: "ListUsageTypes",
    method: "GET",
    path: "/v2/products/usage-types",
    handle(request, world) {
        // Absent = every resource type; an empty value is a real filter that matches nothing.
        const resourceType = param(request, "resource_type_code");
        const types = usageTypes(world.catalogue(), wantsEnglishNames(request)).filter(
            (type) => resourceType === undefined || type.resourceTypeCode === resourceType,
        );
        return ok({
            total_count: types.length,
            usage_types: page(types, request).map((type) => ({
                code: type.code,
                name: type.name,
                resource_type_code: type.resourceTypeCode,
                service_type_code: type.serviceTypeCode,
                resource_type_name: type.resourceTypeName,
                service_type_name: type.serviceTypeName,
            })),
        });
    },
};

export const listMeasureUnits: OperationDef = {
    name: "ListMeasureUnits",
    method: "GET",
    path: "/v2/bases/measurements",
    handle(request) {
        return ok({ measure_units: measureUnitsFor(request.site, wantsEnglishNames(request)) });
    },
};

export const listConversions: OperationDef = {
    name: "ListConversions",
    method: "GET",
    path: "/v2/bases/conversions",
    handle(request) {
        const measureType = param<number>(request, "measure_type");
        return ok({
            conversions: CONVERSIONS.filter((c) => measureType === undefined || c.measureType === measureType).map((c) => ({
                measure_id: c.measureId,
                ref_measure_id: c.refMeasureId,
                conversion_ratio: c.ratio,
                measure_type: c.measureType,
            })),
        });
    },
};

export const catalogueOperations: readonly OperationDef[] = [
    listServiceTypes,
    listResourceTypes,
    listServiceResources,
    listUsageTypes,
    listMeasureUnits,
    listConversions,
];
