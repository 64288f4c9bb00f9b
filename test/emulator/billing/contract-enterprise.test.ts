/** Contract of the enterprise master operations: members, balances, fund and coupon allocation/retrieval. */
import assert from "node:assert/strict";
import { addCreditLedger, setTransferBusyUntil } from "../../../emulator/billing";
import { assertDocumentedShape, BillingHarness, startBillingEmulator } from "./harness";

const MASTER = { accessKey: "MASTERAK000000000001", secretKey: "master-secret-not-secret" };
const MEMBER = { accessKey: "MEMBERAK000000000001", secretKey: "member-secret-not-secret" };

const scenario = {
    accounts: [
        { id: "master-1", name: "acme", master: true, cash: 1000, credit: 500, credentials: [MASTER] },
        { id: "member-a", name: "acme-dev", displayName: "Dev Team", masterAccountId: "master-1", cash: 0, orgId: "org-1", orgName: "R&D", credentials: [MEMBER] },
        { id: "member-b", name: "acme-ops", masterAccountId: "master-1", cash: 50 },
        { id: "stranger", name: "other", cash: 10 },
    ],
    coupons: [{ id: "coupon-100", accountId: "master-1", faceValue: 100, couponType: 1, planName: "Campaign" }],
};

describe("billing contract: enterprise master operations", function () {
    this.timeout(20000);
    let harness: BillingHarness;
    const asMaster = { as: MASTER };
    const account = (id: string) => harness.emulator.world.account(id)!;

    before(async () => {
        harness = await startBillingEmulator({ scenario });
    });
    after(() => harness.close());

    const allocate = (body: Record<string, unknown>) => harness.call("POST", "/v2/enterprises/multi-accounts/transfer-amount", { ...asMaster, body });
    const retrieve = (body: Record<string, unknown>) => harness.call("POST", "/v2/enterprises/multi-accounts/retrieve-amount", { ...asMaster, body });
    const retrievable = async (memberId: string, balanceType = "BALANCE_TYPE_DEBIT") => {
        const reply = await harness.call("GET", "/v2/enterprises/multi-accounts/retrieve-amount", { ...asMaster, query: { sub_customer_id: memberId, balance_type: balanceType } });
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        assertDocumentedShape("ListEnterpriseMultiAccount", reply.body, ["total_count", "amount_infos"]);
        return reply.body;
    };

    it("is refused to accounts that are not enterprise masters (403 CBC.0151)", async () => {
        for (const [method, path] of [
            ["GET", "/v2/enterprises/multi-accounts/sub-customers"],
            ["GET", "/v2/enterprises/multi-accounts/transfer-coupons"],
        ] as const) {
            const reply = await harness.call(method, path, { as: MEMBER });
            assert.equal(reply.status, 403, path);
            assert.equal(reply.body.error_code, "CBC.0151");
        }
        const money = await harness.call("POST", "/v2/enterprises/multi-accounts/transfer-amount", { as: MEMBER, body: { customer_id: "member-b", amount: "1" } });
        assert.equal(money.status, 403);
        assert.equal(account("member-b").cashBalance, 50);
    });

    it("ListEnterpriseSubCustomers lists members with exact or fuzzy name filters and org filter", async () => {
        const all = await harness.call("GET", "/v2/enterprises/multi-accounts/sub-customers", asMaster);
        assert.equal(all.status, 200);
        assertDocumentedShape("ListEnterpriseSubCustomers", all.body, ["total_count", "sub_customer_infos"]);
        assert.deepEqual(all.body.sub_customer_infos.map((m: { id: string }) => m.id).sort(), ["member-a", "member-b"]);
        const fuzzy = await harness.call("GET", "/v2/enterprises/multi-accounts/sub-customers", { ...asMaster, query: { sub_customer_account_name: "ops", fuzzy_query: 1 } });
        assert.deepEqual(fuzzy.body.sub_customer_infos.map((m: { id: string }) => m.id), ["member-b"]);
        const exact = await harness.call("GET", "/v2/enterprises/multi-accounts/sub-customers", { ...asMaster, query: { sub_customer_account_name: "ops" } });
        assert.equal(exact.body.total_count, 0);
        const org = await harness.call("GET", "/v2/enterprises/multi-accounts/sub-customers", { ...asMaster, query: { org_id: "org-1" } });
        assert.equal(org.body.sub_customer_infos[0].display_name, "Dev Team");
        const paged = await harness.call("GET", "/v2/enterprises/multi-accounts/sub-customers", { ...asMaster, query: { offset: 1, limit: 1 } });
        assert.deepEqual(paged.body.sub_customer_infos, all.body.sub_customer_infos.slice(1, 2));
        assert.equal((await harness.call("GET", "/v2/enterprises/multi-accounts/sub-customers", { ...asMaster, query: { limit: 101 } })).status, 400);
    });

    it("allocates cash once per trans_id and shows it as allocatable / retrievable", async () => {
        const before = await harness.call("GET", "/v2/enterprises/multi-accounts/transfer-amount", { ...asMaster, query: { balance_type: "BALANCE_TYPE_DEBIT" } });
        assert.equal(before.status, 200);
        assertDocumentedShape("ShowMultiAccountTransferAmount", before.body, ["total_count", "amount_infos"]);
        assert.equal(before.body.amount_infos[0].avail_transfer_amount, 1000);

        const first = await allocate({ customer_id: "member-a", amount: "100.50", trans_id: "T-0001" });
        assert.equal(first.status, 204);
        assert.equal(first.body, undefined);
        assert.equal(account("master-1").cashBalance, 899.5);
        assert.equal(account("member-a").cashBalance, 100.5);

        const again = await allocate({ customer_id: "member-a", amount: "100.50", trans_id: "T-0001" });
        assert.equal(again.status, 400);
        assert.equal(again.body.error_code, "CBC.99007009");
        assert.equal(account("member-a").cashBalance, 100.5, "a repeated trans_id moves nothing");
        assert.equal((await retrievable("member-a")).amount_infos[0].avail_retrieve_amount, 100.5);
        assert.equal((await retrievable("member-b")).amount_infos[0].avail_retrieve_amount, 0, "cash the master never allocated cannot be taken");
    });

    it("refuses bad amounts, strangers and overdrafts without moving money", async () => {
        const cases: [Record<string, unknown>, string][] = [
            [{ customer_id: "member-a", amount: "1.234" }, "CBC.0100"],
            [{ customer_id: "member-a", amount: "0" }, "CBC.0100"],
            [{ customer_id: "member-a", amount: "abc" }, "CBC.0100"],
            [{ customer_id: "stranger", amount: "1" }, "CBC.99000043"],
            [{ customer_id: "member-a", amount: "5000" }, "CBC.99005003"],
        ];
        for (const [body, code] of cases) {
            const reply = await allocate(body);
            assert.equal(reply.status, 400, JSON.stringify(body));
            assert.equal(reply.body.error_code, code, JSON.stringify(body));
        }
        assert.equal(account("master-1").cashBalance, 899.5);
        const tooMuch = await retrieve({ customer_id: "member-a", amount: "200" });
        assert.equal(tooMuch.body.error_code, "CBC.99005003");
    });

    it("retrieves at most what is retrievable", async () => {
        assert.equal((await retrieve({ customer_id: "member-a", amount: "0.50", trans_id: "R-0001" })).status, 204);
        assert.equal(account("member-a").cashBalance, 100);
        assert.equal(account("master-1").cashBalance, 900);
        assert.equal((await retrievable("member-a")).amount_infos[0].avail_retrieve_amount, 100);
        assert.equal((await retrieve({ customer_id: "member-a", amount: "1", trans_id: "R-0001" })).body.error_code, "CBC.99007009");
    });

    it("answers CBC.99007461 while another transfer is still running", async () => {
        const now = harness.emulator.nowIso();
        setTransferBusyUntil(harness.emulator.world, "master-1", new Date(Date.parse(now) + 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z"));
        const busy = await allocate({ customer_id: "member-a", amount: "1" });
        assert.equal(busy.status, 400);
        assert.equal(busy.body.error_code, "CBC.99007461");
        harness.emulator.advanceClock("PT2H");
        assert.equal((await allocate({ customer_id: "member-a", amount: "1" })).status, 204);
    });

    it("allocates credit from the permanent ledger or a dated one, and refuses an expired quota", async () => {
        const expiry = new Date(Date.parse(harness.emulator.nowIso()) + 5 * 86400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
        addCreditLedger(harness.emulator.world, "master-1", expiry, 300);
        const credit = await harness.call("GET", "/v2/enterprises/multi-accounts/transfer-amount", { ...asMaster, query: { balance_type: "BALANCE_TYPE_CREDIT" } });
        assertDocumentedShape("ShowMultiAccountTransferAmount", credit.body, ["total_count", "amount_infos"]);
        assert.equal(credit.body.total_count, 2);
        assert.equal(credit.body.amount_infos[0].credit_amount, 500);
        assert.equal(credit.body.amount_infos[1].expire_time, expiry);

        assert.equal((await allocate({ customer_id: "member-a", amount: "120", balance_type: "BALANCE_TYPE_CREDIT" })).status, 204);
        assert.equal((await allocate({ customer_id: "member-a", amount: "50", balance_type: "BALANCE_TYPE_CREDIT", expire_time: expiry })).status, 204);
        const memberCredit = await retrievable("member-a", "BALANCE_TYPE_CREDIT");
        assert.deepEqual(
            memberCredit.amount_infos.map((info: { credit_amount: number; expire_time?: string }) => [info.credit_amount, info.expire_time]),
            [[120, undefined], [50, expiry]],
        );
        assert.equal(account("master-1").creditBalance, 380);

        harness.emulator.advanceClock("P6D");
        const expired = await allocate({ customer_id: "member-a", amount: "10", balance_type: "BALANCE_TYPE_CREDIT", expire_time: expiry });
        assert.equal(expired.status, 400);
        assert.equal(expired.body.error_code, "CBC.99007181");
        assert.equal((await retrieve({ customer_id: "member-a", amount: "120", balance_type: "BALANCE_TYPE_CREDIT" })).status, 204);
        assert.equal(account("member-a").creditLimit, 0);
    });

    it("allocates part of a cash coupon to a member and retrieves the rest of it", async () => {
        const transferable = await harness.call("GET", "/v2/enterprises/multi-accounts/transfer-coupons", asMaster);
        assert.equal(transferable.status, 200);
        assertDocumentedShape("ListMultiAccountTransferCoupons", transferable.body, ["total_count", "avail_transfer_coupons"]);
        assert.deepEqual(transferable.body.avail_transfer_coupons.map((c: { coupon_id: string; balance: string }) => [c.coupon_id, c.balance]), [["coupon-100", "100.00"]]);

        const claim = await harness.call("POST", "/v2/enterprises/multi-accounts/transfer-coupon", { ...asMaster, body: { customer_id: "member-a", coupon_id: "coupon-100", amount: "40", trans_id: "C-0001" } });
        assert.equal(claim.status, 200, JSON.stringify(claim.body));
        assertDocumentedShape("ClaimEnterpriseMultiAccountCoupon", claim.body, ["sub_coupon_id"]);
        const subCouponId = claim.body.sub_coupon_id;
        assert.equal(harness.emulator.world.coupon(subCouponId)!.customerId, "member-a");
        const duplicate = await harness.call("POST", "/v2/enterprises/multi-accounts/transfer-coupon", { ...asMaster, body: { customer_id: "member-a", coupon_id: "coupon-100", amount: "1", trans_id: "C-0001" } });
        assert.equal(duplicate.body.error_code, "CBC.99007009");
        const overdraw = await harness.call("POST", "/v2/enterprises/multi-accounts/transfer-coupon", { ...asMaster, body: { customer_id: "member-a", coupon_id: "coupon-100", amount: "70" } });
        assert.equal(overdraw.body.error_code, "CBC.99005003");

        const retrievableCoupons = await harness.call("GET", "/v2/enterprises/multi-accounts/retrieve-coupons", { ...asMaster, query: { sub_customer_id: "member-a" } });
        assertDocumentedShape("ListMultiAccountRetrieveCoupons", retrievableCoupons.body, ["total_count", "avail_retrieve_coupons"]);
        assert.deepEqual(
            retrievableCoupons.body.avail_retrieve_coupons.map((c: { coupon_id: string; sub_coupon_id: string; balance: string }) => [c.coupon_id, c.sub_coupon_id, c.balance]),
            [["coupon-100", subCouponId, "40.00"]],
        );

        const reclaim = await harness.call("POST", "/v2/enterprises/multi-accounts/retrieve-coupon", { ...asMaster, body: { customer_id: "member-a", coupon_id: "coupon-100", sub_coupon_id: subCouponId } });
        assert.equal(reclaim.status, 200);
        assertDocumentedShape("ReclaimEnterpriseMultiAccountCoupon", reclaim.body, ["real_retrieve_amout"]);
        assert.equal(reclaim.body.real_retrieve_amout, "40.00");
        assert.equal(harness.emulator.world.coupon("coupon-100")!.balance, 100);
        const after = await harness.call("GET", "/v2/enterprises/multi-accounts/retrieve-coupons", { ...asMaster, query: { sub_customer_id: "member-a" } });
        assert.equal(after.body.total_count, 0);
        const again = await harness.call("POST", "/v2/enterprises/multi-accounts/retrieve-coupon", { ...asMaster, body: { customer_id: "member-a", coupon_id: "coupon-100", sub_coupon_id: subCouponId } });
        assert.equal(again.status, 400);
    });

    it("answers a resent coupon claim or retrieval with the duplicate code, even once the first used the coupon up", async () => {
        harness.emulator.addCoupon({ id: "coupon-25", accountId: "master-1", faceValue: 25, couponType: 1 });
        const claimBody = { customer_id: "member-b", coupon_id: "coupon-25", amount: "25", trans_id: "C-WHOLE" };
        const claim = await harness.call("POST", "/v2/enterprises/multi-accounts/transfer-coupon", { ...asMaster, body: claimBody });
        assert.equal(claim.status, 200, JSON.stringify(claim.body));
        assert.equal(harness.emulator.world.coupon("coupon-25")!.status, 3, "used up");
        const couponsBefore = harness.emulator.world.couponsOf("member-b").length;
        const resent = await harness.call("POST", "/v2/enterprises/multi-accounts/transfer-coupon", { ...asMaster, body: claimBody });
        assert.equal(resent.status, 400);
        assert.equal(resent.body.error_code, "CBC.99007009");
        assert.equal(harness.emulator.world.couponsOf("member-b").length, couponsBefore, "no second sub-coupon");

        const reclaimBody = { customer_id: "member-b", coupon_id: "coupon-25", sub_coupon_id: claim.body.sub_coupon_id, trans_id: "R-WHOLE" };
        const reclaim = await harness.call("POST", "/v2/enterprises/multi-accounts/retrieve-coupon", { ...asMaster, body: reclaimBody });
        assert.equal(reclaim.status, 200, JSON.stringify(reclaim.body));
        assert.equal(harness.emulator.world.coupon("coupon-25")!.balance, 25);
        const resentReclaim = await harness.call("POST", "/v2/enterprises/multi-accounts/retrieve-coupon", { ...asMaster, body: reclaimBody });
        assert.equal(resentReclaim.body.error_code, "CBC.99007009");
        assert.equal(harness.emulator.world.coupon("coupon-25")!.balance, 25, "nothing moved twice");
        const otherId = await harness.call("POST", "/v2/enterprises/multi-accounts/retrieve-coupon", { ...asMaster, body: { ...reclaimBody, trans_id: "R-OTHER" } });
        assert.equal(otherId.body.error_code, "CBC.0100", "a fresh id still meets the allocation check");
    });

    it("lets the master read a member's bills with method=sub_customer", async () => {
        harness.emulator.addResource({ accountId: "member-a", kind: "ecs", periodType: "month", name: "member-server" });
        const cycle = harness.emulator.nowIso().slice(0, 7);
        const member = await harness.call("GET", "/v2/bills/customer-bills/monthly-sum", { ...asMaster, query: { bill_cycle: cycle, method: "sub_customer", sub_customer_id: "member-a" } });
        assert.equal(member.status, 200);
        assert.ok(member.body.total_count > 0);
        assert.ok(member.body.bill_sums.every((row: { customer_id: string }) => row.customer_id === "member-a"));
        const own = await harness.call("GET", "/v2/bills/customer-bills/monthly-sum", { ...asMaster, query: { bill_cycle: cycle, method: "oneself" } });
        assert.equal(own.body.total_count, 0);
        const all = await harness.call("GET", "/v2/bills/customer-bills/monthly-sum", { ...asMaster, query: { bill_cycle: cycle } });
        assert.equal(all.body.consume_amount, member.body.consume_amount);
        const stranger = await harness.call("GET", "/v2/bills/customer-bills/monthly-sum", { ...asMaster, query: { bill_cycle: cycle, method: "sub_customer", sub_customer_id: "stranger" } });
        assert.equal(stranger.status, 400);
        const fromMember = await harness.call("GET", "/v2/bills/customer-bills/monthly-sum", { as: MEMBER, query: { bill_cycle: cycle, method: "sub_customer", sub_customer_id: "member-b" } });
        assert.equal(fromMember.status, 403);
    });

    it("fund allocation exists only on the Chinese site; the member list exists on both", async () => {
        const intl = await startBillingEmulator({ site: "intl", scenario });
        try {
            assert.equal((await intl.call("POST", "/v2/enterprises/multi-accounts/transfer-amount", { as: MASTER, body: { customer_id: "member-a", amount: "1" } })).status, 404);
            assert.equal((await intl.call("GET", "/v2/enterprises/multi-accounts/sub-customers", { as: MASTER })).status, 200);
        } finally {
            await intl.close();
        }
    });
});
