/** Contract of the catalogue, measurement-unit and rating operations. */
import assert from "node:assert/strict";
import type { CatalogueEntry } from "../../../emulator/model";
import { assertDocumentedShape, BillingHarness, startBillingEmulator, units } from "./harness";

function entryOf(harness: BillingHarness, spec: string): CatalogueEntry {
    const entry = harness.emulator.world.catalogue().find((candidate) => candidate.resourceSpecCode === spec);
    assert.ok(entry, spec);
    return entry;
}

describe("billing contract: catalogue, units and rating", function () {
    this.timeout(20000);
    let harness: BillingHarness;
    let intl: BillingHarness;

    before(async () => {
        harness = await startBillingEmulator();
        intl = await startBillingEmulator({ site: "intl" });
        const world = harness.emulator.world;
        // A business discount on one product, and contract/partner discounts on the account.
        world.setCatalogue(world.catalogue().map((entry) => (entry.resourceSpecCode === "c6.xlarge.2.linux" ? { ...entry, discountFactor: 0.8 } : entry)));
        world.account(harness.emulator.defaultCredential.domainId)!.discounts.push(
            { discountId: "contract-ecs", discountType: 1, ratio: 0.85, name: "ECS contract", serviceTypeCodes: ["hws.service.type.ec2"] },
            { discountId: "partner-all", discountType: 3, ratio: 0.9, name: "Partner discount" },
        );
    });
    after(async () => {
        await harness.close();
        await intl.close();
    });

    describe("ListServiceTypes GET /v2/products/service-types", () => {
        it("pages the service types, filters by a fragment of the name and localises names", async () => {
            const all = await harness.call("GET", "/v2/products/service-types", { query: { limit: 1000 }, headers: { "X-Language": "en_US" } });
            assert.equal(all.status, 200);
            assertDocumentedShape("ListServiceTypes", all.body, ["total_count", "service_types"]);
            const codes = all.body.service_types.map((t: { service_type_code: string }) => t.service_type_code);
            for (const entry of harness.emulator.world.catalogue()) assert.ok(codes.includes(entry.serviceTypeCode), `${entry.serviceTypeCode} listed`);
            const page = await harness.call("GET", "/v2/products/service-types", { query: { offset: 1, limit: 2 }, headers: { "X-Language": "en_US" } });
            assert.deepEqual(page.body.service_types, all.body.service_types.slice(1, 3));
            const filtered = await harness.call("GET", "/v2/products/service-types", { query: { service_type_name: "cloud serv" }, headers: { "X-Language": "en_US" } });
            assert.ok(filtered.body.service_types.some((t: { abbreviation: string }) => t.abbreviation === "ECS"));
            const chinese = await harness.call("GET", "/v2/products/service-types", { query: { limit: 1000 } });
            const ecs = chinese.body.service_types.find((t: { service_type_code: string }) => t.service_type_code === "hws.service.type.ec2");
            assert.equal(ecs.service_type_name, "弹性云服务器", "the Chinese site defaults to zh_CN");
        });
    });

    describe("ListResourceTypes / ListServiceResources / ListUsageTypes", () => {
        it("lists every resource type with its service", async () => {
            const reply = await harness.call("GET", "/v2/products/resource-types", { query: { limit: 1000 } });
            assert.equal(reply.status, 200);
            assertDocumentedShape("ListResourceTypes", reply.body, ["total_count", "resource_types"]);
            const vm = reply.body.resource_types.find((t: { resource_type_code: string }) => t.resource_type_code === "hws.resource.type.vm");
            assert.equal(vm.service_type_code, "hws.service.type.ec2");
        });

        it("lists the resource types of one service, limit at most 100, nothing for an unknown service", async () => {
            const reply = await harness.call("GET", "/v2/products/service-resources", { query: { service_type_code: "hws.service.type.vpc" } });
            assert.equal(reply.status, 200);
            assertDocumentedShape("ListServiceResources", reply.body, ["total_count", "infos"]);
            const codes = reply.body.infos.map((i: { basic_info: { resource_type_code: string } }) => i.basic_info.resource_type_code);
            assert.ok(codes.includes("hws.resource.type.bandwidth") && codes.includes("hws.resource.type.ip"));
            assert.equal((await harness.call("GET", "/v2/products/service-resources", { query: { service_type_code: "hws.service.type.nope" } })).body.total_count, 0);
            assert.equal((await harness.call("GET", "/v2/products/service-resources", { query: { service_type_code: "hws.service.type.vpc", limit: 101 } })).status, 400);
        });

        it("gives the usage factors rating accepts; an empty resource type matches nothing", async () => {
            const vm = await harness.call("GET", "/v2/products/usage-types", { query: { resource_type_code: "hws.resource.type.vm", limit: 100 } });
            assert.equal(vm.status, 200);
            assertDocumentedShape("ListUsageTypes", vm.body, ["total_count", "usage_types"]);
            assert.ok(vm.body.usage_types.some((t: { code: string }) => t.code.toLowerCase() === entryOf(harness, "s6.large.2.linux").usageType.toLowerCase()));
            assert.equal((await harness.call("GET", "/v2/products/usage-types", { query: { resource_type_code: "" } })).body.total_count, 0);
            const all = await harness.call("GET", "/v2/products/usage-types", { query: { limit: 100 } });
            assert.ok(all.body.total_count > vm.body.total_count);
        });
    });

    describe("ListMeasureUnits GET /v2/bases/measurements and ListConversions GET /v2/bases/conversions", () => {
        it("has every documented unit id, the currency unit per site", async () => {
            const reply = await harness.call("GET", "/v2/bases/measurements");
            assert.equal(reply.status, 200);
            assertDocumentedShape("ListMeasureUnits", reply.body, ["measure_units"]);
            const ids = reply.body.measure_units.map((u: { measure_id: number }) => u.measure_id);
            for (const id of [1, 4, 10, 11, 14, 15, 17]) assert.ok(ids.includes(id), `measure id ${id}`);
            const dollar = (await intl.call("GET", "/v2/bases/measurements")).body.measure_units.find((u: { measure_id: number }) => u.measure_id === 1);
            assert.equal(dollar.abbreviation, "USD");
        });

        it("converts GB to MB by 1024 and filters by measure type", async () => {
            const reply = await harness.call("GET", "/v2/bases/conversions", { query: { measure_type: 3 } });
            assert.equal(reply.status, 200);
            assertDocumentedShape("ListConversions", reply.body, ["conversions"]);
            assert.ok(reply.body.conversions.every((c: { measure_type: number }) => c.measure_type === 3));
            assert.ok(reply.body.conversions.some((c: { measure_id: number; ref_measure_id: number; conversion_ratio: number }) => c.measure_id === 10 && c.ref_measure_id === 11 && c.conversion_ratio === 1024));
        });
    });

    describe("ListOnDemandResourceRatings POST /v2/bills/ratings/on-demand-resources", () => {
        const path = "/v2/bills/ratings/on-demand-resources";
        const item = (overrides: Record<string, unknown> = {}) => ({
            id: "a",
            cloud_service_type: "hws.service.type.ec2",
            resource_type: "hws.resource.type.vm",
            resource_spec: "s6.large.2.linux",
            region: "cn-north-4",
            usage_factor: "Duration",
            usage_value: 2,
            usage_measure_id: 4,
            subscription_num: 3,
            ...overrides,
        });

        it("prices hourly price x hours x instances, sums the items and reports the business discount", async () => {
            const reply = await harness.call("POST", path, {
                body: { project_id: "p", product_infos: [item(), item({ id: "b", resource_spec: "c6.xlarge.2.linux", usage_value: 1, subscription_num: 1 })] },
            });
            assert.equal(reply.status, 200, JSON.stringify(reply.body));
            assertDocumentedShape("ListOnDemandResourceRatings", reply.body, ["amount", "discount_amount", "official_website_amount", "currency", "product_rating_results"]);
            const [plain, discounted] = reply.body.product_rating_results;
            assert.equal(units(plain.official_website_amount), units(entryOf(harness, "s6.large.2.linux").hourlyPrice) * 6n);
            assert.equal(plain.discount_amount, 0);
            assert.equal(plain.discount_rating_results, undefined);
            const hourly = units(entryOf(harness, "c6.xlarge.2.linux").hourlyPrice);
            assert.equal(units(discounted.official_website_amount), hourly);
            assert.equal(units(discounted.discount_amount), units(discounted.official_website_amount) - units(discounted.amount));
            assert.equal(discounted.discount_rating_results[0].discount_type, 605);
            assert.equal(units(reply.body.official_website_amount), units(plain.official_website_amount) + units(discounted.official_website_amount));
            assert.equal(units(reply.body.amount), units(plain.amount) + units(discounted.amount));
            assert.equal(reply.body.currency, "CNY");
        });

        it("converts minutes to hours, multiplies linear products by their size and keeps 6 or 10 decimals", async () => {
            const minutes = await harness.call("POST", path, { body: { project_id: "p", product_infos: [item({ usage_value: 90, usage_measure_id: 5, subscription_num: 1 })] } });
            const exact = (units(entryOf(harness, "s6.large.2.linux").hourlyPrice) * 3n) / 2n;
            assert.equal(units(minutes.body.official_website_amount), (exact / 100n) * 100n, "1.5 h, truncated to 6 decimals");
            const disk = { cloud_service_type: "hws.service.type.ebs", resource_type: "hws.resource.type.volume", resource_spec: "SSD", usage_value: 1, subscription_num: 1 };
            const sized = await harness.call("POST", path, { body: { project_id: "p", product_infos: [item({ ...disk, resource_size: 100, size_measure_id: 17 })] } });
            assert.equal(units(sized.body.official_website_amount), units(entryOf(harness, "SSD").hourlyPrice) * 100n);
            const unsized = await harness.call("POST", path, { body: { project_id: "p", product_infos: [item(disk)] } });
            assert.equal(unsized.status, 400);
            const sixth = await harness.call("POST", path, { body: { project_id: "p", product_infos: [item({ usage_value: 1, usage_measure_id: 6, subscription_num: 1 })] } });
            const tenth = await harness.call("POST", path, { body: { project_id: "p", inquiry_precision: 1, product_infos: [item({ usage_value: 1, usage_measure_id: 6, subscription_num: 1 })] } });
            assert.ok(String(sixth.body.official_website_amount).split(".")[1].length <= 6);
            assert.ok(String(tenth.body.official_website_amount).split(".")[1].length > 6, "precision 1 keeps up to 10 decimals");
        });

        it("answers the documented errors for unknown products, factors and units, and duplicate ids", async () => {
            const cases: [Record<string, unknown>[], string][] = [
                [[item({ resource_spec: "no.such.spec" })], "CBC.99006006"],
                [[item({ region: "ap-southeast-1" })], "CBC.99006006"],
                [[item({ usage_factor: "upflow" })], "CBC.99006074"],
                [[item({ usage_measure_id: 10 })], "CBC.99006050"],
                [[item(), item()], "CBC.0100"],
            ];
            for (const [infos, code] of cases) {
                const reply = await harness.call("POST", path, { body: { project_id: "p", product_infos: infos } });
                assert.equal(reply.status, 400, code);
                assert.equal(reply.body.error_code, code);
            }
        });

        it("prices in dollars on the international site", async () => {
            const reply = await intl.call("POST", path, { body: { project_id: "p", product_infos: [item({ region: "ap-southeast-1" })] } });
            assert.equal(reply.status, 200, JSON.stringify(reply.body));
            assert.equal(reply.body.currency, "USD");
        });
    });

    describe("ListRateOnPeriodDetail POST /v2/bills/ratings/period-resources/subscribe-rate", () => {
        const path = "/v2/bills/ratings/period-resources/subscribe-rate";
        const item = (overrides: Record<string, unknown> = {}) => ({
            id: "a",
            cloud_service_type: "hws.service.type.ec2",
            resource_type: "hws.resource.type.vm",
            resource_spec: "s6.large.2.linux",
            region: "cn-north-4",
            period_type: 2,
            period_num: 3,
            subscription_num: 2,
            ...overrides,
        });

        it("gives the list price and one alternative per applicable discount, marking the best offer", async () => {
            const reply = await harness.call("POST", path, { body: { project_id: "p", product_infos: [item(), item({ id: "b", resource_spec: "c6.xlarge.2.linux", period_num: 1, subscription_num: 1 })] } });
            assert.equal(reply.status, 200, JSON.stringify(reply.body));
            assertDocumentedShape("ListRateOnPeriodDetail", reply.body, ["official_website_rating_result", "currency"]);
            const official = reply.body.official_website_rating_result;
            const small = entryOf(harness, "s6.large.2.linux");
            const large = entryOf(harness, "c6.xlarge.2.linux");
            assert.equal(units(official.product_rating_results[0].official_website_amount), units(small.monthlyPrice) * 6n);
            assert.equal(units(official.official_website_amount), units(small.monthlyPrice) * 6n + units(large.monthlyPrice));
            const options = reply.body.optional_discount_rating_results as { discount_id: string; amount: number; discount_amount: number; official_website_amount: number; best_offer: number; discount_type: number }[];
            assert.deepEqual(options.map((o) => o.discount_id).sort(), [`BD-${large.productId}`, "contract-ecs", "partner-all"].sort());
            for (const option of options) assert.equal(units(option.official_website_amount) - units(option.discount_amount), units(option.amount));
            const best = options.filter((o) => o.best_offer === 1);
            assert.equal(best.length, 1);
            assert.equal(best[0].amount, Math.min(...options.map((o) => o.amount)));
        });

        it("refuses a period the product does not sell", async () => {
            const reply = await harness.call("POST", path, {
                body: { project_id: "p", product_infos: [item({ cloud_service_type: "hws.service.type.obs", resource_type: "hws.resource.type.obs", resource_spec: "obs.standard.package.10tb", period_type: 3, period_num: 1 })] },
            });
            assert.equal(reply.status, 400);
            assert.equal(reply.body.error_code, "CBC.99006006");
        });
    });
});
