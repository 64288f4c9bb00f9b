/**
 * Enterprise master / member operations: members, allocatable and retrievable balances, fund and coupon
 * allocation and retrieval. Every money move checks everything first and changes nothing on failure;
 * a reused trans_id is refused (CBC.99007009) so a retried call never moves money twice.
 */
import type { Account, Coupon, CouponUseLimit } from "../../model";
import { bodyOf, fail, noContent, ok, OperationDef, OperationRequest, pageOf } from "../../operation";
import type { World } from "../../world";
import { formatUnits, fractionDigits, isDecimalText, parseScaled, toJsonNumber, unitsOf, MONEY_DECIMALS } from "../decimal";
import { billingState, BillingState, CreditLedger, TransferRecord } from "../state";
import { bodyString, param } from "./common";

type BalanceType = "BALANCE_TYPE_DEBIT" | "BALANCE_TYPE_CREDIT";

/** Money on Account records is a JS number in the main unit; moves are done in exact units. */
function units(value: number | undefined): bigint {
    return unitsOf(value ?? 0);
}

function money(value: bigint): number {
    return toJsonNumber(value);
}

/** A request amount: decimal string, > 0, at most 2 decimals (400 CBC.0100 otherwise). */
function requestAmount(text: string, field = "amount"): bigint {
    if (!isDecimalText(text) || text.trim().startsWith("-") || text.trim().startsWith("+")) fail("CBC.0100", `${field} must be a positive decimal string`);
    if (fractionDigits(text) > 2) fail("CBC.0100", `${field} must have at most 2 decimals`);
    const value = parseScaled(text, MONEY_DECIMALS);
    if (value <= 0n) fail("CBC.0100", `${field} must be greater than 0`);
    return value;
}

/** The member account, which must belong to the calling master (CBC.99000043 otherwise). */
function memberOf(world: World, master: Account, customerId: string): Account {
    const member = world.account(customerId);
    if (!member || member.masterAccountId !== master.id) {
        fail("CBC.99000043", `Allocation or retrieval failed: ${customerId} is not a member account of this enterprise master.`);
    }
    return member;
}

/** Queries name the member in a parameter: an unknown one is a parameter error. */
function queriedMember(world: World, master: Account, customerId: string | undefined): Account {
    const member = customerId ? world.account(customerId) : undefined;
    if (!member || member.masterAccountId !== master.id) fail("CBC.0100", `sub_customer_id ${customerId ?? ""} is not a member account of this enterprise master.`);
    return member;
}

/** Fails while another allocation/retrieval of the master is "still running" (set by scenarios/tests). */
function requireIdle(state: BillingState, master: Account, nowIso: string): void {
    const busyUntil = state.transferBusyUntil[master.id];
    if (busyUntil !== undefined && nowIso < busyUntil) {
        fail("CBC.99007461", "Another allocation or retrieval task is still running. Try again later.");
    }
}

/** Refuses a transaction id this master already used (the idempotency guard). */
function requireUnusedTransId(state: BillingState, master: Account, requested: string | undefined): void {
    if (requested && state.transfers.some((transfer) => transfer.masterId === master.id && transfer.transId === requested)) {
        fail("CBC.99007009", `Duplicate transaction ID ${requested}.`);
    }
}

/** The caller's transaction id, or one generated once every check has passed. */
function transactionId(world: World, requested: string | undefined): string {
    return requested || world.nextId("TRANS", 12);
}

function recordTransfer(state: BillingState, transfer: TransferRecord): void {
    state.transfers.push(transfer);
}

function allocationOf(state: BillingState, masterId: string, memberId: string) {
    let allocation = state.memberAllocations.find((candidate) => candidate.masterId === masterId && candidate.memberId === memberId);
    if (!allocation) {
        allocation = { masterId, memberId, amount: 0 };
        state.memberAllocations.push(allocation);
    }
    return allocation;
}

/** Cash the master may hand out: balance less the part earmarked for designated use. */
function transferableCash(account: Account): bigint {
    const free = units(account.cashBalance) - units(account.designatedAmount);
    return free > 0n ? free : 0n;
}

/** Cash the master may take back from a member: what it allocated, bounded by the member's balance. */
function retrievableCash(state: BillingState, master: Account, member: Account): bigint {
    const allocated = units(state.memberAllocations.find((a) => a.masterId === master.id && a.memberId === member.id)?.amount);
    const balance = units(member.cashBalance);
    const bound = allocated < balance ? allocated : balance;
    return bound > 0n ? bound : 0n;
}

function creditLedgersOf(state: BillingState, accountId: string): CreditLedger[] {
    return state.creditLedgers.filter((ledger) => ledger.accountId === accountId).sort((a, b) => (a.expireTime < b.expireTime ? -1 : 1));
}

/** The credit ledger a request selects by expire_time (permanent credit when omitted). */
type CreditSelection = { readonly kind: "permanent" } | { readonly kind: "expiring"; readonly ledger: CreditLedger };

function selectCredit(state: BillingState, account: Account, expireTime: string | undefined, nowIso: string): CreditSelection {
    if (expireTime === undefined) {
        if (units(account.creditLimit) === 0n && creditLedgersOf(state, account.id).length > 0) {
            fail("CBC.0100", "expire_time is mandatory: the credit account's quota has an expiry");
        }
        return { kind: "permanent" };
    }
    const ledger = creditLedgersOf(state, account.id).find((candidate) => candidate.expireTime === expireTime);
    if (!ledger) fail("CBC.99007004", `No credit quota expiring at ${expireTime}.`);
    if (ledger.expireTime <= nowIso) fail("CBC.99007181", `The credit quota expiring at ${expireTime} has expired.`);
    return { kind: "expiring", ledger };
}

function creditAvailable(account: Account, selection: CreditSelection): bigint {
    return selection.kind === "permanent" ? units(account.creditBalance) : units(selection.ledger.balance);
}

/** Moves credit quota (limit and remaining balance) between two accounts' matching ledgers. */
function moveCredit(state: BillingState, from: Account, to: Account, selection: CreditSelection, amount: bigint): void {
    if (selection.kind === "permanent") {
        from.creditLimit = money(units(from.creditLimit) - amount);
        from.creditBalance = money(units(from.creditBalance) - amount);
        to.creditLimit = money(units(to.creditLimit) + amount);
        to.creditBalance = money(units(to.creditBalance) + amount);
        return;
    }
    const source = selection.ledger;
    source.creditLimit = money(units(source.creditLimit) - amount);
    source.balance = money(units(source.balance) - amount);
    let target = state.creditLedgers.find((ledger) => ledger.accountId === to.id && ledger.expireTime === source.expireTime);
    if (!target) {
        target = { accountId: to.id, expireTime: source.expireTime, creditLimit: 0, balance: 0 };
        state.creditLedgers.push(target);
    }
    target.creditLimit = money(units(target.creditLimit) + amount);
    target.balance = money(units(target.balance) + amount);
}

/** Credit ledgers of an account as the balance APIs list them (permanent first). */
function creditEntries(state: BillingState, account: Account, nowIso: string): { available: bigint; balance: bigint; limit: bigint; expireTime?: string }[] {
    const entries: { available: bigint; balance: bigint; limit: bigint; expireTime?: string }[] = [];
    if (units(account.creditLimit) > 0n) {
        entries.push({ available: units(account.creditBalance), balance: units(account.creditBalance), limit: units(account.creditLimit) });
    }
    for (const ledger of creditLedgersOf(state, account.id)) {
        const expired = ledger.expireTime <= nowIso;
        entries.push({ available: expired ? 0n : units(ledger.balance), balance: units(ledger.balance), limit: units(ledger.creditLimit), expireTime: ledger.expireTime });
    }
    return entries;
}

function page<T>(items: readonly T[], request: OperationRequest): T[] {
    return pageOf(items, param<number>(request, "offset") ?? 0, param<number>(request, "limit") ?? 10);
}

export const listEnterpriseSubCustomers: OperationDef = {
    name: "ListEnterpriseSubCustomers",
    method: "GET",
    path: "/v2/enterprises/multi-accounts/sub-customers",
    masterOnly: true,
    handle(request, world) {
        const fuzzy = param<number>(request, "fuzzy_query") === 1;
        const matches = (actual: string | undefined, wanted: string | undefined): boolean => {
            if (wanted === undefined || wanted === "") return true;
            const value = actual ?? "";
            return fuzzy ? value.toLowerCase().includes(wanted.toLowerCase()) : value === wanted;
        };
        const orgId = param(request, "org_id");
        const members = world
            .membersOf(request.account.id)
            .filter(
                (member) =>
                    matches(member.name, param(request, "sub_customer_account_name")) &&
                    matches(member.displayName ?? member.name, param(request, "sub_customer_display_name")) &&
                    (!orgId || member.orgId === orgId),
            );
        return ok({
            total_count: members.length,
            sub_customer_infos: page(members, request).map((member) => ({
                id: member.id,
                name: member.name,
                display_name: member.displayName ?? member.name,
                status: member.memberStatus ?? 1,
                org_id: member.orgId,
                org_name: member.orgName,
            })),
        });
    },
};

export const showMultiAccountTransferAmount: OperationDef = {
    name: "ShowMultiAccountTransferAmount",
    method: "GET",
    path: "/v2/enterprises/multi-accounts/transfer-amount",
    sites: ["cn"],
    masterOnly: true,
    handle(request, world) {
        const master = request.account;
        if (param<BalanceType>(request, "balance_type") === "BALANCE_TYPE_DEBIT") {
            return ok({ total_count: 1, amount_infos: [{ avail_transfer_amount: money(transferableCash(master)), measure_id: 1, currency: world.currency }] });
        }
        const entries = creditEntries(billingState(world), master, request.nowIso);
        return ok({
            total_count: entries.length,
            amount_infos: page(entries, request).map((entry) => ({
                avail_transfer_amount: money(entry.available),
                measure_id: 1,
                currency: world.currency,
                amount: money(entry.balance),
                credit_amount: money(entry.limit),
                expire_time: entry.expireTime,
            })),
        });
    },
};

export const listEnterpriseMultiAccount: OperationDef = {
    name: "ListEnterpriseMultiAccount",
    method: "GET",
    path: "/v2/enterprises/multi-accounts/retrieve-amount",
    sites: ["cn"],
    masterOnly: true,
    handle(request, world) {
        const state = billingState(world);
        const member = queriedMember(world, request.account, param(request, "sub_customer_id"));
        if (param<BalanceType>(request, "balance_type") === "BALANCE_TYPE_DEBIT") {
            return ok({
                total_count: 1,
                amount_infos: [{ avail_retrieve_amount: money(retrievableCash(state, request.account, member)), measure_id: 1, currency: world.currency }],
            });
        }
        const entries = creditEntries(state, member, request.nowIso);
        return ok({
            total_count: entries.length,
            amount_infos: page(entries, request).map((entry) => ({
                avail_retrieve_amount: money(entry.available),
                measure_id: 1,
                currency: world.currency,
                amount: money(entry.balance),
                credit_amount: money(entry.limit),
                expire_time: entry.expireTime,
            })),
        });
    },
};

interface FundMoveBody {
    customer_id: string;
    amount: string;
    trans_id?: string;
    balance_type?: BalanceType;
    expire_time?: string;
}

function fundMove(request: OperationRequest, world: World, direction: "allocate" | "retrieve") {
    const body = bodyOf(request) as unknown as FundMoveBody;
    const master = request.account;
    const amount = requestAmount(body.amount);
    const member = memberOf(world, master, body.customer_id);
    const state = billingState(world);
    requireIdle(state, master, request.nowIso);
    const requestedTransId = bodyString(body as unknown as Record<string, unknown>, "trans_id");
    requireUnusedTransId(state, master, requestedTransId);
    const balanceType: BalanceType = body.balance_type ?? "BALANCE_TYPE_DEBIT";
    const from = direction === "allocate" ? master : member;
    const to = direction === "allocate" ? member : master;
    if (balanceType === "BALANCE_TYPE_DEBIT") {
        const available = direction === "allocate" ? transferableCash(master) : retrievableCash(state, master, member);
        if (amount > available) {
            fail("CBC.99005003", `Insufficient balance: ${formatUnits(available, 2)} can be ${direction === "allocate" ? "allocated" : "retrieved"}.`);
        }
        from.cashBalance = money(units(from.cashBalance) - amount);
        to.cashBalance = money(units(to.cashBalance) + amount);
        const allocation = allocationOf(state, master.id, member.id);
        allocation.amount = money(units(allocation.amount) + (direction === "allocate" ? amount : -amount));
    } else {
        const selection = selectCredit(state, from, body.expire_time, request.nowIso);
        const available = creditAvailable(from, selection);
        if (amount > available) fail("CBC.99005003", `Insufficient credit balance: ${formatUnits(available, 2)} available.`);
        moveCredit(state, from, to, selection, amount);
    }
    recordTransfer(state, {
        transId: transactionId(world, requestedTransId),
        masterId: master.id,
        customerId: member.id,
        kind: direction === "allocate" ? "allocateFunds" : "retrieveFunds",
        amount: formatUnits(amount, 2),
        balanceType,
        expireTime: body.expire_time,
        time: request.nowIso,
    });
    return noContent();
}

export const updateSubEnterpriseAmount: OperationDef = {
    name: "UpdateSubEnterpriseAmount",
    method: "POST",
    path: "/v2/enterprises/multi-accounts/transfer-amount",
    sites: ["cn"],
    masterOnly: true,
    handle: (request, world) => fundMove(request, world, "allocate"),
};

export const reclaimSubEnterpriseAmount: OperationDef = {
    name: "ReclaimSubEnterpriseAmount",
    method: "POST",
    path: "/v2/enterprises/multi-accounts/retrieve-amount",
    sites: ["cn"],
    masterOnly: true,
    handle: (request, world) => fundMove(request, world, "retrieve"),
};

function useLimitsOf(limits: readonly CouponUseLimit[]): Record<string, unknown>[] {
    return limits.map((limit) => ({
        use_limiti_info_id: limit.id,
        limit_key: limit.limitKey,
        value1: limit.value1,
        value2: limit.value2,
        value_unit: limit.valueUnit,
        limit_type: limit.limitType,
        promotion_plan_id: limit.promotionPlanId,
    }));
}

/** Huawei-issued cash coupons of the master that may be allocated now. */
function transferableCoupon(coupon: Coupon, masterId: string, nowIso: string): boolean {
    return (
        coupon.customerId === masterId &&
        coupon.couponType === 1 &&
        coupon.status === 2 &&
        !coupon.isFrozen &&
        coupon.balance > 0 &&
        coupon.validTime <= nowIso &&
        coupon.expireTime > nowIso &&
        coupon.allocatedFrom === undefined &&
        coupon.lockOrderId === undefined
    );
}

export const listMultiAccountTransferCoupons: OperationDef = {
    name: "ListMultiAccountTransferCoupons",
    method: "GET",
    path: "/v2/enterprises/multi-accounts/transfer-coupons",
    sites: ["cn"],
    masterOnly: true,
    handle(request, world) {
        const coupons = world.couponsOf(request.account.id).filter((coupon) => transferableCoupon(coupon, request.account.id, request.nowIso));
        return ok({
            total_count: coupons.length,
            avail_transfer_coupons: page(coupons, request).map((coupon) => ({
                coupon_id: coupon.id,
                plan_name: coupon.planName,
                balance: formatUnits(units(coupon.balance), 2),
                effective_time: coupon.validTime,
                expire_time: coupon.expireTime,
                use_limits: useLimitsOf(coupon.useLimits),
            })),
        });
    },
};

export const listMultiAccountRetrieveCoupons: OperationDef = {
    name: "ListMultiAccountRetrieveCoupons",
    method: "GET",
    path: "/v2/enterprises/multi-accounts/retrieve-coupons",
    sites: ["cn"],
    masterOnly: true,
    handle(request, world) {
        const member = queriedMember(world, request.account, param(request, "sub_customer_id"));
        const retrievable = billingState(world)
            .couponAllocations.filter((allocation) => allocation.masterId === request.account.id && allocation.memberId === member.id)
            .map((allocation) => ({ allocation, child: world.coupon(allocation.subCouponId) }))
            .filter(({ child }) => child !== undefined && child.status === 2 && child.balance > 0);
        return ok({
            total_count: retrievable.length,
            avail_retrieve_coupons: page(retrievable, request).map(({ allocation, child }) => ({
                coupon_id: allocation.parentCouponId,
                plan_name: child!.planName,
                sub_coupon_id: child!.id,
                balance: formatUnits(units(child!.balance), 2),
                effective_time: child!.validTime,
                expire_time: child!.expireTime,
                use_limits: useLimitsOf(child!.useLimits),
            })),
        });
    },
};

export const claimEnterpriseMultiAccountCoupon: OperationDef = {
    name: "ClaimEnterpriseMultiAccountCoupon",
    method: "POST",
    path: "/v2/enterprises/multi-accounts/transfer-coupon",
    sites: ["cn"],
    masterOnly: true,
    handle(request, world) {
        const body = bodyOf(request);
        const master = request.account;
        const amount = requestAmount(String(body.amount));
        const member = memberOf(world, master, String(body.customer_id));
        // A resent request must be recognised before the coupon's state, which the first one changed.
        const state = billingState(world);
        requireIdle(state, master, request.nowIso);
        requireUnusedTransId(state, master, bodyString(body, "trans_id"));
        const parent = world.coupon(String(body.coupon_id));
        if (!parent || !transferableCoupon(parent, master.id, request.nowIso)) {
            fail("CBC.0100", `coupon_id ${String(body.coupon_id)} is not a coupon this account can allocate.`);
        }
        const balance = units(parent.balance);
        if (amount > balance) fail("CBC.99005003", `Insufficient coupon balance: ${formatUnits(balance, 2)} left.`);
        const child: Coupon = {
            ...parent,
            id: world.nextId("CP", 12),
            code: world.nextId("CC", 12),
            customerId: member.id,
            status: 2,
            faceValue: money(amount),
            balance: money(amount),
            createTime: request.nowIso,
            activeTime: request.nowIso,
            reserveTime: undefined,
            orderId: undefined,
            lockOrderId: undefined,
            useLimits: parent.useLimits.map((limit) => ({ ...limit })),
            allocatedFrom: master.id,
        };
        parent.balance = money(balance - amount);
        if (balance === amount) parent.status = 3;
        world.addCoupon(child);
        state.couponAllocations.push({ subCouponId: child.id, parentCouponId: parent.id, masterId: master.id, memberId: member.id });
        recordTransfer(state, {
            transId: transactionId(world, bodyString(body, "trans_id")),
            masterId: master.id,
            customerId: member.id,
            kind: "allocateCoupon",
            amount: formatUnits(amount, 2),
            couponId: parent.id,
            subCouponId: child.id,
            time: request.nowIso,
        });
        return ok({ sub_coupon_id: child.id });
    },
};

export const reclaimEnterpriseMultiAccountCoupon: OperationDef = {
    name: "ReclaimEnterpriseMultiAccountCoupon",
    method: "POST",
    path: "/v2/enterprises/multi-accounts/retrieve-coupon",
    sites: ["cn"],
    masterOnly: true,
    handle(request, world) {
        const body = bodyOf(request);
        const master = request.account;
        const member = memberOf(world, master, String(body.customer_id));
        // A resent request must be recognised before the allocation lookup: the first one removed it.
        const state = billingState(world);
        requireIdle(state, master, request.nowIso);
        requireUnusedTransId(state, master, bodyString(body, "trans_id"));
        const allocation = state.couponAllocations.find(
            (candidate) =>
                candidate.masterId === master.id &&
                candidate.memberId === member.id &&
                candidate.parentCouponId === body.coupon_id &&
                candidate.subCouponId === body.sub_coupon_id,
        );
        const child = allocation ? world.coupon(allocation.subCouponId) : undefined;
        const parent = allocation ? world.coupon(allocation.parentCouponId) : undefined;
        if (!allocation || !child || !parent) {
            fail("CBC.0100", `sub_coupon_id ${String(body.sub_coupon_id)} is not a coupon allocated from ${String(body.coupon_id)} to ${member.id}.`);
        }
        if (child.lockOrderId !== undefined) fail("CBC.99007004", `The coupon ${child.id} is held by the pending order ${child.lockOrderId}.`);
        const retrieved = units(child.balance);
        parent.balance = money(units(parent.balance) + retrieved);
        if (parent.status === 3 && retrieved > 0n) parent.status = 2;
        child.balance = 0;
        child.status = 5;
        state.couponAllocations.splice(state.couponAllocations.indexOf(allocation), 1);
        recordTransfer(state, {
            transId: transactionId(world, bodyString(body, "trans_id")),
            masterId: master.id,
            customerId: member.id,
            kind: "retrieveCoupon",
            amount: formatUnits(retrieved, 2),
            couponId: parent.id,
            subCouponId: child.id,
            time: request.nowIso,
        });
        return ok({ real_retrieve_amout: formatUnits(retrieved, 2) });
    },
};

export const enterpriseOperations: readonly OperationDef[] = [
    listEnterpriseSubCustomers,
    showMultiAccountTransferAmount,
    listEnterpriseMultiAccount,
    updateSubEnterpriseAmount,
    reclaimSubEnterpriseAmount,
    listMultiAccountTransferCoupons,
    listMultiAccountRetrieveCoupons,
    claimEnterpriseMultiAccountCoupon,
    reclaimEnterpriseMultiAccountCoupon,
];
