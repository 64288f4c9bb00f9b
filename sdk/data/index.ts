/**
 * Data sources: prices, the account's subscriptions and orders, bills and costs, the catalogue,
 * resource packages, invoices and enterprise funds. Each is a pair `getX(args, opts?)` (a Promise)
 * and `getXOutput(args, opts?)` (a Pulumi Output), running in the program's own process, plus a core
 * `fetchX(client, args)` for scripts and provider code that already hold a client.
 */
export { Decimal, DecimalError, DecimalInput, DecimalString, RoundingMode } from "./decimal";
export { CURRENCY_MEASURE_FACTORS, currencyFactor, Site, UnknownCurrencyMeasureError } from "./money";
export { collect, Page, PageFetcher, PageInfo, paginate, PaginateOptions, Pager } from "./paging";
export { DEFAULT_RECORD_LIMIT, ListResult } from "./list";
export {
    BssDataClient,
    clearDataClientCache,
    ConnectionOptions,
    DataSourceArgumentError,
    DataSourceInputs,
    DataSourceOptions,
    resolveDataClient,
} from "./source";
export * from "./prices";
export * from "./account";
export * from "./bills";
export * from "./costs";
export * from "./catalog";
export * from "./packages";
export * from "./invoices";
export * from "./enterprise";
