/**
 * Invoices of the international site (`ListInvoices`).
 *
 * Wire → result names: the wire is camelCase already and kept (`invoiceAmount`, `taxList[].taxAmount`),
 * amounts become exact decimal strings in US dollars.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { Decimal, DecimalString } from "./decimal";
import { limitSchema, ListOperation, ListResult, listRecords } from "./list";
import { RecordShape } from "./convert";
import { BssDataClient, DataSourceInputs, DataSourceOptions, invoke, invokeOutput, parseArgs } from "./source";
import { compact } from "./wire";

const utcTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, "must be a UTC time yyyy-MM-ddTHH:mm:ssZ");
const invoicesArgs = z
    .object({ from: utcTime, to: utcTime, limit: limitSchema })
    .strict()
    .superRefine((a, ctx) => {
        if (a.from > a.to) ctx.addIssue({ code: "custom", path: ["to"], message: "is before from" });
    });

export interface GetInvoicesArgs {
    /** Applications from this UTC time (`start_time`). */
    readonly from: string;
    /** Applications until this UTC time (`end_time`). */
    readonly to: string;
    readonly limit?: number;
}

export interface InvoiceTax {
    /** VAT, ISS, WHT, GST. */
    readonly taxClass?: string;
    readonly taxRate?: string;
    readonly subTaxClass?: string;
    readonly taxAmount?: DecimalString;
    readonly taxVisibleFlag?: string;
    readonly taxAccountingFlag?: string;
}

/** An invoice application (`InvoiceRequestInfoIntl`). */
export interface Invoice {
    readonly requestId?: string;
    readonly cancelReason?: string;
    /** 0 individual, 1 enterprise. */
    readonly titleType?: number;
    readonly channelType?: number;
    readonly invoiceType?: number;
    readonly invoiceTitle?: string;
    readonly invoiceAmount?: DecimalString;
    /** 0 by billing cycle, 1 by payment, 2 by order. */
    readonly invoiceMethod?: number;
    readonly invoiceClass?: number;
    /** 8 completed, 9 returned, ... */
    readonly invoiceState?: number;
    readonly applyOpera?: string;
    readonly addressInfo?: { readonly address?: string; readonly recipients?: string; readonly zipCode?: string; readonly mobilePhone?: string };
    readonly applyTime?: string;
    readonly invoiceMode?: string;
    readonly email?: string;
    readonly requestMode?: string;
    readonly srcRequestId?: string;
    readonly salesId?: string;
    readonly invoiceNo?: string;
    readonly tradeType?: number;
    readonly billCycle?: string;
    readonly taxList?: readonly InvoiceTax[];
}

export interface Invoices extends ListResult {
    /** Always USD (the only site with this API is the international one). */
    readonly currency: string;
    /** Sum of `invoiceAmount` over the returned invoices. */
    readonly invoiceAmount: DecimalString;
    readonly invoices: readonly Invoice[];
}

/** `offset` is a 1-based page number on this API, and both offset and limit are required. */
const INVOICES_OP: ListOperation = {
    operation: "listInvoices",
    itemsField: "invoices",
    totalField: "count",
    pageSize: 100,
    style: "pageNumber",
    maxOffset: 99999,
};
const INVOICE_SHAPE: RecordShape = { money: ["invoiceAmount"], nested: { taxList: { money: ["taxAmount"] } } };

/** Core of {@link getInvoices}. */
export async function fetchInvoices(client: BssDataClient, args: GetInvoicesArgs): Promise<Invoices> {
    const parsed = parseArgs("getInvoices", invoicesArgs, args);
    const page = await listRecords<Invoice>(client, INVOICES_OP, compact({ start_time: parsed.from, end_time: parsed.to }), INVOICE_SHAPE, parsed.limit);
    return {
        currency: "USD",
        invoiceAmount: Decimal.sum(page.items.map((i) => i.invoiceAmount ?? "0")).toString(),
        invoices: page.items,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

/**
 * Invoice applications of the account (`ListInvoices`, international site).
 *
 * @example
 * ```ts
 * const { invoices } = await bss.getInvoices({ from: "2026-01-01T00:00:00Z", to: "2026-06-30T23:59:59Z" });
 * ```
 */
export function getInvoices(args: GetInvoicesArgs, opts?: DataSourceOptions): Promise<Invoices> {
    return invoke(fetchInvoices, args, opts);
}

/** Output form of {@link getInvoices}. @example `export const invoiced = bss.getInvoicesOutput({ from, to }).invoiceAmount;` */
export function getInvoicesOutput(args: DataSourceInputs<GetInvoicesArgs>, opts?: DataSourceOptions): pulumi.Output<Invoices> {
    return invokeOutput(getInvoices, args, opts);
}
