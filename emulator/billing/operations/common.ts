/** Request helpers shared by the billing handlers: whose bills a caller sees, filters, body fields. */
import type { Account, ChargeLine } from "../../model";
import { BssFailure, fail, OperationRequest } from "../../operation";
import type { World } from "../../world";
import { BillLine } from "../bill-line";
import { knownResourceTypeName, knownServiceName } from "../catalogue";
import { toBillLine } from "../ledger-adapter";

/** `method` of the bill APIs (billing-common.yaml#enums.method). */
export type BillMethod = "oneself" | "sub_customer" | "all";

/**
 * Accounts whose bills a caller reads. An enterprise master sees itself and its members (`all`),
 * itself (`oneself`) or members (`sub_customer`); anyone else only ever sees itself.
 * `sub_customer` without a member id: 400 CBC.0100, or (where the API says an empty id is no filter)
 * every member when `emptyIdMeansAllMembers`.
 */
export function billAccounts(world: World, caller: Account, method: string | undefined, subCustomerId: string | undefined, emptyIdMeansAllMembers = false): string[] {
    const members = caller.isEnterpriseMaster ? world.membersOf(caller.id).map((member) => member.id) : [];
    switch ((method ?? "all") as BillMethod) {
        case "oneself":
            return [caller.id];
        case "sub_customer": {
            if (subCustomerId === undefined || subCustomerId === "") {
                if (emptyIdMeansAllMembers && subCustomerId === "") return members;
                fail("CBC.0100", "sub_customer_id is mandatory when method is sub_customer");
            }
            if (!caller.isEnterpriseMaster) throw new BssFailure(403, "CBC.0151", "Access denied: only an enterprise master account can query member bills");
            if (!members.includes(subCustomerId)) fail("CBC.0100", `sub_customer_id ${subCustomerId} is not a member account of this enterprise`);
            return [subCustomerId];
        }
        default:
            return [caller.id, ...members];
    }
}

/** Bill lines of the given accounts, for one bill cycle or (omitted) their whole history, in ledger order. */
export function billLinesOf(world: World, customerIds: readonly string[], billCycle?: string): BillLine[] {
    const raw: ChargeLine[] = [];
    for (const customerId of new Set(customerIds)) raw.push(...world.ledgerOf(customerId, billCycle));
    if (customerIds.length > 1) raw.sort((a, b) => (a.tradeTime < b.tradeTime ? -1 : a.tradeTime > b.tradeTime ? 1 : 0));
    return raw.map((line) => toBillLine(line, world));
}

/**
 * Enterprise-project filter: undefined/"" = none; "-1" or the literal "null" = unclassified
 * (services without enterprise projects); anything else must match exactly.
 */
export function matchesEnterpriseProject(line: BillLine, filter: string | undefined | null): boolean {
    if (filter === undefined || filter === null || filter === "") return true;
    if (filter === "-1" || filter === "null") return line.enterpriseProjectId === null;
    return line.enterpriseProjectId === filter;
}

/** An optional string field of a validated body; null counts as absent. */
export function bodyString(body: Record<string, unknown>, name: string): string | undefined {
    const value = body[name];
    return typeof value === "string" ? value : undefined;
}

export function bodyInteger(body: Record<string, unknown>, name: string): number | undefined {
    const value = body[name];
    return typeof value === "number" ? value : undefined;
}

export function bodyBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
    const value = body[name];
    return typeof value === "boolean" ? value : undefined;
}

/** A string filter where absent means "no filter" and an empty value is a real filter. */
export function presentFilter(value: string | undefined, actual: string | undefined): boolean {
    return value === undefined || value === actual;
}

/** A string filter where absent or empty means "no filter". */
export function nonEmptyFilter(value: string | undefined | null, actual: string | undefined): boolean {
    return value === undefined || value === null || value === "" || value === actual;
}

/** Query parameter as the router validated it. */
export function param<T = string>(request: OperationRequest, name: string): T | undefined {
    return request.params[name] as T | undefined;
}

/** English display names wanted? (X-Language en_US; the intl site defaults to English.) */
export function wantsEnglishNames(request: OperationRequest): boolean {
    const language = request.headers["x-language"];
    if (!language) return request.site === "intl";
    return language.toLowerCase().startsWith("en");
}

/** Optional bill-date window (YYYY-MM-DD) that must lie inside the bill cycle. */
export function billDateWindow(cycle: string, begin: string | undefined, end: string | undefined, names: [string, string]): { begin: string; end: string } | undefined {
    if (!begin || !end) return undefined;
    if (begin.slice(0, 7) !== cycle || end.slice(0, 7) !== cycle) fail("CBC.0100", `${names[0]} and ${names[1]} must be in the month ${cycle}`);
    if (begin > end) fail("CBC.0100", `${names[0]} must not be after ${names[1]}`);
    return { begin, end };
}

/** Bills before 2019-01 are not kept by the newer bill APIs. */
export function requireSupportedCycle(cycle: string, name: string): void {
    if (cycle < "2019-01") fail("CBC.0100", `${name} ${cycle} is not supported: bills before 2019-01 cannot be queried`);
}

export function currencyOf(world: World): string {
    return world.currency;
}

/**
 * Bill records carry the ledger's (English) display names; a Chinese-language request gets the Chinese
 * names of the services and resource types it knows. Codes never change.
 */
export function localiseNames<T extends Record<string, unknown>>(record: T, english: boolean): T {
    if (english) return record;
    const result: Record<string, unknown> = { ...record };
    const serviceCode = (record.cloud_service_type ?? record.service_type_code) as string | undefined;
    const resourceTypeCode = (record.resource_type ?? record.resource_Type_code ?? record.resource_type_code) as string | undefined;
    const serviceName = serviceCode === undefined ? undefined : knownServiceName(serviceCode, false);
    const resourceTypeName = resourceTypeCode === undefined ? undefined : knownResourceTypeName(resourceTypeCode, false);
    for (const field of ["cloud_service_type_name", "service_type_name"]) if (serviceName && field in result) result[field] = serviceName;
    if (resourceTypeName && "resource_type_name" in result) result.resource_type_name = resourceTypeName;
    return result as T;
}
