/**
 * The short account scripts/quickstart.sh prints at the end: what the stack adopted, what `pulumi up`
 * changed and bought, what the policy pack stopped, and what the emulator's clock did to each
 * subscription before `pulumi refresh` read it back.
 *
 * Reads files the script wrote (the emulator's admin views are emulator-only: a real account shows
 * the same in the Billing Center):
 *   node report.js <dir>   with <dir>/scenario.json, state-after-up.json, state-after-refresh.json,
 *   preview.log, unsafe-preview.log, emulator-state.json, lifecycle.json, clock.json
 */
import * as fs from "node:fs";
import * as path from "node:path";

type Bag = Record<string, any>;

const SUBSCRIPTION_TYPE = "pulumi-nodejs:dynamic/huaweicloud-bss:Subscription";
/** What BSS's expire_policy means at expiry, in the words of `onExpiry`. */
const AT_EXPIRY: Readonly<Record<number, string>> = { 0: "release", 1: "pay-per-use", 2: "delete", 3: "renew", 4: "freeze", 5: "release" };

function read(dir: string, file: string): string {
    return fs.readFileSync(path.join(dir, file), "utf8");
}

function json(dir: string, file: string): Bag {
    return JSON.parse(read(dir, file)) as Bag;
}

/** Subscriptions of an exported stack, by logical name. */
function subscriptionsOf(exported: Bag): Map<string, Bag> {
    const out = new Map<string, Bag>();
    for (const r of exported.deployment?.resources ?? []) {
        if (r.type === SUBSCRIPTION_TYPE) out.set(String(r.urn).split("::").pop()!, r.outputs ?? {});
    }
    return out;
}

const day = (t: string | null | undefined) => (t ? t.slice(0, 10) : "?");
const money = (n: number | string) => Number(n).toFixed(2);

export function report(dir: string): string {
    const scenario = json(dir, "scenario.json");
    const emulator = json(dir, "emulator-state.json").state as Bag;
    const lifecycle = json(dir, "lifecycle.json") as unknown as Bag[];
    const clock = json(dir, "clock.json");
    const initial = new Map<string, Bag>((scenario.resources as Bag[]).map((r) => [r.resourceId, r]));
    const orders = new Map<string, Bag>((emulator.orders as Bag[]).map((o) => [o.orderId, o]));
    const currency = emulator.accounts[0]?.currency ?? "CNY";
    const nameOf = (resourceId: string) => initial.get(resourceId)?.name ?? resourceId;
    // In the scenario's order (the state's order depends on which resource finished first).
    const position = new Map((scenario.resources as Bag[]).map((r, i) => [r.resourceId as string, i]));
    const inScenarioOrder = (subs: Map<string, Bag>) =>
        new Map([...subs].sort((a, b) => (position.get(a[1].resourceId) ?? 1e9) - (position.get(b[1].resourceId) ?? 1e9)));
    const afterUp = inScenarioOrder(subscriptionsOf(json(dir, "state-after-up.json")));
    const afterRefresh = subscriptionsOf(json(dir, "state-after-refresh.json"));
    const lines: string[] = [];
    const say = (text = "") => lines.push(text);

    // 1. Adoption and what `up` changed.
    const attached = [...afterUp.values()].reduce((n, s) => n + (s.subResources?.length ?? 0), 0);
    say(`Adopted ${afterUp.size} yearly/monthly resources (and ${attached} attached disks, EIPs and bandwidths that renew with them); adopting buys nothing.`);
    for (const [name, s] of afterUp) {
        const before = initial.get(s.resourceId);
        const from = AT_EXPIRY[before?.expirePolicy ?? 0];
        const to = AT_EXPIRY[s.expirePolicy] ?? s.expirePolicyName;
        const change = from === to ? `${to} (as it was)` : `${from} -> ${to}`;
        let text = `  ${name.padEnd(16)} ${String(s.region).padEnd(10)} at expiry: ${change.padEnd(24)} paid until ${day(s.expireTime)}`;
        for (const order of s.orders ?? []) {
            const placed = orders.get(order.id);
            const coupon = placed?.payment?.coupon ? ` (${money(placed.payment.coupon)} paid by coupon, ${money(placed.payment.cash)} cash)` : "";
            text += `\n  ${"".padEnd(16)} renewed ${order.periods} ${order.periodType}(s) from ${day(before?.expireTime)} for ${order.amount} ${order.currency ?? currency}${coupon}`;
        }
        say(text);
    }

    // 2. The price the preview showed.
    const planned = read(dir, "preview.log")
        .split("\n")
        .filter((l) => /renewal planned/.test(l) && !/^\s*[+~-]\s/.test(l));
    const uniquePlanned = [...new Set(planned.map((l) => l.trim()))];
    if (uniquePlanned.length > 0) {
        say();
        say("The preview priced each renewal before anything was bought:");
        for (const l of uniquePlanned) say(`  ${l}`);
    }

    // 3. What the policy pack stopped.
    const violations = [...read(dir, "unsafe-preview.log").matchAll(/- \[mandatory\]\s+(\S+)\s+\(.*: ([^)]+)\)/g)].map((m) => `${m[1]} (${m[2]})`);
    say();
    if (violations.length > 0) {
        say(`The policy pack refused the unsafe change (db-prod-orders released at expiry and unsubscribed on destroy): ${violations.length} mandatory violation(s), nothing was changed:`);
        for (const v of violations) say(`  ${v}`);
    } else {
        say("The policy pack reported no mandatory violation for the unsafe change (unexpected).");
    }

    // 4. After the clock moved.
    say();
    say(`The emulator's clock moved from ${day(clock.before)} to ${day(clock.after)}; \`pulumi refresh\` then read every subscription back:`);
    const events = lifecycle.filter((e) => e.time > clock.before && afterUp.has(nameOf(e.resourceId)));
    for (const [name, s] of afterUp) {
        const now = afterRefresh.get(name);
        const mine = events.filter((e) => e.resourceId === s.resourceId);
        const story: string[] = [];
        for (const e of mine) {
            if (e.event === "autoRenewed") {
                const order = orders.get(e.detail);
                story.push(`auto-renewed on ${day(e.time)} for ${order ? money(order.amountAfterDiscount) : "?"} ${currency}`);
            } else if (e.event === "convertedToOnDemand") story.push(`switched to pay-per-use on ${day(e.time)}`);
            else if (e.event === "graceStarted") story.push(`expired on ${day(e.time)} (grace period)`);
            else if (e.event === "frozen") story.push(`frozen on ${day(e.time)}`);
            else if (e.event === "released") story.push(`released on ${day(e.time)}`);
            else if (e.event === "autoRenewFailed") story.push(`auto-renew failed on ${day(e.time)}: ${e.detail ?? ""}`);
        }
        let state: string;
        if (!now) state = "no longer a yearly/monthly resource: refresh removed its Subscription from the stack";
        else state = `now ${now.status}, paid until ${day(now.expireTime)}`;
        if (story.length === 0 && now && now.expireTime === s.expireTime && now.status === s.status) continue;
        say(`  ${name.padEnd(16)} ${[...story, state].join("; ")}`);
    }
    const unchanged = [...afterUp.keys()].filter((name) => {
        const now = afterRefresh.get(name);
        const s = afterUp.get(name)!;
        return now && now.expireTime === s.expireTime && now.status === s.status && !events.some((e) => e.resourceId === s.resourceId);
    });
    if (unchanged.length > 0) say(`  unchanged: ${unchanged.join(", ")}`);

    // 5. Money.
    const startCash = (scenario.accounts as Bag[])[0]?.cash;
    const endCash = emulator.accounts[0]?.cashBalance;
    if (startCash !== undefined && endCash !== undefined) {
        const renewalCash = (emulator.orders as Bag[]).filter((o) => o.orderType === 2 && o.status === 5).reduce((sum, o) => sum + (o.payment?.cash ?? 0), 0);
        const other = Number(startCash) - Number(endCash) - renewalCash;
        say();
        say(
            `Cash balance: ${money(startCash)} -> ${money(endCash)} ${currency} (renewals ${money(renewalCash)}` +
                (other > 0.005 ? `, pay-per-use usage ${money(other)})` : ")") +
                ".",
        );
    }
    return lines.join("\n");
}

if (require.main === module) {
    const dir = process.argv[2];
    if (!dir) {
        process.stderr.write("usage: node report.js <directory written by scripts/quickstart.sh>\n");
        process.exit(2);
    }
    process.stdout.write(report(dir) + "\n");
}
