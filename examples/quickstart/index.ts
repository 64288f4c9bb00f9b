/**
 * The quickstart: how one team keeps the yearly/monthly resources of its account, written down once.
 *
 * The account (examples/quickstart/scenario.json, served by the local emulator) holds web servers
 * with disks and EIPs, databases, a shared bandwidth and a cache in two regions. This program says
 * for each resource what must happen when it expires, keeps the orders database paid until a date
 * (the preview shows what that renewal costs), and reports last month's bill and the price of
 * renewing the web tier as stack outputs.
 *
 * Config (namespace `bss-quickstart`):
 *   unsafeDatabase  true: make the orders database lapse at expiry and be unsubscribed on destroy,
 *                   the change the policy pack must stop.
 *   billMonth       YYYY-MM of the bill summary; default: the month before today.
 * Credentials and endpoint: `huaweicloud-bss:endpoint`, `:accessKey`, `:secretKey`, `:domainId`.
 */
import * as pulumi from "@pulumi/pulumi";
import { bss } from "../shared/bss";

const config = new pulumi.Config();
const unsafeDatabase = config.getBoolean("unsafeDatabase") ?? false;
const billMonth = config.get("billMonth") ?? previousMonth(new Date());

/** BSS resource ids of the account's yearly/monthly resources (Billing Center > Renewals shows them). */
const ids = {
    webProd01: "8c1f2a10-5b6e-4d7a-9c3b-000000000101",
    webProd02: "8c1f2a10-5b6e-4d7a-9c3b-000000000102",
    dbProdOrders: "8c1f2a10-5b6e-4d7a-9c3b-000000000201",
    bwProdShared: "8c1f2a10-5b6e-4d7a-9c3b-000000000301",
    cacheProd01: "8c1f2a10-5b6e-4d7a-9c3b-000000000401",
    stagingWeb01: "8c1f2a10-5b6e-4d7a-9c3b-000000000601",
    stagingDb01: "8c1f2a10-5b6e-4d7a-9c3b-000000000602",
    batchWorker01: "8c1f2a10-5b6e-4d7a-9c3b-000000000701",
    batchWorker02: "8c1f2a10-5b6e-4d7a-9c3b-000000000702",
};

// Account-wide settings: enterprise projects on, auto-renew charged 5 days before expiry.
new bss.EnterpriseProjectManagement("enterprise-projects");
new bss.AutoRenewConfig("renew-config", { deductionDaysBeforeExpiry: 5 });

const subscriptions: Record<string, InstanceType<typeof bss.Subscription>> = {
    // Production keeps running: auto-renew at expiry (attached disks, EIP and bandwidth renew with the server).
    "web-prod-01": new bss.Subscription("web-prod-01", { resourceId: ids.webProd01, onExpiry: "renew" }),
    "web-prod-02": new bss.Subscription("web-prod-02", { resourceId: ids.webProd02, onExpiry: "renew" }),
    "bw-prod-shared": new bss.Subscription("bw-prod-shared", { resourceId: ids.bwProdShared, onExpiry: "renew" }),
    "cache-prod-01": new bss.Subscription("cache-prod-01", { resourceId: ids.cacheProd01, onExpiry: "renew" }),

    // The orders database is paid until the end of the fiscal half-year now, in one order, paid with
    // the database coupon; the preview shows the price, and no renewal may cost more than 6000.
    "db-prod-orders": new bss.Subscription(
        "db-prod-orders",
        unsafeDatabase
            ? { resourceId: ids.dbProdOrders, onExpiry: "release", onDelete: "unsubscribe" }
            : {
                  resourceId: ids.dbProdOrders,
                  onExpiry: "renew",
                  renewUntil: "2027-06-30",
                  maxRenewalCost: "6000",
                  payment: { couponIds: ["CP-QS-RDS-500"] },
              },
    ),

    // Batch workers and the staging database go on running billed by use after expiry.
    "batch-worker-01": new bss.Subscription("batch-worker-01", { resourceId: ids.batchWorker01, onExpiry: "payPerUse" }),
    "batch-worker-02": new bss.Subscription("batch-worker-02", { resourceId: ids.batchWorker02, onExpiry: "payPerUse" }),
    "staging-db-01": new bss.Subscription("staging-db-01", { resourceId: ids.stagingDb01, onExpiry: "payPerUse" }),

    // The old staging server is let go: it expires, is frozen after the grace period, then released.
    // Destroying the stack unsubscribes it at once (allowed for staging-* by the policy config).
    "staging-web-01": new bss.Subscription("staging-web-01", { resourceId: ids.stagingWeb01, onExpiry: "release", onDelete: "unsubscribe" }),
};

// At preview, say what each planned renewal costs (the provider priced it with BSS; nothing is bought yet).
for (const [name, subscription] of Object.entries(subscriptions)) {
    subscription.plannedRenewal.apply((plan) => {
        if (!plan) return;
        pulumi.log.info(
            `${name}: renewal planned from ${plan.from.slice(0, 10)} to ${plan.until.slice(0, 10)} ` +
                `(${plan.orders.map((o) => `${o.periods} ${o.periodType}${o.periods > 1 ? "s" : ""}`).join(" + ")}) ` +
                `for ${plan.amount ?? "an unknown price"} ${plan.currency ?? ""}`.trimEnd(),
            subscription,
        );
    });
}

/** What each subscription looks like in BSS after this update. */
export const resources = Object.fromEntries(
    Object.entries(subscriptions).map(([name, s]) => [
        name,
        pulumi
            .output({
                resourceId: s.resourceId,
                status: s.status,
                expireTime: s.expireTime,
                onExpiry: s.onExpiry,
                expirePolicy: s.expirePolicyName,
                region: s.region,
                subResources: s.subResources,
                orders: s.orders,
                plannedRenewal: s.plannedRenewal,
            })
            .apply((o) => ({
                resourceId: o.resourceId,
                status: o.status,
                expireTime: o.expireTime,
                onExpiry: o.onExpiry ?? null,
                expirePolicy: o.expirePolicy,
                region: o.region,
                attachedResources: o.subResources?.length ?? 0,
                orders: o.orders ?? [],
                plannedRenewal: o.plannedRenewal ?? null,
            })),
    ]),
);

/** What renewing the production web tier for one month would cost today (list price and best offer). */
export const webTierRenewalPrice = bss
    .getRenewalPriceOutput({ resourceIds: [ids.webProd01, ids.webProd02], periodType: "month", periods: 1 })
    .apply((quote) => ({
        currency: quote.currency,
        listPrice: quote.officialAmount,
        youPay: quote.amount,
        perResource: Object.fromEntries(quote.resources.map((r) => [r.resourceId, r.amount])),
    }));

/** Last month's bill: the total and what each service cost. */
export const billSummary = bss.getMonthlyBillSummaryOutput({ month: billMonth }).apply((summary) => {
    const byService: Record<string, string> = {};
    for (const row of summary.rows) {
        const service = row.serviceTypeName ?? row.serviceTypeCode ?? "unknown";
        byService[service] = bss.Decimal.from(byService[service] ?? "0").plus(row.consumeAmount ?? "0").toString();
    }
    return { month: summary.month, currency: summary.currency, total: summary.totals.consumeAmount, byService };
});

/** Cash left in the account. */
export const cashBalance = bss.getAccountBalancesOutput({}).apply((b) => `${b.cashBalance} ${b.currency}`);

function previousMonth(today: Date): string {
    const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
    return first.toISOString().slice(0, 7);
}
