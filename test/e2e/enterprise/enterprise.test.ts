/**
 * Enterprise master resources end to end: the real Pulumi CLI (Automation API) runs a program that
 * imports the installed package, against an emulator started here. One stack walks through: a
 * customer credential refused at preview, create, increase, decrease, drift and refresh, an
 * interrupted allocation (commit then drop, retried by the client), an allocation whose outcome a
 * run never learnt (settled by the next run's duplicate-trans_id answer), and delete with retain
 * and with retrieve. Every step checks the emulator's record of money movements.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import type { RunningEmulator } from "../../../emulator";
import { SUB_ACCOUNT_COUPONS_TYPE, SUB_ACCOUNT_FUNDING_TYPE } from "../../../sdk/tokens";
import { cashOf, COUPON_1, CUSTOMER, MASTER, MASTER_CASH, MEMBER_A, MEMBER_B, movements, startEnterpriseEmulator } from "../../provider/enterprise/fixture";
import { REPO_ROOT, eventRecorder, openStack, removeStack, uniqueStackName } from "../harness";

const PROGRAM = path.join(REPO_ROOT, "test/e2e/enterprise/program");
const PROJECT = "enterprise-e2e";

type Bag = Record<string, any>;

function diagnostics(events: EngineEvent[]): string {
    return events
        .filter((e) => e.diagnosticEvent)
        .map((e) => e.diagnosticEvent!.message)
        .join("\n");
}

describe("SubAccountFunding and SubAccountCoupons end to end through the Pulumi CLI", function () {
    this.timeout(600_000);
    let emulator: RunningEmulator;
    let stack: Stack;

    const credentials = async (c: { accessKey: string; secretKey: string; domainId: string }) => {
        await stack.setAllConfig({
            "huaweicloud-bss:accessKey": { value: c.accessKey },
            "huaweicloud-bss:secretKey": { value: c.secretKey, secret: true },
            "huaweicloud-bss:domainId": { value: c.domainId },
        });
    };
    const program = async (fundings: Bag, coupons: Bag = {}) => {
        await stack.setAllConfig({
            [`${PROJECT}:fundings`]: { value: JSON.stringify(fundings) },
            [`${PROJECT}:coupons`]: { value: JSON.stringify(coupons) },
        });
    };
    const stateOf = async (type: string, name: string): Promise<Bag> => {
        const deployment = (await stack.exportStack()).deployment;
        const resource = deployment.resources.find((r: Bag) => r.type === type && r.urn.endsWith(`::${name}`));
        assert.ok(resource, `${name} is not in the state`);
        return resource;
    };

    before(async () => {
        emulator = await startEnterpriseEmulator("real");
        stack = await openStack(PROGRAM, uniqueStackName("enterprise"), { "huaweicloud-bss:endpoint": { value: emulator.url } });
    });

    after(async () => {
        if (stack) {
            await credentials(MASTER).catch(() => undefined);
            await removeStack(stack).catch(() => undefined);
        }
        if (emulator) await emulator.close();
    });

    it("refuses a customer credential at preview, saying it is not an enterprise master's", async () => {
        await credentials(CUSTOMER);
        await program({ teamA: { subAccountId: MEMBER_A, amount: "500.00" } });
        const { events, onEvent } = eventRecorder();
        await assert.rejects(stack.preview({ onEvent }));
        const text = diagnostics(events);
        assert.match(text, /the configured credentials are not an enterprise master account's \(BSS answered 403 CBC\.0151/);
        assert.doesNotMatch(text, new RegExp(CUSTOMER.secretKey));
        assert.equal(movements(emulator).length, 0);
    });

    it("creates: allocates the amounts and hands the coupon over; a second preview shows nothing to do", async () => {
        await credentials(MASTER);
        await program(
            { teamA: { subAccountId: MEMBER_A, amount: "500.00" }, teamB: { subAccountId: MEMBER_B, amount: 200, onDelete: "retrieve" } },
            { teamACoupons: { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: "50.00" }], onDelete: "retrieve" } },
        );
        const up = await stack.up();
        assert.equal(up.summary.resourceChanges?.create, 4);
        const teamA = up.outputs.fundings.value.teamA;
        assert.equal(teamA.allocatedAmount, "500.00");
        assert.equal(teamA.retrievableAmount, "500.00");
        // Read right after teamA's own allocation; teamB's may come before or after it (parallel steps).
        assert.ok([MASTER_CASH - 500, MASTER_CASH - 700].map((n) => n.toFixed(2)).includes(teamA.transferableAmount), teamA.transferableAmount);
        assert.equal(cashOf(emulator, MASTER.domainId), MASTER_CASH - 700);
        assert.equal(teamA.currency, "CNY");
        assert.equal(up.outputs.coupons.value.teamACoupons.retrievableBalance, "50.00");
        assert.deepEqual(movements(emulator).map((m) => [m.kind, m.customerId, m.amount]).sort(), [
            ["allocateCoupon", MEMBER_A, "50.00"],
            ["allocateFunds", MEMBER_A, "500.00"],
            ["allocateFunds", MEMBER_B, "200.00"],
        ]);
        assert.equal(teamA.transfers[0].transId, movements(emulator, "allocateFunds").find((m) => m.customerId === MEMBER_A)!.transId);
        await stack.preview({ expectNoChanges: true });

        const state = await stateOf(SUB_ACCOUNT_FUNDING_TYPE, "teamA");
        assert.ok(state.inputs.__provider.length < 1024, `__provider is ${state.inputs.__provider.length} bytes`);
        assert.match(state.inputs.__provider, /require\("pulumi-huaweicloud-bss\/provider\/sub-account-funding"\)/);
    });

    it("an increase allocates the difference", async () => {
        await program(
            { teamA: { subAccountId: MEMBER_A, amount: "800.00" }, teamB: { subAccountId: MEMBER_B, amount: 200, onDelete: "retrieve" } },
            { teamACoupons: { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: "50.00" }], onDelete: "retrieve" } },
        );
        const up = await stack.up();
        assert.equal(up.summary.resourceChanges?.update, 1);
        assert.equal(up.outputs.fundings.value.teamA.allocatedAmount, "800.00");
        assert.deepEqual(movements(emulator, "allocateFunds").slice(-1).map((m) => m.amount), ["300.00"]);
        assert.equal(cashOf(emulator, MEMBER_A), 800);
    });

    it("a decrease retrieves the difference", async () => {
        await program(
            { teamA: { subAccountId: MEMBER_A, amount: "300.00" }, teamB: { subAccountId: MEMBER_B, amount: 200, onDelete: "retrieve" } },
            { teamACoupons: { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: "50.00" }], onDelete: "retrieve" } },
        );
        const up = await stack.up();
        assert.equal(up.outputs.fundings.value.teamA.allocatedAmount, "300.00");
        assert.deepEqual(movements(emulator, "retrieveFunds").map((m) => [m.customerId, m.amount]), [[MEMBER_A, "500.00"]]);
        assert.equal(cashOf(emulator, MEMBER_A), 300);
    });

    it("refresh shows a change made outside the stack; amount stays and nothing is planned", async () => {
        emulator.setBalance(MEMBER_B, { cash: 60 }); // the member spent 140
        const refresh = await stack.refresh();
        assert.equal(refresh.summary.result, "succeeded");
        const state = await stateOf(SUB_ACCOUNT_FUNDING_TYPE, "teamB");
        assert.equal(state.outputs.retrievableAmount, "60.00");
        assert.equal(state.outputs.allocatedAmount, "200.00");
        assert.equal(state.inputs.amount, 200);
        const before = movements(emulator).length;
        await stack.preview({ expectNoChanges: true });
        assert.equal(movements(emulator).length, before);
    });

    it("an allocation whose answer is dropped after commit is retried under the same trans_id: one movement", async () => {
        emulator.setFaults([{ operation: "UpdateSubEnterpriseAmount", kind: "commitThenDrop", count: 1 }]);
        const before = movements(emulator).length;
        await program(
            { teamA: { subAccountId: MEMBER_A, amount: "350.00" }, teamB: { subAccountId: MEMBER_B, amount: 200, onDelete: "retrieve" } },
            { teamACoupons: { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: "50.00" }], onDelete: "retrieve" } },
        );
        const up = await stack.up();
        emulator.clearFaults();
        assert.equal(up.outputs.fundings.value.teamA.allocatedAmount, "350.00");
        const added = movements(emulator).slice(before);
        assert.deepEqual(added.map((m) => [m.kind, m.amount]), [["allocateFunds", "50.00"]]);
        const attempts = emulator.requestLog().filter((r) => r.operation === "UpdateSubEnterpriseAmount").slice(-2);
        assert.deepEqual(attempts.map((r) => r.fault ?? r.errorCode ?? r.status), ["commitThenDrop", "CBC.99007009"]);
        assert.equal(cashOf(emulator, MEMBER_A), 350);
    });

    it("a run that never learns the outcome records it as pending; the next run's duplicate-trans_id answer settles it: one movement", async () => {
        emulator.setFaults([{ operation: "UpdateSubEnterpriseAmount", kind: "commitThenDrop", count: 50 }]);
        const before = movements(emulator).length;
        await program(
            { teamA: { subAccountId: MEMBER_A, amount: "425.00" }, teamB: { subAccountId: MEMBER_B, amount: 200, onDelete: "retrieve" } },
            { teamACoupons: { subAccountId: MEMBER_A, coupons: [{ couponId: COUPON_1, amount: "50.00" }], onDelete: "retrieve" } },
        );
        const { events, onEvent } = eventRecorder();
        await assert.rejects(stack.up({ onEvent }));
        emulator.clearFaults();
        assert.match(diagnostics(events), /recorded as pending and is resent with the same trans_id/);
        const pending = (await stateOf(SUB_ACCOUNT_FUNDING_TYPE, "teamA")).outputs.pendingTransfer;
        assert.equal(pending.amount, "75.00");
        const added = movements(emulator).slice(before);
        assert.deepEqual(added.map((m) => [m.kind, m.amount, m.transId]), [["allocateFunds", "75.00", pending.transId]]);

        const up = await stack.up();
        const teamA = up.outputs.fundings.value.teamA;
        assert.equal(teamA.allocatedAmount, "425.00");
        assert.equal(teamA.transfers.at(-1).transId, pending.transId);
        assert.equal(teamA.transfers.at(-1).confirmedBy, "duplicate");
        assert.equal(movements(emulator).length, before + 1, "the resend moved nothing");
        assert.equal(cashOf(emulator, MEMBER_A), 425);
        assert.equal((await stateOf(SUB_ACCOUNT_FUNDING_TYPE, "teamA")).outputs.pendingTransfer, undefined);
        await stack.preview({ expectNoChanges: true });
    });

    it('delete: "retain" leaves the money, "retrieve" takes back what the member has left, coupons come back', async () => {
        const before = movements(emulator).length;
        await program({});
        const { events, onEvent } = eventRecorder();
        const up = await stack.up({ onEvent });
        assert.equal(up.summary.resourceChanges?.delete, 3);
        assert.deepEqual(movements(emulator).slice(before).map((m) => [m.kind, m.customerId, m.amount]).sort(), [
            ["retrieveCoupon", MEMBER_A, "50.00"],
            ["retrieveFunds", MEMBER_B, "60.00"],
        ]);
        assert.equal(cashOf(emulator, MEMBER_A), 425, "teamA retained");
        assert.equal(cashOf(emulator, MEMBER_B), 0);
        assert.match(diagnostics(events), /140\.00 stays with the member/);
        assert.equal(emulator.world.coupon(COUPON_1)!.balance, 300);
        const deployment = (await stack.exportStack()).deployment;
        assert.equal((deployment.resources ?? []).filter((r: Bag) => r.type === SUB_ACCOUNT_COUPONS_TYPE || r.type === SUB_ACCOUNT_FUNDING_TYPE).length, 0);
    });
});
