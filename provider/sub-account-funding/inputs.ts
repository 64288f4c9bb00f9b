/**
 * The SubAccountFunding inputs: validation that names the field and the rule (nothing is sent),
 * skipping values still unknown during preview.
 */
import { z } from "zod";
import { isUnknown } from "../shared/values";
import { toCents } from "./transfer-keys";

export const ON_DELETE = ["retain", "retrieve"] as const;
export type OnDelete = (typeof ON_DELETE)[number];

export interface FundingInputs {
    readonly subAccountId: string;
    readonly amount: string | number;
    readonly onDelete?: OnDelete;
}

export const INPUT_NAMES = ["subAccountId", "amount", "onDelete"] as const;

export interface Failure {
    readonly property: string;
    readonly reason: string;
}

/** The largest amount BSS takes in one request: 32 characters with 2 decimals. */
export const MAX_AMOUNT_DIGITS = 29;

export const subAccountIdSchema = z
    .string({ error: "must be a string: the member account's ID (sub_customer_infos[].id of ListEnterpriseSubCustomers)" })
    .min(1, { error: "must not be empty" })
    .max(64, { error: "must be at most 64 characters (BSS account IDs are)" })
    .regex(/^\S+$/, { error: "must not contain spaces" });

export const onDeleteSchema = z.enum(ON_DELETE, {
    error: 'must be "retain" (the default: destroying leaves the money with the member) or "retrieve" (destroying takes it back to the master)',
});

function issueText(error: z.ZodError): string {
    return error.issues[0]?.message ?? "is not valid";
}

export function checkField(failures: Failure[], property: string, value: unknown, schema: z.ZodType): void {
    if (value === undefined || isUnknown(value)) return;
    const parsed = schema.safeParse(value);
    if (!parsed.success) failures.push({ property, reason: `${property} ${issueText(parsed.error)}` });
}

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Why `value` is not an amount BSS can move (a non-negative number or plain decimal string with at
 * most 2 decimals), or undefined. `allowZero` is false where BSS requires > 0.
 */
export function amountProblem(value: unknown, allowZero: boolean): string | undefined {
    const rule = `must be ${allowZero ? "0 or more" : "more than 0"}, in the master account's currency, with at most 2 decimals (BSS moves whole cents), as a number or a decimal string such as "150.00"`;
    if (typeof value === "number") {
        if (!Number.isFinite(value) || value < 0) return `${rule} (got ${value})`;
    } else if (typeof value === "string") {
        if (!PLAIN_DECIMAL.test(value.trim())) return `${rule} (got ${JSON.stringify(value)})`;
    } else {
        return `${rule} (got ${value === null ? "null" : typeof value})`;
    }
    let cents: bigint;
    try {
        cents = toCents(value);
    } catch {
        return `has more than 2 decimals: ${rule} (got ${JSON.stringify(value)})`;
    }
    if (!allowZero && cents === 0n) return `${rule} (got ${JSON.stringify(value)})`;
    if (cents.toString().length > MAX_AMOUNT_DIGITS) return `is larger than BSS accepts in one request (at most ${MAX_AMOUNT_DIGITS - 2} digits before the decimal point)`;
    return undefined;
}

/** Every problem with the program's inputs, each naming its property and the rule it breaks. */
export function validateFundingInputs(news: Record<string, unknown>): Failure[] {
    const failures: Failure[] = [];
    for (const key of Object.keys(news)) {
        if (key === "__provider" || (INPUT_NAMES as readonly string[]).includes(key)) continue;
        // Output names seeded by the SDK arrive as absent values; anything else is a mistake.
        if (news[key] === undefined || news[key] === null) continue;
        failures.push({ property: key, reason: `${key} is not an input of SubAccountFunding (inputs: ${INPUT_NAMES.join(", ")})` });
    }
    if (news.subAccountId === undefined) failures.push({ property: "subAccountId", reason: "subAccountId is required: the ID of the member account to fund" });
    checkField(failures, "subAccountId", news.subAccountId, subAccountIdSchema);
    if (news.amount === undefined) failures.push({ property: "amount", reason: "amount is required: how much of the master's balance this resource allocates to the member" });
    else if (!isUnknown(news.amount)) {
        const problem = amountProblem(news.amount, true);
        if (problem) failures.push({ property: "amount", reason: `amount ${problem}` });
    }
    checkField(failures, "onDelete", news.onDelete, onDeleteSchema);
    return failures;
}

/** The program's inputs, in a fixed order, nothing else. */
export function pickFundingInputs(bag: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of INPUT_NAMES) if (bag[name] !== undefined) out[name] = bag[name];
    return out;
}
