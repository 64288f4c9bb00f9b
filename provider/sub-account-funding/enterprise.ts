/**
 * What the two enterprise resource kinds (SubAccountFunding, SubAccountCoupons) share: the
 * enterprise operations of the client, the master-account probe, the member lookup, one money
 * movement at a time per provider process, and the errors BSS documents for these calls turned into
 * messages that say what to do.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { fetchSubAccounts } from "../../sdk/data/enterprise";
import type { BssDataClient } from "../../sdk/data/source";
import { getClient, onClientReset } from "../shared/client";
import { bssErrorCode, describeError, isAmbiguousOutcome } from "../shared/errors";

// ---------------------------------------------------------------------------------------------
// The client operations (wire names; the package client has them all)

export type BalanceType = "BALANCE_TYPE_DEBIT" | "BALANCE_TYPE_CREDIT";

export interface SubCustomerRecord {
    readonly id?: string;
    readonly name?: string;
    readonly display_name?: string;
    /** 1 normal, 2 being created, 3 being closed, 4 closed, 101 registering, 102 pending activation. */
    readonly status?: number;
}

export interface AmountInfo {
    readonly avail_transfer_amount?: number;
    readonly avail_retrieve_amount?: number;
    readonly measure_id?: number;
    readonly currency?: string;
}

export interface CouponUseLimit {
    readonly limit_key?: string;
    readonly value1?: string;
    readonly value2?: string;
    readonly value_unit?: string;
    readonly limit_type?: string;
}

export interface TransferableCouponRecord {
    readonly coupon_id?: string;
    readonly plan_name?: string;
    readonly balance?: string;
    readonly effective_time?: string;
    readonly expire_time?: string;
    readonly use_limits?: readonly CouponUseLimit[];
}

export interface RetrievableCouponRecord extends TransferableCouponRecord {
    readonly sub_coupon_id?: string;
}

export interface AmountTransferRequest {
    customer_id: string;
    amount: string;
    trans_id: string;
    balance_type?: BalanceType;
}

export interface EnterpriseOperations {
    listEnterpriseSubCustomers(request: { offset?: number; limit?: number }): Promise<{ total_count?: number; sub_customer_infos?: readonly SubCustomerRecord[] }>;
    showMultiAccountTransferAmount(request: { balance_type: BalanceType }): Promise<{ amount_infos?: readonly AmountInfo[] }>;
    listEnterpriseMultiAccount(request: { sub_customer_id: string; balance_type: BalanceType }): Promise<{ amount_infos?: readonly AmountInfo[] }>;
    updateSubEnterpriseAmount(request: AmountTransferRequest): Promise<unknown>;
    reclaimSubEnterpriseAmount(request: AmountTransferRequest): Promise<unknown>;
    listMultiAccountTransferCoupons(request: { offset?: number; limit?: number }): Promise<{ total_count?: number; avail_transfer_coupons?: readonly TransferableCouponRecord[] }>;
    listMultiAccountRetrieveCoupons(request: { sub_customer_id: string; offset?: number; limit?: number }): Promise<{ total_count?: number; avail_retrieve_coupons?: readonly RetrievableCouponRecord[] }>;
    claimEnterpriseMultiAccountCoupon(request: { customer_id: string; coupon_id: string; amount: string; trans_id: string }): Promise<{ sub_coupon_id?: string } | undefined>;
    reclaimEnterpriseMultiAccountCoupon(request: { customer_id: string; coupon_id: string; sub_coupon_id: string; trans_id: string }): Promise<{ real_retrieve_amout?: string } | undefined>;
}

/** The process's client, seen through the enterprise operations. */
export function enterpriseClient(): EnterpriseOperations {
    return getClient() as unknown as EnterpriseOperations;
}

/** The process's client, as the data sources' core functions take it. */
export function dataClient(): BssDataClient {
    return getClient() as unknown as BssDataClient;
}

/** The site the client talks to, when it says (decides the currency when BSS does not name it). */
export function clientSite(): string | undefined {
    const options = (getClient() as unknown as { options?: { site?: unknown } }).options;
    return typeof options?.site === "string" ? options.site : undefined;
}

/** Enterprise lists page at most 100 records (reference: every enterprise list). */
export const ENTERPRISE_PAGE_SIZE = 100;

// ---------------------------------------------------------------------------------------------
// Errors

/** BSS codes of the enterprise fund and coupon operations (update/reclaim-sub-enterprise-amount.yaml). */
export const ENTERPRISE_CODES = {
    accessDenied: "CBC.0151",
    invalidParameter: "CBC.0100",
    transferFailed: "CBC.99000043",
    insufficientBalance: "CBC.99005003",
    businessCheckFailed: "CBC.99007004",
    duplicateTransId: "CBC.99007009",
    creditExpired: "CBC.99007181",
    anotherTaskRunning: "CBC.99007461",
} as const;

/** The message for credentials that BSS refuses on an enterprise operation (403 CBC.0151). */
export function notMasterMessage(kind: string): string {
    return (
        `the configured credentials are not an enterprise master account's (BSS answered 403 CBC.0151, access denied). ` +
        `${kind} hands money from an enterprise master account to its member accounts, so it must run with the master account's ` +
        `access key (huaweicloud-bss:accessKey / huaweicloud-bss:secretKey), or with an IAM user of the master account that has ` +
        `businessUnitCenter:businessUnitFinance:update.`
    );
}

/** 403 CBC.0151 (or a bare 403): BSS refused the caller, not the request. */
export function isAccessDenied(error: unknown): boolean {
    const code = bssErrorCode(error);
    if (code === ENTERPRISE_CODES.accessDenied) return true;
    return code === undefined && (error as { httpStatus?: unknown } | undefined)?.httpStatus === 403;
}

/** An error whose message says what happened and what to do; keeps the BSS code for callers. */
export class EnterpriseError extends Error {
    readonly code: string | undefined;
    constructor(message: string, code: string | undefined, cause?: unknown) {
        super(message, cause !== undefined ? { cause } : undefined);
        this.name = "EnterpriseError";
        this.code = code;
    }
}

/**
 * Rewrites a client error of an enterprise call into a message for the user. `what` says what was
 * attempted ("allocating 50.00 CNY to member 0a1b..."); `advice` overrides the advice per code.
 */
export function explainEnterpriseError(kind: string, what: string, error: unknown, advice: Partial<Record<string, string>> = {}): Error {
    if (isAmbiguousOutcome(error)) return error as Error;
    const code = bssErrorCode(error);
    const detail = describeError(error);
    const specific = code ? advice[code] : undefined;
    if (specific) return new EnterpriseError(`${what}: ${specific} (${detail})`, code, error);
    switch (code) {
        case ENTERPRISE_CODES.accessDenied:
            return new EnterpriseError(`${what}: ${notMasterMessage(kind)}`, code, error);
        case ENTERPRISE_CODES.anotherTaskRunning:
            return new EnterpriseError(
                `${what}: BSS is still running another allocation or retrieval for this master account (CBC.99007461); nothing was moved. Run again in a minute.`,
                code,
                error,
            );
        case ENTERPRISE_CODES.businessCheckFailed:
        case ENTERPRISE_CODES.transferFailed:
            return new EnterpriseError(
                `${what}: BSS refused the transfer (${code}); nothing was moved. Check in the Billing Center that the member is associated with this master, not closed or frozen, and not under unified accounting (such members use the master's balance and cannot hold their own), then run again. (${detail})`,
                code,
                error,
            );
        case ENTERPRISE_CODES.creditExpired:
            return new EnterpriseError(`${what}: the credit quota involved has expired (CBC.99007181); nothing was moved.`, code, error);
        default:
            return error instanceof Error ? error : new Error(detail);
    }
}

// ---------------------------------------------------------------------------------------------
// Master-account probe and member lookup (cached per client, i.e. per provider process)

let masterProbe: Promise<MasterProbeResult> | undefined;
let memberDirectory: Promise<Map<string, Member>> | undefined;
onClientReset(() => {
    masterProbe = undefined;
    memberDirectory = undefined;
});

export type MasterProbeResult =
    | { readonly kind: "master" }
    | { readonly kind: "notMaster" }
    /** The probe could not tell (no credentials, network, throttling): the first real call will. */
    | { readonly kind: "unknown"; readonly reason: string; readonly configuration: boolean };

/**
 * Whether the configured credentials are an enterprise master account's: one
 * ListEnterpriseSubCustomers call (limit 1, read-only) per provider process. Used by `check`, so a
 * customer credential fails the preview before anything is planned.
 */
export function probeMasterAccount(): Promise<MasterProbeResult> {
    if (!masterProbe) {
        masterProbe = (async (): Promise<MasterProbeResult> => {
            try {
                await enterpriseClient().listEnterpriseSubCustomers({ offset: 0, limit: 1 });
                return { kind: "master" };
            } catch (error) {
                if (isAccessDenied(error)) return { kind: "notMaster" };
                // Missing or refused credentials are worth failing the preview for; a network or
                // throttling failure is not (the real calls retry and report).
                const name = (error as { name?: unknown } | undefined)?.name;
                const configuration = name === "ConfigurationError" || name === "AuthenticationError";
                return { kind: "unknown", reason: describeError(error), configuration };
            }
        })();
    }
    return masterProbe;
}

export interface Member {
    readonly id: string;
    readonly name?: string;
    readonly displayName?: string;
    readonly status?: number;
}

export const MEMBER_STATUS_NAMES: Readonly<Record<number, string>> = {
    1: "normal",
    2: "being created",
    3: "being closed",
    4: "closed",
    101: "registering",
    102: "pending activation",
};

/**
 * The master's members, listed once per provider process (the data source's core, so resources
 * and `getSubAccounts` read the same records). Concurrent callers share the one listing.
 */
export function findMember(id: string): Promise<Member | undefined> {
    memberDirectory ??= fetchSubAccounts(dataClient()).then((result) => {
        const members = new Map<string, Member>();
        for (const record of result.subAccounts) {
            if (record.id) members.set(record.id, { id: record.id, name: record.name, displayName: record.displayName, status: record.status });
        }
        return members;
    });
    const listing = memberDirectory;
    // A failed listing is not remembered: the next caller tries again.
    listing.catch(() => {
        if (memberDirectory === listing) memberDirectory = undefined;
    });
    return listing.then((members) => members.get(id));
}

/** Why money cannot be handed to `member` (closed or closing), or undefined. */
export function memberProblem(id: string, member: Member | undefined): string | undefined {
    if (!member) {
        return `subAccountId ${id} is not a member account of this enterprise master (ListEnterpriseSubCustomers does not list it): use the member's account ID (getEnterpriseSubAccounts lists them), not its name.`;
    }
    if (member.status === 3 || member.status === 4) {
        return `subAccountId ${id}${member.name ? ` (${member.name})` : ""} is ${MEMBER_STATUS_NAMES[member.status]}; money cannot be handed to it.`;
    }
    return undefined;
}

/**
 * The `check` failures that the credentials and the member decide: a customer credential fails
 * here (at preview), as does a sub-account ID the master does not have. Probes that cannot tell
 * (network, throttling) report nothing: create/update make the same checks.
 */
export async function enterpriseCheckFailures(kind: string, subAccountId: string | undefined, checkMember: boolean): Promise<{ property: string; reason: string }[]> {
    let site: string | undefined;
    try {
        site = clientSite();
    } catch {
        site = undefined; // no client yet: the probe below reports why
    }
    if (site === "intl" || site === "eu") {
        return [{ property: "", reason: `${kind}: BSS offers enterprise fund and coupon allocation only on the Chinese site (bss.myhuaweicloud.com); huaweicloud-bss:site is "${site}".` }];
    }
    const probe = await probeMasterAccount();
    if (probe.kind === "notMaster") return [{ property: "", reason: `${kind}: ${notMasterMessage(kind)}` }];
    if (probe.kind === "unknown") {
        return probe.configuration ? [{ property: "", reason: `${kind}: ${probe.reason}` }] : [];
    }
    if (!checkMember || subAccountId === undefined) return [];
    let member: Member | undefined;
    try {
        member = await findMember(subAccountId);
    } catch {
        return [];
    }
    const problem = memberProblem(subAccountId, member);
    return problem ? [{ property: "subAccountId", reason: problem }] : [];
}

// ---------------------------------------------------------------------------------------------
// One money movement at a time

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `task` after every earlier movement of this provider process has finished. BSS runs one
 * allocation or retrieval per master account at a time (CBC.99007461 otherwise), and the engine
 * runs resources in parallel.
 */
export function oneMovementAtATime<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
}

/** Waits before resending after CBC.99007461 (another task running); nothing was moved by the refused call. */
export const BUSY_RETRY_DELAYS_MS: readonly number[] = [500, 1000, 2000, 4000];

let busyDelays: readonly number[] = BUSY_RETRY_DELAYS_MS;

/** Tests shorten the waits. */
export function setBusyRetryDelaysForTesting(delays: readonly number[] | undefined): void {
    busyDelays = delays ?? BUSY_RETRY_DELAYS_MS;
}

/**
 * Sends a movement, resending it (same trans_id) while BSS answers that another task is still
 * running: that answer is a refusal, so the resend cannot move money twice.
 */
export async function sendWhileBusy<T>(send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
        try {
            return await send();
        } catch (error) {
            if (bssErrorCode(error) !== ENTERPRISE_CODES.anotherTaskRunning || attempt >= busyDelays.length) throw error;
            await sleep(busyDelays[attempt]);
        }
    }
}

/** Checks the member before money moves (a closed member, or credentials that are not a master's); returns its name. */
export async function requireMember(kind: string, subAccountId: string): Promise<string | undefined> {
    let member;
    try {
        member = await findMember(subAccountId);
    } catch (error) {
        if (isAccessDenied(error)) throw new Error(`${kind}: ${notMasterMessage(kind)}`);
        throw error;
    }
    const problem = memberProblem(subAccountId, member);
    if (problem) throw new Error(`${kind}: ${problem}`);
    return member?.name;
}
