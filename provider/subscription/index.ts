/**
 * The Subscription dynamic provider: one BSS yearly/monthly resource's expiry policy, renewals and
 * delete behaviour. Loaded in the provider process as `pulumi-huaweicloud-bss/provider/subscription`.
 * See README.md in this folder for the rules (planning, coalescing, convergence).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { OrderRecord } from "../shared/bss-operations";
import { clientNow, configureFromStack, getClient, onClientReset } from "../shared/client";
import { compareDecimal, normalizeDecimal } from "../shared/decimal";
import { bssErrorCode, describeError, isAmbiguousOutcome, PartialProgressError } from "../shared/errors";
import { logInfo, logWarning } from "../shared/log";
import { containsUnknown, deepEqual, isUnknown, unknownValue, withoutUndefined } from "../shared/values";
import { createActions, Actions } from "./actions";
import { addPeriods, formatBssTime, parseBssTime, parseRenewUntil } from "./calendar";
import { createResourceDirectory, ResourceDirectory, ResourceView } from "./directory";
import { expirySteps, onExpiryOf } from "./expiry";
import { CheckedInputs, INPUT_NAMES, paymentChoice, PaymentChoice, pastRenewUntilFailure, pickInputs, SubscriptionInputs, validateInputs, Failure } from "./inputs";
import { amountText, appendOrders, createOrderBook, OrderBook, OrderEntry, ORDER_STATUS, orderStatusName, PendingOrderEntry } from "./orders";
import { buildOutputs, SubscriptionOutputs } from "./outputs";
import { createQuoteBook, QuoteBook } from "./quotes";
import { isBatchingEnabled } from "../shared/batching";
import { describePlan, planRenewal, PlannedOrder, PlannedRenewal, planSignature } from "./plan";

interface Context {
    readonly directory: ResourceDirectory;
    readonly actions: Actions;
    readonly orders: OrderBook;
    readonly quotes: QuoteBook;
}

let context: Context | undefined;
onClientReset(() => {
    context = undefined;
});

/** The process's lookup, coalescing queues and order book (one set per client). */
export function providerContext(): Context {
    if (!context) {
        const directory = createResourceDirectory(getClient);
        const actions = createActions(getClient);
        context = {
            directory,
            actions,
            orders: createOrderBook(getClient),
            quotes: createQuoteBook(actions, directory, { enabled: () => isBatchingEnabled() }),
        };
    }
    return context;
}

export async function configure(request: { config: { get(key: string): string | undefined } }): Promise<void> {
    configureFromStack(request);
}

// ---------------------------------------------------------------------------------------------
// check

/** Why `view` cannot be adopted as a Subscription, or undefined when it can. */
export function adoptionProblem(resourceId: string, view: ResourceView | undefined): string | undefined {
    if (!view) {
        return `resourceId ${resourceId}: the account has no yearly/monthly resource with this ID (it does not exist, is billed pay-per-use, or was released). A Subscription adopts an existing yearly/monthly resource.`;
    }
    const record = view.record;
    if (record.is_main_resource === 0) {
        const parent = record.parent_resource_id ?? "its primary resource";
        return `resourceId ${resourceId} is an attached resource (${record.resource_type_code ?? "unknown type"}) of ${parent}; BSS renews and unsubscribes attached resources with their primary, so manage ${parent} instead.`;
    }
    if (record.status === 3) return `resourceId ${resourceId} is closed in BSS (status 3) and can no longer be renewed or changed.`;
    return undefined;
}

async function quotePlan(resourceId: string, expire: Date, until: Date): Promise<{ plan: PlannedRenewal | null } | { error: string }> {
    const { quotes } = providerContext();
    quotes.anticipate(resourceId, until);
    return planRenewal(expire, until, (periodType, periods) => quotes.quote(resourceId, periodType, periods));
}

/**
 * The renewal needed to keep the resource paid until `renewUntil`. A plan made earlier against
 * the same expiry and the same renewUntil is reused as is (no price call).
 */
async function planFor(
    resourceId: string,
    view: ResourceView,
    renewUntil: string,
    previous: { renewUntil?: unknown; plannedRenewal?: unknown } | undefined,
): Promise<{ plan: PlannedRenewal | null } | { error: string }> {
    const expire = parseBssTime(view.record.expire_time);
    if (!expire) return { error: `BSS reports no expiry time for ${resourceId}, so no renewal can be planned` };
    const target = parseRenewUntil(renewUntil);
    if ("reason" in target) return { error: target.reason };
    if (expire >= target.instant) return { plan: null };
    const earlier = previous?.plannedRenewal as PlannedRenewal | null | undefined;
    if (earlier && previous?.renewUntil === renewUntil && earlier.from === formatBssTime(expire)) return { plan: earlier };
    return quotePlan(resourceId, expire, target.instant);
}

function costFailure(resourceId: string, plan: PlannedRenewal, maxRenewalCost: unknown): Failure | undefined {
    if (maxRenewalCost === undefined || isUnknown(maxRenewalCost) || plan.amount === null) return undefined;
    const limit = maxRenewalCost as string | number;
    if (compareDecimal(plan.amount, limit) <= 0) return undefined;
    return {
        property: "maxRenewalCost",
        reason: `maxRenewalCost: keeping ${resourceId} paid until ${plan.until} needs ${describePlan(plan)}, which is more than maxRenewalCost ${normalizeDecimal(limit)}${plan.currency ? " " + plan.currency : ""}. Raise maxRenewalCost or move renewUntil earlier.`,
    };
}

const SETTINGS_ERRORS = new Set(["ConfigurationError", "AuthenticationError", "PermissionError"]);
function isSettingsError(error: unknown): boolean {
    return SETTINGS_ERRORS.has(String((error as { name?: unknown } | undefined)?.name));
}

export async function check(olds: Record<string, unknown> | undefined, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    const failures = validateInputs(news);
    if (failures.length > 0) return { inputs: news, failures };
    const past = pastRenewUntilFailure(olds, news, clientNow());
    if (past) return { inputs: news, failures: [past] };

    const inputs: Record<string, unknown> = { ...pickInputs(news) };
    const resourceId = news.resourceId;
    const renewUntil = news.renewUntil;
    if (isUnknown(resourceId)) {
        if (renewUntil !== undefined) inputs.plannedRenewal = unknownValue;
        return { inputs };
    }
    const id = resourceId as string;
    const isNew = !olds || olds.resourceId !== id;
    if (!isNew && renewUntil === undefined) return { inputs };

    let view: ResourceView | undefined;
    try {
        view = await providerContext().directory.lookup(id);
    } catch (error) {
        // Settings no retry fixes (credentials, permission, another site's account) fail the preview
        // once, by their own message; a thrown error would also print it twice with a stack trace.
        if (isSettingsError(error)) return { inputs, failures: [{ property: "", reason: describeError(error) }] };
        throw error;
    }
    if (isNew) {
        const problem = adoptionProblem(id, view);
        if (problem) return { inputs, failures: [{ property: "resourceId", reason: problem }] };
    }
    if (renewUntil === undefined) return { inputs };
    if (isUnknown(renewUntil)) {
        inputs.plannedRenewal = unknownValue;
        return { inputs };
    }
    if (!view || view.record.is_main_resource === 0) {
        // An adopted resource that BSS no longer lists: refresh reports it gone.
        inputs.plannedRenewal = null;
        return { inputs };
    }
    const planned = await planFor(id, view, renewUntil as string, olds);
    if ("error" in planned) return { inputs, failures: [{ property: "renewUntil", reason: `renewUntil: ${planned.error}` }] };
    inputs.plannedRenewal = planned.plan;
    const overBudget = planned.plan ? costFailure(id, planned.plan, news.maxRenewalCost) : undefined;
    return overBudget ? { inputs, failures: [overBudget] } : { inputs };
}

// ---------------------------------------------------------------------------------------------
// diff

/**
 * A planned renewal that ends at or before the expiry in the state is already paid as far as the
 * state knows: it is the plan of the update that bought it, still held in the stored inputs
 * (the engine keeps check's inputs). Refresh diffs those stored inputs against the refreshed
 * outputs, so such a plan must not count as a change.
 */
function outstandingPlan(plan: PlannedRenewal | null | undefined, outputs: Record<string, unknown>): PlannedRenewal | null {
    if (!plan) return null;
    const stateExpiry = typeof outputs.expireTime === "string" ? parseBssTime(outputs.expireTime) : undefined;
    const until = parseBssTime(plan.until);
    if (stateExpiry && until && until <= stateExpiry) return null;
    return plan;
}

/**
 * Something is still to buy, yet no order waits for payment: the order left pending ("pending"
 * payment) was cancelled at its deadline or in the console. The next run must place one again.
 */
function renewalStalled(outputs: Record<string, unknown>, plan: unknown): boolean {
    if (!plan || isUnknown(plan) || !outputs.plannedRenewal) return false;
    const waiting = outputs.pendingOrders;
    return Array.isArray(waiting) && waiting.length === 0;
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    const replaces: string[] = [];
    if (isUnknown(news.resourceId) || olds.resourceId !== news.resourceId) replaces.push("resourceId");
    const changed: string[] = INPUT_NAMES.filter((name) => name !== "resourceId" && (containsUnknown(news[name]) || !deepEqual(olds[name], news[name])));
    if (news.renewUntil !== undefined) {
        const plan = news.plannedRenewal;
        if (isUnknown(plan) || planSignature(outstandingPlan(plan as PlannedRenewal | null, olds)) !== planSignature(olds.plannedRenewal as PlannedRenewal | null)) {
            changed.push("plannedRenewal");
        } else if (renewalStalled(olds, plan)) {
            changed.push("plannedRenewal");
        }
    }
    return { changes: replaces.length > 0 || changed.length > 0, replaces };
}

// ---------------------------------------------------------------------------------------------
// create / update

/** Mutable record of one convergence run: what was changed so far (kept if it fails midway). */
interface Run {
    readonly id: string;
    readonly inputs: CheckedInputs;
    view: ResourceView;
    orders: OrderEntry[];
    pending: PendingOrderEntry[];
    changed: boolean;
    /** BSS changed the resource (through this run) since `view` was fetched. */
    viewStale?: boolean;
    /** Coupons pay one order only (a coupon is used once); the discount applies to each order. */
    couponsUsed?: boolean;
    /** An auto-renew call carrying autoRenewTimes had an unknown outcome (BSS does not report the count). */
    autoRenewTimesUnconfirmed?: boolean;
}

/** This run changed the resource in BSS: `view` no longer shows it as it is. */
function markChanged(run: Run): void {
    run.changed = true;
    run.viewStale = true;
}

/** Reads the resource back from BSS (a query made now). */
async function refetchView(run: Run): Promise<void> {
    run.view = (await providerContext().directory.fetchFresh(run.id)) ?? run.view;
    run.viewStale = false;
}

export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const checked = inputs as unknown as CheckedInputs;
    const id = checked.resourceId;
    const view = await providerContext().directory.fetchFresh(id);
    const problem = adoptionProblem(id, view);
    if (problem) throw new Error(problem);
    const outs = await converge({ id, inputs: checked, view: view!, orders: [], pending: [], changed: false }, undefined);
    return { id, outs };
}

/**
 * Inputs whose change needs no BSS call: the outputs are updated alone. `payment` matters only
 * while something is left to buy or to pay.
 */
function localOnlyInputs(previous: SubscriptionOutputs): Set<string> {
    const settled = !previous.plannedRenewal && (previous.pendingOrders ?? []).length === 0;
    return new Set(settled ? ["onDelete", "maxRenewalCost", "payment"] : ["onDelete", "maxRenewalCost"]);
}

export async function update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
    const previous = olds as unknown as SubscriptionOutputs;
    const checked = news as unknown as CheckedInputs;
    const planUnchanged = planSignature(checked.plannedRenewal) === planSignature(previous.plannedRenewal) || checked.renewUntil === undefined;
    const localOnly = localOnlyInputs(previous);
    const onlyLocal = planUnchanged && !renewalStalled(olds, checked.plannedRenewal) && INPUT_NAMES.every((name) => localOnly.has(name) || deepEqual(olds[name], news[name]));
    if (onlyLocal && previous.expireTime !== undefined) {
        return { outs: withoutUndefined({ ...stripInputs(previous), ...pickInputs(news), plannedRenewal: previous.plannedRenewal ?? null }) };
    }
    const view = await providerContext().directory.fetchFresh(checked.resourceId);
    if (!view) {
        throw new Error(`${checked.resourceId} is no longer listed by BSS (released or unsubscribed outside this stack). Run \`pulumi refresh\` to remove it from the stack's state.`);
    }
    const outs = await converge({ id, inputs: checked, view, orders: [...(previous.orders ?? [])], pending: [], changed: false }, previous);
    return { outs };
}

/** The outputs without the program's inputs (so removed inputs do not linger). */
function stripInputs(outputs: SubscriptionOutputs): Record<string, unknown> {
    const copy: Record<string, unknown> = { ...outputs };
    for (const name of INPUT_NAMES) delete copy[name];
    delete copy.__provider;
    return copy;
}

async function converge(run: Run, previous: SubscriptionOutputs | undefined): Promise<SubscriptionOutputs> {
    let remaining: PlannedRenewal | null = null;
    try {
        const target = run.inputs.renewUntil !== undefined ? renewTarget(run) : undefined;
        // Renewal orders already holding the resource are settled first: unpaid, they lock it
        // against the policy switch below.
        const held = target && !reaches(run, target) ? await settleHoldingOrders(run) : "none";
        const expiredNow = run.view.record.status === 5;
        // An expired resource cannot take an expiry policy before it is renewed; otherwise the
        // policy goes first, because a renewal left pending payment locks the resource.
        if (!expiredNow) await applyExpiry(run, previous);
        if (target) remaining = held === "reported" ? await outstandingRenewal(run, target) : await renewTo(run, target);
        if (expiredNow) await applyExpiry(run, previous);
        if (run.changed) {
            // One read-back after the last change (a renewal already read its result back).
            if (run.viewStale) await refetchView(run);
            verifyExpiry(run);
            if (target) remaining = remainingPlan(run, remaining);
        }
        if (run.autoRenewTimesUnconfirmed) {
            throw new Error(`${run.id}: auto-renew is on, but whether BSS took autoRenewTimes ${run.inputs.autoRenewTimes} is unknown (the call's outcome was lost and BSS does not report the count); run again to set it.`);
        }
        return buildOutputs(run.inputs, run.view, run.orders, run.pending, remaining);
    } catch (error) {
        if (!run.changed) throw error;
        // Record what BSS reports, not what was asked: the next run then sees the difference.
        run.view = (await providerContext().directory.fetchFresh(run.id).catch(() => undefined)) ?? run.view;
        const message = `${describeError(error)} (changes made before this error are kept in the stack's state)`;
        throw new PartialProgressError(message, run.id, partialOutputs(run, previous, remaining) as unknown as Record<string, unknown>);
    }
}

/** Outputs after a failure midway: inputs that may not have been applied keep their observed or previous value. */
function partialOutputs(run: Run, previous: SubscriptionOutputs | undefined, remaining: PlannedRenewal | null): SubscriptionOutputs {
    const inputs: Record<string, unknown> = { ...run.inputs };
    if (run.inputs.onExpiry !== undefined) inputs.onExpiry = onExpiryOf(run.view.record.expire_policy);
    if (run.autoRenewTimesUnconfirmed || inputs.onExpiry !== run.inputs.onExpiry) inputs.autoRenewTimes = previous?.autoRenewTimes;
    return buildOutputs(inputs as unknown as CheckedInputs, run.view, run.orders, run.pending, remaining);
}

function renewTarget(run: Run): Date {
    const target = parseRenewUntil(run.inputs.renewUntil!);
    if ("reason" in target) throw new Error(`renewUntil ${target.reason}`);
    return target.instant;
}

function reaches(run: Run, target: Date): boolean {
    const expire = parseBssTime(run.view.record.expire_time);
    if (!expire) throw new Error(`BSS reports no expiry time for ${run.id}, so it cannot be renewed`);
    return expire >= target;
}

function verifyExpiry(run: Run): void {
    const desired = run.inputs.onExpiry;
    if (desired === undefined) return;
    const reported = onExpiryOf(run.view.record.expire_policy);
    if (reported !== desired) {
        throw new Error(
            `${run.id}: onExpiry is "${desired}" but BSS reports expire_policy ${run.view.record.expire_policy ?? "none"} ("${reported}") after the change; run again, or check the resource in the Billing Center.`,
        );
    }
}

/** After renewing: nothing left when the expiry reaches renewUntil, else the plan still outstanding. */
function remainingPlan(run: Run, planned: PlannedRenewal | null): PlannedRenewal | null {
    const expire = parseBssTime(run.view.record.expire_time);
    const target = parseRenewUntil(run.inputs.renewUntil!);
    if (!expire || "reason" in target || expire >= target.instant) return null;
    return planned;
}

async function applyExpiry(run: Run, previous: SubscriptionOutputs | undefined): Promise<void> {
    const { actions } = providerContext();
    const steps = expirySteps(run.view.record.expire_policy, run.inputs.onExpiry, run.inputs.autoRenewTimes, previous?.autoRenewTimes);
    for (const step of steps) {
        try {
            switch (step.kind) {
                case "enableAutoRenew":
                    await actions.enableAutoRenew(run.id, step.autoRenewTimes);
                    break;
                case "disableAutoRenew":
                    await actions.disableAutoRenew(run.id);
                    break;
                case "setToOnDemand":
                    await actions.setToOnDemand(run.id, "SET_UP");
                    break;
                case "cancelToOnDemand":
                    await actions.setToOnDemand(run.id, "CANCEL");
                    break;
            }
        } catch (error) {
            // An unknown outcome of a policy switch is settled by the read-back that follows
            // (never by sending it again); "already cancelled" means the step is already done.
            if (!isAmbiguousOutcome(error) && bssErrorCode(error) !== "CBC.99003605") {
                throw new Error(`${run.id}: switching onExpiry to "${run.inputs.onExpiry}" failed at ${step.kind}: ${describeError(error)}`);
            }
            if (step.kind === "enableAutoRenew" && step.autoRenewTimes !== undefined && isAmbiguousOutcome(error)) run.autoRenewTimesUnconfirmed = true;
        }
        markChanged(run);
    }
}

// ---------------------------------------------------------------------------------------------
// renewal

function pendingEntry(order: OrderRecord): PendingOrderEntry {
    return {
        id: order.order_id ?? "unknown",
        amount: amountText(order.amount_after_discount),
        currency: order.currency ?? null,
        status: orderStatusName(order.status),
        payBefore: order.pending_payment_end_time ?? null,
    };
}

function warnPending(run: Run, entry: PendingOrderEntry): void {
    const price = entry.amount === null ? "" : ` (${entry.amount}${entry.currency ? " " + entry.currency : ""})`;
    const deadline = entry.payBefore ? ` before ${entry.payBefore}` : "";
    logWarning(
        `Subscription ${run.id}: renewal order ${entry.id}${price} is pending payment (payment.mode "pending"). ` +
            `The resource stays paid only until ${run.view.record.expire_time ?? "its current expiry"} until the order is paid${deadline} in the Billing Center; ` +
            `set payment.mode to "auto" to have the next run pay it.`,
    );
}

function exceedsBudget(run: Run, amount: string | null): boolean {
    const limit = run.inputs.maxRenewalCost;
    return limit !== undefined && amount !== null && compareDecimal(amount, limit) > 0;
}

/** The plan still to buy while the orders holding the resource wait for payment (nothing is placed). */
async function outstandingRenewal(run: Run, target: Date): Promise<PlannedRenewal | null> {
    if (reaches(run, target)) return null;
    return run.inputs.plannedRenewal ?? (await planOrThrow(run, parseBssTime(run.view.record.expire_time)!, target));
}

/**
 * Places the renewal orders still needed to keep the resource paid until `target` (the orders
 * already holding it were settled before). Returns the plan still outstanding.
 */
async function renewTo(run: Run, target: Date): Promise<PlannedRenewal | null> {
    const choice = paymentChoice(run.inputs.payment);
    if (reaches(run, target)) return null;
    let expire = parseBssTime(run.view.record.expire_time)!;

    const plan = await planOrThrow(run, expire, target);
    if (!plan) return null;
    if (exceedsBudget(run, plan.amount)) {
        throw new Error(`maxRenewalCost: keeping ${run.id} paid until ${plan.until} needs ${describePlan(plan)}, more than maxRenewalCost ${run.inputs.maxRenewalCost}; nothing was bought.`);
    }
    if (plan.amount === null && run.inputs.maxRenewalCost !== undefined) {
        throw new Error(`maxRenewalCost: the renewal of ${run.id} cannot be priced now (${plan.note ?? "no quote"}), so it is not bought; run again later.`);
    }

    for (const order of plan.orders) {
        const before = expire;
        const placed = await placeRenewal(run, order, before, plan.currency, choice);
        if (placed === "pending") return plan;
        await refetchView(run);
        expire = parseBssTime(run.view.record.expire_time) ?? expire;
        if (expire <= before) {
            throw new Error(`${run.id}: the renewal order was paid but BSS still reports the expiry ${run.view.record.expire_time}; run again to check.`);
        }
    }
    return plan;
}

async function planOrThrow(run: Run, expire: Date, target: Date): Promise<PlannedRenewal | null> {
    const earlier = run.inputs.plannedRenewal;
    if (earlier && earlier.from === formatBssTime(expire) && earlier.amount !== null) return earlier;
    const result = await quotePlan(run.id, expire, target);
    if ("error" in result) throw new Error(`renewUntil: ${result.error}`);
    return result.plan;
}

/**
 * Renewal orders already holding the resource (placed by an interrupted run, an earlier run with
 * payment "pending", or in the console): paid when payment is automatic or explicit ("paid"),
 * reported when it is "pending" ("reported"); a processing order stops the run.
 */
async function settleHoldingOrders(run: Run): Promise<"none" | "paid" | "reported"> {
    const { orders } = providerContext();
    const choice = paymentChoice(run.inputs.payment);
    const holding = await orders.holdingOrders(run.id);
    if (holding.length === 0) return "none";
    const processing = holding.find((o) => o.status === ORDER_STATUS.processing);
    if (processing) {
        throw new Error(`${run.id}: order ${processing.order_id} holding the resource is still processing in BSS; run again once it completes.`);
    }
    if (choice.kind === "pending") {
        for (const order of holding) {
            const entry = pendingEntry(order);
            run.pending.push(entry);
            warnPending(run, entry);
        }
        return "reported";
    }
    for (const order of holding) {
        const amount = amountText(order.amount_after_discount);
        if (exceedsBudget(run, amount)) {
            throw new Error(
                `maxRenewalCost: renewal order ${order.order_id} holding ${run.id} costs ${amount}${order.currency ? " " + order.currency : ""}, more than maxRenewalCost ${run.inputs.maxRenewalCost}; it was not paid. Pay or cancel it in the Billing Center.`,
            );
        }
        const explicit = choice.kind === "explicit";
        await orders.pay(order.order_id!, { couponIds: explicit && !run.couponsUsed ? choice.couponIds : [], useDiscount: explicit && choice.useDiscount });
        run.couponsUsed = run.couponsUsed || explicit;
        markChanged(run);
        run.orders = appendOrders(run.orders, [{ id: order.order_id!, kind: "renewal", amount, currency: order.currency ?? null, status: "completed" }]);
        logInfo(`Subscription ${run.id}: paid renewal order ${order.order_id} that was pending payment.`);
    }
    await refetchView(run);
    return "paid";
}

/**
 * Places one renewal order. "pending" when it is left pending payment (payment mode "pending");
 * "paid" otherwise. An order whose outcome is unknown is reconciled by reading the resource and
 * its orders, never by placing it again.
 */
async function placeRenewal(run: Run, order: PlannedOrder, expireBefore: Date, currency: string | null, choice: PaymentChoice): Promise<"paid" | "pending"> {
    const { actions, orders, directory } = providerContext();
    const base = { kind: "renewal" as const, amount: order.amount, currency, periodType: order.periodType, periods: order.periods };
    let orderIds: readonly string[];
    let resourcesInOrder = 1;
    try {
        const outcome = await actions.renew({
            resourceId: run.id,
            periodType: order.periodType,
            periods: order.periods,
            autoPay: choice.kind === "auto",
            shareOrder: choice.kind !== "explicit",
        });
        orderIds = outcome.orderIds;
        resourcesInOrder = outcome.batchSize;
    } catch (error) {
        if (!isAmbiguousOutcome(error)) throw new Error(`${run.id}: renewing for ${order.periods} ${order.periodType}(s) failed: ${describeError(error)}`);
        // The request may have been applied: look at the resource and its orders.
        const after = await directory.fetchFresh(run.id);
        const afterExpire = parseBssTime(after?.record.expire_time);
        if (after && afterExpire && afterExpire >= addPeriods(expireBefore, order.periodType, order.periods)) {
            run.view = after;
            const recent = await orders.recentRenewalOrders(run.id);
            orderIds = recent.length > 0 && recent[0].order_id ? [recent[0].order_id] : [];
        } else {
            const holding = await orders.holdingOrders(run.id, { fresh: true });
            if (holding.length === 0) {
                throw new Error(
                    `${run.id}: renewing for ${order.periods} ${order.periodType}(s): the outcome is unknown (${describeError(error)}); BSS shows neither a later expiry nor an order holding the resource, so nothing was bought. Run again to retry.`,
                );
            }
            orderIds = holding.map((o) => o.order_id!).filter(Boolean);
            if (choice.kind === "auto") {
                // The order exists but was not paid: pay it now, as auto-pay would have.
                markChanged(run);
                run.orders = appendOrders(run.orders, orderIds.map((id) => ({ ...base, id, status: "pendingPayment" as const })));
                for (const id of orderIds) await orders.pay(id, { couponIds: [], useDiscount: false });
                run.orders = appendOrders(run.orders, orderIds.map((id) => ({ ...base, id, status: "completed" as const })));
                return "paid";
            }
        }
    }
    markChanged(run);
    if (orderIds.length === 0) orderIds = ["unknown"];
    const share = orderIds.length === 1 ? order.amount : null;
    if (choice.kind === "pending") {
        run.orders = appendOrders(run.orders, orderIds.map((id) => ({ ...base, amount: share, id, status: "pendingPayment" as const, resourcesInOrder })));
        const details = await Promise.all(orderIds.map((id) => (id === "unknown" ? undefined : orders.order(id))));
        orderIds.forEach((id, i) => {
            const entry = details[i] ? pendingEntry(details[i]!) : { id, amount: share, currency, status: "pendingPayment" as const, payBefore: null };
            run.pending.push(entry);
            warnPending(run, entry);
        });
        return "pending";
    }
    if (choice.kind === "explicit") {
        run.orders = appendOrders(run.orders, orderIds.map((id) => ({ ...base, amount: share, id, status: "pendingPayment" as const, resourcesInOrder })));
        for (const id of orderIds) {
            await orders.pay(id, { couponIds: run.couponsUsed ? [] : choice.couponIds, useDiscount: choice.useDiscount });
            run.couponsUsed = true;
        }
    }
    run.orders = appendOrders(run.orders, orderIds.map((id) => ({ ...base, amount: share, id, status: "completed" as const, resourcesInOrder })));
    return "paid";
}

// ---------------------------------------------------------------------------------------------
// read

export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const state = props as unknown as SubscriptionOutputs;
    const resourceId = state.resourceId ?? id;
    const { directory, orders } = providerContext();
    const view = await directory.lookup(resourceId);
    if (!view) return {};

    let entries: OrderEntry[] = [...(state.orders ?? [])];
    const unsettled = entries.filter((o) => (o.status === "pendingPayment" || o.status === "processing") && o.id !== "unknown");
    const pending: PendingOrderEntry[] = [];
    for (const entry of unsettled) {
        const now = await orders.order(entry.id);
        entries = appendOrders(entries, [{ ...entry, status: orderStatusName(now?.status) }]);
    }
    for (const entry of state.pendingOrders ?? []) {
        const fromEntries = entries.find((o) => o.id === entry.id);
        const status = fromEntries ? fromEntries.status : orderStatusName((await orders.order(entry.id))?.status);
        if (status === "pendingPayment" || status === "processing") pending.push({ ...entry, status });
    }

    const userInputs: Record<string, unknown> = { ...pickInputs(props) };
    if (userInputs.onExpiry !== undefined) userInputs.onExpiry = onExpiryOf(view.record.expire_policy);
    let planned: PlannedRenewal | null = null;
    if (typeof state.renewUntil === "string") {
        const expire = parseBssTime(view.record.expire_time);
        const target = parseRenewUntil(state.renewUntil);
        const reached = !!expire && !("reason" in target) && expire >= target.instant;
        planned = reached ? null : (state.plannedRenewal ?? null);
    }
    const checked = { ...userInputs, ...(state.renewUntil !== undefined ? { plannedRenewal: planned } : {}) } as CheckedInputs;
    const outs = buildOutputs(checked, view, entries, pending, planned);
    // Inputs are rewritten only when an input drifted (onExpiry changed outside the stack), so
    // the next preview shows the change back; otherwise the stored inputs stay as they are and a
    // refresh without drift changes nothing.
    const drifted = state.onExpiry !== undefined && userInputs.onExpiry !== state.onExpiry;
    return drifted
        ? { id, props: outs as unknown as Record<string, unknown>, inputs: withoutUndefined(checked) as unknown as Record<string, unknown> }
        : { id, props: outs as unknown as Record<string, unknown> };
}

// ---------------------------------------------------------------------------------------------
// delete

async function refundText(orderIds: readonly string[], currency: string | null, resourcesInCall: number): Promise<string> {
    const { orders } = providerContext();
    const shared = resourcesInCall > 1 ? ` (one order for ${resourcesInCall} resources unsubscribed together)` : "";
    const parts: string[] = [];
    for (const orderId of orderIds) {
        try {
            const { net, lines } = await orders.refund(orderId);
            parts.push(`order ${orderId}${shared}: refund ${(-net).toFixed(2)}${currency ? " " + currency : ""} (${lines} line${lines === 1 ? "" : "s"})`);
        } catch (error) {
            logWarning(`Unsubscription order ${orderId}: the refund amount could not be read: ${describeError(error)}`);
            parts.push(`order ${orderId}${shared}: refund not known`);
        }
    }
    return parts.join("; ");
}

async function remove(id: string, props: Record<string, unknown>): Promise<void> {
    const state = props as unknown as SubscriptionOutputs;
    const resourceId = state.resourceId ?? id;
    const onDelete = state.onDelete ?? "retain";
    if (onDelete === "retain") {
        logInfo(`Subscription ${resourceId}: onDelete is "retain", so the resource is left exactly as it is in BSS (no call made).`);
        return;
    }
    const { actions, directory, orders } = providerContext();
    // This stack's own unpaid renewal orders hold the resource and would block the unsubscription.
    for (const entry of state.pendingOrders ?? []) {
        try {
            await orders.cancel(entry.id);
            logInfo(`Subscription ${resourceId}: cancelled renewal order ${entry.id} that was pending payment, before unsubscribing.`);
        } catch (error) {
            logWarning(`Subscription ${resourceId}: could not cancel pending order ${entry.id}: ${describeError(error)}`);
        }
    }
    const unsubscribeType = onDelete === "unsubscribe" ? 1 : 2;
    const what = unsubscribeType === 1 ? "the resource and its renewals" : "its renewed periods that have not started yet";
    const currency = state.orders?.find((o) => o.currency)?.currency ?? null;
    let orderIds: readonly string[];
    let resourcesInCall = 1;
    try {
        const outcome = await actions.unsubscribe({ resourceId, unsubscribeType });
        orderIds = outcome.orderIds;
        resourcesInCall = outcome.batchSize;
    } catch (error) {
        const code = bssErrorCode(error);
        if (unsubscribeType === 1 && code === "CBC.30000067") {
            logInfo(`Subscription ${resourceId}: already unsubscribed or released in BSS; nothing to do.`);
            return;
        }
        if (unsubscribeType === 2 && code === "CBC.99003128") {
            logInfo(`Subscription ${resourceId}: no renewed period waiting to start, so there is nothing to unsubscribe ("unsubscribeRenewals"); the resource is kept.`);
            return;
        }
        if (isAmbiguousOutcome(error) && unsubscribeType === 1) {
            const after = await directory.fetchFresh(resourceId);
            if (!after) {
                logInfo(`Subscription ${resourceId}: unsubscribed (the response was lost; BSS no longer lists the resource).`);
                return;
            }
        }
        throw new Error(`Subscription ${resourceId}: unsubscribing ${what} failed; it stays in the stack. ${describeError(error)}`);
    }
    directory.forget(resourceId);
    const refunds = await refundText(orderIds, currency, resourcesInCall);
    logInfo(`Subscription ${resourceId}: unsubscribed ${what}; ${refunds || "no order returned"}.`);
}

export { remove as delete };

/** For tests: the shapes this module reads and writes. */
export type { SubscriptionInputs, SubscriptionOutputs, PendingOrderEntry, OrderEntry };
