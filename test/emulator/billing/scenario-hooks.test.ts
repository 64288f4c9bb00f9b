/**
 * The scenario's `billing` section (file, object and --scenario) and the billing test hooks on the
 * running emulator and the admin endpoint: each seeded fact is observed through the BSS API.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Scenario } from "../../../emulator";
import { send } from "../support";
import { BillingHarness, startBillingEmulator } from "./harness";

const MASTER = { accessKey: "MASTERAK000000000001", secretKey: "master-secret-not-secret" };
const accounts = [
    { id: "master-1", name: "acme", master: true, cash: 1000, credentials: [MASTER] },
    { id: "member-a", name: "acme-dev", masterAccountId: "master-1", cash: 0 },
];
const T0 = "2026-03-01T00:00:00Z";

const creditQuery = { as: MASTER, query: { balance_type: "BALANCE_TYPE_CREDIT" } };
const allocation = (body: Record<string, unknown>) => ({ as: MASTER, body: { customer_id: "member-a", ...body } });

function scenarioFile(scenario: Scenario): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bss-emulator-billing-"));
    const file = path.join(dir, "scenario.json");
    fs.writeFileSync(file, JSON.stringify(scenario));
    return file;
}

describe("emulator billing scenario section", function () {
    this.timeout(20000);
    let harness: BillingHarness | undefined;
    afterEach(async () => {
        await harness?.close();
        harness = undefined;
    });

    it("a scenario file's billing section seeds busy windows and dated credit the API then shows", async () => {
        const file = scenarioFile({
            now: T0,
            accounts,
            billing: {
                transferBusyUntil: { "master-1": "2026-03-01T01:00:00Z" },
                creditLedgers: [{ accountId: "master-1", expireTime: "2026-04-01T00:00:00Z", creditLimit: 300 }],
            },
        });
        harness = await startBillingEmulator({ scenario: file, now: undefined });
        const credit = await harness.call("GET", "/v2/enterprises/multi-accounts/transfer-amount", creditQuery);
        assert.equal(credit.status, 200);
        assert.deepEqual(
            credit.body.amount_infos.map((info: { credit_amount: number; expire_time: string }) => [info.credit_amount, info.expire_time]),
            [[300, "2026-04-01T00:00:00Z"]],
        );
        const busy = await harness.call("POST", "/v2/enterprises/multi-accounts/transfer-amount", allocation({ amount: "10" }));
        assert.equal(busy.body?.error_code, "CBC.99007461");
        harness.emulator.advanceClock("PT1H");
        const allocated = await harness.call("POST", "/v2/enterprises/multi-accounts/transfer-amount", allocation({ amount: "40", balance_type: "BALANCE_TYPE_CREDIT", expire_time: "2026-04-01T00:00:00Z" }));
        assert.equal(allocated.status, 204, JSON.stringify(allocated.body));
        harness.emulator.setClock("2026-04-01T00:00:00Z");
        const expired = await harness.call("POST", "/v2/enterprises/multi-accounts/transfer-amount", allocation({ amount: "1", balance_type: "BALANCE_TYPE_CREDIT", expire_time: "2026-04-01T00:00:00Z" }));
        assert.equal(expired.body?.error_code, "CBC.99007181");
    });

    it("a scenario object's invoices are listed by ListInvoices (intl)", async () => {
        harness = await startBillingEmulator({
            site: "intl",
            scenario: { accounts: [{ id: "intl-1", credentials: [MASTER] }], billing: { invoices: [{ accountId: "intl-1", requestId: "INV-7", applyTime: "2026-02-10T08:00:00Z", invoiceAmount: 42.5 }] } },
        });
        const reply = await harness.call("GET", "/v1.0/intl-1/payments/intl-invoices", { as: MASTER, query: { start_time: "2026-02-01T00:00:00Z", end_time: "2026-03-01T00:00:00Z", offset: 1, limit: 10 } });
        assert.equal(reply.status, 200);
        assert.deepEqual(
            reply.body.invoices.map((invoice: { requestId: string; invoiceAmount: number }) => [invoice.requestId, invoice.invoiceAmount]),
            [["INV-7", 42.5]],
        );
    });

    it("refuses a billing section that names an unknown account, a non-master busy window or a bad time", async () => {
        await assert.rejects(startBillingEmulator({ scenario: { accounts, billing: { creditLedgers: [{ accountId: "nobody", expireTime: T0, creditLimit: 1 }] } } }), /billing\.creditLedgers\[0\]\.accountId: no account nobody/);
        await assert.rejects(startBillingEmulator({ scenario: { accounts, billing: { transferBusyUntil: { "member-a": T0 } } } }), /not an enterprise master/);
        await assert.rejects(startBillingEmulator({ scenario: { accounts, billing: { invoices: [{ accountId: "master-1", applyTime: "soon", invoiceAmount: 1 }] } } }), /applyTime/);
    });

    it("--scenario on the command line applies the billing section", async () => {
        const file = scenarioFile({ now: T0, accounts, billing: { transferBusyUntil: { "master-1": "2026-03-02T00:00:00Z" } } });
        const cli = path.resolve(__dirname, "../../../emulator/cli.js");
        const child = spawn(process.execPath, [cli, "--port", "0", "--scenario", file, "--freeze-clock", "--rate-limit", "0"], { stdio: ["ignore", "pipe", "pipe"] });
        try {
            const line = await new Promise<string>((resolve, reject) => {
                let out = "";
                child.stdout!.on("data", (chunk: Buffer) => {
                    out += chunk.toString();
                    if (out.includes("\n")) resolve(out.split("\n")[0]);
                });
                child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
            });
            const url = line.slice(line.indexOf("http://"));
            const state = await send(`${url}/__emulator/state?sections=extensions`, "GET", {});
            assert.deepEqual(state.body.state.extensions.billing.transferBusyUntil, { "master-1": "2026-03-02T00:00:00Z" });
        } finally {
            const exited = new Promise((resolve) => child.on("exit", resolve));
            child.kill("SIGTERM");
            await exited;
        }
    });
});

describe("emulator billing hooks", function () {
    this.timeout(20000);
    let harness: BillingHarness;
    before(async () => {
        harness = await startBillingEmulator({ scenario: { accounts } });
    });
    after(() => harness.close());

    const admin = (body: unknown) => send(`${harness.emulator.url}/__emulator/billing`, "POST", { "Content-Type": "application/json" }, JSON.stringify(body));
    const allocate = (body: Record<string, unknown>) => harness.call("POST", "/v2/enterprises/multi-accounts/transfer-amount", allocation(body));

    it("setTransferBusyUntil makes allocations answer CBC.99007461 until then, and clears", async () => {
        harness.emulator.setTransferBusyUntil("master-1", "2026-03-01T00:30:00.000Z");
        assert.equal((await allocate({ amount: "1" })).body?.error_code, "CBC.99007461");
        harness.emulator.setTransferBusyUntil("master-1", undefined);
        assert.equal((await allocate({ amount: "1" })).status, 204);
        const viaAdmin = await admin({ action: "setTransferBusyUntil", masterId: "master-1", until: "2026-03-01T00:30:00+08:00" });
        assert.equal(viaAdmin.status, 200);
        assert.equal(viaAdmin.body.until, "2026-02-28T16:30:00Z", "stored in UTC");
        assert.equal((await allocate({ amount: "1" })).status, 204, "a window already over does not block");
        await admin({ action: "setTransferBusyUntil", masterId: "master-1", until: "2026-03-01T06:00:00Z" });
        assert.equal((await allocate({ amount: "1" })).body?.error_code, "CBC.99007461");
        assert.equal((await admin({ action: "setTransferBusyUntil", masterId: "master-1", until: null })).status, 200);
        assert.equal((await allocate({ amount: "1" })).status, 204);
        assert.throws(() => harness.emulator.setTransferBusyUntil("member-a", T0), /not an enterprise master/);
    });

    it("addCreditLedger (hook and admin) adds dated quotas the balance API lists", async () => {
        harness.emulator.addCreditLedger("master-1", "2026-05-01T00:00:00Z", 200);
        const added = await admin({ action: "addCreditLedger", accountId: "master-1", expireTime: "2026-06-01T00:00:00Z", creditLimit: 80, balance: 30 });
        assert.equal(added.status, 200);
        const credit = await harness.call("GET", "/v2/enterprises/multi-accounts/transfer-amount", creditQuery);
        assert.deepEqual(
            credit.body.amount_infos.map((info: { avail_transfer_amount: number; credit_amount: number; expire_time: string }) => [info.expire_time, info.credit_amount, info.avail_transfer_amount]),
            [
                ["2026-05-01T00:00:00Z", 200, 200],
                ["2026-06-01T00:00:00Z", 80, 30],
            ],
        );
        const unknown = await admin({ action: "addCreditLedger", accountId: "nobody", expireTime: T0, creditLimit: 1 });
        assert.equal(unknown.status, 400);
        assert.match(unknown.body.error, /no account nobody/);
    });

    it("addInvoice and recordUsageSamples seed the billing state; bad bodies answer 400 naming the field", async () => {
        const invoice = await admin({ action: "addInvoice", invoice: { accountId: "master-1", applyTime: "2026-02-01T10:00:00Z", invoiceAmount: 9.9 } });
        assert.equal(invoice.status, 200);
        const requestId = harness.emulator.addInvoice({ accountId: "master-1", applyTime: "2026-02-02T10:00:00Z", invoiceAmount: 1 });
        harness.emulator.recordUsageSamples({ customerId: "master-1", resourceId: "bw-1" }, [["2026-02-01T00:05:00Z", "12.5"]]);
        const samples = await admin({ action: "recordUsageSamples", series: { customerId: "master-1", resourceId: "bw-1", samples: [["2026-02-01T00:00:00Z", "3"]] } });
        assert.equal(samples.status, 200);
        const state = await send(`${harness.emulator.url}/__emulator/state?sections=extensions`, "GET", {});
        const billing = state.body.state.extensions.billing;
        assert.deepEqual(billing.invoices.map((i: { requestId: string }) => i.requestId), [invoice.body.requestId, requestId]);
        assert.deepEqual(billing.usageSamples[0].samples, [
            ["2026-02-01T00:00:00Z", "3"],
            ["2026-02-01T00:05:00Z", "12.5"],
        ]);
        const bad = await admin({ action: "recordUsageSamples", series: { customerId: "master-1", resourceId: "bw-1", samples: [["2026-02-01T00:00:00Z", "lots"]] } });
        assert.equal(bad.status, 400);
        assert.match(JSON.stringify(bad.body.issues), /samples/);
        assert.equal((await admin({ action: "fly" })).status, 400);
    });
});
