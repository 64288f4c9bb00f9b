/**
 * Calls that move money or state are never retried blindly: an unclear outcome ("commit then drop",
 * 5xx) raises AmbiguousOutcomeError after exactly one request, reconcile() finds out what happened,
 * throttling is retried (nothing happened), and trans_id operations retry with the same key without
 * moving money twice.
 */
import * as assert from "node:assert/strict";
import { AmbiguousOutcomeError, BssClient, reconcile, ResponseEvent } from "../../provider/bss";
import { EmulatorFixture, startFixture } from "./support/emulator";

let serial = 0;
function addServer(fx: EmulatorFixture): string {
    serial++;
    const id = `mut-${serial}-${Date.now().toString(36)}`;
    const expire = new Date(fx.emulator.now().getTime() + 15 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:\d\d:\d\dZ$/, ":00:00Z");
    fx.emulator.addResource({ resourceId: id, name: id, kind: "ecs", periodType: "month", periodNum: 1, expireTime: expire });
    return id;
}

async function ambiguous(call: Promise<unknown>): Promise<AmbiguousOutcomeError> {
    const error = await call.then(
        () => assert.fail("expected an AmbiguousOutcomeError"),
        (e: unknown) => e,
    );
    assert.ok(error instanceof AmbiguousOutcomeError, `got ${String(error)}`);
    assert.match(error.message, /may or may not have taken effect/);
    return error;
}

describe("mutating calls against the emulator", () => {
    let fx: EmulatorFixture;
    let client: BssClient;
    const responses: ResponseEvent[] = [];
    before(async () => {
        fx = await startFixture();
        client = fx.client({ requestsPerSecond: 0, onResponse: (e) => responses.push(e) });
    });
    after(() => fx.close());
    afterEach(() => {
        fx.emulator.clearFaults();
        fx.emulator.resetCalls();
        responses.length = 0;
    });

    const count = (operation: string) => fx.emulator.calls().byOperationStatus[operation] ?? {};

    it("renew, commit then drop: one request, AmbiguousOutcomeError, reconcile finds the order", async () => {
        const id = addServer(fx);
        fx.emulator.setFaults([{ operation: "RenewalResources", kind: "commitThenDrop", count: 1 }]);
        const error = await ambiguous(client.renewalResources({ resource_ids: [id], period_type: 2, period_num: 1 }));
        assert.deepEqual(count("RenewalResources"), { "0": 1 }, "not retried");
        assert.equal(error.operation, "RenewalResources");
        assert.deepEqual(error.request.resource_ids, [id]);
        assert.equal(error.attempts, 1);
        const outcome = await reconcile(client, error);
        assert.equal(outcome.status, "committed");
        assert.equal(outcome.orderIds?.length, 1);
        const order = await client.showCustomerOrderDetails({ order_id: outcome.orderIds![0] });
        assert.equal(order.order_info?.status, 6, "the order the dropped call created is pending payment");
    });

    it("renew, 500 before anything happened: not retried; reconcile says not committed; a new call then succeeds", async () => {
        const id = addServer(fx);
        fx.emulator.setFaults([{ operation: "RenewalResources", kind: "error500", count: 1 }]);
        const error = await ambiguous(client.renewalResources({ resource_ids: [id], period_type: 2, period_num: 1 }));
        assert.equal(error.httpStatus, 500);
        assert.equal(error.code, "CLIENT.AMBIGUOUS_OUTCOME");
        assert.deepEqual(count("RenewalResources"), { "500": 1 });
        assert.equal((await reconcile(client, error)).status, "not-committed");
        const renewed = await client.renewalResources({ resource_ids: [id], period_type: 2, period_num: 1 });
        assert.equal(renewed.order_ids!.length, 1);
    });

    it("pay, commit then drop: reconcile sees the order completed", async () => {
        const id = addServer(fx);
        const orderId = (await client.renewalResources({ resource_ids: [id], period_type: 2, period_num: 1 })).order_ids![0];
        fx.emulator.setFaults([{ operation: "PayOrders", kind: "commitThenDrop", count: 1 }]);
        const error = await ambiguous(client.payOrders({ order_id: orderId, use_coupon: "NO", use_discount: "NO" }));
        assert.deepEqual(count("PayOrders"), { "0": 1 });
        const outcome = await reconcile(client, error);
        assert.equal(outcome.status, "committed");
        assert.match(outcome.detail, /completed/);
    });

    it("pay, 503: reconcile sees the order still pending, so paying again is safe", async () => {
        const id = addServer(fx);
        const orderId = (await client.renewalResources({ resource_ids: [id], period_type: 2, period_num: 1 })).order_ids![0];
        fx.emulator.setFaults([{ operation: "PayOrders", kind: "error503", count: 1 }]);
        const error = await ambiguous(client.payOrders({ order_id: orderId, use_coupon: "NO", use_discount: "NO" }));
        assert.deepEqual(count("PayOrders"), { "503": 1 });
        assert.equal((await reconcile(client, error)).status, "not-committed");
        await client.payOrders({ order_id: orderId, use_coupon: "NO", use_discount: "NO" });
        assert.equal((await client.showCustomerOrderDetails({ order_id: orderId })).order_info?.status, 5);
    });

    it("auto-renew on, commit then drop: reconcile reads expire_policy 3", async () => {
        const id = addServer(fx);
        fx.emulator.setFaults([{ operation: "AutoRenewalResources", kind: "commitThenDrop", count: 1 }]);
        const error = await ambiguous(client.autoRenewalResources({ resource_id: id }));
        assert.equal((await reconcile(client, error)).status, "committed");
    });

    it("unsubscribe, commit then drop: reconcile finds the unsubscription", async () => {
        const id = addServer(fx);
        fx.emulator.setFaults([{ operation: "CancelResourcesSubscription", kind: "commitThenDrop", count: 1 }]);
        const error = await ambiguous(client.cancelResourcesSubscription({ resource_ids: [id], unsubscribe_type: 1 }));
        assert.deepEqual(count("CancelResourcesSubscription"), { "0": 1 });
        assert.equal((await reconcile(client, error)).status, "committed");
    });

    it("to-on-demand and cancel order, 500: ambiguous, one request each", async () => {
        const id = addServer(fx);
        fx.emulator.setFaults([{ operation: "UpdatePeriodToOnDemand", kind: "error500", count: 1 }]);
        const error = await ambiguous(client.updatePeriodToOnDemand({ operation: "SET_UP", resource_ids: [id] }));
        assert.equal((await reconcile(client, error)).status, "not-committed");
        const orderId = (await client.renewalResources({ resource_ids: [id], period_type: 2, period_num: 1 })).order_ids![0];
        fx.emulator.setFaults([{ operation: "CancelCustomerOrder", kind: "commitThenDrop", count: 1 }]);
        const dropped = await ambiguous(client.cancelCustomerOrder({ order_id: orderId }));
        assert.equal((await reconcile(client, dropped)).status, "committed");
        assert.deepEqual(count("UpdatePeriodToOnDemand"), { "500": 1 });
        assert.deepEqual(count("CancelCustomerOrder"), { "0": 1 });
    });

    it("a timeout after sending is ambiguous too; the slow request still commits and reconcile sees it", async () => {
        const id = addServer(fx);
        fx.emulator.setFaults([{ operation: "AutoRenewalResources", kind: "latency", latencyMs: 400, count: 1 }]);
        const error = await ambiguous(client.autoRenewalResources({ resource_id: id }, { timeoutMs: 100 }));
        assert.equal((error.cause as { code?: string }).code, "NET.TIMEOUT");
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.equal((await reconcile(client, error)).status, "committed");
        assert.equal(fx.emulator.calls().byOperation.AutoRenewalResources, 1, "not retried");
    });

    it("throttling on a mutating call is retried (the request was rejected) and then succeeds once", async () => {
        const id = addServer(fx);
        fx.emulator.setFaults([{ operation: "AutoRenewalResources", kind: "throttle", count: 2 }]);
        await client.autoRenewalResources({ resource_id: id });
        assert.deepEqual(count("AutoRenewalResources"), { "429": 2, "204": 1 });
        assert.deepEqual(responses.map((r) => r.status), [429, 429, 204]);
    });

    it("a dropped renewal is never repeated by the client: exactly one order exists afterwards", async () => {
        const id = addServer(fx);
        fx.emulator.setFaults([{ operation: "RenewalResources", kind: "commitThenDrop", count: 1 }]);
        await ambiguous(client.renewalResources({ resource_ids: [id], period_type: 2, period_num: 1 }));
        const renewals = fx.emulator.state.orders.filter((o) => o.orderType === 2 && o.lines.some((l) => l.resourceId === id));
        assert.equal(renewals.length, 1);
    });
});

describe("trans_id operations against the emulator (safe retries with the same key)", () => {
    const MASTER = "master00domain0000000000000002";
    const MEMBER = "member00domain0000000000000002";
    let fx: EmulatorFixture;
    let master: BssClient;
    before(async () => {
        fx = await startFixture({
            scenario: {
                accounts: [
                    { id: MASTER, master: true, cash: 1000, credentials: [{ accessKey: "MASTERAK000000000002", secretKey: "master-secret-0002" }] },
                    { id: MEMBER, masterAccountId: MASTER, cash: 0 },
                ],
            },
        });
        master = fx.client({ accessKey: "MASTERAK000000000002", secretKey: "master-secret-0002", domainId: MASTER, requestsPerSecond: 0 });
    });
    after(() => fx.close());
    afterEach(() => fx.emulator.clearFaults());

    const memberFunds = async () => (await master.listEnterpriseMultiAccount({ sub_customer_id: MEMBER, balance_type: "BALANCE_TYPE_DEBIT" })).amount_infos?.[0]?.avail_retrieve_amount ?? 0;

    it("allocation, commit then drop: retried with the same trans_id, money moves once, the call succeeds", async () => {
        const before = await memberFunds();
        fx.emulator.resetCalls();
        fx.emulator.setFaults([{ operation: "UpdateSubEnterpriseAmount", kind: "commitThenDrop", count: 1 }]);
        await master.updateSubEnterpriseAmount({ customer_id: MEMBER, amount: "40" });
        assert.equal(await memberFunds(), before + 40);
        const log = fx.emulator.requestLog().filter((e) => e.operation === "UpdateSubEnterpriseAmount");
        assert.deepEqual(log.map((e) => e.status), [0, 400], "dropped, then refused as a duplicate trans_id");
        assert.equal(log[1].errorCode, "CBC.99007009");
    });

    it("a caller-chosen trans_id is kept; reusing it outside a retry is an error, not a silent success", async () => {
        await master.updateSubEnterpriseAmount({ customer_id: MEMBER, amount: "1", trans_id: "fixed-trans-id-0001" });
        const error = await master.updateSubEnterpriseAmount({ customer_id: MEMBER, amount: "1", trans_id: "fixed-trans-id-0001" }).then(
            () => assert.fail("expected a duplicate-transaction error"),
            (e: unknown) => e as { code?: string },
        );
        assert.equal(error.code, "CBC.99007009");
    });

    it("retrieval, 500 then success: retried with the same trans_id", async () => {
        const before = await memberFunds();
        fx.emulator.setFaults([{ operation: "ReclaimSubEnterpriseAmount", kind: "error500", count: 1 }]);
        await master.reclaimSubEnterpriseAmount({ customer_id: MEMBER, amount: "10" });
        assert.equal(await memberFunds(), before - 10);
    });
});
