/**
 * SubAccountCoupons's provider module against the emulator: child coupons created and taken back,
 * coupon eligibility at check, drift, and no double hand-over after interruptions.
 */
import * as assert from "node:assert/strict";
import * as coupons from "../../../provider/sub-account-coupons";
import { PartialProgressError } from "../../../provider/shared/errors";
import { COUPON_1, COUPON_2, CUSTOMER, DISCOUNT_COUPON, EnterpriseFixture, MEMBER_A, movements, startEnterpriseFixture } from "./fixture";

interface Allocation {
    couponId: string;
    amount: string;
    couponBalance?: string;
    subCoupons: { subCouponId: string; amount: string; balance?: string }[];
}
type Outs = Record<string, unknown> & { allocations: Allocation[]; retrievableBalance: string; transfers: { direction: string; confirmedBy: string; subCouponId?: string }[] };

async function created(inputs: Record<string, unknown>): Promise<{ id: string; outs: Outs }> {
    const checked = await coupons.check(undefined, inputs);
    assert.deepEqual(checked.failures ?? [], []);
    const result = await coupons.create(checked.inputs);
    return { id: result.id, outs: result.outs as Outs };
}

async function updated(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<Outs> {
    const checked = await coupons.check(olds, news);
    assert.deepEqual(checked.failures ?? [], []);
    return (await coupons.update(id, olds, checked.inputs)).outs as Outs;
}

function couponBalance(fx: EnterpriseFixture, id: string): number {
    return fx.emulator.world.coupon(id)!.balance;
}

describe("SubAccountCoupons against the emulator", function () {
    this.timeout(20_000);
    let fx: EnterpriseFixture;

    beforeEach(async () => {
        fx = await startEnterpriseFixture();
    });
    afterEach(async () => {
        await fx.close();
    });

    describe("check", () => {
        it("refuses a coupon the master cannot hand over (only cash coupons can be)", async () => {
            const result = await coupons.check(undefined, { subAccountId: MEMBER_A, coupons: [{ couponId: DISCOUNT_COUPON, amount: 10 }] });
            assert.equal(result.failures?.[0]?.property, "coupons[0].couponId");
            assert.match(result.failures![0].reason, /not a coupon this master account can hand over: only Huawei-issued test, business and campaign cash coupons/);
        });

        it("refuses more than the coupon's balance", async () => {
            const result = await coupons.check(undefined, { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_2, amount: 100.01 }] });
            assert.equal(result.failures?.[0]?.property, "coupons[0].amount");
            assert.match(result.failures![0].reason, /more than coupon CPMASTER00000002's balance 100/);
        });

        it("refuses a customer credential", async () => {
            fx.useCredentials(CUSTOMER);
            const result = await coupons.check(undefined, { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: 10 }] });
            assert.match(result.failures?.[0]?.reason ?? "", /not an enterprise master account's/);
        });
    });

    it("hands coupons over, increases, decreases and removes them", async () => {
        const { id, outs } = await created({ subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: "100.00" }, { couponId: COUPON_2, amount: 40 }] });
        assert.deepEqual(outs.allocations.map((a) => [a.couponId, a.amount, a.subCoupons.length, a.subCoupons[0].balance, a.couponBalance]), [
            [COUPON_1, "100.00", 1, "100.00", "200.00"],
            [COUPON_2, "40.00", 1, "40.00", "60.00"],
        ]);
        assert.equal(outs.retrievableBalance, "140.00");
        assert.equal(couponBalance(fx, COUPON_1), 200);

        // more of coupon 1: one more child coupon with the difference
        const more = await updated(id, outs, { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: 150 }, { couponId: COUPON_2, amount: 40 }] });
        assert.deepEqual(more.allocations[0].subCoupons.map((c) => c.amount), ["100.00", "50.00"]);
        assert.equal(couponBalance(fx, COUPON_1), 150);

        // less of coupon 1: both children come back, one new child of the new amount
        const less = await updated(id, more, { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: 30 }, { couponId: COUPON_2, amount: 40 }] });
        const coupon1 = less.allocations.find((a) => a.couponId === COUPON_1)!;
        assert.deepEqual(coupon1.subCoupons.map((c) => c.amount), ["30.00"]);
        assert.equal(couponBalance(fx, COUPON_1), 270);

        // coupon 2 removed: its child comes back
        const removed = await updated(id, less, { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: 30 }] });
        assert.deepEqual(removed.allocations.map((a) => a.couponId), [COUPON_1]);
        assert.equal(couponBalance(fx, COUPON_2), 100);

        assert.deepEqual(movements(fx.emulator).map((m) => [m.kind, m.amount]), [
            ["allocateCoupon", "100.00"],
            ["allocateCoupon", "40.00"],
            ["allocateCoupon", "50.00"],
            ["retrieveCoupon", "100.00"],
            ["retrieveCoupon", "50.00"],
            ["allocateCoupon", "30.00"],
            ["retrieveCoupon", "40.00"],
        ]);
        assert.equal(removed.transfers.length, 7);
    });

    it("read shows what the member has left of each child coupon", async () => {
        const { id, outs } = await created({ subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: 80 }] });
        const child = fx.emulator.world.coupon(outs.allocations[0].subCoupons[0].subCouponId)!;
        child.balance = 25; // the member spent 55
        const read = await coupons.read(id, outs);
        const props = read.props as Outs;
        assert.equal(props.allocations[0].subCoupons[0].balance, "25.00");
        assert.equal(props.retrievableBalance, "25.00");
        assert.deepEqual(read.inputs, { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: 80 }] });
    });

    it('delete with "retrieve" takes the rest back; "retain" leaves it', async () => {
        const kept = await created({ subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_2, amount: 10 }] });
        await coupons.delete(kept.id, kept.outs);
        const taken = await created({ subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: 60 }], onDelete: "retrieve" });
        fx.emulator.world.coupon(taken.outs.allocations[0].subCoupons[0].subCouponId)!.balance = 45;
        await coupons.delete(taken.id, taken.outs);
        assert.deepEqual(movements(fx.emulator).map((m) => [m.kind, m.amount]), [
            ["allocateCoupon", "10.00"],
            ["allocateCoupon", "60.00"],
            ["retrieveCoupon", "45.00"],
        ]);
        assert.equal(couponBalance(fx, COUPON_1), 285);
    });

    it("a claim whose answer never arrives is pending; the next run finds the child coupon instead of claiming again", async () => {
        fx.emulator.setFaults([{ operation: "ClaimEnterpriseMultiAccountCoupon", kind: "commitThenDrop", count: 20 }]);
        const checked = await coupons.check(undefined, { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: 70 }] });
        let partial: PartialProgressError | undefined;
        await coupons.create(checked.inputs).catch((error) => {
            partial = error;
        });
        assert.ok(partial instanceof PartialProgressError, String(partial));
        assert.equal((partial.properties.pendingTransfer as { kind: string }).kind, "claim");
        fx.emulator.clearFaults();

        const settled = await updated(partial.id, partial.properties, checked.inputs);
        const children = settled.allocations[0].subCoupons;
        assert.equal(children.length, 1);
        assert.equal(children[0].subCouponId, movements(fx.emulator)[0].subCouponId);
        assert.equal(settled.transfers[0].confirmedBy, "duplicate");
        assert.equal(movements(fx.emulator, "allocateCoupon").length, 1);
        assert.equal(couponBalance(fx, COUPON_1), 230);
    });

    it("a pending claim of a coupon's whole balance is settled by the duplicate answer, not refused for the used-up coupon", async () => {
        fx.emulator.setFaults([{ operation: "ClaimEnterpriseMultiAccountCoupon", kind: "commitThenDrop", count: 20 }]);
        const checked = await coupons.check(undefined, { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_2, amount: 100 }] });
        const partial = (await coupons.create(checked.inputs).catch((error) => error)) as PartialProgressError;
        assert.ok(partial instanceof PartialProgressError, String(partial));
        fx.emulator.clearFaults();
        const settled = await updated(partial.id, partial.properties, checked.inputs);
        assert.equal(settled.allocations[0].subCoupons[0].subCouponId, movements(fx.emulator)[0].subCouponId);
        assert.equal(movements(fx.emulator).length, 1);
        assert.equal(couponBalance(fx, COUPON_2), 0);
        // BSS checks a reused trans_id before the coupon's state: the resend is answered as a duplicate.
        const refused = fx.emulator.requestLog().filter((r) => r.operation === "ClaimEnterpriseMultiAccountCoupon" && r.status === 400);
        assert.deepEqual(refused.map((r) => r.errorCode), ["CBC.99007009"]);
        assert.equal(settled.transfers[0].confirmedBy, "duplicate");
    });

    it("a dropped answer retried by the client is identified without a second claim", async () => {
        fx.emulator.setFaults([{ operation: "ClaimEnterpriseMultiAccountCoupon", kind: "commitThenDrop", count: 1 }]);
        const { outs } = await created({ subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_2, amount: 25 }] });
        assert.equal(outs.allocations[0].subCoupons[0].subCouponId, movements(fx.emulator)[0].subCouponId);
        assert.equal(movements(fx.emulator).length, 1);
    });

    it("a child coupon the member no longer holds is skipped on removal, with a warning", async () => {
        const { id, outs } = await created({ subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_2, amount: 20 }] });
        fx.emulator.world.coupon(outs.allocations[0].subCoupons[0].subCouponId)!.balance = 0;
        const next = await updated(id, outs, { subAccountId: MEMBER_A, coupons: [] });
        assert.deepEqual(next.allocations, []);
        assert.equal(movements(fx.emulator, "retrieveCoupon").length, 0);
        assert.ok(fx.logs.some((l) => /no longer holds it/.test(l.message)));
    });
});
