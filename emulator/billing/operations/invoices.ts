/** ListInvoices (international site): invoice applications of the caller within an application-time window. */
import { BssFailure, fail, ok, OperationDef, pageOf } from "../../operation";
import { billingState } from "../state";
import { param } from "./common";

export const listInvoices: OperationDef = {
    name: "ListInvoices",
    method: "GET",
    path: "/v1.0/{domain_id}/payments/intl-invoices",
    sites: ["intl"],
    handle(request, world) {
        if (request.pathParams.domain_id !== request.account.id) {
            throw new BssFailure(403, "CBC.0151", "Access denied: domain_id is not the caller's account");
        }
        const start = param(request, "start_time")!;
        const end = param(request, "end_time")!;
        if (start > end) fail("CBC.0100", "start_time must not be after end_time");
        const invoices = billingState(world)
            .invoices.filter((record) => record.accountId === request.account.id && record.applyTime >= start && record.applyTime <= end)
            .sort((a, b) => (a.applyTime < b.applyTime ? 1 : a.applyTime > b.applyTime ? -1 : 0));
        const limit = param<number>(request, "limit")!;
        const page = param<number>(request, "offset")!;
        return ok({
            count: invoices.length,
            invoices: pageOf(invoices, (page - 1) * limit, limit).map((record) => ({ ...record.invoice, requestId: record.requestId, applyTime: record.applyTime })),
        });
    },
};
