/**
 * One test per billing operation (reference group B) through the client against the emulator over
 * loopback: the request reaches the right API, and the parsed, typed response says what the
 * reference says it should.
 */
import * as assert from "node:assert/strict";
import { BssClient, BssError, PermissionError } from "../../provider/bss";
import { collect, EmulatorFixture, startFixture } from "./support/emulator";

const MASTER = "master00domain0000000000000001";
const MEMBER = "member00domain0000000000000001";
const MASTER_AK = "MASTERAK000000000001";
const MASTER_SK = "master-secret-key-for-tests-0001";

describe("billing operations against the emulator", function () {
    let fx: EmulatorFixture;
    let client: BssClient;
    let month: string;
    let today: string;

    before(async () => {
        fx = await startFixture();
        // No domainId configured: the client discovers it (needed by the {domain_id} path of QueryResRecordsV1).
        client = fx.client();
        month = fx.emulator.nowIso().slice(0, 7);
        today = fx.emulator.nowIso().slice(0, 10);
    });
    after(() => fx.close());

    it("ListServiceTypes: the catalogue's cloud services, totals consistent across pages", async () => {
        const first = await client.listServiceTypes({ limit: 2 });
        assert.equal(first.service_types?.length, 2);
        const all = await collect(client.paginate.listServiceTypes({ limit: 2 }));
        assert.equal(all.length, first.total_count);
        assert.ok(all.some((s) => s.service_type_code === "hws.service.type.ebs"));
    });

    it("ListResourceTypes: resource types with their service", async () => {
        const page = await client.listResourceTypes({ "X-Language": "en_US" });
        assert.ok(page.resource_types!.some((t) => t.resource_type_code === "hws.resource.type.volume"));
        assert.ok((page.total_count ?? 0) >= page.resource_types!.length);
    });

    it("ListServiceResources: resource types of one service", async () => {
        const page = await client.listServiceResources({ service_type_code: "hws.service.type.ebs" });
        assert.ok((page.total_count ?? 0) >= 1);
        assert.ok(page.infos!.length >= 1);
    });

    it("ListUsageTypes: filtered by resource type", async () => {
        const types = await client.listUsageTypes({ resource_type_code: "hws.resource.type.vm" });
        assert.ok(types.usage_types!.length >= 1);
        for (const t of types.usage_types!) assert.equal(t.resource_type_code, "hws.resource.type.vm");
    });

    it("ListMeasureUnits: the unit table includes the currency unit 1", async () => {
        const units = await client.listMeasureUnits();
        assert.ok(units.measure_units!.some((u) => u.measure_id === 1));
    });

    it("ListConversions: conversions of one measure type", async () => {
        const all = await client.listConversions();
        const currency = await client.listConversions({ measure_type: 1 });
        assert.ok(currency.conversions!.length >= 1);
        assert.ok(currency.conversions!.length < all.conversions!.length);
        for (const c of currency.conversions!) assert.equal(typeof c.conversion_ratio, "number");
    });

    it("ShowCustomerMonthlySum: the month's summary rows and totals", async () => {
        const sum = await client.showCustomerMonthlySum({ bill_cycle: month });
        assert.ok(sum.bill_sums!.length >= 1);
        for (const row of sum.bill_sums!) assert.equal(row.bill_cycle, month);
        assert.equal(typeof sum.consume_amount, "number");
    });

    it("ListCustomerselfResourceRecordDetails: resource bills of the month", async () => {
        const records = await client.listCustomerselfResourceRecordDetails({ cycle: month, limit: 1000 });
        assert.ok(records.monthly_records!.length >= 1);
        for (const r of records.monthly_records!) assert.equal(r.cycle, month);
    });

    it("ListCustomerselfResourceRecords: expenditure lines dated within the month", async () => {
        const records = await collect(client.paginate.listCustomerselfResourceRecords({ cycle: month, limit: 2 }));
        assert.ok(records.length >= 1);
        for (const r of records) assert.ok(r.bill_date?.startsWith(month), r.bill_date);
    });

    it("QueryResRecordsV1: legacy v1.0 records, with the discovered account in the path and 1-based pages", async () => {
        assert.equal(await client.domainId(), fx.emulator.defaultCredential.domainId);
        const records = await collect(client.paginate.queryResRecordsV1({ cycle: month, payMethod: "0", limit: 1 }));
        const first = await client.queryResRecordsV1({ cycle: month, payMethod: "0", offset: 1, limit: 1000 });
        assert.equal(records.length, first.totalCount);
        assert.ok(records.length >= 1);
    });

    it("ListCosts: costs grouped by cloud service", async () => {
        const costs = await client.listCosts({
            time_condition: { time_measure_id: 2, begin_time: month, end_time: month },
            groupby: [{ type: "dimension", key: "CLOUD_SERVICE_TYPE" }],
            cost_type: "ORIGINAL_COST",
            amount_type: "PAYMENT_AMOUNT",
        });
        assert.ok(costs.cost_data!.length >= 1);
        for (const row of costs.cost_data!) assert.equal(row.dimensions?.[0]?.key, "CLOUD_SERVICE_TYPE");
    });

    it("ListFreeResourceInfos, ListFreeResourceUsages and ListFreeResourcesUsageRecords answer in their shapes", async () => {
        const packages = await client.listFreeResourceInfos({ limit: 10 });
        assert.equal(packages.total_count, packages.free_resource_packages!.length);
        const usages = await client.listFreeResourceUsages({ free_resource_ids: ["no-such-package"] });
        assert.deepEqual(usages.free_resources, []);
        const records = await client.listFreeResourcesUsageRecords({ deduct_time_begin: `${month}-01`, deduct_time_end: today });
        assert.equal(records.total_count, records.free_resource_records!.length);
    });

    it("ListResourceUsageSummary and ListResourceUsage (95th percentile) answer in their shapes", async () => {
        const summary = await client.listResourceUsageSummary({ bill_cycle: month, service_type_code: "hws.service.type.cdn", resource_type_code: "hws.resource.type.cdn", usage_type: "95Peak" });
        assert.equal(typeof summary.total_count, "number");
        const details = await client.listResourceUsage({ bill_cycle: month, service_type_code: "hws.service.type.cdn", resource_type_code: "hws.resource.type.cdn", usage_type: "95Peak", resource_id: "none" });
        assert.equal(typeof details.total_count, "number");
    });

    it("ListCustomerBillsFeeRecords: transaction bills of the cycle", async () => {
        const fees = await client.listCustomerBillsFeeRecords({ bill_cycle: month });
        assert.ok(fees.records!.length >= 1);
        for (const r of fees.records!) assert.equal(r.bill_cycle, month);
    });

    it("ListCustomerBillsMonthlyBreakDown: amortised rows of the month", async () => {
        const rows = await client.listCustomerBillsMonthlyBreakDown({ shared_month: month });
        assert.ok(rows.details!.length >= 1);
        for (const r of rows.details!) assert.equal(r.shared_month, month);
    });

    it("ListOnDemandResourceRatings: amount = official price - discount", async () => {
        const price = await client.listOnDemandResourceRatings({
            project_id: "project-1",
            product_infos: [
                {
                    id: "disk",
                    cloud_service_type: "hws.service.type.ebs",
                    resource_type: "hws.resource.type.volume",
                    resource_spec: "SATA",
                    region: "cn-north-4",
                    resource_size: 40,
                    size_measure_id: 17,
                    usage_factor: "Duration",
                    usage_value: 1,
                    usage_measure_id: 4,
                    subscription_num: 1,
                },
            ],
        });
        assert.ok(price.official_website_amount! > 0);
        assert.ok(Math.abs(price.amount! - (price.official_website_amount! - price.discount_amount!)) < 1e-9);
        assert.equal(price.product_rating_results?.[0]?.id, "disk");
    });

    it("ListRateOnPeriodDetail: a year costs more than a month", async () => {
        const quote = (periodType: 2 | 3) =>
            client.listRateOnPeriodDetail({
                project_id: "project-1",
                product_infos: [{ id: "vm", cloud_service_type: "hws.service.type.ec2", resource_type: "hws.resource.type.vm", resource_spec: "s6.large.2.linux", region: "cn-north-4", period_type: periodType, period_num: 1, subscription_num: 1 }],
            });
        const month1 = await quote(2);
        const year1 = await quote(3);
        assert.ok(year1.official_website_rating_result!.official_website_amount! > month1.official_website_rating_result!.official_website_amount!);
    });

    it("ListInvoices is international-only: the Chinese site does not offer it", async () => {
        const error = await client.listInvoices({ start_time: `${month}-01T00:00:00Z`, end_time: fx.emulator.nowIso(), offset: 1, limit: 10 }).then(
            () => assert.fail("expected an error"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof BssError);
        assert.equal(error.code, "APIGW.0101");
        assert.match(error.message, /check the endpoint and the site/);
    });

    it("enterprise operations are refused to a non-master account with a PermissionError", async () => {
        await assert.rejects(client.listEnterpriseSubCustomers(), PermissionError);
    });
});

describe("international-site billing operations against the emulator", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture({ site: "intl" });
    });
    after(() => fx.close());

    it("ListInvoices: pages by page number from 1", async () => {
        const client = fx.client({ site: "intl" });
        const now = fx.emulator.nowIso();
        const page = await client.listInvoices({ start_time: `${now.slice(0, 4)}-01-01T00:00:00Z`, end_time: now, offset: 1, limit: 10 });
        assert.equal(typeof page.count, "number");
        const all = await collect(client.paginate.listInvoices({ start_time: `${now.slice(0, 4)}-01-01T00:00:00Z`, end_time: now, limit: 1 }));
        assert.equal(all.length, page.count);
    });
});

describe("enterprise fund and coupon operations against the emulator", () => {
    let fx: EmulatorFixture;
    let master: BssClient;
    let couponId: string;

    before(async () => {
        fx = await startFixture({
            scenario: {
                accounts: [
                    { id: MASTER, name: "master", master: true, cash: 5000, credentials: [{ accessKey: MASTER_AK, secretKey: MASTER_SK }] },
                    { id: MEMBER, name: "member", masterAccountId: MASTER, cash: 0 },
                ],
                coupons: [{ id: "coupon-master-1", accountId: MASTER, couponType: 1, faceValue: 300 }],
            },
        });
        master = fx.client({ accessKey: MASTER_AK, secretKey: MASTER_SK, domainId: MASTER });
        couponId = "coupon-master-1";
    });
    after(() => fx.close());

    const transferable = async () => (await master.showMultiAccountTransferAmount({ balance_type: "BALANCE_TYPE_DEBIT" })).amount_infos![0].avail_transfer_amount!;
    const retrievable = async () => (await master.listEnterpriseMultiAccount({ sub_customer_id: MEMBER, balance_type: "BALANCE_TYPE_DEBIT" })).amount_infos?.[0]?.avail_retrieve_amount ?? 0;

    it("ListEnterpriseSubCustomers: the master's members", async () => {
        const members = await collect(master.paginate.listEnterpriseSubCustomers());
        assert.deepEqual(members.map((m) => m.id), [MEMBER]);
    });

    it("UpdateSubEnterpriseAmount and ReclaimSubEnterpriseAmount move funds both ways (ShowMultiAccountTransferAmount, ListEnterpriseMultiAccount)", async () => {
        const before = await transferable();
        assert.equal(await master.updateSubEnterpriseAmount({ customer_id: MEMBER, amount: "120.50" }), undefined);
        assert.equal(await transferable(), before - 120.5);
        assert.equal(await retrievable(), 120.5);
        await master.reclaimSubEnterpriseAmount({ customer_id: MEMBER, amount: "20.50" });
        assert.equal(await retrievable(), 100);
        assert.equal(await transferable(), before - 100);
    });

    it("ListMultiAccountTransferCoupons, ClaimEnterpriseMultiAccountCoupon, ListMultiAccountRetrieveCoupons, ReclaimEnterpriseMultiAccountCoupon", async () => {
        const coupons = await collect(master.paginate.listMultiAccountTransferCoupons());
        const coupon = coupons.find((c) => c.coupon_id === couponId);
        assert.ok(coupon, "the master's coupon is transferable");
        const claimed = await master.claimEnterpriseMultiAccountCoupon({ customer_id: MEMBER, coupon_id: couponId, amount: "50" });
        assert.ok(claimed.sub_coupon_id);
        const held = await collect(master.paginate.listMultiAccountRetrieveCoupons({ sub_customer_id: MEMBER }));
        assert.ok(held.some((c) => c.sub_coupon_id === claimed.sub_coupon_id && Number(c.balance) === 50));
        const reclaimed = await master.reclaimEnterpriseMultiAccountCoupon({ customer_id: MEMBER, coupon_id: couponId, sub_coupon_id: claimed.sub_coupon_id! });
        assert.equal(Number(reclaimed.real_retrieve_amout), 50);
    });
});
