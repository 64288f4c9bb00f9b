/**
 * Every data source called from a real Pulumi program (plain JS, the package from node_modules) run
 * by the real CLI through the Automation API, against two emulators (Chinese and international
 * sites). The client comes from the stack config `huaweicloud-bss:*` (secret key as a secret), or
 * from explicit options for the enterprise master and the international site. The stack outputs
 * must equal the same data sources called directly, and the bills must reconcile with the ledger.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { Stack } from "@pulumi/pulumi/automation";
import { BssClient, createBssClient, resolveClientOptions } from "../../../provider/bss";
import { DEFAULT_ACCESS_KEY, DEFAULT_DOMAIN_ID, DEFAULT_SECRET_KEY, RunningEmulator, startEmulator } from "../../../emulator";
import { addInvoice, generateUsageSamples } from "../../../emulator/billing/scenario";
import { beijingMonth } from "../../../emulator/time";
import * as data from "../../../sdk/data";
import { Decimal } from "../../../sdk/data";
import { REPO_ROOT, openStack, removeStack, uniqueStackName } from "../harness";

const PROGRAM = path.join(REPO_ROOT, "test/e2e/data/program");
const PROJECT = "data-sources-e2e";
const MASTER = { id: "master0domain00000000000000001", accessKey: "MASTERAK000000000001", secretKey: "master-secret-not-secret-00000000001" };
const MEMBER = "member0000000000000000000000001";
const DAY = 86_400_000;

function iso(ms: number): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

describe("data sources through a real Pulumi program", function () {
    this.timeout(600_000);
    let cn: RunningEmulator;
    let intl: RunningEmulator;
    let client: BssClient;
    let masterClient: BssClient;
    let intlClient: BssClient;
    let stack: Stack;
    let month: string;
    let previousMonth: string;
    const config: Record<string, string> = {};

    before(async () => {
        const now = Date.now();
        // The program signs with the machine's time, which the emulator checks against its clock. The
        // Chinese-site emulator starts 3 days back, so that pay-per-use usage accrues, then catches up
        // with real time (its clock flows from there).
        cn = await startEmulator({
            port: 0,
            host: "127.0.0.1",
            site: "cn",
            now: iso(now - 3 * DAY),
            scenario: {
                accounts: [
                    {
                        id: DEFAULT_DOMAIN_ID,
                        name: "emulator-account",
                        credentials: [{ accessKey: DEFAULT_ACCESS_KEY, secretKey: DEFAULT_SECRET_KEY }],
                        discounts: [{ discountId: "biz-10", discountType: 2, ratio: 0.9, name: "business 10%" }],
                    },
                    { id: MASTER.id, name: "corp-master", master: true, cash: 777.77, credentials: [{ accessKey: MASTER.accessKey, secretKey: MASTER.secretKey }] },
                    { id: MEMBER, name: "team-alpha", masterAccountId: MASTER.id, cash: 0 },
                ],
                coupons: [{ faceValue: 40, balance: 12.34 }],
                resources: [
                    { resourceId: "e2e-db-0001", kind: "rds", name: "db", periodType: "year", periodNum: 1, effectiveTime: iso(now - 20 * DAY) },
                    { resourceId: "e2e-disk-0001", kind: "evs", name: "disk", specSize: 200, periodType: "month", periodNum: 3, effectiveTime: iso(now - 5 * DAY) },
                    { resourceId: "e2e-vm-0002", kind: "ecs", name: "batch", periodType: "month", periodNum: 2, effectiveTime: iso(now - 2 * DAY) },
                    { resourceId: "e2e-payg-0001", kind: "ecs", name: "payg", billingMode: "onDemand", effectiveTime: iso(now - 3 * DAY) },
                    { resourceId: "e2e-payg-0002", kind: "evs", name: "payg-disk", specSize: 33, billingMode: "onDemand", effectiveTime: iso(now - 3 * DAY) },
                ],
                freeResourcePackages: [
                    { productName: "ECS hours", serviceTypeCode: "hws.service.type.ec2", resourceTypeCode: "hws.resource.type.vm", amount: 30, measureId: 4, effectiveTime: iso(now - 4 * DAY), expireTime: iso(now + 300 * DAY) },
                ],
            },
        });
        cn.advanceClock("P3D");
        cn.addResource({ resourceId: "e2e-vm-0001", kind: "ecs", name: "web", periodType: "month", periodNum: 1, effectiveTime: cn.nowIso() });
        intl = await startEmulator({ port: 0, host: "127.0.0.1", site: "intl", demo: false });
        const clientOf = (emulator: RunningEmulator, accessKey: string, secretKey: string, domainId: string) =>
            createBssClient(resolveClientOptions({ options: { accessKey, secretKey, domainId, endpoint: emulator.url, site: emulator.site } }));
        client = clientOf(cn, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_DOMAIN_ID);
        masterClient = clientOf(cn, MASTER.accessKey, MASTER.secretKey, MASTER.id);
        intlClient = clientOf(intl, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_DOMAIN_ID);

        // The month of the newest purchase (its ledger line), and the one before.
        const lines = cn.world.ledgerOf(DEFAULT_DOMAIN_ID);
        month = lines[lines.length - 1].billCycle;
        const [y, m] = month.split("-").map(Number);
        previousMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;

        const pending = await client.renewalResources({ resource_ids: ["e2e-vm-0002"], period_type: 2, period_num: 1, is_auto_pay: 0 });
        const refund = await client.cancelResourcesSubscription({ resource_ids: ["e2e-disk-0001"], unsubscribe_type: 1 });
        generateUsageSamples(
            cn.world,
            { customerId: DEFAULT_DOMAIN_ID, resourceId: "cdn-e2e-1", serviceTypeCode: "hws.service.type.cdn", resourceTypeCode: "hws.resource.type.cdn", usageType: "95Peak" },
            `${previousMonth}-01T00:00:00Z`,
            `${previousMonth}-03T00:00:00Z`,
            10,
            90,
        );
        for (let i = 1; i <= 3; i++) addInvoice(intl.world, { accountId: DEFAULT_DOMAIN_ID, applyTime: iso(now - i * DAY), invoiceAmount: Number(`${i}0.0${i}`) });
        const freeResourceId = (await data.getResourcePackages({}, { client })).packages[0].freeResources![0].freeResourceId!;

        Object.assign(config, {
            month,
            previousMonth,
            resourceId: "e2e-vm-0001",
            freeResourceId,
            cdnResourceId: "cdn-e2e-1",
            pendingOrderId: pending!.order_ids![0],
            refundOrderId: refund!.order_ids![0],
            packageFrom: beijingMonth(now - 10 * DAY) + "-01",
            packageTo: new Date(now + 8 * 3600_000).toISOString().slice(0, 10),
            memberId: MEMBER,
            masterEndpoint: cn.url,
            masterAccessKey: MASTER.accessKey,
            masterDomainId: MASTER.id,
            intlEndpoint: intl.url,
            intlAccessKey: DEFAULT_ACCESS_KEY,
            intlDomainId: DEFAULT_DOMAIN_ID,
            invoiceFrom: iso(now - 10 * DAY),
            invoiceTo: iso(now),
        });
        const stackConfig: Record<string, { value: string; secret?: boolean }> = {
            "huaweicloud-bss:endpoint": { value: cn.url },
            "huaweicloud-bss:accessKey": { value: DEFAULT_ACCESS_KEY },
            "huaweicloud-bss:secretKey": { value: DEFAULT_SECRET_KEY, secret: true },
            "huaweicloud-bss:domainId": { value: DEFAULT_DOMAIN_ID },
            [`${PROJECT}:masterSecretKey`]: { value: MASTER.secretKey, secret: true },
            [`${PROJECT}:intlSecretKey`]: { value: DEFAULT_SECRET_KEY, secret: true },
        };
        for (const [key, value] of Object.entries(config)) stackConfig[`${PROJECT}:${key}`] = { value };
        stack = await openStack(PROGRAM, uniqueStackName("data"), stackConfig, {
            // Nothing from the machine may stand in for the stack config.
            HUAWEICLOUD_SDK_CREDENTIALS_FILE: "/nonexistent/huaweicloud-credentials",
        });
    });

    after(async () => {
        if (stack) await removeStack(stack);
        await Promise.all([client, masterClient, intlClient].filter(Boolean).map((c) => c.close()));
        await Promise.all([cn, intl].filter(Boolean).map((e) => e.close()));
    });

    it("up runs every data source in the program and exports results equal to direct calls", async () => {
        const up = await stack.up();
        const out = <T = unknown>(name: string): T => up.outputs[name]?.value as T;
        const opts = { client };

        // Bills
        const summary = await data.getMonthlyBillSummary({ month }, opts);
        assert.deepEqual(out("summary"), { consumeAmount: summary.totals.consumeAmount, currency: "CNY", rows: summary.totalCount });
        const reconciliation = await data.getBillReconciliation({ month }, opts);
        assert.deepEqual(out("reconciliation"), JSON.parse(JSON.stringify(reconciliation)));
        assert.equal((out("reconciliation") as data.BillReconciliation).summaryMatchesTransactions, true);
        const ledgerTotal = Decimal.sum(cn.world.ledgerOf(DEFAULT_DOMAIN_ID, month).map((l) => String(l.amount)));
        const byService = out("byService") as { total: string; recordCount: number; groups: { key: string; consumeAmount: string }[] };
        assert.equal(byService.total, ledgerTotal.toString());
        assert.equal(Decimal.sum(byService.groups.map((g) => g.consumeAmount)).toString(), byService.total);
        assert.equal(Decimal.from(byService.total).minus(reconciliation.summaryConsumeAmount).toString(), reconciliation.transactionEraseAmount);
        assert.deepEqual(out("resourceBills"), { returned: 2, totalCount: byService.recordCount, truncated: byService.recordCount > 2 });
        assert.equal(out("expenditures"), byService.total);
        assert.equal(out("legacy"), byService.total);
        assert.deepEqual(out("transactions"), {
            consumeAmount: summary.totals.consumeAmount,
            eraseAmount: reconciliation.transactionEraseAmount,
            count: reconciliation.transactionCount,
        });
        assert.equal(out("amortized"), (await data.getAmortizedCosts({ month }, opts)).currentMonthAmortizedAmount);
        assert.equal((out("costs") as { amount: string }).amount, summary.totals.consumeAmount);

        // Prices
        const renewal = await data.getRenewalPrice({ resourceIds: ["e2e-vm-0001"], periodType: "month", periods: 3 }, opts);
        assert.deepEqual(out("renewal"), { amount: renewal.amount, officialAmount: renewal.officialAmount, currency: "CNY", resources: 1 });
        assert.ok(Decimal.from(renewal.amount).compare(renewal.officialAmount) < 0, "the business discount is the best offer");
        const onDemand = out("onDemand") as { officialAmount: string; amount: string };
        assert.ok(Decimal.from(onDemand.officialAmount).compare(0) > 0);
        assert.ok(Decimal.from((out("period") as { officialAmount: string }).officialAmount).compare(0) > 0);

        // Account
        const resources = await data.getSubscribedResources({ onlyMainResources: true }, opts);
        assert.deepEqual(out("resources"), { totalCount: resources.totalCount, ids: resources.resources.map((r) => r.resourceId).sort() });
        assert.ok(!(out("resources") as { ids: string[] }).ids.includes("e2e-disk-0001"), "the unsubscribed disk is gone");
        assert.equal(out("cashBalance"), (await data.getAccountBalances({}, opts)).cashBalance);
        assert.equal(out("coupons"), "12.34");
        assert.equal(out("orderCount"), (await data.getOrders({}, opts)).totalCount);
        const firstOrder = out("firstOrder") as { orderId: string; lines: number };
        assert.ok(firstOrder.lines > 0);
        assert.ok(out<string[]>("pendingDiscounts").includes("biz-10"));
        const refund = out("refund") as { refundedAmount: string; netAmount: string };
        assert.equal(Decimal.from(refund.refundedAmount).compare(0) > 0, true);

        // Catalogue, packages, 95th percentile
        const catalogue = out("catalogue") as { services: number; ec2Resources: string[]; ebsTypes: string[]; hourUnit: number; usageTypes: number; conversions: number };
        assert.ok(catalogue.services > 3);
        assert.ok(catalogue.ec2Resources.includes("hws.resource.type.vm"));
        assert.ok(catalogue.ebsTypes.includes("hws.resource.type.volume"));
        assert.equal(catalogue.hourUnit, 4);
        assert.ok(catalogue.usageTypes > 0 && catalogue.conversions > 0);
        const remaining = out<string[]>("packages");
        const used = out<string[]>("packageUsage");
        assert.equal(Decimal.from(remaining[0]).plus(used[0]).toString(), "30");
        assert.equal((out("packageRecords") as Record<string, string>)["4"], used[0]);
        const percentile = out("percentile") as { resources: string[]; samples: number; totalSamples: number; truncated: boolean };
        assert.deepEqual(percentile.resources, ["cdn-e2e-1"]);
        assert.equal(percentile.samples, 100);
        assert.equal(percentile.totalSamples, 2 * 288);
        assert.equal(percentile.truncated, true);

        // Enterprise master and international site, with explicit options
        assert.deepEqual(out("enterprise"), { members: ["team-alpha"], transferable: "777.77", retrievable: "0", coupons: "0", memberCoupons: 0 });
        assert.deepEqual(out("invoices"), { count: 3, amount: "60.06", currency: "USD" });
    });

    it("the secret key stays out of the state and the outputs", async () => {
        const state = JSON.stringify(await stack.exportStack());
        assert.doesNotMatch(state, new RegExp(DEFAULT_SECRET_KEY));
        assert.doesNotMatch(state, new RegExp(MASTER.secretKey));
    });

    it("a second run reads the same figures: preview shows no changes", async () => {
        await stack.preview({ expectNoChanges: true });
    });
});
