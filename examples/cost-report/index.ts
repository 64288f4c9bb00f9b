/**
 * A cost report from data sources only (no resource, nothing changes in the account):
 *   - what each service cost in each of the last months (ListCosts),
 *   - the most expensive resources over those months (resource bills, summed without holding them),
 *   - what expires soon and what renewing it for one month costs today (renewal quotes).
 * Everything is exported as stack outputs and printed as tables in the run's diagnostics.
 *
 * Config (namespace `bss-cost-report`):
 *   months       how many whole months back (default 6, at most 12)
 *   top          how many resources in the most-expensive list (default 10)
 *   expiryDays   the window for upcoming expiries (default 60)
 *   asOf         report as of this date YYYY-MM-DD (default: today)
 */
import * as pulumi from "@pulumi/pulumi";
import { bss } from "../shared/bss";

const DAY_MS = 86_400_000;

export = async () => {
    const config = new pulumi.Config();
    const months = config.getNumber("months", { min: 1, max: 12 }) ?? 6;
    const top = config.getNumber("top", { min: 1, max: 100 }) ?? 10;
    const expiryDays = config.getNumber("expiryDays", { min: 1, max: 366 }) ?? 60;
    const asOf = config.get("asOf", { pattern: /^\d{4}-\d{2}-\d{2}$/ });
    const today = asOf ? new Date(`${asOf}T00:00:00Z`) : new Date();
    const monthList = lastMonths(today, months);
    const D = bss.Decimal;

    // 1. Cost per service and month (services by their abbreviation from the catalogue, e.g. ECS).
    const costs = await bss.getCosts({ granularity: "month", from: monthList[0], to: monthList[monthList.length - 1], groupBy: ["CLOUD_SERVICE_TYPE"] });
    const catalogue = await bss.getServiceTypes({ language: "en_US" });
    const serviceName = new Map(catalogue.serviceTypes.map((t) => [t.serviceTypeCode, t.abbreviation ?? t.serviceTypeName ?? t.serviceTypeCode]));
    const byService: Record<string, Record<string, string>> = {};
    const monthTotals: Record<string, string> = Object.fromEntries(monthList.map((m) => [m, "0"]));
    for (const row of costs.rows) {
        const code = row.dimensions.CLOUD_SERVICE_TYPE ?? "unknown";
        const service = serviceName.get(code) ?? code;
        const perMonth: Record<string, string> = {};
        for (const c of row.costs) {
            perMonth[c.period] = c.amount;
            monthTotals[c.period] = D.from(monthTotals[c.period] ?? "0").plus(c.amount).toString();
        }
        byService[service] = perMonth;
    }

    // 2. The most expensive resources over the same months.
    const perResource = new Map<string, { name: string; service: string; amount: ReturnType<typeof bss.Decimal.from> }>();
    for (const month of monthList) {
        const bills = await bss.aggregateResourceBills({ month, groupBy: "resource" });
        for (const group of bills.groups) {
            const entry = perResource.get(group.key) ?? { name: group.name ?? group.key, service: "", amount: D.from("0") };
            entry.amount = entry.amount.plus(group.consumeAmount);
            perResource.set(group.key, entry);
        }
    }
    const mostExpensive = [...perResource.entries()]
        .sort((a, b) => b[1].amount.compare(a[1].amount))
        .slice(0, top)
        .map(([resourceId, e]) => ({ resourceId, name: e.name, amount: e.amount.toString() }));

    // 3. What expires within the window, and the price of one more month.
    const expiring = await bss.getSubscribedResources({
        onlyMainResources: true,
        statuses: ["active", "expired"],
        expireTimeBegin: wireTime(today),
        expireTimeEnd: wireTime(new Date(today.getTime() + expiryDays * DAY_MS)),
    });
    const ids = expiring.resources.map((r) => r.resourceId!).filter(Boolean);
    const quote = ids.length > 0 ? await bss.getRenewalPrice({ resourceIds: ids, periodType: "month", periods: 1, allowFailures: true }) : undefined;
    const priceOf = new Map((quote?.resources ?? []).map((r) => [r.resourceId, r.amount]));
    const upcomingExpiries = expiring.resources
        .slice()
        .sort((a, b) => (a.expireTime ?? "").localeCompare(b.expireTime ?? ""))
        .map((r) => ({
            resourceId: r.resourceId!,
            name: r.resourceName ?? r.resourceId!,
            region: r.regionCode ?? null,
            expireTime: r.expireTime ?? null,
            atExpiry: AT_EXPIRY[r.expirePolicy ?? -1] ?? "unknown",
            oneMonthRenewal: priceOf.get(r.resourceId!) ?? null,
        }));

    const currency = costs.currency;
    pulumi.log.info(
        [
            `Cost by service, ${monthList[0]} to ${monthList[monthList.length - 1]} (${currency}):`,
            table(["service", ...monthList], [
                ...Object.entries(byService).map(([service, perMonth]) => [service, ...monthList.map((m) => money(perMonth[m] ?? "0"))]),
                ["total", ...monthList.map((m) => money(monthTotals[m]))],
            ]),
            "",
            `The ${mostExpensive.length} most expensive resources over those months (${currency}):`,
            table(["resource", "id", "amount"], mostExpensive.map((r) => [r.name, r.resourceId, money(r.amount)])),
            "",
            `Expiring within ${expiryDays} days of ${wireTime(today).slice(0, 10)}, and one more month (${currency}):`,
            table(["resource", "expires", "at expiry", "1-month renewal"], upcomingExpiries.map((r) => [r.name, (r.expireTime ?? "?").slice(0, 10), r.atExpiry, r.oneMonthRenewal ? money(r.oneMonthRenewal) : "-"])),
        ].join("\n"),
    );

    return {
        currency,
        months: monthList,
        costByService: byService,
        costByMonth: monthTotals,
        mostExpensive,
        upcomingExpiries,
        renewAllForOneMonth: quote ? { listPrice: quote.officialAmount, youPay: quote.amount, notQuoted: quote.failures.map((f) => f.resourceId) } : null,
    };
};

const AT_EXPIRY: Readonly<Record<number, string>> = { 0: "grace, then freeze", 1: "pay-per-use", 2: "delete", 3: "auto-renew", 4: "freeze", 5: "delete" };

/** The `count` whole months before `today`'s month, oldest first (YYYY-MM, UTC). */
function lastMonths(today: Date, count: number): string[] {
    const out: string[] = [];
    for (let i = count; i >= 1; i--) out.push(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
    return out;
}

function wireTime(date: Date): string {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function money(amount: string): string {
    return bss.Decimal.from(amount).toFixed(2);
}

function table(header: string[], rows: string[][]): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
