/**
 * The same package against Huawei Cloud itself. By default this program only READS (balances and
 * the yearly/monthly resources expiring soon): no resource, no order, nothing changes.
 *
 * It manages one subscription only when you name it (config `bss-real-cloud:resourceId`), and even
 * then it buys nothing unless you also set `renewUntil` together with a `maxRenewalCost` cap.
 * Destroying the stack never unsubscribes anything here (onDelete is fixed to "retain").
 * Read README.md in this folder before pointing it at an account: renewals cost real money.
 *
 * Credentials: stack config `huaweicloud-bss:accessKey` and `huaweicloud-bss:secretKey` (set it with
 * --secret), `huaweicloud-bss:domainId`, `huaweicloud-bss:site` (cn | intl | eu); or the environment
 * variables HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_DOMAIN_ID, HUAWEICLOUD_BSS_SITE.
 */
import * as pulumi from "@pulumi/pulumi";
import { bss } from "../shared/bss";

const DAY_MS = 86_400_000;
const config = new pulumi.Config();
const windowDays = config.getNumber("expiringWithinDays", { min: 1, max: 366 }) ?? 30;

// Read-only: what the account holds and what lapses soon.
const now = new Date();
const wire = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export const balance = bss.getAccountBalancesOutput({}).apply((b) => ({ cash: b.cashBalance, debt: b.debtAmount, currency: b.currency }));

export const expiringSoon = bss
    .getSubscribedResourcesOutput({
        onlyMainResources: true,
        statuses: ["active", "expired"],
        expireTimeBegin: wire(now),
        expireTimeEnd: wire(new Date(now.getTime() + windowDays * DAY_MS)),
    })
    .apply((r) =>
        r.resources.map((x) => ({
            resourceId: x.resourceId,
            name: x.resourceName,
            service: x.serviceTypeCode,
            region: x.regionCode,
            expireTime: x.expireTime,
            expirePolicy: x.expirePolicy,
        })),
    );

// Opt-in: one subscription, named by you.
export const managed = manage(config.get("resourceId"));

function manage(resourceId: string | undefined) {
    if (!resourceId) return undefined;
    const onExpiry = config.get("onExpiry") as "renew" | "payPerUse" | "release" | undefined;
    const renewUntil = config.get("renewUntil");
    // Buying a renewal needs an explicit cap: the provider refuses (at preview) a renewal above it.
    const maxRenewalCost = config.get("maxRenewalCost");
    if (renewUntil && !maxRenewalCost) {
        throw new Error(
            "bss-real-cloud:renewUntil buys renewal orders, so it needs a cap: set bss-real-cloud:maxRenewalCost " +
                "(the most one renewal may cost, in the account currency), e.g. `pulumi config set maxRenewalCost 500`.",
        );
    }
    const subscription = new bss.Subscription("managed", {
        resourceId,
        ...(onExpiry ? { onExpiry } : {}),
        ...(renewUntil ? { renewUntil, maxRenewalCost } : {}),
        onDelete: "retain",
    });
    subscription.plannedRenewal.apply((plan) => {
        if (plan) pulumi.log.warn(`${resourceId}: \`pulumi up\` will BUY a renewal to ${plan.until.slice(0, 10)} for ${plan.amount ?? "an unknown price"} ${plan.currency ?? ""}`.trimEnd(), subscription);
    });
    return {
        resourceId: subscription.resourceId,
        resourceName: subscription.resourceName,
        expireTime: subscription.expireTime,
        expirePolicy: subscription.expirePolicyName,
        status: subscription.status,
        orders: subscription.orders,
    };
}
