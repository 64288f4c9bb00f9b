/** EnterpriseProjectManagement and AutoRenewConfig against the emulator. */
import * as assert from "node:assert/strict";
import * as autoRenewConfig from "../../provider/auto-renew-config";
import * as enterpriseProjects from "../../provider/enterprise-project-management";
import { Fixture, startFixture } from "./emulator-fixture";

describe("account-level resources against the emulator", function () {
    this.timeout(30_000);
    let f: Fixture;
    beforeEach(async () => {
        f = await startFixture();
    });
    afterEach(async () => {
        await f.close();
    });

    it("EnterpriseProjectManagement enables it once; delete warns that BSS cannot disable it and calls nothing", async () => {
        const checked = await enterpriseProjects.check({}, {});
        assert.deepEqual(checked.failures ?? [], []);
        const created = await enterpriseProjects.create();
        assert.equal(created.outs.enabled, true);
        assert.equal(f.calls("CreateEnterpriseProjectAuth"), 1);
        f.resetCalls();
        await enterpriseProjects.delete();
        assert.equal(f.calls(), 0);
        assert.ok(f.logs.some((l) => l.severity === "warning" && /cannot disable enterprise project management/.test(l.message)));
    });

    it("EnterpriseProjectManagement refuses inputs it does not take", async () => {
        const checked = await enterpriseProjects.check({}, { enabled: false });
        assert.equal(checked.failures?.[0]?.property, "enabled");
    });

    it("AutoRenewConfig validates, sets the account settings, and updates only what changed", async () => {
        const bad = await autoRenewConfig.check({}, { deductionDaysBeforeExpiry: 9, unifiedExpiryDay: 31 });
        assert.deepEqual(bad.failures?.map((x) => x.property), ["deductionDaysBeforeExpiry", "unifiedExpiryDay"]);
        assert.match(bad.failures![0].reason, /2 to 7/);
        const none = await autoRenewConfig.check({}, {});
        assert.equal(none.failures?.length, 1);

        const inputs = (await autoRenewConfig.check({}, { deductionDaysBeforeExpiry: 3, unifiedExpiryDay: "last" })).inputs;
        const created = await autoRenewConfig.create(inputs);
        const account = () => f.emulator.world.account(f.emulator.defaultCredential.domainId)!;
        assert.equal(account().renewConfig.deductionDays, 3);
        assert.equal(account().renewConfig.expireDay, -1);
        assert.equal(f.calls("SetResourcesRenewConfig"), 2);

        f.resetCalls();
        const news = (await autoRenewConfig.check(inputs, { deductionDaysBeforeExpiry: 6, unifiedExpiryDay: "last" })).inputs;
        assert.equal((await autoRenewConfig.diff(created.id, created.outs, news)).changes, true);
        await autoRenewConfig.update(created.id, created.outs, news);
        assert.equal(account().renewConfig.deductionDays, 6);
        assert.equal(f.calls("SetResourcesRenewConfig"), 1);
    });
});
