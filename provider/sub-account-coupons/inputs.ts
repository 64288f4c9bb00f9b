/**
 * The SubAccountCoupons inputs: validation that names the field and the rule (nothing is sent),
 * skipping values still unknown during preview.
 */
import { z } from "zod";
import { amountProblem, checkField, Failure, onDeleteSchema, subAccountIdSchema } from "../sub-account-funding/inputs";
import { isUnknown } from "../shared/values";
import { toCents } from "../sub-account-funding/transfer-keys";

export const INPUT_NAMES = ["subAccountId", "coupons", "onDelete"] as const;

/** At most this many coupons per resource (each is at least one call per change). */
export const MAX_COUPONS = 50;

export interface CouponGrantInput {
    readonly couponId: string;
    readonly amount: string | number;
}

const couponIdSchema = z
    .string({ error: "must be a string: the master's coupon ID (coupon_id of ListMultiAccountTransferCoupons; getTransferableCoupons lists them)" })
    .min(1, { error: "must not be empty" })
    .max(64, { error: "must be at most 64 characters" })
    .regex(/^\S+$/, { error: "must not contain spaces" });

/** Every problem with the program's inputs, each naming its property and the rule it breaks. */
export function validateCouponInputs(news: Record<string, unknown>): Failure[] {
    const failures: Failure[] = [];
    for (const key of Object.keys(news)) {
        if (key === "__provider" || (INPUT_NAMES as readonly string[]).includes(key)) continue;
        if (news[key] === undefined || news[key] === null) continue;
        failures.push({ property: key, reason: `${key} is not an input of SubAccountCoupons (inputs: ${INPUT_NAMES.join(", ")})` });
    }
    if (news.subAccountId === undefined) failures.push({ property: "subAccountId", reason: "subAccountId is required: the ID of the member account that receives the coupons" });
    checkField(failures, "subAccountId", news.subAccountId, subAccountIdSchema);
    checkField(failures, "onDelete", news.onDelete, onDeleteSchema);

    const coupons = news.coupons;
    if (coupons === undefined) {
        failures.push({ property: "coupons", reason: 'coupons is required: a list of { couponId, amount } (an empty list hands over nothing)' });
        return failures;
    }
    if (isUnknown(coupons)) return failures;
    if (!Array.isArray(coupons)) {
        failures.push({ property: "coupons", reason: 'coupons must be a list such as [{ couponId: "CP...", amount: "100.00" }]' });
        return failures;
    }
    if (coupons.length > MAX_COUPONS) failures.push({ property: "coupons", reason: `coupons may hold at most ${MAX_COUPONS} entries (got ${coupons.length}); split them over several resources` });
    const seen = new Map<string, number>();
    coupons.forEach((entry, i) => {
        const at = `coupons[${i}]`;
        if (isUnknown(entry)) return;
        if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
            failures.push({ property: at, reason: `${at} must be an object { couponId, amount }` });
            return;
        }
        const grant = entry as Record<string, unknown>;
        for (const key of Object.keys(grant)) {
            if (key !== "couponId" && key !== "amount") failures.push({ property: `${at}.${key}`, reason: `${at}.${key} is not a coupon field (fields: couponId, amount)` });
        }
        if (grant.couponId === undefined) failures.push({ property: `${at}.couponId`, reason: `${at}.couponId is required` });
        checkField(failures, `${at}.couponId`, grant.couponId, couponIdSchema);
        if (typeof grant.couponId === "string") {
            const first = seen.get(grant.couponId);
            if (first !== undefined) failures.push({ property: `${at}.couponId`, reason: `${at}.couponId repeats coupons[${first}].couponId ${grant.couponId}: list each coupon once, with the total amount` });
            else seen.set(grant.couponId, i);
        }
        if (grant.amount === undefined) failures.push({ property: `${at}.amount`, reason: `${at}.amount is required: how much of the coupon's value the member gets` });
        else if (!isUnknown(grant.amount)) {
            const problem = amountProblem(grant.amount, false);
            if (problem) failures.push({ property: `${at}.amount`, reason: `${at}.amount ${problem}` });
        }
    });
    return failures;
}

export function pickCouponInputs(bag: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of INPUT_NAMES) if (bag[name] !== undefined) out[name] = bag[name];
    return out;
}

/** The desired grants as couponId → cents (inputs already validated and known). */
export function desiredGrants(coupons: readonly CouponGrantInput[]): { couponId: string; cents: bigint }[] {
    return coupons.map((c) => ({ couponId: c.couponId, cents: toCents(c.amount) }));
}
