/**
 * Bad input is refused at `pulumi preview`, with a message naming the field and the rule, before
 * any request that changes anything (and before any request at all when the mistake is visible
 * without asking BSS). A catalogue of invalid programs and configurations runs through the real CLI:
 * one program whose resources and provider settings come from a per-case config file, previews
 * spread over a few stacks at once, each stack with its own emulator so requests are counted per case.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Stack } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../emulator";
import {
    DAY_MS,
    Resources,
    dateFrom,
    diagnostics,
    errorText,
    hoursFrom,
    mutatingCalls,
    openFaultStack,
    PROJECT,
    resourcesConfig,
    startFaultEmulator,
    temporaryDir,
} from "./support";
import { eventRecorder } from "../e2e/harness";

interface BadCase {
    /** What is wrong, as a user would put it. */
    readonly name: string;
    readonly resources?: Resources;
    /** Provider settings (`huaweicloud-bss:<key>`) replacing the working ones; `null` removes one. */
    readonly provider?: Record<string, string | null>;
    /** Whose credential the working settings carry: the emulator's own account (default), or one registered on another site. */
    readonly credential?: "own" | "otherSite";
    /** Every pattern must appear in what the preview reports. */
    readonly expect: readonly RegExp[];
    /** Said by exactly one diagnostic, without a stack trace (a message the user reads once). */
    readonly once?: RegExp;
    /** "none": refused before any request; "reads": it took a lookup (never a change) to know. */
    readonly requests: "none" | "reads";
}

const MAIN = "bad-input-main";
/** An account registered on the international site, calling the emulator's (Chinese) endpoint. */
const OTHER_SITE = { accessKey: "INTLSITEAK0000000001", secretKey: "intl-site-secret-key-0000000001", domainId: "intlsite0domain000000000000001" };
const DISK = `${MAIN}-disk`;
const PAYG = "bad-input-payg";
const sub = (args: Record<string, unknown>): Resources => ({ subs: { s: { resourceId: MAIN, ...args } } });
const raw = (args: Record<string, unknown>): Resources => ({ subs: { s: args } });
const funding = (args: Record<string, unknown>): Resources => ({ fundings: { f: { subAccountId: "member0domain0000000000000000001", amount: "10.00", ...args } } });
const coupons = (args: Record<string, unknown>): Resources => ({ coupons: { c: { subAccountId: "member0domain0000000000000000001", coupons: [{ couponId: "CP-1", amount: "5.00" }], ...args } } });

const IS_ONE_OF_EXPIRY = /onExpiry must be one of "renew", "payPerUse", "release"/;
const NON_NEGATIVE_COST = /maxRenewalCost must be a non-negative amount in the account currency/;

function catalogue(future: (days: number) => string): BadCase[] {
    return [
        // Subscription: types, ranges, enums
        { name: "resourceId is a number", resources: raw({ resourceId: 42 }), expect: [/resourceId must be a string/], requests: "none" },
        { name: "resourceId is empty", resources: raw({ resourceId: "" }), expect: [/resourceId must not be empty/], requests: "none" },
        { name: "resourceId is longer than BSS IDs", resources: raw({ resourceId: "x".repeat(65) }), expect: [/resourceId must be at most 64 characters/], requests: "none" },
        { name: "resourceId is missing", resources: raw({ onExpiry: "renew" }), expect: [/resourceId is required/], requests: "none" },
        { name: "onExpiry is unknown", resources: sub({ onExpiry: "sometimes" }), expect: [IS_ONE_OF_EXPIRY], requests: "none" },
        { name: "onExpiry is a BSS code instead of a name", resources: sub({ onExpiry: 3 }), expect: [IS_ONE_OF_EXPIRY], requests: "none" },
        { name: "onDelete is unknown", resources: sub({ onDelete: "destroy" }), expect: [/onDelete must be one of "retain", "unsubscribe", "unsubscribeRenewals"/], requests: "none" },
        { name: "autoRenewTimes above 99", resources: sub({ onExpiry: "renew", autoRenewTimes: 100 }), expect: [/autoRenewTimes must be from 0 to 99/], requests: "none" },
        { name: "autoRenewTimes fractional", resources: sub({ onExpiry: "renew", autoRenewTimes: 2.5 }), expect: [/autoRenewTimes must be a whole number from 0 to 99/], requests: "none" },
        { name: "autoRenewTimes as text", resources: sub({ onExpiry: "renew", autoRenewTimes: "3" }), expect: [/autoRenewTimes must be a whole number from 0 to 99/], requests: "none" },
        { name: "autoRenewTimes with release", resources: sub({ onExpiry: "release", autoRenewTimes: 2 }), expect: [/autoRenewTimes is only valid with onExpiry: "renew" \(onExpiry is "release"\)/], requests: "none" },
        { name: "autoRenewTimes without onExpiry", resources: sub({ autoRenewTimes: 2 }), expect: [/autoRenewTimes is only valid with onExpiry: "renew" \(onExpiry is not set\)/], requests: "none" },
        // Subscription: renewUntil
        { name: "renewUntil is not a calendar date", resources: sub({ renewUntil: "2027-02-30" }), expect: [/renewUntil 2027-02-30 is not a calendar date/], requests: "none" },
        { name: "renewUntil is prose", resources: sub({ renewUntil: "next year" }), expect: [/renewUntil must be a date \(YYYY-MM-DD\) or an ISO 8601 date-time with a time zone/], requests: "none" },
        { name: "renewUntil is a number", resources: sub({ renewUntil: 20270101 }), expect: [/renewUntil must be a string: a date \(YYYY-MM-DD\)/], requests: "none" },
        { name: "renewUntil without a time zone", resources: sub({ renewUntil: "2027-01-01T00:00:00" }), expect: [/renewUntil 2027-01-01T00:00:00 has no time zone/], requests: "none" },
        { name: "renewUntil in the past", resources: sub({ renewUntil: "2020-01-01" }), expect: [/renewUntil 2020-01-01 is in the past/], requests: "none" },
        { name: "renewUntil beyond the term BSS sells", resources: sub({ renewUntil: future(40 * 365) }), expect: [/renewUntil: reaching .* needs more than 4 renewal orders; BSS caps the total subscribed term/], requests: "reads" },
        // Subscription: payment and cost
        { name: "payment is a string", resources: sub({ renewUntil: future(60), payment: "auto" }), expect: [/payment must be an object such as \{ mode: "pending" \}/], requests: "none" },
        { name: "payment.mode is unknown", resources: sub({ payment: { mode: "later" } }), expect: [/payment.mode must be "auto" \(pay at once, the default\) or "pending"/], requests: "none" },
        { name: "too many coupons", resources: sub({ payment: { couponIds: ["CP-1", "CP-2", "CP-3", "CP-4"] } }), expect: [/payment.couponIds may hold at most 3 coupons .*got 4/], requests: "none" },
        { name: "couponIds is not a list", resources: sub({ payment: { couponIds: "CP-1" } }), expect: [/payment.couponIds must be a list of coupon IDs/], requests: "none" },
        { name: "useDiscount is text", resources: sub({ payment: { useDiscount: "yes" } }), expect: [/payment.useDiscount must be true or false/], requests: "none" },
        { name: "an unknown payment option", resources: sub({ payment: { autopay: true } }), expect: [/payment.autopay is not a payment option \(options: mode, couponIds, useDiscount\)/], requests: "none" },
        { name: "pending payment with coupons", resources: sub({ payment: { mode: "pending", couponIds: ["CP-1"] } }), expect: [/payment.mode "pending" leaves orders unpaid, so couponIds and useDiscount .* cannot be combined/], requests: "none" },
        { name: "maxRenewalCost negative", resources: sub({ maxRenewalCost: -5 }), expect: [NON_NEGATIVE_COST, /got -5/], requests: "none" },
        { name: "maxRenewalCost not a number", resources: sub({ maxRenewalCost: "lots" }), expect: [NON_NEGATIVE_COST, /got "lots"/], requests: "none" },
        { name: "the renewal costs more than maxRenewalCost", resources: sub({ renewUntil: future(70), maxRenewalCost: 1 }), expect: [/maxRenewalCost: keeping bad-input-main paid until .* needs .*, which is more than maxRenewalCost 1 CNY. Raise maxRenewalCost or move renewUntil earlier/], requests: "reads" },
        { name: "a misspelt input", resources: sub({ renewUnitl: future(60) }), expect: [/renewUnitl is not an input of Subscription \(inputs: resourceId, onExpiry/], requests: "none" },
        // Subscription: the resource itself
        { name: "an attached resource given as the main resource", resources: sub({ resourceId: DISK }), expect: [new RegExp(`resourceId ${DISK} is an attached resource .* of ${MAIN}; BSS renews and unsubscribes attached resources with their primary, so manage ${MAIN} instead`)], requests: "reads" },
        { name: "a resource the account does not have", resources: sub({ resourceId: "no-such-resource" }), expect: [/resourceId no-such-resource: the account has no yearly\/monthly resource with this ID/], requests: "reads" },
        { name: "a pay-per-use resource", resources: sub({ resourceId: PAYG }), expect: [new RegExp(`resourceId ${PAYG}: the account has no yearly/monthly resource with this ID \\(it does not exist, is billed pay-per-use`)], requests: "reads" },
        // Provider settings
        { name: "no credentials anywhere", resources: sub({}), provider: { accessKey: null, secretKey: null }, expect: [/No Huawei Cloud credentials found/, /pulumi config set huaweicloud-bss:accessKey/], requests: "none" },
        { name: "an access key without its secret key", resources: sub({}), provider: { secretKey: null }, expect: [/Incomplete Huawei Cloud credentials in stack config huaweicloud-bss:accessKey\/huaweicloud-bss:secretKey: the secret key is missing/], requests: "none" },
        { name: "a secret key without its access key", resources: sub({}), provider: { accessKey: null }, expect: [/the access key is missing/], requests: "none" },
        { name: "an endpoint that is not a URL", resources: sub({}), provider: { endpoint: "bss.example.local" }, expect: [/stack config huaweicloud-bss:endpoint must be an http\(s\) URL .*got "bss.example.local"/], requests: "none" },
        { name: "an endpoint with another protocol", resources: sub({}), provider: { endpoint: "ftp://127.0.0.1:1" }, expect: [/huaweicloud-bss:endpoint must be an http\(s\) URL .*got protocol "ftp:"/], requests: "none" },
        { name: "an unknown site", resources: sub({}), provider: { site: "mars" }, expect: [/The site must be one of cn, intl or eu \(huaweicloud-bss:site\), got "mars"/], requests: "none" },
        {
            name: "the wrong site for the account",
            resources: sub({}),
            credential: "otherSite",
            expect: [/belongs to another Huawei Cloud site/, /huaweicloud-bss:site/],
            once: /belongs to another Huawei Cloud site/,
            requests: "reads",
        },
        // SubAccountFunding
        { name: "SubAccountFunding amount negative", resources: funding({ amount: -1 }), expect: [/amount must be 0 or more, in the master account's currency, with at most 2 decimals/, /got -1/], requests: "none" },
        { name: "SubAccountFunding amount with 3 decimals", resources: funding({ amount: "1.234" }), expect: [/amount has more than 2 decimals/], requests: "none" },
        { name: "SubAccountFunding amount is prose", resources: funding({ amount: "ten" }), expect: [/amount must be 0 or more/, /got "ten"/], requests: "none" },
        { name: "SubAccountFunding amount missing", resources: { fundings: { f: { subAccountId: "member0domain0000000000000000001" } } }, expect: [/amount is required/], requests: "none" },
        // SubAccountCoupons and AutoRenewConfig
        { name: "SubAccountCoupons coupons not a list", resources: coupons({ coupons: "CP-1" }), expect: [/coupons must be a list such as/], requests: "none" },
        { name: "SubAccountCoupons a coupon listed twice", resources: coupons({ coupons: [{ couponId: "CP-1", amount: "1" }, { couponId: "CP-1", amount: "2" }] }), expect: [/coupons\[1\].couponId repeats coupons\[0\].couponId CP-1/], requests: "none" },
        { name: "AutoRenewConfig deduction days out of range", resources: { renewConfig: { deductionDaysBeforeExpiry: 10 } }, expect: [/deductionDaysBeforeExpiry must be from 2 to 7/], requests: "none" },
        { name: "AutoRenewConfig unified day 31", resources: { renewConfig: { unifiedExpiryDay: 31 } }, expect: [/unifiedExpiryDay must be a day of the month from 1 to 28, or "last"/], requests: "none" },
    ];
}

interface Worker {
    readonly emulator: RunningEmulator;
    readonly stack: Stack;
}

/** Runs `cases` over the workers, each worker one preview at a time. */
async function runOver<T>(workers: readonly Worker[], cases: readonly T[], run: (worker: Worker, item: T) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
        workers.map(async (worker) => {
            while (next < cases.length) await run(worker, cases[next++]);
        }),
    );
}

describe("faults: bad input is refused at preview", function () {
    this.timeout(600_000);
    const WORKERS = 6;
    const workers: Worker[] = [];
    let dir: string;

    before(async () => {
        dir = temporaryDir("bss-bad-input-");
        for (let i = 0; i < WORKERS; i++) {
            const emulator = await startFaultEmulator();
            emulator.addResource({ resourceId: MAIN, kind: "ecs", periodType: "month", periodNum: 1, expireTime: hoursFrom(emulator, 20), attached: [{ resourceId: DISK, kind: "evs" }] });
            emulator.addResource({ resourceId: PAYG, kind: "evs", billingMode: "onDemand" });
            emulator.addAccount({ id: OTHER_SITE.domainId, site: "intl", credentials: [{ accessKey: OTHER_SITE.accessKey, secretKey: OTHER_SITE.secretKey }] });
            // Credentials come only from each case's config: none from the environment or a credentials file.
            const stack = await openFaultStack(`bad-input-${i}`, {}, { HUAWEICLOUD_SDK_CREDENTIALS_FILE: path.join(dir, "no-credentials-file") });
            workers.push({ emulator, stack });
        }
    });

    after(async () => {
        for (const { emulator, stack } of workers) {
            await stack.workspace.removeStack(stack.name).catch(() => undefined);
            await emulator.close();
        }
    });

    it("refuses each of at least 40 mistakes with the field and the rule, sending nothing that changes anything", async () => {
        const cases = catalogue((days) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10));
        assert.ok(cases.length >= 40, `${cases.length} cases`);
        const problems: string[] = [];
        await runOver(workers, cases, async ({ emulator, stack }, item) => {
            const c = item.credential === "otherSite" ? OTHER_SITE : emulator.defaultCredential;
            const provider: Record<string, string | null> = { endpoint: emulator.url, accessKey: c.accessKey, secretKey: c.secretKey, domainId: c.domainId, ...item.provider };
            const config: Record<string, string> = {};
            for (const [key, value] of Object.entries(provider)) if (value !== null) config[`huaweicloud-bss:${key}`] = value;
            for (const [key, { value }] of Object.entries(resourcesConfig(item.resources ?? {}))) config[key] = value;
            const configFile = path.join(dir, `${item.name.replace(/\W+/g, "-")}.yaml`);
            fs.writeFileSync(configFile, JSON.stringify({ config }));

            emulator.resetCalls();
            const { events, onEvent } = eventRecorder();
            let outcome = "the preview succeeded";
            try {
                await stack.preview({ configFile, onEvent });
            } catch (error) {
                outcome = errorText(error);
            }
            const text = `${diagnostics(events).join("\n")}\n${outcome}`;
            const missing = item.expect.filter((pattern) => !pattern.test(text));
            if (outcome === "the preview succeeded") problems.push(`${item.name}: the preview succeeded`);
            else if (missing.length > 0) problems.push(`${item.name}: no ${missing.join(", ")} in:\n${diagnostics(events).join("\n") || outcome.slice(0, 2000)}`);
            if (item.once) {
                const saying = diagnostics(events).filter((message) => item.once!.test(message));
                if (saying.length !== 1 || saying.some((message) => /^\s+at /m.test(message))) problems.push(`${item.name}: ${saying.length} diagnostics say ${item.once}, wanted one without a stack trace:\n${saying.join("\n---\n").slice(0, 2000)}`);
            }
            const changes = mutatingCalls(emulator);
            if (Object.keys(changes).length > 0) problems.push(`${item.name}: mutating requests ${JSON.stringify(changes)}`);
            const calls = emulator.calls();
            if (item.requests === "none" && calls.total > 0) problems.push(`${item.name}: knowable without BSS, yet ${calls.total} request(s): ${JSON.stringify(calls.byOperation)}`);
        });
        assert.deepEqual(problems, []);
    });

    it("accepts the same program once the mistakes are fixed (the catalogue's base case is valid)", async () => {
        const { emulator, stack } = workers[0];
        const c = emulator.defaultCredential;
        const configFile = path.join(dir, "valid.yaml");
        const config: Record<string, string> = {
            "huaweicloud-bss:endpoint": emulator.url,
            "huaweicloud-bss:accessKey": c.accessKey,
            "huaweicloud-bss:secretKey": c.secretKey,
            "huaweicloud-bss:domainId": c.domainId,
        };
        const subs = { s: { resourceId: MAIN, onExpiry: "renew", autoRenewTimes: 2, renewUntil: dateFrom(emulator, 60), payment: { mode: "pending" }, maxRenewalCost: "100000", onDelete: "unsubscribe" } };
        config[`${PROJECT}:subs`] = JSON.stringify(subs);
        fs.writeFileSync(configFile, JSON.stringify({ config }));
        emulator.resetCalls();
        const preview = await stack.preview({ configFile });
        assert.equal(preview.changeSummary.create, 2, JSON.stringify(preview.changeSummary));
        assert.deepEqual(mutatingCalls(emulator), {});
    });
});
