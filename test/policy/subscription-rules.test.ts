import * as assert from "node:assert/strict";
import {
    subscriptionAutoRenewLimit,
    subscriptionExpiryStated,
    subscriptionPaymentMode,
    subscriptionReleaseForbidden,
    subscriptionRenewalPeriod,
    subscriptionRenewalRequired,
    subscriptionRenewUntilHorizon,
    subscriptionUnsubscribeGuard,
} from "../../policy/subscription-rules";
import {
    isSecret,
    PROVIDER_TEXT,
    remediate,
    ResourceCase,
    secret,
    subscriptionProps,
    UNKNOWN_NUMBER,
    UNKNOWN_OBJECT,
    UNKNOWN_STRING,
    validate,
    validateStack,
} from "./util";

/** One row: a case, and the substrings of the single expected violation (none: no violation). */
type Row = [label: string, c: ResourceCase, expected: RegExp[] | "none" | "not applicable"];

function runTable(makePolicy: () => Parameters<typeof validate>[0], rows: Row[]): void {
    for (const [label, c, expected] of rows) {
        it(label, async () => {
            const outcome = await validate(makePolicy(), c);
            if (expected === "not applicable") {
                assert.ok(outcome.notApplicable !== undefined, `expected not applicable, got ${JSON.stringify(outcome)}`);
                return;
            }
            assert.equal(outcome.notApplicable, undefined, `unexpectedly not applicable: ${outcome.notApplicable}`);
            if (expected === "none") {
                assert.deepEqual(outcome.violations, []);
                return;
            }
            assert.equal(outcome.violations.length, 1, `violations: ${JSON.stringify(outcome.violations)}`);
            for (const pattern of expected) assert.match(outcome.violations[0], pattern);
        });
    }
}

const sub = (fields: Record<string, unknown>, extra: Partial<ResourceCase> = {}): ResourceCase => ({ props: subscriptionProps(fields), ...extra });

describe("policy subscription-expiry-stated", () => {
    runTable(() => subscriptionExpiryStated(), [
        ["onExpiry stated: passes", sub({ onExpiry: "renew" }), "none"],
        ["onExpiry missing: names the resource, the field and the values", sub({}, { name: "db-primary" }), [/Subscription "db-primary" \(resource "res-0001"\)/, /does not state onExpiry/, /"renew", "payPerUse", "release"/]],
        ["onExpiry unknown during preview: no verdict yet", sub({ onExpiry: UNKNOWN_STRING }), "none"],
        ["resourceId unknown: the message still names the resource", sub({ resourceId: UNKNOWN_STRING }, { name: "x" }), [/Subscription "x" does not state/]],
        ["another resource type: not applicable", { props: { value: 1 }, type: "pulumi-nodejs:dynamic/huaweicloud-bss:Probe" }, "not applicable"],
    ]);
    runTable(() => subscriptionExpiryStated({ allowed: ["renew", "payPerUse"] }), [
        ["a value outside allowed is refused", sub({ onExpiry: "release" }), [/onExpiry "release"/, /allowed: renew, payPerUse/, /Fix: set onExpiry to one of "renew", "payPerUse"/]],
        ["an allowed value passes", sub({ onExpiry: "payPerUse" }), "none"],
        ["the config file can widen allowed", sub({ onExpiry: "release" }, { config: { allowed: ["release"] } }), "none"],
    ]);
    it("applies only to Subscriptions: tagged with the type token for the framework's fast path", () => {
        const p = subscriptionExpiryStated();
        assert.equal((p.validateResource as unknown as { __pulumiType: string }).__pulumiType, "pulumi-nodejs:dynamic/huaweicloud-bss:Subscription");
    });
});

describe("policy subscription-release-forbidden", () => {
    runTable(() => subscriptionReleaseForbidden(), [
        ["nothing configured: not applicable", sub({ onExpiry: "release" }), "not applicable"],
    ]);
    runTable(() => subscriptionReleaseForbidden({ resourceIds: ["res-0001"], names: ["db-*"] }), [
        ["listed id released: refused", sub({ onExpiry: "release" }, { name: "web" }), [/resource "res-0001" is listed in resourceIds/, /Fix: set onExpiry to "renew"/]],
        ["name matching a glob: refused", sub({ onExpiry: "release", resourceId: "other" }, { name: "db-replica-2" }), [/name matches "db-\*"/]],
        ["both reasons in one violation", sub({ onExpiry: "release" }, { name: "db-1" }), [/resourceIds and its name matches/]],
        ["listed but renewing: passes", sub({ onExpiry: "renew" }, { name: "db-1" }), "none"],
        ["not listed: passes", sub({ onExpiry: "release", resourceId: "other" }, { name: "web" }), "none"],
        ["onExpiry unknown: no verdict", sub({ onExpiry: UNKNOWN_STRING }, { name: "db-1" }), "none"],
    ]);

    const outputs = (name: string, fields: Record<string, unknown>) => ({ name, props: subscriptionProps({ onExpiry: "release", ...fields }) });
    it("services and regions (known only from BSS) are checked on the outputs, one violation per subscription", async () => {
        const p = subscriptionReleaseForbidden({ services: ["hws.service.type.rds"], regions: ["cn-north-4"] });
        const outcome = await validateStack(p, [
            outputs("rds", { serviceTypeCode: "hws.service.type.rds", region: "cn-north-4" }),
            outputs("ecs-elsewhere", { serviceTypeCode: "hws.service.type.ec2", region: "ap-southeast-1" }),
            outputs("ecs-north", { serviceTypeCode: "hws.service.type.ec2", region: "cn-north-4" }),
            outputs("rds-renewing", { onExpiry: "renew", serviceTypeCode: "hws.service.type.rds" }),
            outputs("new", { serviceTypeCode: UNKNOWN_STRING }),
        ]);
        assert.equal(outcome.violations.length, 2, JSON.stringify(outcome.violations));
        assert.match(outcome.violations[0], /"rds".*service "hws\.service\.type\.rds" is listed in services and region "cn-north-4" is listed in regions/);
        assert.match(outcome.violations[1], /"ecs-north".*region "cn-north-4"/);
    });
    it("ids and names are not re-reported by the stack check", async () => {
        const p = subscriptionReleaseForbidden({ resourceIds: ["res-0001"] });
        const outcome = await validateStack(p, [outputs("a", {})]);
        assert.ok(outcome.notApplicable !== undefined);
    });
});

describe("policy subscription-unsubscribe-guard", () => {
    runTable(() => subscriptionUnsubscribeGuard(), [
        ["retain: passes", sub({ onDelete: "retain" }), "none"],
        ["onDelete absent (defaults to retain): passes", sub({}), "none"],
        ["unsubscribe on an unprotected resource: refused with both ways out", sub({ onDelete: "unsubscribe" }, { name: "cache" }),
            [/Subscription "cache".*onDelete "unsubscribe"/, /Fix: set onDelete to "retain", or protect the resource/, /allowedNames/]],
        ["unsubscribe on a protected resource: allowed", sub({ onDelete: "unsubscribe" }, { protect: true }), "none"],
        ["renewals-only is not guarded by default", sub({ onDelete: "unsubscribeRenewals" }), "none"],
        ["onDelete unknown: no verdict", sub({ onDelete: UNKNOWN_STRING }), "none"],
    ]);
    runTable(() => subscriptionUnsubscribeGuard({ allowWhenProtected: false, allowedNames: ["sandbox-*"], allowedResourceIds: ["res-9"], includeRenewalsOnly: true }), [
        ["protection alone no longer allows it", sub({ onDelete: "unsubscribe" }, { protect: true }), [/onDelete "unsubscribe"/]],
        ["the fix does not suggest protection when it would not help", sub({ onDelete: "unsubscribe" }), [/Fix: set onDelete to "retain", or add its name/]],
        ["allow-listed name", sub({ onDelete: "unsubscribe" }, { name: "sandbox-1" }), "none"],
        ["allow-listed id", sub({ onDelete: "unsubscribe", resourceId: "res-9" }), "none"],
        ["renewals-only now guarded", sub({ onDelete: "unsubscribeRenewals" }), [/onDelete "unsubscribeRenewals"/]],
    ]);
    runTable(() => subscriptionUnsubscribeGuard({ allowWhenProtected: false }), [
        ["not at all: nothing allows it", sub({ onDelete: "unsubscribe" }, { protect: true, name: "any" }), [/onDelete "unsubscribe"/]],
    ]);

    describe("remediation (level remediate): onDelete becomes retain, everything else kept", () => {
        it("keeps __provider, unknowns and secrets exactly", async () => {
            const props = subscriptionProps({
                onDelete: "unsubscribe",
                onExpiry: "renew",
                renewUntil: UNKNOWN_STRING,
                payment: { mode: "auto", couponIds: ["c-1"] },
                maxRenewalCost: secret("900.00"),
            });
            const fixed = await remediate(subscriptionUnsubscribeGuard("remediate"), { props });
            assert.ok(fixed);
            assert.equal(fixed.onDelete, "retain");
            assert.equal(fixed.__provider, PROVIDER_TEXT);
            assert.equal(fixed.renewUntil, UNKNOWN_STRING, "an unknown stays unknown (the sentinel), not a read error");
            assert.deepEqual(fixed.payment, { mode: "auto", couponIds: ["c-1"] });
            assert.ok(isSecret(fixed.maxRenewalCost), "a secret stays wrapped as a secret");
            assert.deepEqual(Object.keys(fixed).sort(), Object.keys(props).sort());
        });
        it("leaves allowed and compliant resources alone (no remediation reported)", async () => {
            const p = subscriptionUnsubscribeGuard({ enforcementLevel: "remediate", allowedNames: ["ok"] });
            assert.equal(await remediate(p, sub({ onDelete: "unsubscribe" }, { name: "ok" })), undefined);
            assert.equal(await remediate(p, sub({ onDelete: "unsubscribe" }, { protect: true })), undefined);
            assert.equal(await remediate(p, sub({ onDelete: "retain" })), undefined);
            assert.equal(await remediate(p, sub({ onDelete: UNKNOWN_STRING })), undefined);
        });
        it("after remediation the validation passes", async () => {
            const p = subscriptionUnsubscribeGuard("remediate");
            const fixed = await remediate(p, sub({ onDelete: "unsubscribe" }));
            assert.deepEqual((await validate(p, { props: fixed! })).violations, []);
        });
    });
});

describe("policy subscription-renew-until-horizon", () => {
    const now = () => new Date("2026-01-31T10:00:00Z");
    runTable(() => subscriptionRenewUntilHorizon({ maxMonths: 12 }, { now }), [
        ["within the horizon", sub({ renewUntil: "2026-12-31" }), "none"],
        ["month-end clamping: 12 months from Jan 31 is Jan 31", sub({ renewUntil: "2027-01-31" }), "none"],
        ["one day past the horizon: refused with the dates", sub({ renewUntil: "2027-02-01" }), [/renewUntil 2027-02-01, beyond the 12-month horizon \(2027-01-31\)/, /Fix: set renewUntil to 2027-01-31 or earlier, or raise maxMonths/]],
        ["a timestamp is read too", sub({ renewUntil: "2029-06-30T16:00:00Z" }), [/beyond the 12-month horizon/]],
        ["no renewUntil: nothing to check", sub({ onExpiry: "renew" }), "none"],
        ["unknown: no verdict", sub({ renewUntil: UNKNOWN_STRING }), "none"],
        ["asOf in the config moves today (emulator clock)", sub({ renewUntil: "2031-01-01" }, { config: { maxMonths: 12, asOf: "2030-06-01" } }), "none"],
    ]);
    runTable(() => subscriptionRenewUntilHorizon(undefined, { now }), [
        ["default horizon is 36 months", sub({ renewUntil: "2029-02-01" }), [/36-month horizon \(2029-01-31\)/]],
    ]);
});

describe("policy subscription-renewal-required", () => {
    runTable(() => subscriptionRenewalRequired(), [
        ["no selector: not applicable", sub({ onExpiry: "release" }), "not applicable"],
    ]);
    runTable(() => subscriptionRenewalRequired({ stackTags: { env: "prod" } }), [
        ["prod stack, release: refused", sub({ onExpiry: "release" }, { stackTags: { env: "prod" } }), [/must renew at expiry \(the stack is tagged env=prod\) but has onExpiry "release"/, /Fix: set onExpiry to "renew"/]],
        ["prod stack, onExpiry missing: refused", sub({}, { stackTags: { env: "prod" } }), [/but does not state onExpiry/]],
        ["prod stack, renew: passes", sub({ onExpiry: "renew" }, { stackTags: { env: "prod" } }), "none"],
        ["prod stack, payPerUse not accepted by default", sub({ onExpiry: "payPerUse" }, { stackTags: { env: "prod" } }), [/"payPerUse"/]],
        ["dev stack: not applicable", sub({ onExpiry: "release" }, { stackTags: { env: "dev" } }), "not applicable"],
        ["untagged stack: not applicable", sub({ onExpiry: "release" }), "not applicable"],
    ]);
    runTable(() => subscriptionRenewalRequired({ names: ["prod-*"], resourceIds: ["res-7"], acceptPayPerUse: true }), [
        ["selected by name", sub({ onExpiry: "release" }, { name: "prod-db" }), [/its name matches "prod-\*"/, /"renew" or "payPerUse"/]],
        ["selected by id", sub({ onExpiry: "release", resourceId: "res-7" }), [/resource "res-7" is listed/]],
        ["payPerUse accepted", sub({ onExpiry: "payPerUse" }, { name: "prod-db" }), "none"],
        ["not selected", sub({ onExpiry: "release" }, { name: "dev-db" }), "none"],
    ]);
});

describe("policy subscription-auto-renew-limit", () => {
    runTable(() => subscriptionAutoRenewLimit(), [["no maximum configured: not applicable", sub({ onExpiry: "renew" }), "not applicable"]]);
    runTable(() => subscriptionAutoRenewLimit({ maxTimes: 12 }), [
        ["absent means unlimited: refused", sub({ onExpiry: "renew" }), [/no autoRenewTimes, so BSS auto-renews without limit/, /between 1 and 12/]],
        ["0 means unlimited: refused", sub({ onExpiry: "renew", autoRenewTimes: 0 }), [/autoRenewTimes 0, which BSS reads as unlimited/]],
        ["over the maximum", sub({ onExpiry: "renew", autoRenewTimes: 24 }), [/autoRenewTimes 24, over the maximum of 12/]],
        ["at the maximum", sub({ onExpiry: "renew", autoRenewTimes: 12 }), "none"],
        ["not auto-renewing: nothing to bound", sub({ onExpiry: "payPerUse" }), "none"],
        ["unknown count: no verdict", sub({ onExpiry: "renew", autoRenewTimes: UNKNOWN_NUMBER }), "none"],
    ]);
});

describe("policy subscription-payment-mode", () => {
    runTable(() => subscriptionPaymentMode(), [
        ["pending is forbidden by default", sub({ payment: { mode: "pending" } }), [/payment mode "pending"/, /wait for manual payment/, /Fix: use automatic payment/]],
        ["auto passes", sub({ payment: { mode: "auto" } }), "none"],
        ["coupons without a mode pass", sub({ payment: { couponIds: ["c1"] } }), "none"],
        ["no payment setting passes", sub({}), "none"],
        ["unknown payment: no verdict", sub({ payment: UNKNOWN_OBJECT }), "none"],
        ["the config can allow pending", sub({ payment: { mode: "pending" } }, { config: { forbiddenModes: [] } }), "none"],
    ]);
});

describe("policy subscription-renewal-period", () => {
    const plan = (periods: number, periodType: string) => ({ plannedRenewal: { periods, periodType, until: "2027-06-30T15:59:59Z", amount: "1.00", currency: "CNY" } });
    runTable(() => subscriptionRenewalPeriod({ maxMonths: 24, allowedPeriodTypes: ["month"] }), [
        ["a year unit is refused when only months are allowed", sub(plan(1, "year")), [/in years, which this stack does not allow \(allowed: month\)/]],
        ["months within the maximum", sub(plan(11, "month")), "none"],
        ["months over the maximum", sub(plan(30, "month")), [/30 months in one update, over the maximum of 24/]],
        ["nothing planned", sub({ plannedRenewal: null }), "none"],
        ["plan unknown during preview", sub({ plannedRenewal: UNKNOWN_OBJECT }), "none"],
    ]);
    runTable(() => subscriptionRenewalPeriod({ maxMonths: 24 }), [
        ["years count twelve months each", sub(plan(3, "year")), [/36 months in one update, over the maximum of 24/]],
        ["two years is exactly the maximum", sub(plan(2, "year")), "none"],
    ]);
});
