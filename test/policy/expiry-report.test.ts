import * as assert from "node:assert/strict";
import { subscriptionExpiringSoon } from "../../policy/expiry-report";
import { subscriptionProps, UNKNOWN_STRING, validateStack } from "./util";

describe("policy subscription-expiring-soon (stack, over outputs)", () => {
    const now = () => new Date("2026-06-01T00:00:00Z");
    const rule = (args?: Parameters<typeof subscriptionExpiringSoon>[0]) => subscriptionExpiringSoon(args, { now });
    const output = (name: string, fields: Record<string, unknown>) => ({ name, props: subscriptionProps(fields) });

    const rows: [string, Record<string, unknown>, RegExp[] | "none"][] = [
        ["released in 10 days: reported with the date, the window and the fix", { onExpiry: "release", expireTime: "2026-06-11T15:59:59Z", expirePolicy: 0 },
            [/Subscription "s" \(resource "res-0001"\) expires on 2026-06-11 \(in 10 day\(s\)\), within the 30-day window, with nothing planned/, /Fix: set onExpiry to "renew", or renewUntil past 2026-06-11, or onExpiry "payPerUse"/]],
        ["already expired", { onExpiry: "release", expireTime: "2026-05-20T00:00:00Z" }, [/expired on 2026-05-20 \(12 day\(s\) ago\)/]],
        ["beyond the window", { onExpiry: "release", expireTime: "2026-07-02T00:00:00Z" }, "none"],
        ["auto-renew keeps it", { onExpiry: "renew", expireTime: "2026-06-05T00:00:00Z" }, "none"],
        ["pay-per-use keeps it (not reported by default)", { onExpiry: "payPerUse", expireTime: "2026-06-05T00:00:00Z" }, "none"],
        ["renewUntil past the expiry is a plan", { onExpiry: "release", renewUntil: "2026-12-31", expireTime: "2026-06-05T00:00:00Z" }, "none"],
        ["renewUntil already reached is not", { onExpiry: "release", renewUntil: "2026-06-01", expireTime: "2026-06-05T00:00:00Z" }, [/with nothing planned/]],
        ["no onExpiry: BSS's auto-renew (expire_policy 3) keeps it", { expireTime: "2026-06-05T00:00:00Z", expirePolicy: 3 }, "none"],
        ["no onExpiry: BSS's grace policy does not", { expireTime: "2026-06-05T00:00:00Z", expirePolicy: 0 }, [/with nothing planned/]],
        ["no expireTime yet (new, during preview)", { onExpiry: "release" }, "none"],
        ["expireTime unknown", { onExpiry: "release", expireTime: UNKNOWN_STRING }, "none"],
    ];
    for (const [label, fields, expected] of rows) {
        it(label, async () => {
            const outcome = await validateStack(rule(), [output("s", fields)]);
            if (expected === "none") return assert.deepEqual(outcome.violations, []);
            assert.equal(outcome.violations.length, 1, JSON.stringify(outcome.violations));
            for (const pattern of expected) assert.match(outcome.violations[0], pattern);
        });
    }

    it("reports each subscription separately", async () => {
        const outcome = await validateStack(rule(), [
            output("a", { onExpiry: "release", expireTime: "2026-06-02T00:00:00Z" }),
            output("b", { onExpiry: "renew", expireTime: "2026-06-02T00:00:00Z" }),
            output("c", { onExpiry: "release", expireTime: "2026-06-03T00:00:00Z" }),
        ]);
        assert.equal(outcome.violations.length, 2);
        assert.match(outcome.violations[0], /"a"/);
        assert.match(outcome.violations[1], /"c"/);
    });

    it("days, reportPayPerUse and asOf come from the config", async () => {
        const soon = output("p", { onExpiry: "payPerUse", expireTime: "2026-06-20T00:00:00Z" });
        assert.deepEqual((await validateStack(rule({ days: 10, reportPayPerUse: true }), [soon])).violations, []);
        const reported = await validateStack(rule(), [soon], { reportPayPerUse: true });
        assert.match(reported.violations[0], /and then switches to pay-per-use/);
        const virtual = await validateStack(rule(), [output("v", { onExpiry: "release", expireTime: "2030-01-10T00:00:00Z" })], { asOf: "2030-01-01" });
        assert.match(virtual.violations[0], /in 9 day\(s\)/);
    });
});
