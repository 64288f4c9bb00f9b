/**
 * Enterprise master account: member (sub-)accounts, and the funds and coupons the master can
 * allocate to members or take back. Called with the master's credentials.
 *
 * Each data source has a core `fetchX(client, args)` that takes a client directly, so that provider
 * code (fund-allocation resources) reads the same figures the data sources show.
 *
 * Wire → result names: camelCase of the wire name (`sub_customer_infos` → `subAccounts`,
 * `amount_infos` → `accounts`, `avail_transfer_coupons` → `coupons`, `use_limiti_info_id` →
 * `useLimitInfoId`); amounts are exact decimal strings in the main currency unit.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { COUPON_USE_LIMIT_SHAPE, CouponUseLimit } from "./account";
import { RecordShape } from "./convert";
import { Decimal, DecimalString } from "./decimal";
import { limitSchema, ListOperation, ListResult, listRecords } from "./list";
import { currencyOf } from "./money";
import { BssDataClient, DataSourceInputs, DataSourceOptions, invoke, invokeOutput, parseArgs, siteOf } from "./source";
import { compact } from "./wire";

// ---------------------------------------------------------------------------------------------------
// Member accounts (ListEnterpriseSubCustomers)

const subAccountsArgs = z
    .object({
        accountName: z.string().optional(),
        displayName: z.string().optional(),
        fuzzy: z.boolean().optional(),
        orgId: z.string().optional(),
        limit: limitSchema,
    })
    .strict();

export interface GetSubAccountsArgs {
    /** Member login name (`sub_customer_account_name`). */
    readonly accountName?: string;
    /** Member display name (`sub_customer_display_name`). */
    readonly displayName?: string;
    /** Substring instead of exact match of the names (`fuzzy_query` 1). */
    readonly fuzzy?: boolean;
    /** Organization unit (`org_id`). */
    readonly orgId?: string;
    readonly limit?: number;
}

/** A member account (`SubCustomerInfoV2`). */
export interface SubAccount {
    /** The member's customer id: `subCustomerId` elsewhere. */
    readonly id?: string;
    readonly name?: string;
    readonly displayName?: string;
    /** 1 normal, 2 being created, 3 being closed, 4 closed, 101 registering, 102 pending activation. */
    readonly status?: number;
    readonly orgId?: string;
    readonly orgName?: string;
}

export interface SubAccounts extends ListResult {
    readonly subAccounts: readonly SubAccount[];
}

const SUB_ACCOUNTS_OP: ListOperation = { operation: "listEnterpriseSubCustomers", itemsField: "sub_customer_infos", pageSize: 100 };

/** Core of {@link getSubAccounts}. */
export async function fetchSubAccounts(client: BssDataClient, args: GetSubAccountsArgs = {}): Promise<SubAccounts> {
    const parsed = parseArgs("getSubAccounts", subAccountsArgs, args);
    const request = compact({
        sub_customer_account_name: parsed.accountName,
        sub_customer_display_name: parsed.displayName,
        fuzzy_query: parsed.fuzzy === undefined ? undefined : parsed.fuzzy ? 1 : 0,
        org_id: parsed.orgId,
    });
    const page = await listRecords<SubAccount>(client, SUB_ACCOUNTS_OP, request, { money: [] }, parsed.limit);
    return { subAccounts: page.items, totalCount: page.totalCount, truncated: page.truncated };
}

/**
 * Member accounts of the enterprise master (`ListEnterpriseSubCustomers`).
 *
 * @example
 * ```ts
 * const { subAccounts } = await bss.getSubAccounts({ accountName: "team-", fuzzy: true });
 * ```
 */
export function getSubAccounts(args: GetSubAccountsArgs = {}, opts?: DataSourceOptions): Promise<SubAccounts> {
    return invoke(fetchSubAccounts, args, opts);
}

/** Output form of {@link getSubAccounts}. @example `export const members = bss.getSubAccountsOutput({}).subAccounts;` */
export function getSubAccountsOutput(args: DataSourceInputs<GetSubAccountsArgs> = {}, opts?: DataSourceOptions): pulumi.Output<SubAccounts> {
    return invokeOutput(getSubAccounts, args, opts);
}

// ---------------------------------------------------------------------------------------------------
// Amounts (ShowMultiAccountTransferAmount, ListEnterpriseMultiAccount)

/** `balance_type`: cash account (`BALANCE_TYPE_DEBIT`) or credit account (`BALANCE_TYPE_CREDIT`). */
export type BalanceType = "cash" | "credit";
const balanceType = z.enum(["cash", "credit"]).default("cash");
const BALANCE_TYPE_CODES: Readonly<Record<BalanceType, string>> = { cash: "BALANCE_TYPE_DEBIT", credit: "BALANCE_TYPE_CREDIT" };

/** One allocatable or retrievable balance (`TransferAmountInfoV2` / `RetrieveAmountInfoV2`). */
export interface FundAccount {
    /** Master's allocatable amount (`avail_transfer_amount`). */
    readonly availTransferAmount?: DecimalString;
    /** Member's retrievable amount (`avail_retrieve_amount`). */
    readonly availRetrieveAmount?: DecimalString;
    readonly currency?: string;
    /** Credit accounts: balance. */
    readonly amount?: DecimalString;
    /** Credit accounts: credit line. */
    readonly creditAmount?: DecimalString;
    /** Credit accounts: expiry (absent = permanent). */
    readonly expireTime?: string;
}

export interface FundAmounts extends ListResult {
    readonly balanceType: BalanceType;
    readonly currency: string;
    /** Sum of the allocatable (or retrievable) amounts over the returned accounts. */
    readonly availableAmount: DecimalString;
    readonly accounts: readonly FundAccount[];
}

const transferAmountArgs = z.object({ balanceType, limit: limitSchema }).strict();

export interface GetTransferableAmountsArgs {
    /** Cash (default) or credit account. */
    readonly balanceType?: BalanceType;
    readonly limit?: number;
}

const TRANSFER_AMOUNT_OP: ListOperation = { operation: "showMultiAccountTransferAmount", itemsField: "amount_infos", pageSize: 100 };

/** Core of {@link getTransferableAmounts}. */
export async function fetchTransferableAmounts(client: BssDataClient, args: GetTransferableAmountsArgs = {}): Promise<FundAmounts> {
    const parsed = parseArgs("getTransferableAmounts", transferAmountArgs, args);
    const page = await listRecords<FundAccount>(client, TRANSFER_AMOUNT_OP, { balance_type: BALANCE_TYPE_CODES[parsed.balanceType] }, {}, parsed.limit);
    return fundAmounts(client, parsed.balanceType, page, (a) => a.availTransferAmount);
}

/**
 * What the enterprise master can allocate to members (`ShowMultiAccountTransferAmount`, Chinese site).
 *
 * @example
 * ```ts
 * const { availableAmount } = await bss.getTransferableAmounts({ balanceType: "cash" });
 * ```
 */
export function getTransferableAmounts(args: GetTransferableAmountsArgs = {}, opts?: DataSourceOptions): Promise<FundAmounts> {
    return invoke(fetchTransferableAmounts, args, opts);
}

/** Output form of {@link getTransferableAmounts}. @example `export const allocatable = bss.getTransferableAmountsOutput({}).availableAmount;` */
export function getTransferableAmountsOutput(args: DataSourceInputs<GetTransferableAmountsArgs> = {}, opts?: DataSourceOptions): pulumi.Output<FundAmounts> {
    return invokeOutput(getTransferableAmounts, args, opts);
}

const retrieveAmountArgs = z.object({ subCustomerId: z.string().min(1).max(64), balanceType, limit: limitSchema }).strict();

export interface GetRetrievableAmountsArgs {
    /** The member account (`sub_customer_id`). */
    readonly subCustomerId: string;
    readonly balanceType?: BalanceType;
    readonly limit?: number;
}

const RETRIEVE_AMOUNT_OP: ListOperation = { operation: "listEnterpriseMultiAccount", itemsField: "amount_infos", pageSize: 100 };

/** Core of {@link getRetrievableAmounts}. */
export async function fetchRetrievableAmounts(client: BssDataClient, args: GetRetrievableAmountsArgs): Promise<FundAmounts & { readonly subCustomerId: string }> {
    const parsed = parseArgs("getRetrievableAmounts", retrieveAmountArgs, args);
    const request = { sub_customer_id: parsed.subCustomerId, balance_type: BALANCE_TYPE_CODES[parsed.balanceType] };
    const page = await listRecords<FundAccount>(client, RETRIEVE_AMOUNT_OP, request, {}, parsed.limit);
    return { subCustomerId: parsed.subCustomerId, ...fundAmounts(client, parsed.balanceType, page, (a) => a.availRetrieveAmount) };
}

/**
 * What the master can take back from a member (`ListEnterpriseMultiAccount`, Chinese site).
 *
 * @example
 * ```ts
 * const { availableAmount } = await bss.getRetrievableAmounts({ subCustomerId: member.id });
 * ```
 */
export function getRetrievableAmounts(
    args: GetRetrievableAmountsArgs,
    opts?: DataSourceOptions,
): Promise<FundAmounts & { readonly subCustomerId: string }> {
    return invoke(fetchRetrievableAmounts, args, opts);
}

/** Output form of {@link getRetrievableAmounts}. @example `export const retrievable = bss.getRetrievableAmountsOutput({ subCustomerId }).availableAmount;` */
export function getRetrievableAmountsOutput(
    args: DataSourceInputs<GetRetrievableAmountsArgs>,
    opts?: DataSourceOptions,
): pulumi.Output<FundAmounts & { readonly subCustomerId: string }> {
    return invokeOutput(getRetrievableAmounts, args, opts);
}

function fundAmounts(
    client: BssDataClient,
    type: BalanceType,
    page: { items: FundAccount[]; totalCount: number; truncated: boolean },
    available: (a: FundAccount) => DecimalString | undefined,
): FundAmounts {
    return {
        balanceType: type,
        currency: currencyOf(page.items.find((a) => a.currency)?.currency, siteOf(client)),
        availableAmount: Decimal.sum(page.items.map((a) => available(a) ?? "0")).toString(),
        accounts: page.items,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}

// ---------------------------------------------------------------------------------------------------
// Coupons (ListMultiAccountTransferCoupons, ListMultiAccountRetrieveCoupons)

/** A coupon the master can allocate (`AvailTransferCoupon`) or take back (`AvailRetrieveCoupons`). */
export interface EnterpriseCoupon {
    /** The master's coupon. */
    readonly couponId?: string;
    /** Retrievable coupons: the member's child coupon. */
    readonly subCouponId?: string;
    readonly planName?: string;
    /** Remaining value. */
    readonly balance?: DecimalString;
    readonly effectiveTime?: string;
    readonly expireTime?: string;
    readonly useLimits?: readonly CouponUseLimit[];
}

export interface EnterpriseCoupons extends ListResult {
    readonly currency: string;
    /** Sum of `balance` over the returned coupons. */
    readonly totalBalance: DecimalString;
    readonly coupons: readonly EnterpriseCoupon[];
}

const ENTERPRISE_COUPON_SHAPE: RecordShape = { money: ["balance"], nested: { use_limits: COUPON_USE_LIMIT_SHAPE } };
const TRANSFER_COUPONS_OP: ListOperation = { operation: "listMultiAccountTransferCoupons", itemsField: "avail_transfer_coupons", pageSize: 100 };
const RETRIEVE_COUPONS_OP: ListOperation = { operation: "listMultiAccountRetrieveCoupons", itemsField: "avail_retrieve_coupons", pageSize: 100 };

export interface GetTransferableCouponsArgs {
    readonly limit?: number;
}

/** Core of {@link getTransferableCoupons}. */
export async function fetchTransferableCoupons(client: BssDataClient, args: GetTransferableCouponsArgs = {}): Promise<EnterpriseCoupons> {
    const parsed = parseArgs("getTransferableCoupons", z.object({ limit: limitSchema }).strict(), args);
    const page = await listRecords<EnterpriseCoupon>(client, TRANSFER_COUPONS_OP, {}, ENTERPRISE_COUPON_SHAPE, parsed.limit);
    return couponList(client, page);
}

/**
 * Coupons the master can allocate to members (`ListMultiAccountTransferCoupons`, Chinese site).
 *
 * @example
 * ```ts
 * const { coupons, totalBalance } = await bss.getTransferableCoupons({});
 * ```
 */
export function getTransferableCoupons(args: GetTransferableCouponsArgs = {}, opts?: DataSourceOptions): Promise<EnterpriseCoupons> {
    return invoke(fetchTransferableCoupons, args, opts);
}

/** Output form of {@link getTransferableCoupons}. @example `export const couponValue = bss.getTransferableCouponsOutput({}).totalBalance;` */
export function getTransferableCouponsOutput(args: DataSourceInputs<GetTransferableCouponsArgs> = {}, opts?: DataSourceOptions): pulumi.Output<EnterpriseCoupons> {
    return invokeOutput(getTransferableCoupons, args, opts);
}

export interface GetRetrievableCouponsArgs {
    /** The member account (`sub_customer_id`). */
    readonly subCustomerId: string;
    readonly limit?: number;
}

/** Core of {@link getRetrievableCoupons}. */
export async function fetchRetrievableCoupons(
    client: BssDataClient,
    args: GetRetrievableCouponsArgs,
): Promise<EnterpriseCoupons & { readonly subCustomerId: string }> {
    const parsed = parseArgs("getRetrievableCoupons", z.object({ subCustomerId: z.string().min(1).max(64), limit: limitSchema }).strict(), args);
    const page = await listRecords<EnterpriseCoupon>(client, RETRIEVE_COUPONS_OP, { sub_customer_id: parsed.subCustomerId }, ENTERPRISE_COUPON_SHAPE, parsed.limit);
    return { subCustomerId: parsed.subCustomerId, ...couponList(client, page) };
}

/**
 * Coupons the master can take back from a member (`ListMultiAccountRetrieveCoupons`, Chinese site).
 *
 * @example
 * ```ts
 * const { coupons } = await bss.getRetrievableCoupons({ subCustomerId: member.id });
 * ```
 */
export function getRetrievableCoupons(
    args: GetRetrievableCouponsArgs,
    opts?: DataSourceOptions,
): Promise<EnterpriseCoupons & { readonly subCustomerId: string }> {
    return invoke(fetchRetrievableCoupons, args, opts);
}

/** Output form of {@link getRetrievableCoupons}. @example `export const memberCoupons = bss.getRetrievableCouponsOutput({ subCustomerId }).coupons;` */
export function getRetrievableCouponsOutput(
    args: DataSourceInputs<GetRetrievableCouponsArgs>,
    opts?: DataSourceOptions,
): pulumi.Output<EnterpriseCoupons & { readonly subCustomerId: string }> {
    return invokeOutput(getRetrievableCoupons, args, opts);
}

function couponList(client: BssDataClient, page: { items: EnterpriseCoupon[]; totalCount: number; truncated: boolean }): EnterpriseCoupons {
    return {
        currency: currencyOf(undefined, siteOf(client)),
        totalBalance: Decimal.sum(page.items.map((c) => c.balance ?? "0")).toString(),
        coupons: page.items,
        totalCount: page.totalCount,
        truncated: page.truncated,
    };
}
