/**
 * AutoRenewConfig: the account-wide auto-renew settings of SetResourcesRenewConfig, i.e. how many
 * days before expiry auto-renew deducts (DEDUCTION_DATE, 2..7) and the day of month renewed
 * resources are unified to expire on (EXPIRE_DATE, 1..28 or the last day). BSS has no call to read
 * them back, so read keeps the state; delete leaves the account's settings as they are.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { configureFromStack, getClient } from "../shared/client";
import { describeError } from "../shared/errors";
import { logInfo } from "../shared/log";
import { containsUnknown, deepEqual, isUnknown, withoutUndefined } from "../shared/values";

export const AUTO_RENEW_CONFIG_ID = "auto-renew-config";
const INPUT_NAMES = ["deductionDaysBeforeExpiry", "unifiedExpiryDay"] as const;

export interface AutoRenewConfigInputs {
    readonly deductionDaysBeforeExpiry?: number;
    /** 1..28, or "last" (or -1) for the last day of the month. */
    readonly unifiedExpiryDay?: number | "last";
}

export async function configure(request: { config: { get(key: string): string | undefined } }): Promise<void> {
    configureFromStack(request);
}

const deductionSchema = z
    .number({ error: "must be a whole number of days from 2 to 7" })
    .int({ error: "must be a whole number of days from 2 to 7" })
    .min(2, { error: "must be from 2 to 7 (BSS deducts auto-renewals 2 to 7 days before expiry)" })
    .max(7, { error: "must be from 2 to 7 (BSS deducts auto-renewals 2 to 7 days before expiry)" });
const EXPIRY_DAY_RULE = 'must be a day of the month from 1 to 28, or "last" (or -1) for the last day of the month';
// zod reports the closest branch's own issue for a number, so the number branch carries the rule too.
const expiryDaySchema = z.union(
    [z.literal("last"), z.literal(-1), z.number().int({ error: EXPIRY_DAY_RULE }).min(1, { error: EXPIRY_DAY_RULE }).max(28, { error: EXPIRY_DAY_RULE })],
    { error: EXPIRY_DAY_RULE },
);

export function validate(news: Record<string, unknown>): { property: string; reason: string }[] {
    const failures: { property: string; reason: string }[] = [];
    for (const key of Object.keys(news)) {
        if (key !== "__provider" && !(INPUT_NAMES as readonly string[]).includes(key)) {
            failures.push({ property: key, reason: `${key} is not an input of AutoRenewConfig (inputs: ${INPUT_NAMES.join(", ")})` });
        }
    }
    const check = (name: (typeof INPUT_NAMES)[number], schema: z.ZodType) => {
        const value = news[name];
        if (value === undefined || isUnknown(value)) return;
        const parsed = schema.safeParse(value);
        if (!parsed.success) failures.push({ property: name, reason: `${name} ${parsed.error.issues[0]?.message ?? "is not valid"}` });
    };
    check("deductionDaysBeforeExpiry", deductionSchema);
    check("unifiedExpiryDay", expiryDaySchema);
    if (news.deductionDaysBeforeExpiry === undefined && news.unifiedExpiryDay === undefined) {
        failures.push({ property: "", reason: "AutoRenewConfig needs deductionDaysBeforeExpiry, unifiedExpiryDay, or both" });
    }
    return failures;
}

export async function check(_olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    const failures = validate(news);
    if (failures.length > 0) return { inputs: news, failures };
    return { inputs: withoutUndefined({ deductionDaysBeforeExpiry: news.deductionDaysBeforeExpiry, unifiedExpiryDay: news.unifiedExpiryDay }) };
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    return { changes: INPUT_NAMES.some((name) => containsUnknown(news[name]) || !deepEqual(olds[name], news[name])) };
}

async function apply(news: AutoRenewConfigInputs, olds: AutoRenewConfigInputs | undefined): Promise<void> {
    const client = getClient();
    const settings: { name: "DEDUCTION_DATE" | "EXPIRE_DATE"; value: string; changed: boolean }[] = [];
    if (news.deductionDaysBeforeExpiry !== undefined) {
        settings.push({ name: "DEDUCTION_DATE", value: String(news.deductionDaysBeforeExpiry), changed: news.deductionDaysBeforeExpiry !== olds?.deductionDaysBeforeExpiry });
    }
    if (news.unifiedExpiryDay !== undefined) {
        const value = news.unifiedExpiryDay === "last" ? "-1" : String(news.unifiedExpiryDay);
        settings.push({ name: "EXPIRE_DATE", value, changed: news.unifiedExpiryDay !== olds?.unifiedExpiryDay });
    }
    for (const setting of settings.filter((s) => s.changed)) {
        let response: unknown;
        try {
            response = await client.setResourcesRenewConfig({ config_name: setting.name, config_value: setting.value });
        } catch (error) {
            throw new Error(`Setting ${setting.name} to ${setting.value} failed: ${describeError(error)}`);
        }
        const code = (response as { error_code?: string } | undefined)?.error_code;
        if (code && code !== "CBC.0000") {
            throw new Error(`Setting ${setting.name} to ${setting.value} failed: ${code} ${(response as { error_msg?: string }).error_msg ?? ""}`.trim());
        }
    }
}

export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    await apply(inputs as AutoRenewConfigInputs, undefined);
    return { id: AUTO_RENEW_CONFIG_ID, outs: withoutUndefined({ deductionDaysBeforeExpiry: inputs.deductionDaysBeforeExpiry, unifiedExpiryDay: inputs.unifiedExpiryDay }) };
}

export async function update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
    await apply(news as AutoRenewConfigInputs, olds as AutoRenewConfigInputs);
    return { outs: withoutUndefined({ deductionDaysBeforeExpiry: news.deductionDaysBeforeExpiry, unifiedExpiryDay: news.unifiedExpiryDay }) };
}

export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const state = withoutUndefined({ deductionDaysBeforeExpiry: props.deductionDaysBeforeExpiry, unifiedExpiryDay: props.unifiedExpiryDay });
    return { id, props: state, inputs: state };
}

async function remove(): Promise<void> {
    logInfo("AutoRenewConfig: BSS keeps the account's auto-renew settings as they are; the resource is only removed from the stack.");
}

export { remove as delete };
