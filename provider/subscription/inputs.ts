/**
 * The Subscription's inputs: their shape, and validation that names the field and the rule.
 * Values still unknown during preview are never validated.
 */
import { z } from "zod";
import { isDecimalString, compareDecimal } from "../shared/decimal";
import { isUnknown } from "../shared/values";
import { parseRenewUntil } from "./calendar";
import type { PlannedRenewal } from "./plan";

export const ON_EXPIRY = ["renew", "payPerUse", "release"] as const;
export const ON_DELETE = ["retain", "unsubscribe", "unsubscribeRenewals"] as const;
export const PAYMENT_MODES = ["auto", "pending"] as const;
export type OnExpiry = (typeof ON_EXPIRY)[number];
export type OnDelete = (typeof ON_DELETE)[number];

export interface PaymentInput {
    /** "auto" (default): orders are paid at once; "pending": orders are left pending payment. */
    readonly mode?: (typeof PAYMENT_MODES)[number];
    /** Coupons to pay renewal orders with (at most 3). */
    readonly couponIds?: readonly string[];
    /** Pay renewal orders with the best discount BSS offers for them. */
    readonly useDiscount?: boolean;
}

/** The inputs as the program gives them. */
export interface SubscriptionInputs {
    readonly resourceId: string;
    readonly onExpiry?: OnExpiry;
    readonly autoRenewTimes?: number;
    readonly renewUntil?: string;
    readonly payment?: PaymentInput;
    readonly maxRenewalCost?: string | number;
    readonly onDelete?: OnDelete;
}

/** The checked inputs: the program's inputs plus the renewal planned at preview. */
export interface CheckedInputs extends SubscriptionInputs {
    /** null when nothing needs buying; absent when renewUntil is not set. */
    readonly plannedRenewal?: PlannedRenewal | null;
}

/** The input names the program may set (everything else is an output or the provider). */
export const INPUT_NAMES = ["resourceId", "onExpiry", "autoRenewTimes", "renewUntil", "payment", "maxRenewalCost", "onDelete"] as const;

export interface Failure {
    readonly property: string;
    readonly reason: string;
}

const issueText = (error: z.ZodError) => error.issues[0]?.message ?? "is not valid";

const resourceIdSchema = z
    .string({ error: "must be a string (the BSS resource ID of a yearly/monthly resource)" })
    .min(1, { error: "must not be empty" })
    .max(64, { error: "must be at most 64 characters (BSS resource IDs are)" })
    .regex(/^\S+$/, { error: "must not contain spaces" });

const onExpirySchema = z.enum(ON_EXPIRY, { error: `must be one of ${ON_EXPIRY.map((v) => `"${v}"`).join(", ")}` });
const onDeleteSchema = z.enum(ON_DELETE, { error: `must be one of ${ON_DELETE.map((v) => `"${v}"`).join(", ")}` });
const autoRenewTimesSchema = z
    .number({ error: "must be a whole number from 0 to 99 (0 = renew without limit)" })
    .int({ error: "must be a whole number from 0 to 99 (0 = renew without limit)" })
    .min(0, { error: "must be from 0 to 99 (0 = renew without limit)" })
    .max(99, { error: "must be from 0 to 99 (BSS allows at most 99 automatic renewals; 0 = without limit)" });
const couponIdSchema = z.string({ error: "must be a string" }).min(1, { error: "must not be empty" }).max(64, { error: "must be at most 64 characters" });

function checkField(failures: Failure[], property: string, value: unknown, schema: z.ZodType): void {
    if (value === undefined || isUnknown(value)) return;
    const parsed = schema.safeParse(value);
    if (!parsed.success) failures.push({ property, reason: `${property} ${issueText(parsed.error)}` });
}

/** Every problem with `news`, each naming its property and the rule it breaks. */
export function validateInputs(news: Record<string, unknown>): Failure[] {
    const failures: Failure[] = [];
    for (const key of Object.keys(news)) {
        if (key === "__provider" || (INPUT_NAMES as readonly string[]).includes(key)) continue;
        failures.push({ property: key, reason: `${key} is not an input of Subscription (inputs: ${INPUT_NAMES.join(", ")})` });
    }

    if (news.resourceId === undefined) failures.push({ property: "resourceId", reason: "resourceId is required: the BSS resource ID of the yearly/monthly resource to manage" });
    checkField(failures, "resourceId", news.resourceId, resourceIdSchema);
    checkField(failures, "onExpiry", news.onExpiry, onExpirySchema);
    checkField(failures, "onDelete", news.onDelete, onDeleteSchema);
    checkField(failures, "autoRenewTimes", news.autoRenewTimes, autoRenewTimesSchema);
    if (news.autoRenewTimes !== undefined && !isUnknown(news.autoRenewTimes) && !isUnknown(news.onExpiry) && news.onExpiry !== "renew") {
        failures.push({ property: "autoRenewTimes", reason: `autoRenewTimes is only valid with onExpiry: "renew" (onExpiry is ${news.onExpiry === undefined ? "not set" : JSON.stringify(news.onExpiry)})` });
    }

    const until = news.renewUntil;
    if (until !== undefined && !isUnknown(until)) {
        if (typeof until !== "string") failures.push({ property: "renewUntil", reason: "renewUntil must be a string: a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone" });
        else {
            const parsed = parseRenewUntil(until);
            if ("reason" in parsed) failures.push({ property: "renewUntil", reason: `renewUntil ${parsed.reason}` });
        }
    }

    const cost = news.maxRenewalCost;
    if (cost !== undefined && !isUnknown(cost)) {
        const valid =
            (typeof cost === "number" && Number.isFinite(cost) && cost >= 0) ||
            (typeof cost === "string" && isDecimalString(cost) && compareDecimal(cost, 0) >= 0);
        if (!valid) failures.push({ property: "maxRenewalCost", reason: `maxRenewalCost must be a non-negative amount in the account currency, as a number or a decimal string such as "300.00" (got ${JSON.stringify(cost)})` });
    }

    validatePayment(news.payment, failures);
    return failures;
}

function validatePayment(payment: unknown, failures: Failure[]): void {
    if (payment === undefined || isUnknown(payment)) return;
    if (payment === null || typeof payment !== "object" || Array.isArray(payment)) {
        failures.push({ property: "payment", reason: 'payment must be an object such as { mode: "pending" } or { couponIds: ["..."], useDiscount: true }' });
        return;
    }
    const p = payment as Record<string, unknown>;
    for (const key of Object.keys(p)) {
        if (!["mode", "couponIds", "useDiscount"].includes(key)) failures.push({ property: `payment.${key}`, reason: `payment.${key} is not a payment option (options: mode, couponIds, useDiscount)` });
    }
    checkField(failures, "payment.mode", p.mode, z.enum(PAYMENT_MODES, { error: `must be "auto" (pay at once, the default) or "pending" (leave orders pending payment)` }));
    checkField(failures, "payment.useDiscount", p.useDiscount, z.boolean({ error: "must be true or false" }));
    const coupons = p.couponIds;
    if (coupons !== undefined && !isUnknown(coupons)) {
        if (!Array.isArray(coupons)) failures.push({ property: "payment.couponIds", reason: "payment.couponIds must be a list of coupon IDs" });
        else {
            if (coupons.length > 3) failures.push({ property: "payment.couponIds", reason: `payment.couponIds may hold at most 3 coupons (BSS pays one order with at most 3); got ${coupons.length}` });
            if (new Set(coupons.filter((c) => !isUnknown(c))).size !== coupons.filter((c) => !isUnknown(c)).length) {
                failures.push({ property: "payment.couponIds", reason: "payment.couponIds must not repeat a coupon" });
            }
            coupons.forEach((c, i) => checkField(failures, `payment.couponIds[${i}]`, c, couponIdSchema));
        }
    }
    const paysItself = (Array.isArray(coupons) && coupons.length > 0) || p.useDiscount === true;
    if (p.mode === "pending" && paysItself) {
        failures.push({ property: "payment.mode", reason: 'payment.mode "pending" leaves orders unpaid, so couponIds and useDiscount (which pay them) cannot be combined with it' });
    }
}

/**
 * A renewUntil the program has just set (a new resource, or a changed value) that is already in the
 * past: surely a mistake, such as a wrong year. A date that has passed since it was written is
 * left alone, so a stack does not start failing by waiting.
 */
export function pastRenewUntilFailure(olds: Record<string, unknown> | undefined, news: Record<string, unknown>, now: Date): Failure | undefined {
    const until = news.renewUntil;
    if (typeof until !== "string" || olds?.renewUntil === until) return undefined;
    const parsed = parseRenewUntil(until);
    if ("reason" in parsed || parsed.instant.getTime() >= now.getTime()) return undefined;
    const today = now.toISOString().replace(/\.\d{3}Z$/, "Z");
    return { property: "renewUntil", reason: `renewUntil ${until} is in the past (it is now ${today}): set the date until which the resource must stay paid, or remove renewUntil` };
}

/** The inputs the program set, in a fixed order (no plan, no outputs, no provider). */
export function pickInputs(bag: Record<string, unknown>): SubscriptionInputs {
    const out: Record<string, unknown> = {};
    for (const name of INPUT_NAMES) if (bag[name] !== undefined) out[name] = bag[name];
    return out as unknown as SubscriptionInputs;
}

export type PaymentChoice =
    | { readonly kind: "auto" }
    | { readonly kind: "pending" }
    | { readonly kind: "explicit"; readonly couponIds: readonly string[]; readonly useDiscount: boolean };

/** How renewal orders are paid. */
export function paymentChoice(payment: PaymentInput | undefined): PaymentChoice {
    if (payment?.mode === "pending") return { kind: "pending" };
    const couponIds = payment?.couponIds ?? [];
    if (couponIds.length > 0 || payment?.useDiscount === true) return { kind: "explicit", couponIds, useDiscount: payment?.useDiscount === true };
    return { kind: "auto" };
}
