/**
 * The policy pack through the real Pulumi CLI (Automation API, a workDir program) on Subscriptions
 * against the BSS emulator: which rules fire on compliant and violating programs, at which level,
 * with which config; that a mandatory violation stops `up` before any mutating request reaches
 * BSS; remediation; and the stack checks over outputs after `up`.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { RunningEmulator, startEmulator } from "../../emulator";
import { compareDecimal, formatDecimal, parseDecimal, sumDecimals } from "../../policy/money";
import { SUBSCRIPTION_TYPE } from "../../sdk/tokens";
import { eventRecorder, openStack, StackConfig, uniqueStackName } from "../e2e/harness";
import { visibleEventText, firedRules, PACK_DIR, PROGRAMS_DIR, policyFindings, temporaryDir, writePolicyConfig } from "./cli-support";

const PROGRAM = path.join(PROGRAMS_DIR, "subscriptions");
const DAY_MS = 24 * 60 * 60 * 1000;

interface SubscriptionSpec {
    name: string;
    resourceId: string;
    protect?: boolean;
    waitFor?: string;
    [arg: string]: unknown;
}

/** Requests that change something in BSS (every write except the price and list queries). */
function mutatingRequests(emulator: RunningEmulator): string[] {
    return emulator
        .requestLog()
        .filter((e) => e.method !== "GET" && !e.operation.startsWith("List") && !e.operation.startsWith("IAM."))
        .map((e) => `${e.method} ${e.operation}`);
}

function plannedAmounts(events: readonly EngineEvent[]): Map<string, { amount: string; currency: string }> {
    const amounts = new Map<string, { amount: string; currency: string }>();
    for (const e of events) {
        const meta = e.resourcePreEvent?.metadata;
        if (!meta || meta.type !== SUBSCRIPTION_TYPE) continue;
        const plan = meta.new?.inputs?.plannedRenewal as { amount?: string; currency?: string } | null | undefined;
        if (plan?.amount && plan.currency) amounts.set(meta.urn.slice(meta.urn.lastIndexOf("::") + 2), { amount: plan.amount, currency: plan.currency });
    }
    return amounts;
}

/** Names of the Subscriptions whose analysis the pack reported (raw summary events). */
function analysedSubscriptions(events: readonly EngineEvent[]): string[] {
    const names: string[] = [];
    for (const e of events as unknown as Record<string, { resourceUrn?: string; policyPackName?: string } | undefined>[]) {
        const urn = e.policyAnalyzeSummaryEvent?.resourceUrn;
        if (urn && urn.includes(`::${SUBSCRIPTION_TYPE}::`)) names.push(urn.slice(urn.lastIndexOf("::") + 2));
    }
    return names.sort();
}

function minusCent(amount: string): string {
    return formatDecimal(sumDecimals([parseDecimal(amount), parseDecimal("-0.01")]));
}

describe("policy pack through the real CLI against the BSS emulator", function () {
    this.timeout(600_000);
    let emulator: RunningEmulator;
    const configDir = temporaryDir("bss-policy-cli-");
    const stacks: Stack[] = [];

    /** A fresh yearly/monthly resource (so tests never share money state), expiring in `days`. */
    function freshResource(kind: "ecs" | "evs" | "rds", days: number, name: string): string {
        const now = emulator.now().getTime();
        const hour = (ms: number) => new Date(ms).toISOString().replace(/:\d\d:\d\d\.\d+Z$/, ":00:00Z");
        return emulator.addResource({ kind, name, periodType: "month", periodNum: 1, expireTime: hour(now + days * DAY_MS), effectiveTime: hour(now - 10 * DAY_MS) })
            .resourceId;
    }

    /** renewUntil `months` after the resource's current expiry (a plan of about that many months). */
    function renewUntilAfter(resourceId: string, months: number): string {
        const expire = new Date(emulator.world.resource(resourceId)!.expireTime!);
        expire.setUTCMonth(expire.getUTCMonth() + months);
        return expire.toISOString().slice(0, 10);
    }

    function expireTimeOf(resourceId: string): string {
        return emulator.world.resource(resourceId)!.expireTime!;
    }

    async function programStack(prefix: string, subscriptions: SubscriptionSpec[]): Promise<Stack> {
        const credential = emulator.defaultCredential;
        const config: StackConfig = {
            "huaweicloud-bss:endpoint": { value: emulator.url },
            "huaweicloud-bss:accessKey": { value: credential.accessKey },
            "huaweicloud-bss:secretKey": { value: credential.secretKey, secret: true },
            "huaweicloud-bss:domainId": { value: credential.domainId },
            "policy-subscriptions:subscriptions": { value: JSON.stringify(subscriptions) },
        };
        const stack = await openStack(PROGRAM, uniqueStackName(prefix), config);
        stacks.push(stack);
        return stack;
    }

    function policyConfig(name: string, config: Record<string, unknown>): string {
        return writePolicyConfig(configDir, name, config);
    }

    before(async () => {
        emulator = await startEmulator({ demo: false, rateLimit: 0 });
    });

    after(async () => {
        for (const stack of stacks) {
            await stack.destroy().catch(() => undefined);
            await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        }
        if (emulator) await emulator.close();
    });

    // Prices found by the compliant preview, used to set budgets one cent below or above.
    let web = "";
    let disk = "";
    let webPlan = { amount: "", currency: "" };
    let diskPlan = { amount: "", currency: "" };

    it("a compliant program passes with every rule mandatory, and the rules did analyse each Subscription", async () => {
        web = freshResource("ecs", 20, "policy-web");
        disk = freshResource("evs", 45, "policy-disk");
        const db = freshResource("rds", 100, "policy-db");
        const stack = await programStack("policy-ok", [
            { name: "web", resourceId: web, onExpiry: "renew", autoRenewTimes: 6, renewUntil: renewUntilAfter(web, 2) },
            { name: "disk", resourceId: disk, onExpiry: "payPerUse", renewUntil: renewUntilAfter(disk, 1) },
            { name: "db", resourceId: db, onExpiry: "renew", autoRenewTimes: 2, onDelete: "unsubscribe", protect: true },
        ]);
        const config = policyConfig("compliant", {
            all: "mandatory",
            "subscription-renewal-budget": { maxAmount: "1000000", currency: "CNY" },
            "stack-renewal-budget": { maxAmount: "1000000", currency: "CNY" },
            "subscription-auto-renew-limit": { maxTimes: 12 },
            "subscription-renewal-period": { maxMonths: 12 },
            "subscription-release-forbidden": { names: ["db*", "web*"], services: ["hws.service.type.rds"] },
            "subscription-renewal-required": { names: ["web", "db"] },
        });
        const { events, onEvent } = eventRecorder();
        await stack.preview({ policyPacks: [PACK_DIR], policyPackConfigs: [config], onEvent });

        assert.deepEqual(firedRules(events), []);
        assert.deepEqual(analysedSubscriptions(events), ["db", "disk", "web"]);
        const amounts = plannedAmounts(events);
        assert.ok(amounts.has("web") && amounts.has("disk"), `planned renewals seen: ${[...amounts.keys()].join(", ")}`);
        webPlan = amounts.get("web")!;
        diskPlan = amounts.get("disk")!;
        assert.equal(webPlan.currency, "CNY");
        assert.equal(mutatingRequests(emulator).length, 0, "a preview changes nothing");
    });

    it("a violating program: each broken rule fires once on its resource, mandatory, with the numbers; the preview fails", async () => {
        assert.ok(webPlan.amount, "needs the prices from the compliant preview");
        const dbId = freshResource("rds", 100, "policy-db-2");
        const subscriptions = [
            { name: "web", resourceId: web, renewUntil: renewUntilAfter(web, 2) },
            { name: "db", resourceId: dbId, onExpiry: "release", onDelete: "unsubscribe" },
            { name: "disk", resourceId: disk, onExpiry: "renew", payment: { mode: "pending" } },
        ];
        const budget = minusCent(webPlan.amount);
        const settings = {
            "subscription-renewal-budget": { maxAmount: budget, currency: "CNY" },
            "subscription-release-forbidden": { names: ["db"] },
        };
        const expected = [
            "subscription-expiry-stated@mandatory:web",
            "subscription-payment-mode@mandatory:disk",
            "subscription-release-forbidden@mandatory:db",
            "subscription-renewal-budget@mandatory:web",
            "subscription-unsubscribe-guard@mandatory:db",
        ];
        const stack = await programStack("policy-bad", subscriptions);

        const { events, onEvent } = eventRecorder();
        await assert.rejects(
            stack.preview({ policyPacks: [PACK_DIR], policyPackConfigs: [policyConfig("violating", { all: "mandatory", ...settings })], onEvent }),
            /preview failed|policy violation/i,
        );
        assert.deepEqual(firedRules(events), expected);
        const budgetFinding = policyFindings(events).find((f) => f.policyName === "subscription-renewal-budget")!;
        assert.match(budgetFinding.message, new RegExp(`Subscription "web" \\(resource "${web}"\\) plans .* for ${webPlan.amount.replace(".", "\\.")} CNY, over the per-resource budget of ${budget.replace(".", "\\.")} CNY`));
        assert.match(budgetFinding.message, /Fix: /);
        const text = visibleEventText(events);
        assert.equal(text.includes(emulator.defaultCredential.secretKey), false, "the secret key appears in the output");
        assert.equal(text.includes("__provider"), false);

        // The same findings, downgraded by `all`, let the preview pass.
        const advisory = eventRecorder();
        await stack.preview({ policyPacks: [PACK_DIR], policyPackConfigs: [policyConfig("advisory", { all: "advisory", ...settings })], onEvent: advisory.onEvent });
        assert.deepEqual(firedRules(advisory.events), expected.map((r) => r.replace("@mandatory", "@advisory")));
        assert.equal(mutatingRequests(emulator).length, 0);
    });

    it("a mandatory violation stops up before any mutating request reaches BSS", async () => {
        const before = expireTimeOf(web);
        const stack = await programStack("policy-stop", [{ name: "web", resourceId: web, onExpiry: "renew", renewUntil: renewUntilAfter(web, 2) }]);
        emulator.resetCalls();
        const { events, onEvent } = eventRecorder();
        // The rule's default level (mandatory) applies: the config only sets the numbers.
        const config = policyConfig("stop", { "subscription-renewal-budget": { maxAmount: minusCent(webPlan.amount), currency: "CNY" } });
        await assert.rejects(stack.up({ policyPacks: [PACK_DIR], policyPackConfigs: [config], onEvent }));

        assert.deepEqual(firedRules(events), ["subscription-renewal-budget@mandatory:web"]);
        assert.deepEqual(mutatingRequests(emulator), []);
        assert.ok(emulator.requestLog().length > 0, "the provider did ask BSS (read-only) for the plan");
        assert.equal(expireTimeOf(web), before);
        const state = await stack.exportStack();
        assert.equal((state.deployment.resources ?? []).filter((r: { type: string }) => r.type === SUBSCRIPTION_TYPE).length, 0);
    });

    it("the stack budget's running total refuses the renewal that would cross it, after the ones within it were bought", async () => {
        const webBefore = expireTimeOf(web);
        const diskBefore = expireTimeOf(disk);
        const stack = await programStack("policy-total", [
            { name: "web", resourceId: web, onExpiry: "renew", renewUntil: renewUntilAfter(web, 2) },
            // Analysed only once web is done; its resourceId is unknown during preview.
            { name: "disk", resourceId: disk, onExpiry: "payPerUse", renewUntil: renewUntilAfter(disk, 1), waitFor: "web" },
        ]);
        const total = sumDecimals([parseDecimal(webPlan.amount), parseDecimal(diskPlan.amount)]);
        const budget = minusCent(formatDecimal(total));
        const config = policyConfig("total", { "stack-renewal-budget": { maxAmount: budget, currency: "CNY" } });

        const preview = eventRecorder();
        await stack.preview({ policyPacks: [PACK_DIR], policyPackConfigs: [config], onEvent: preview.onEvent });
        assert.deepEqual(firedRules(preview.events), [], "in preview disk cannot be priced yet: no verdict, no error");

        const up = eventRecorder();
        await assert.rejects(stack.up({ policyPacks: [PACK_DIR], policyPackConfigs: [config], onEvent: up.onEvent }));
        assert.deepEqual(firedRules(up.events), ["stack-renewal-budget@mandatory:disk"]);
        const finding = policyFindings(up.events)[0];
        assert.match(finding.message, new RegExp(`takes the renewals of this update to ${formatDecimal(total).replace(".", "\\.")} CNY \\(2 subscription\\(s\\) so far\\), over the stack budget of ${budget.replace(".", "\\.")} CNY`));
        assert.ok(compareDecimal(parseDecimal(webPlan.amount), parseDecimal(budget)) <= 0);
        assert.ok(expireTimeOf(web) > webBefore, "web (within the budget) was renewed");
        assert.equal(expireTimeOf(disk), diskBefore, "disk (over the budget) was not");
    });

    it("after up: remediation keeps the provider, the stack checks read the outputs, and destroy does not unsubscribe", async () => {
        const soon = freshResource("ecs", 12, "policy-soon");
        const cache = freshResource("evs", 200, "policy-cache");
        const stack = await programStack("policy-after", [
            { name: "soon", resourceId: soon, onExpiry: "release" },
            { name: "cache", resourceId: cache, onExpiry: "payPerUse", onDelete: "unsubscribe" },
        ]);
        const config = policyConfig("after", {
            all: "mandatory",
            "subscription-unsubscribe-guard": "remediate",
            "subscription-expiring-soon": { enforcementLevel: "advisory", days: 30 },
            "subscription-release-forbidden": { enforcementLevel: "advisory", services: ["hws.service.type.ec2"] },
        });
        const { events, onEvent } = eventRecorder();
        await stack.up({ policyPacks: [PACK_DIR], policyPackConfigs: [config], onEvent });

        assert.deepEqual(firedRules(events), [
            "subscription-expiring-soon@advisory:soon",
            "subscription-release-forbidden@advisory:soon",
        ]);
        assert.match(policyFindings(events).find((f) => f.policyName === "subscription-expiring-soon")!.message, /\(in 1[12] day\(s\)\), within the 30-day window, with nothing planned: it is released at expiry/);
        const remediated = (events as unknown as Record<string, { policyName?: string; resourceUrn?: string } | undefined>[])
            .map((e) => e.policyRemediationEvent)
            .filter((r) => r !== undefined);
        assert.deepEqual(remediated.map((r) => `${r!.policyName}:${r!.resourceUrn!.slice(r!.resourceUrn!.lastIndexOf("::") + 2)}`), ["subscription-unsubscribe-guard:cache"]);

        const state = await stack.exportStack();
        const cached = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::cache"));
        assert.equal(cached.inputs.onDelete, "retain");
        assert.equal(cached.inputs.onExpiry, "payPerUse");
        assert.match(cached.inputs.__provider, /pulumi-huaweicloud-bss\/provider\/subscription/);

        emulator.resetCalls();
        await stack.destroy();
        assert.equal(emulator.calls().byOperation.CancelResourcesSubscription ?? 0, 0, "retain: destroy only forgets");
        assert.equal(emulator.world.resource(cache)!.endedAt, undefined);
    });
});
