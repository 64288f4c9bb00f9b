/** Contract of resource packages, 95th-percentile usage and intl invoices. */
import assert from "node:assert/strict";
import { addInvoice, generateUsageSamples } from "../../../emulator/billing";
import { assertDocumentedShape, BillingHarness, startBillingEmulator, units } from "./harness";

describe("billing contract: resource packages", function () {
    this.timeout(20000);
    let harness: BillingHarness;
    const resourceId = "batch-ppu-0001";

    before(async () => {
        harness = await startBillingEmulator({
            now: "2026-02-28T16:00:00Z", // 2026-03-01 00:00 Beijing time
            scenario: {
                resources: [{ resourceId, kind: "ecs", billingMode: "onDemand", name: "batch" }],
                freeResourcePackages: [
                    {
                        id: "pkg-ecs-30h",
                        productName: "ECS 30-hour package",
                        serviceTypeCode: "hws.service.type.ec2",
                        resourceTypeCode: "hws.resource.type.vm",
                        amount: 30,
                        measureId: 4,
                        effectiveTime: "2026-02-01T00:00:00Z",
                        expireTime: "2026-06-01T00:00:00Z",
                    },
                ],
            },
        });
        harness.emulator.advanceClock("P2D");
    });
    after(() => harness.close());

    const packages = async (body: Record<string, unknown> = {}) => {
        const reply = await harness.call("POST", "/v3/payments/free-resources/query", { body });
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        return reply.body;
    };

    it("ListFreeResourceInfos lists the package with string quotas and its live status", async () => {
        const body = await packages();
        assertDocumentedShape("ListFreeResourceInfos", body, ["total_count", "free_resource_packages"]);
        assert.equal(body.total_count, 1);
        const [pkg] = body.free_resource_packages;
        assert.equal(pkg.status, 2, "30 hours are used up after two days");
        assert.equal(pkg.free_resources[0].amount, "0");
        assert.equal(pkg.free_resources[0].original_amount, "30");
        assert.equal((await packages({ status: 1 })).total_count, 0);
        assert.equal((await packages({ service_type_code_list: ["HWS.SERVICE.TYPE.EC2"] })).total_count, 1, "service codes match case-insensitively");
        assert.equal((await packages({ service_type_code_list: ["hws.service.type.rds"] })).total_count, 0);
    });

    it("ListFreeResourceUsages gives numbers for the requested items only", async () => {
        const freeResourceId = (await packages()).free_resource_packages[0].free_resources[0].free_resource_id;
        const reply = await harness.call("POST", "/v2/payments/free-resources/usages/details/query", { body: { free_resource_ids: [freeResourceId, "unknown"] } });
        assert.equal(reply.status, 200);
        assertDocumentedShape("ListFreeResourceUsages", reply.body, ["free_resources"]);
        assert.equal(reply.body.free_resources.length, 1);
        assert.equal(reply.body.free_resources[0].original_amount, 30);
        assert.equal(reply.body.free_resources[0].amount, 0);
    });

    it("ListFreeResourcesUsageRecords chains available - used = remaining and matches the bills' free_resource_usage", async () => {
        const reply = await harness.call("GET", "/v2/bills/customer-bills/free-resources-usage-records", { query: { deduct_time_begin: "2026-03-01", deduct_time_end: "2026-03-31" } });
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        assertDocumentedShape("ListFreeResourcesUsageRecords", reply.body, ["total_count", "free_resource_records"]);
        const records = reply.body.free_resource_records as Record<string, string>[];
        assert.equal(records.length, 2);
        assert.equal(units(records[0].available_amount), units("30"));
        for (const record of records) assert.equal(units(record.available_amount) - units(record.used_amount), units(record.remaining_amount));
        assert.equal(records[1].available_amount, records[0].remaining_amount);
        assert.equal(records.at(-1)!.remaining_amount, "0");
        const bills = await harness.call("GET", "/v2/bills/customer-bills/res-fee-records", { query: { cycle: "2026-03", resource_id: resourceId } });
        const covered = bills.body.fee_records.map((r: { free_resource_usage?: number }) => units(r.free_resource_usage ?? 0));
        assert.deepEqual(covered, records.map((record) => units(record.used_amount)));
    });

    it("refuses a deduction window over 90 days or backwards", async () => {
        for (const query of [{ deduct_time_begin: "2026-01-01", deduct_time_end: "2026-04-15" }, { deduct_time_begin: "2026-03-02", deduct_time_end: "2026-03-01" }]) {
            const reply = await harness.call("GET", "/v2/bills/customer-bills/free-resources-usage-records", { query });
            assert.equal(reply.status, 400);
            assert.equal(reply.body.error_code, "CBC.0100");
        }
    });
});

describe("billing contract: 95th-percentile usage (bss only)", function () {
    this.timeout(20000);
    let harness: BillingHarness;
    const key = {
        customerId: "",
        resourceId: "bw-95-0001",
        serviceTypeCode: "hws.service.type.vpc",
        resourceTypeCode: "hws.resource.type.bandwidth",
        usageType: "95Peak",
    };
    const query = { bill_cycle: "2026-02", service_type_code: key.serviceTypeCode, resource_type_code: key.resourceTypeCode, usage_type: key.usageType };

    before(async () => {
        harness = await startBillingEmulator({ now: "2026-03-02T10:00:00Z" }); // 18:00 Beijing time on the 2nd
        generateUsageSamples(
            harness.emulator.world,
            { ...key, customerId: harness.emulator.defaultCredential.domainId },
            "2026-01-31T16:00:00Z",
            "2026-02-28T16:00:00Z",
            10,
            110,
        );
    });
    after(() => harness.close());

    it("ListResourceUsageSummary lists the resource, with the bandwidth only after 20:00 on the 2nd", async () => {
        const early = await harness.call("GET", "/v2/bills/customer-bills/resources/usage/summary", { query });
        assert.equal(early.status, 200);
        assertDocumentedShape("ListResourceUsageSummary", early.body, ["total_count", "summary_usage_info_list"]);
        assert.equal(early.body.total_count, 1);
        assert.equal(early.body.summary_usage_info_list[0].band_width, "");
        assert.equal(early.body.summary_usage_info_list[0].actual_days, "28");
        harness.emulator.setClock("2026-03-02T12:00:00Z");
        const late = await harness.call("GET", "/v2/bills/customer-bills/resources/usage/summary", { query });
        const bandWidth = Number(late.body.summary_usage_info_list[0].band_width);
        assert.ok(bandWidth > 100 && bandWidth < 110, `the 95th percentile sits just under the daily peak, got ${bandWidth}`);
        assert.equal(late.body.summary_usage_info_list[0].band_width_measure_id, 15);
    });

    it("ListResourceUsage pages the 5-minute samples; 95 % of them are at or below the billed bandwidth", async () => {
        const reply = await harness.call("GET", "/v2/bills/customer-bills/resources/usage/details", { query: { ...query, resource_id: key.resourceId, limit: 1000 } });
        assert.equal(reply.status, 200);
        assertDocumentedShape("ListResourceUsage", reply.body, ["total_count", "usage_info_list", "actual_days"]);
        assert.equal(reply.body.total_count, 28 * 288);
        assert.equal(reply.body.usage_info_list.length, 1000);
        const samples: number[] = [];
        for (let offset = 0; offset < reply.body.total_count; offset += 1000) {
            const page = await harness.call("GET", "/v2/bills/customer-bills/resources/usage/details", { query: { ...query, resource_id: key.resourceId, offset, limit: 1000 } });
            samples.push(...page.body.usage_info_list.map((s: { usage: string }) => Number(s.usage)));
        }
        const billed = Number(reply.body.band_width);
        const discarded = Math.floor(samples.length * 0.05);
        assert.ok(samples.filter((value) => value > billed).length <= discarded, "at most the top 5 % lie above it");
        assert.ok(samples.filter((value) => value >= billed).length > discarded, "it is one of the samples left after discarding the top 5 %");
    });

    it("does not exist on the international site", async () => {
        const intl = await startBillingEmulator({ site: "intl" });
        try {
            const reply = await intl.call("GET", "/v2/bills/customer-bills/resources/usage/summary", { query });
            assert.equal(reply.status, 404);
        } finally {
            await intl.close();
        }
    });
});

describe("billing contract: ListInvoices (intl only)", function () {
    this.timeout(20000);
    let harness: BillingHarness;
    let path: string;

    before(async () => {
        harness = await startBillingEmulator({ site: "intl" });
        const accountId = harness.emulator.defaultCredential.domainId;
        path = `/v1.0/${accountId}/payments/intl-invoices`;
        for (let day = 1; day <= 5; day++) {
            addInvoice(harness.emulator.world, { accountId, applyTime: `2026-02-0${day}T10:00:00Z`, invoiceAmount: day * 10, billCycle: "2026-01" });
        }
    });
    after(() => harness.close());

    it("lists invoice applications in the window by 1-based page with count", async () => {
        const query = { start_time: "2026-02-02T00:00:00Z", end_time: "2026-02-05T00:00:00Z", offset: 1, limit: 2 };
        const first = await harness.call("GET", path, { query });
        assert.equal(first.status, 200);
        assertDocumentedShape("ListInvoices", first.body, ["count", "invoices"]);
        assert.equal(first.body.count, 3, "Feb 2, 3 and 4 fall in the window");
        assert.equal(first.body.invoices.length, 2);
        const second = await harness.call("GET", path, { query: { ...query, offset: 2 } });
        assert.equal(second.body.invoices.length, 1);
        const ids = [...first.body.invoices, ...second.body.invoices].map((invoice: { requestId: string }) => invoice.requestId);
        assert.equal(new Set(ids).size, 3);
    });

    it("requires the page parameters, refuses another domain and does not exist on the Chinese site", async () => {
        assert.equal((await harness.call("GET", path, { query: { start_time: "2026-02-01T00:00:00Z", end_time: "2026-02-05T00:00:00Z" } })).status, 400);
        const other = await harness.call("GET", "/v1.0/another-domain/payments/intl-invoices", { query: { start_time: "2026-02-01T00:00:00Z", end_time: "2026-02-05T00:00:00Z", offset: 1, limit: 10 } });
        assert.equal(other.status, 403);
        const cn = await startBillingEmulator();
        try {
            const reply = await cn.call("GET", `/v1.0/${cn.emulator.defaultCredential.domainId}/payments/intl-invoices`, { query: { start_time: "2026-02-01T00:00:00Z", end_time: "2026-02-05T00:00:00Z", offset: 1, limit: 10 } });
            assert.equal(reply.status, 404);
        } finally {
            await cn.close();
        }
    });
});
