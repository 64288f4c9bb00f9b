/**
 * Group B (billing) operations of the emulator, and the billing state's seeding hooks.
 * Every operation of README-billing.md's index is here, at its documented method and path.
 */
import type { OperationDef } from "../operation";
import { billOperations } from "./operations/bills";
import { catalogueOperations } from "./operations/catalogue";
import { listCosts } from "./operations/costs";
import { enterpriseOperations } from "./operations/enterprise";
import { listInvoices } from "./operations/invoices";
import { packageOperations } from "./operations/packages";
import { ratingOperations } from "./operations/ratings";
import { usage95Operations } from "./operations/usage95";

export const billingOperations: OperationDef[] = [
    ...ratingOperations,
    ...billOperations,
    listCosts,
    ...catalogueOperations,
    ...packageOperations,
    ...usage95Operations,
    listInvoices,
    ...enterpriseOperations,
];

export {
    addCreditLedger,
    addInvoice,
    applyBillingScenario,
    billingScenarioSchema,
    generateUsageSamples,
    recordUsageSamples,
    setTransferBusyUntil,
} from "./scenario";
export type { BillingScenario, InvoiceSeed, UsageSeriesKey } from "./scenario";
export { billingState, BILLING_EXTENSION } from "./state";
export type { BillingState, CreditLedger, InvoiceRecord, TransferRecord, UsageSampleSeries } from "./state";
