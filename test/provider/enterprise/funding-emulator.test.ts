/**
 * SubAccountFunding's provider module driven the way the dynamic-provider server calls it, against
 * the emulator: what reaches BSS, what the state records, and that no failure moves money twice.
 */
import * as assert from "node:assert/strict";
import * as funding from "../../../provider/sub-account-funding";
import { setBusyRetryDelaysForTesting } from "../../../provider/sub-account-funding/enterprise";
import { billingState } from "../../../emulator/billing/state";
import { PartialProgressError } from "../../../provider/shared/errors";
import { unknownValue } from "../../../provider/shared/values";
import { cashOf, CUSTOMER, EnterpriseFixture, MASTER, MASTER_CASH, MEMBER_A, MEMBER_B, movements, startEnterpriseFixture } from "./fixture";

type Outs = Record<string, unknown> & { allocatedAmount: string; transfers: { transId: string; direction: string; amount: string; confirmedBy: string }[] };

async function created(inputs: Record<string, unknown>): Promise<{ id: string; outs: Outs }> {
    const checked = await funding.check(undefined, inputs);
    assert.deepEqual(checked.failures ?? [], []);
    const result = await funding.create(checked.inputs);
    return { id: result.id, outs: result.outs as Outs };
}

async function updated(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<Outs> {
    const checked = await funding.check(olds, news);
    assert.deepEqual(checked.failures ?? [], []);
    return (await funding.update(id, olds, checked.inputs)).outs as Outs;
}

describe("SubAccountFunding against the emulator", function () {
    this.timeout(20_000);
    let fx: EnterpriseFixture;

    beforeEach(async () => {
        fx = await startEnterpriseFixture();
    });
    afterEach(async () => {
        setBusyRetryDelaysForTesting(undefined);
        await fx.close();
    });

    describe("check", () => {
        it("accepts a member of the master", async () => {
            const result = await funding.check(undefined, { subAccountId: MEMBER_A, amount: "100" });
            assert.deepEqual(result.failures ?? [], []);
            assert.deepEqual(result.inputs, { subAccountId: MEMBER_A, amount: "100" });
        });

        it("refuses an account that is not a member, naming subAccountId", async () => {
            const result = await funding.check(undefined, { subAccountId: "not-a-member", amount: "100" });
            assert.equal(result.failures?.[0]?.property, "subAccountId");
            assert.match(result.failures![0].reason, /not a member account of this enterprise master/);
        });

        it("refuses a customer credential at preview, saying it is not an enterprise master's", async () => {
            fx.useCredentials(CUSTOMER);
            const result = await funding.check(undefined, { subAccountId: MEMBER_A, amount: "100" });
            assert.equal(result.failures?.length, 1);
            assert.match(result.failures![0].reason, /not an enterprise master account's/);
            assert.match(result.failures![0].reason, /CBC\.0151/);
            assert.equal(movements(fx.emulator).length, 0);
        });

        it("still probes the credentials when the member is not known yet (preview)", async () => {
            fx.useCredentials(CUSTOMER);
            const result = await funding.check(undefined, { subAccountId: unknownValue, amount: unknownValue });
            assert.match(result.failures?.[0]?.reason ?? "", /not an enterprise master account's/);
        });

        it("probes the credentials and lists the members once per process, however many resources it checks", async () => {
            fx.emulator.resetCalls();
            for (const amount of [1, 2, 3]) {
                const result = await funding.check(undefined, { subAccountId: amount === 2 ? MEMBER_B : MEMBER_A, amount });
                assert.deepEqual(result.failures ?? [], []);
            }
            assert.deepEqual(fx.emulator.calls().byOperation, { ListEnterpriseSubCustomers: 2 });
        });

        it("a customer credential that skipped check is refused at the first call, with the same explanation", async () => {
            fx.useCredentials(CUSTOMER);
            await assert.rejects(funding.create({ subAccountId: MEMBER_A, amount: 10 }), /not an enterprise master account's \(BSS answered 403 CBC\.0151/);
            assert.equal(movements(fx.emulator).length, 0);
        });

        it("refuses the international site, where BSS has no enterprise allocation, without any request", async () => {
            fx.useCredentials({ ...MASTER, site: "intl" });
            fx.emulator.resetCalls();
            const result = await funding.check(undefined, { subAccountId: MEMBER_A, amount: 1 });
            assert.match(result.failures?.[0]?.reason ?? "", /only on the Chinese site/);
            assert.equal(fx.emulator.calls().total, 0);
        });

        it("invalid inputs fail without any request", async () => {
            fx.emulator.resetCalls();
            const result = await funding.check(undefined, { subAccountId: MEMBER_A, amount: "-1" });
            assert.equal(result.failures?.[0]?.property, "amount");
            assert.equal(fx.emulator.calls().total, 0);
        });
    });

    it("create allocates, an increase allocates the difference, a decrease retrieves it", async () => {
        const { id, outs } = await created({ subAccountId: MEMBER_A, amount: "500.00" });
        assert.equal(outs.allocatedAmount, "500.00");
        assert.equal(outs.retrievableAmount, "500.00");
        assert.equal(outs.transferableAmount, (MASTER_CASH - 500).toFixed(2));
        assert.equal(outs.currency, "CNY");
        assert.equal(outs.subAccountName, "acme-team-a");
        assert.equal(cashOf(fx.emulator, MEMBER_A), 500);

        const up = await updated(id, outs, { subAccountId: MEMBER_A, amount: 800 });
        assert.equal(up.allocatedAmount, "800.00");
        const down = await updated(id, up, { subAccountId: MEMBER_A, amount: "200" });
        assert.equal(down.allocatedAmount, "200.00");
        assert.equal(cashOf(fx.emulator, MEMBER_A), 200);
        assert.equal(cashOf(fx.emulator, MASTER.domainId), MASTER_CASH - 200);

        const recorded = movements(fx.emulator);
        assert.deepEqual(
            recorded.map((m) => [m.kind, m.amount]),
            [
                ["allocateFunds", "500.00"],
                ["allocateFunds", "300.00"],
                ["retrieveFunds", "600.00"],
            ],
        );
        // The state lists the same movements under the same keys.
        assert.deepEqual(
            down.transfers.map((t) => t.transId),
            recorded.map((m) => m.transId),
        );
        assert.deepEqual(
            down.transfers.map((t) => t.direction),
            ["allocate", "allocate", "retrieve"],
        );
    });

    it("an onDelete-only change and an unchanged amount move nothing", async () => {
        const { id, outs } = await created({ subAccountId: MEMBER_A, amount: 100 });
        const next = await updated(id, outs, { subAccountId: MEMBER_A, amount: "100.00", onDelete: "retrieve" });
        assert.equal(next.onDelete, "retrieve");
        assert.equal(movements(fx.emulator).length, 1);
    });

    it("a decrease larger than what the member can give back fails before sending, with the numbers", async () => {
        const { id, outs } = await created({ subAccountId: MEMBER_A, amount: 500 });
        fx.emulator.setBalance(MEMBER_A, { cash: 120 }); // the member spent 380
        await assert.rejects(funding.update(id, outs, { subAccountId: MEMBER_A, amount: 100 }), (error: Error) => {
            assert.match(error.message, /can give back only 120\.00 CNY/);
            assert.match(error.message, /Set amount to at least 380\.00/);
            return true;
        });
        assert.equal(movements(fx.emulator).length, 1);
    });

    it("an allocation the master cannot cover fails before sending", async () => {
        await assert.rejects(created({ subAccountId: MEMBER_A, amount: MASTER_CASH + 1 }), /can allocate only 10000\.00 CNY/);
        assert.equal(movements(fx.emulator).length, 0);
    });

    it("read reports drift in the balances but keeps amount", async () => {
        const { id, outs } = await created({ subAccountId: MEMBER_B, amount: 300, onDelete: "retrieve" });
        fx.emulator.setBalance(MEMBER_B, { cash: 75 });
        const read = await funding.read(id, { ...outs, __provider: "x" });
        const props = read.props as Outs;
        assert.equal(props.retrievableAmount, "75.00");
        assert.equal(props.amount, 300);
        assert.equal(props.allocatedAmount, "300.00");
        assert.equal(props.__provider, undefined);
        assert.deepEqual(read.inputs, { subAccountId: MEMBER_B, amount: 300, onDelete: "retrieve" });
    });

    describe("delete", () => {
        it('"retain" (the default) leaves the money with the member', async () => {
            const { id, outs } = await created({ subAccountId: MEMBER_A, amount: 250 });
            await funding.delete(id, outs);
            assert.equal(movements(fx.emulator).length, 1);
            assert.equal(cashOf(fx.emulator, MEMBER_A), 250);
        });

        it('"retrieve" takes the allocation back', async () => {
            const { id, outs } = await created({ subAccountId: MEMBER_A, amount: 250, onDelete: "retrieve" });
            await funding.delete(id, outs);
            assert.deepEqual(movements(fx.emulator).map((m) => [m.kind, m.amount]), [
                ["allocateFunds", "250.00"],
                ["retrieveFunds", "250.00"],
            ]);
            assert.equal(cashOf(fx.emulator, MEMBER_A), 0);
            assert.equal(cashOf(fx.emulator, MASTER.domainId), MASTER_CASH);
        });

        it('"retrieve" takes back what is left when the member spent part, and says so', async () => {
            const { id, outs } = await created({ subAccountId: MEMBER_A, amount: 250, onDelete: "retrieve" });
            fx.emulator.setBalance(MEMBER_A, { cash: 40 });
            await funding.delete(id, outs);
            assert.equal(movements(fx.emulator, "retrieveFunds")[0].amount, "40.00");
            assert.ok(fx.logs.some((l) => l.severity === "warning" && /210\.00 stays with the member/.test(l.message)));
        });
    });

    describe("interruptions", () => {
        it("a dropped answer after commit is retried under the same trans_id: one movement", async () => {
            fx.emulator.setFaults([{ operation: "UpdateSubEnterpriseAmount", kind: "commitThenDrop", count: 1 }]);
            const { outs } = await created({ subAccountId: MEMBER_A, amount: 120 });
            assert.equal(outs.allocatedAmount, "120.00");
            assert.equal(movements(fx.emulator).length, 1);
            assert.equal(cashOf(fx.emulator, MEMBER_A), 120);
            const attempts = fx.emulator.requestLog().filter((r) => r.operation === "UpdateSubEnterpriseAmount");
            assert.equal(attempts.length, 2);
        });

        it("an outcome never learnt is kept as pending; the next run resends its key and BSS's duplicate answer settles it", async () => {
            fx.emulator.setFaults([{ operation: "UpdateSubEnterpriseAmount", kind: "commitThenDrop", count: 20 }]);
            const checked = await funding.check(undefined, { subAccountId: MEMBER_A, amount: 120 });
            let partial: PartialProgressError | undefined;
            await funding.create(checked.inputs).catch((error) => {
                partial = error;
            });
            assert.ok(partial instanceof PartialProgressError, `expected a partial-progress error, got ${String(partial)}`);
            const state = partial.properties as Outs & { pendingTransfer: { transId: string; amount: string } };
            assert.equal(state.pendingTransfer.amount, "120.00");
            assert.equal(state.allocatedAmount, "0.00");
            assert.equal(movements(fx.emulator).length, 1);
            assert.equal(movements(fx.emulator)[0].transId, state.pendingTransfer.transId);

            fx.emulator.clearFaults();
            assert.equal((await funding.diff(partial.id, state, checked.inputs)).changes, true);
            const settled = await updated(partial.id, state, checked.inputs);
            assert.equal(settled.allocatedAmount, "120.00");
            assert.equal(settled.pendingTransfer, undefined);
            assert.equal(settled.transfers[0].confirmedBy, "duplicate");
            assert.equal(movements(fx.emulator).length, 1);
            assert.equal(cashOf(fx.emulator, MEMBER_A), 120);
            const resent = fx.emulator.requestLog().filter((r) => r.operation === "UpdateSubEnterpriseAmount" && r.status === 400);
            assert.equal(resent.length, 1, "the resend got BSS's duplicate-trans_id answer");
        });

        it("a pending movement that never reached BSS is simply made by the next run", async () => {
            const { id, outs } = await created({ subAccountId: MEMBER_A, amount: 100 });
            const planned = { transId: "0123456789abcdef0123456789abcdef", direction: "allocate", amount: "50.00", from: "100.00", to: "150.00", generation: 1 };
            const next = await updated(id, { ...outs, pendingTransfer: planned }, { subAccountId: MEMBER_A, amount: 150 });
            assert.equal(next.allocatedAmount, "150.00");
            assert.equal(next.transfers[1].confirmedBy, "response");
            assert.equal(movements(fx.emulator).length, 2);
        });

        it("an interrupted destroy resends the same trans_id: one retrieval", async () => {
            const { id, outs } = await created({ subAccountId: MEMBER_A, amount: 90, onDelete: "retrieve" });
            fx.emulator.setFaults([{ operation: "ReclaimSubEnterpriseAmount", kind: "commitThenDrop", count: 20 }]);
            await assert.rejects(funding.delete(id, outs), /run `pulumi destroy` again: it resends the same trans_id/);
            fx.emulator.clearFaults();
            await funding.delete(id, outs);
            assert.equal(movements(fx.emulator, "retrieveFunds").length, 1);
            assert.equal(cashOf(fx.emulator, MEMBER_A), 0);
        });

        it("BSS busy with another task (CBC.99007461): resent, then a clear error; nothing moved", async () => {
            setBusyRetryDelaysForTesting([1, 1]);
            billingState(fx.emulator.world).transferBusyUntil[MASTER.domainId] = "2999-01-01T00:00:00Z";
            await assert.rejects(created({ subAccountId: MEMBER_A, amount: 10 }), /still running another allocation or retrieval.*nothing was moved/);
            const attempts = fx.emulator.requestLog().filter((r) => r.operation === "UpdateSubEnterpriseAmount");
            assert.equal(attempts.length, 3);
            assert.equal(movements(fx.emulator).length, 0);
        });
    });

    it("parallel resources of one process move money one at a time", async () => {
        const results = await Promise.all([
            created({ subAccountId: MEMBER_A, amount: 10 }),
            created({ subAccountId: MEMBER_B, amount: 20 }),
            created({ subAccountId: MEMBER_A, amount: 30 }),
        ]);
        assert.equal(results.length, 3);
        assert.equal(movements(fx.emulator).length, 3);
        assert.equal(cashOf(fx.emulator, MEMBER_A), 40);
    });
});
