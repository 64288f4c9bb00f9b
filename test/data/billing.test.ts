/**
 * Bills, costs, packages, 95th percentile, catalogue, prices and enterprise funds, read through the
 * data sources from the emulator, and checked against each other and against the emulator's ledger.
 */
import * as assert from "node:assert/strict";
import { DEFAULT_ACCESS_KEY, DEFAULT_DOMAIN_ID, DEFAULT_SECRET_KEY } from "../../emulator";
import { generateUsageSamples } from "../../emulator/billing/scenario";
import { percentile95 } from "../../emulator/billing/percentile";
import { billingState } from "../../emulator/billing/state";
import * as data from "../../sdk/data";
import { Decimal } from "../../sdk/data";
import { startTestEmulator, TestEmulator } from "./emulator-support";

const MONTH = "2026-03";
const MASTER = { id: "master0domain00000000000000001", accessKey: "MASTERAK000000000001", secretKey: "master-secret-not-secret-00000000001" };

describe("data: bills and billing data against the emulator", function () {
    this.timeout(60_000);
    let t: TestEmulator;
    let opts: data.DataSourceOptions;

    before(async () => {
        t = await startTestEmulator({
            site: "cn",
            now: "2026-02-25T00:00:00Z",
            scenario: {
                accounts: [
                    { id: DEFAULT_DOMAIN_ID, name: "emulator-account", credentials: [{ accessKey: DEFAULT_ACCESS_KEY, secretKey: DEFAULT_SECRET_KEY }] },
                    { id: MASTER.id, name: "corp-master", master: true, cash: 5000.55, credentials: [{ accessKey: MASTER.accessKey, secretKey: MASTER.secretKey }] },
                    { id: "member0000000000000000000000001", name: "team-alpha", displayName: "Team Alpha", masterAccountId: MASTER.id, cash: 0 },
                    { id: "member0000000000000000000000002", name: "team-beta", displayName: "Team Beta", masterAccountId: MASTER.id, cash: 0 },
                ],
                resources: [
                    { kind: "ecs", name: "payg-vm", billingMode: "onDemand", effectiveTime: "2026-02-25T00:00:00Z" },
                    { kind: "evs", name: "payg-disk", billingMode: "onDemand", specSize: 77, effectiveTime: "2026-02-25T00:00:00Z" },
                    { kind: "bandwidth", name: "payg-bw", billingMode: "onDemand", specSize: 3, effectiveTime: "2026-02-25T00:00:00Z" },
                    { kind: "rds", name: "db-yearly", periodType: "year", periodNum: 1, effectiveTime: "2026-03-10T04:00:00Z" },
                    { kind: "evs", name: "disk-monthly", specSize: 100, periodType: "month", periodNum: 3, effectiveTime: "2026-03-20T04:00:00Z" },
                ],
                freeResourcePackages: [
                    { productName: "ECS hours", serviceTypeCode: "hws.service.type.ec2", resourceTypeCode: "hws.resource.type.vm", amount: 100, measureId: 4, effectiveTime: "2026-02-25T00:00:00Z", expireTime: "2026-12-31T00:00:00Z" },
                ],
            },
        });
        opts = { client: t.client };
        generateUsageSamples(
            t.emulator.world,
            { customerId: DEFAULT_DOMAIN_ID, resourceId: "cdn-0001", serviceTypeCode: "hws.service.type.cdn", resourceTypeCode: "hws.resource.type.cdn", usageType: "95Peak" },
            "2026-02-28T16:00:00Z",
            "2026-03-31T16:00:00Z",
            20,
            180,
        );
        t.emulator.advanceClock("P39DT13H"); // 2026-04-05T13:00Z: March is billed and its 95th percentile published
    });

    after(async () => {
        await t?.close();
    });

    it("the summary equals the sum of transactions, and resource bills exceed it by exactly the erased cents", async () => {
        const summary = await data.getMonthlyBillSummary({ month: MONTH }, opts);
        const transactions = await data.getTransactionRecords({ month: MONTH }, opts);
        const reconciliation = await data.getBillReconciliation({ month: MONTH }, opts);
        assert.equal(summary.currency, "CNY");
        assert.equal(summary.totals.consumeAmount, transactions.consumeAmount);
        assert.equal(reconciliation.summaryMatchesTransactions, true);
        assert.ok(Decimal.from(transactions.eraseAmount).compare(0) > 0, "pay-per-use usage leaves sub-cent residues");
        assert.equal(Decimal.from(reconciliation.resourceConsumeAmount).minus(summary.totals.consumeAmount).toString(), transactions.eraseAmount);
        // Summary rows add up to the top-level total (refunds and adjustments included).
        assert.equal(Decimal.sum(summary.rows.map((r) => r.consumeAmount ?? "0")).toString(), summary.totals.consumeAmount);
        // Each transaction: official = discount + erased + consumed.
        for (const r of transactions.records) {
            assert.equal(
                Decimal.from(r.officialDiscountAmount ?? "0").plus(r.eraseAmount ?? "0").plus(r.consumeAmount ?? "0").toString(),
                r.officialAmount,
            );
        }
    });

    it("streams resource bills into per-service sums that match the emulator's ledger exactly, at every granularity", async () => {
        const ledgerTotal = Decimal.sum(t.emulator.world.ledgerOf(DEFAULT_DOMAIN_ID, MONTH).map((line) => String(line.amount)));
        const totals = new Set<string>();
        for (const granularity of ["month", "day", "detail"] as const) {
            const aggregate = await data.aggregateResourceBills({ month: MONTH, groupBy: "service", granularity }, opts);
            totals.add(aggregate.totals.consumeAmount);
            assert.equal(Decimal.sum(aggregate.groups.map((g) => g.consumeAmount)).toString(), aggregate.totals.consumeAmount);
            assert.equal(aggregate.groups.reduce((n, g) => n + g.recordCount, 0), aggregate.recordCount);
        }
        assert.deepEqual([...totals], [ledgerTotal.toString()]);
        const byService = await data.aggregateResourceBills({ month: MONTH, groupBy: "service", top: 1 }, opts);
        assert.equal(byService.groups.length, 1);
        assert.ok(byService.groupCount >= 3);
        const biggest = byService.groups[0];
        const oneService = await data.getResourceBills({ month: MONTH, serviceType: biggest.key }, opts);
        assert.equal(oneService.consumeAmount, biggest.consumeAmount);
        const byDay = await data.aggregateResourceBills({ month: MONTH, groupBy: "day" }, opts);
        assert.equal(byDay.granularity, "day");
        assert.ok(byDay.groups.every((g) => g.key.startsWith(MONTH)));
        assert.equal(byDay.totals.consumeAmount, ledgerTotal.toString());
    });

    it("streams every charge line to a script, one page at a time, with exact amounts", async () => {
        const all = await data.getResourceBills({ month: MONTH, granularity: "detail", limit: 0 }, opts);
        let count = 0;
        let total = Decimal.ZERO;
        for await (const bill of data.streamResourceBills(t.client, { month: MONTH, granularity: "detail" })) {
            count += 1;
            total = total.plus(bill.consumeAmount ?? "0");
        }
        assert.equal(count, all.totalCount);
        assert.equal(total.toString(), Decimal.sum(t.emulator.world.ledgerOf(DEFAULT_DOMAIN_ID, MONTH).map((l) => String(l.amount))).toString());
    });

    it("bounds record lists and says when they are cut", async () => {
        const all = await data.getResourceBills({ month: MONTH, granularity: "detail" }, opts);
        assert.ok(all.totalCount > 50);
        assert.equal(all.records.length, all.totalCount);
        assert.equal(all.truncated, false);
        const few = await data.getResourceBills({ month: MONTH, granularity: "detail", limit: 5 }, opts);
        assert.equal(few.records.length, 5);
        assert.equal(few.totalCount, all.totalCount);
        assert.equal(few.truncated, true);
        assert.deepEqual(few.records, all.records.slice(0, 5));
        const days = await data.getResourceBills({ month: MONTH, granularity: "day", dateRange: { begin: "2026-03-05", end: "2026-03-06" } }, opts);
        assert.ok(days.records.length > 0);
        assert.ok(days.records.every((r) => r.billDate === "2026-03-05" || r.billDate === "2026-03-06"));
        await assert.rejects(data.getResourceBills({ month: MONTH, dateRange: { begin: "2026-03-05", end: "2026-03-06" } }, opts), data.DataSourceArgumentError);
    });

    it("expenditure records and the legacy v1.0 records total what the resource bills say, per billing mode", async () => {
        for (const [chargeMode, payMethod] of [
            ["payPerUse", "payPerUse"],
            ["yearlyMonthly", "yearlyMonthly"],
        ] as const) {
            const bills = await data.getResourceBills({ month: MONTH, chargeMode }, opts);
            const spend = await data.getResourceExpenditures({ month: MONTH, chargeMode }, opts);
            const legacy = await data.getLegacyResourceRecords({ month: MONTH, payMethod }, opts);
            assert.ok(Decimal.from(bills.consumeAmount).compare(0) > 0, chargeMode);
            assert.equal(spend.amount, bills.consumeAmount, chargeMode);
            assert.equal(legacy.consumeAmount, bills.consumeAmount, chargeMode);
            assert.ok(spend.records.every((r) => r.chargeMode === (chargeMode === "payPerUse" ? 3 : 1)));
        }
        const payg = await data.getResourceExpenditures({ month: MONTH, chargeMode: "payPerUse", limit: 1 }, opts);
        const line = payg.records[0];
        assert.equal(typeof line.usage, "string");
        assert.equal(Decimal.from(line.amount ?? "0").minus(line.couponAmount ?? "0").compare(0) >= 0, true);
    });

    it("cost data: the month's original payable cost equals the summary; days add up to the month; filters exclude", async () => {
        const summary = await data.getMonthlyBillSummary({ month: MONTH }, opts);
        const month = await data.getCosts({ granularity: "month", from: MONTH, to: MONTH }, opts);
        assert.equal(month.amount, summary.totals.consumeAmount);
        const byServiceDaily = await data.getCosts({ granularity: "day", from: "2026-03-01", to: "2026-03-31", groupBy: ["CLOUD_SERVICE_TYPE"] }, opts);
        assert.equal(byServiceDaily.amount, month.amount);
        for (const row of byServiceDaily.rows) {
            assert.ok(row.dimensions.CLOUD_SERVICE_TYPE);
            assert.equal(Decimal.sum(row.costs.map((c) => c.amount)).toString(), row.amount);
        }
        const ecs = byServiceDaily.rows.find((r) => r.dimensions.CLOUD_SERVICE_TYPE === "hws.service.type.ec2");
        assert.ok(ecs);
        const withoutEcs = await data.getCosts(
            { granularity: "month", from: MONTH, to: MONTH, filters: [{ key: "CLOUD_SERVICE_TYPE", values: ["hws.service.type.ec2"], exclude: true }] },
            opts,
        );
        assert.equal(Decimal.from(withoutEcs.amount).plus(ecs.amount).toString(), month.amount);
        await assert.rejects(data.getCosts({ granularity: "month", from: "2026-03-01", to: MONTH }, opts), /must be YYYY-MM/);
    });

    it("amortised costs split each prepaid charge into past, current and future months", async () => {
        const amortized = await data.getAmortizedCosts({ month: MONTH }, opts);
        assert.ok(amortized.records.length > 0);
        for (const r of amortized.records) {
            assert.equal(
                Decimal.from(r.pastMonthsAmortizedAmount ?? "0").plus(r.currentMonthAmortizedAmount ?? "0").plus(r.futureMonthsAmortizedAmount ?? "0").toString(),
                r.consumeAmount,
            );
        }
        const yearly = amortized.records.find((r) => r.chargingMode === 1 && Decimal.from(r.futureMonthsAmortizedAmount ?? "0").compare(0) > 0);
        assert.ok(yearly, "a prepaid purchase in March leaves most of its cost to future months");
        const amortizedCost = await data.getCosts({ granularity: "month", from: MONTH, to: MONTH, costType: "amortized" }, opts);
        assert.equal(amortizedCost.amount, amortized.currentMonthAmortizedAmount);
    });

    it("resource packages: remaining quota, usage and deduction records agree", async () => {
        const { packages } = await data.getResourcePackages({}, opts);
        assert.equal(packages.length, 1);
        const quota = packages[0].freeResources?.[0];
        assert.ok(quota?.freeResourceId);
        assert.equal(quota.measureId, 4);
        const records = await data.getResourcePackageUsageRecords({ from: "2026-02-25", to: "2026-04-05", freeResourceId: quota.freeResourceId }, opts);
        assert.ok(records.records.length > 0);
        for (const r of records.records) assert.equal(Decimal.from(r.availableAmount ?? "0").minus(r.usedAmount ?? "0").toString(), r.remainingAmount);
        const used = Decimal.from(records.usedByMeasure["4"]);
        assert.equal(Decimal.from(quota.originalAmount ?? "0").minus(used).toString(), quota.amount);
        const usage = await data.getResourcePackageUsage({ freeResourceIds: [quota.freeResourceId] }, opts);
        assert.equal(usage.usages[0].usedAmount, used.toString());
        const expenditures = await data.getResourceExpenditures({ month: MONTH, serviceType: "hws.service.type.ec2", chargeMode: "payPerUse" }, opts);
        const coveredInMarch = Decimal.sum(expenditures.records.map((r) => r.freeResourceUsage ?? "0"));
        // A deduction covers the usage window [effectiveTime, expireTime); March in Beijing time starts at 2026-02-28T16:00Z.
        const inMarch = (r: data.PackageUsageRecord) => (r.effectiveTime ?? "") >= "2026-02-28T16:00:00Z" && (r.effectiveTime ?? "") < "2026-03-31T16:00:00Z";
        const deductedInMarch = Decimal.sum(records.records.filter(inMarch).map((r) => r.usedAmount ?? "0"));
        assert.ok(deductedInMarch.compare(0) > 0);
        assert.equal(coveredInMarch.toString(), deductedInMarch.toString());
    });

    it("95th percentile: the billed bandwidth is the 95th percentile of the samples", async () => {
        const target = { month: MONTH, serviceType: "hws.service.type.cdn", resourceType: "hws.resource.type.cdn", usageType: "95Peak" } as const;
        const summary = await data.getPercentileUsageSummary(target, opts);
        const row = summary.resources.find((r) => r.resourceId === "cdn-0001");
        assert.ok(row?.bandWidth);
        const details = await data.getPercentileUsageDetails({ ...target, resourceId: "cdn-0001" }, opts);
        assert.equal(details.samples.length, 31 * 288);
        assert.equal(details.totalCount, details.samples.length);
        assert.equal(details.truncated, false);
        const oracle = percentile95(details.samples.map((s) => s.usage ?? "0"));
        assert.equal(row.bandWidth, Decimal.from(oracle!).toString());
        assert.equal(details.bandWidth, row.bandWidth);
        assert.equal(details.actualDays, "31");
        const series = billingState(t.emulator.world).usageSamples[0];
        assert.deepEqual(details.samples.slice(0, 3).map((s) => s.usage), series.samples.slice(0, 3).map(([, v]) => Decimal.from(v).toString()));
    });

    it("catalogue: service, resource and usage types, measurement units and exact conversions", async () => {
        const services = await data.getServiceTypes({ language: "en_US" }, opts);
        const ecs = services.serviceTypes.find((s) => s.serviceTypeCode === "hws.service.type.ec2");
        assert.equal(ecs?.abbreviation, "ECS");
        assert.equal(services.totalCount, services.serviceTypes.length);
        const resources = await data.getServiceResources({ serviceType: "hws.service.type.ec2" }, opts);
        assert.ok(resources.resources.some((r) => r.resourceTypeCode === "hws.resource.type.vm"));
        const allTypes = await data.getResourceTypes({}, opts);
        const ebsTypes = await data.getResourceTypes({ serviceType: "hws.service.type.ebs" }, opts);
        assert.ok(ebsTypes.resourceTypes.length > 0 && ebsTypes.resourceTypes.length < allTypes.resourceTypes.length);
        assert.ok(ebsTypes.resourceTypes.every((r) => r.serviceTypeCode === "hws.service.type.ebs"));
        const usage = await data.getUsageTypes({ resourceType: "hws.resource.type.vm" }, opts);
        assert.ok(usage.usageTypes.length > 0);
        const { units } = await data.getMeasureUnits({}, opts);
        assert.ok(units.some((u) => u.measureId === 4));
        const table = await data.getMeasureConversions({}, opts);
        assert.equal(table.convert?.("2", 10, 11), "2048");
        assert.equal(table.convert?.("512", 11, 10), "0.5");
    });

    it("prices: pay-per-use and yearly/monthly ratings are exact and consistent with the bills' unit prices", async () => {
        const vm = t.emulator.world.catalogue().find((c) => c.resourceTypeCode === "hws.resource.type.vm" && c.hourlyPrice !== undefined);
        assert.ok(vm);
        const onDemand = await data.getOnDemandPrice(
            {
                projectId: "project-1",
                products: [
                    { id: "vm", serviceType: vm.serviceTypeCode, resourceType: vm.resourceTypeCode, resourceSpec: vm.resourceSpecCode, region: "cn-north-4", usageFactor: vm.usageType, usageValue: 730, usageMeasureId: 4, quantity: 3 },
                ],
            },
            opts,
        );
        assert.equal(onDemand.products[0].officialAmount, Decimal.from(vm.hourlyPrice!).times(730).times(3).round(6, "down").toString());
        assert.equal(Decimal.from(onDemand.officialAmount).minus(onDemand.discountAmount).toString(), onDemand.amount);
        const period = await data.getPeriodPrice(
            { projectId: "project-1", products: [{ serviceType: vm.serviceTypeCode, resourceType: vm.resourceTypeCode, resourceSpec: vm.resourceSpecCode, region: "cn-north-4", periodType: "month", periods: 2 }] },
            opts,
        );
        assert.equal(period.officialAmount, Decimal.from(vm.monthlyPrice).times(2).toString());
        assert.equal(period.amount, period.bestOffer?.amount ?? period.officialAmount);
    });

    it("enterprise master: members, allocatable and retrievable amounts, with the master's credentials", async () => {
        const master = { client: t.clientFor(MASTER.accessKey, MASTER.secretKey, MASTER.id) };
        const members = await data.getSubAccounts({}, master);
        assert.deepEqual(members.subAccounts.map((m) => m.name).sort(), ["team-alpha", "team-beta"]);
        const fuzzy = await data.getSubAccounts({ accountName: "alp", fuzzy: true }, master);
        assert.deepEqual(fuzzy.subAccounts.map((m) => m.displayName), ["Team Alpha"]);
        const transferable = await data.getTransferableAmounts({ balanceType: "cash" }, master);
        assert.equal(transferable.availableAmount, "5000.55");
        assert.equal(transferable.currency, "CNY");
        const retrievable = await data.getRetrievableAmounts({ subCustomerId: "member0000000000000000000000001" }, master);
        assert.equal(retrievable.availableAmount, "0");
        const coupons = await data.getTransferableCoupons({}, master);
        assert.equal(coupons.totalBalance, Decimal.sum(coupons.coupons.map((c) => c.balance ?? "0")).toString());
        // A customer that is not a master is refused by BSS (403 CBC.0151), not silently empty.
        await assert.rejects(data.getSubAccounts({}, opts), /CBC\.0151/);
    });
});

describe("data: invoices against the international emulator", function () {
    this.timeout(30_000);
    let t: TestEmulator;

    before(async () => {
        t = await startTestEmulator({ site: "intl", now: "2026-06-01T00:00:00Z", demo: false });
        const { addInvoice } = await import("../../emulator/billing/scenario");
        for (let i = 0; i < 150; i++) {
            const day = String(1 + (i % 28)).padStart(2, "0");
            // Amounts as the wire would carry them: two-decimal JSON numbers (0.1, 0.11, ... 1.59).
            addInvoice(t.emulator.world, { accountId: DEFAULT_DOMAIN_ID, applyTime: `2026-05-${day}T10:00:00Z`, invoiceAmount: Number(`${Math.floor((10 + i) / 100)}.${String((10 + i) % 100).padStart(2, "0")}`), billCycle: "2026-04" });
        }
    });

    after(async () => {
        await t?.close();
    });

    it("pages by 1-based page numbers, bounds the list, and sums the amounts exactly in USD", async () => {
        const opts = { client: t.client };
        const all = await data.getInvoices({ from: "2026-05-01T00:00:00Z", to: "2026-05-31T23:59:59Z" }, opts);
        assert.equal(all.invoices.length, 150);
        assert.equal(all.totalCount, 150);
        assert.equal(all.currency, "USD");
        const expected = Decimal.sum(Array.from({ length: 150 }, (_, i) => Decimal.from("0.1").plus(Decimal.from(i).dividedBy(100, 2))));
        assert.equal(all.invoiceAmount, expected.toString());
        assert.equal(new Set(all.invoices.map((i) => i.requestId)).size, 150);
        const some = await data.getInvoices({ from: "2026-05-01T00:00:00Z", to: "2026-05-31T23:59:59Z", limit: 120 }, opts);
        assert.equal(some.invoices.length, 120);
        assert.equal(some.truncated, true);
        const calls = t.emulator.calls() as unknown as Record<string, unknown>;
        assert.ok(JSON.stringify(calls).includes("ListInvoices"));
    });
});
