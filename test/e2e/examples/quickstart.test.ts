/**
 * The README's quickstart command, as users run it: scripts/quickstart.sh against its own emulator,
 * through the real CLI. Asserts what a user reads in its output and what the stack holds afterwards.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { defaultCatalogue } from "../../../emulator/catalogue";
import { REPO_ROOT, offlineEnv, uniqueStackName } from "../harness";
import { scenarioIds } from "./support";

type Bag = Record<string, any>;

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, output }));
    });
}

const SUBSCRIPTION_TYPE = "pulumi-nodejs:dynamic/huaweicloud-bss:Subscription";

function subscriptions(exported: Bag): Map<string, Bag> {
    return new Map(exported.deployment.resources.filter((r: Bag) => r.type === SUBSCRIPTION_TYPE).map((r: Bag) => [r.urn.split("::").pop(), r.outputs]));
}

/** Monthly list price of a catalogue spec (per unit for linear products). */
function monthly(spec: string): number {
    const entry = defaultCatalogue("cn").find((e) => e.resourceSpecCode === spec);
    assert.ok(entry, `no catalogue entry ${spec}`);
    return entry.monthlyPrice;
}

describe("quickstart: npm run quickstart (scripts/quickstart.sh)", function () {
    this.timeout(480_000);
    const stackName = uniqueStackName("quickstart");
    const work = path.join(REPO_ROOT, "tmp", stackName);
    const ids = scenarioIds();
    let result: { code: number; output: string };
    // db-prod-orders expires 2026-11-26; renewUntil 2027-06-30 needs 8 months (7 would end on
    // 2027-06-26), cheaper than a year: MySQL n1.large.2 plus 200 GB of RDS storage per month.
    const dbRenewal = () => (8 * (monthly("rds.mysql.n1.large.2") + 200 * monthly("rds.volume.ultrahigh"))).toFixed(2);
    // A web server for a month: c6.xlarge.2, 40 GB SAS system disk, 200 GB SSD data disk, an EIP, 10 Mbit/s.
    const webServerMonth = () => (monthly("c6.xlarge.2.linux") + 40 * monthly("SAS") + 200 * monthly("SSD") + monthly("5_bgp") + 10 * monthly("19_bgp")).toFixed(2);
    const file = (name: string) => fs.readFileSync(path.join(work, name), "utf8");
    const json = (name: string) => JSON.parse(file(name)) as Bag;

    before(async () => {
        result = await run("bash", ["scripts/quickstart.sh"], { QUICKSTART_STACK: stackName, QUICKSTART_WORK: work, QUICKSTART_SKIP_BOOTSTRAP: "1" });
    });

    after(async () => {
        await run("bash", ["-c", `source scripts/env.sh && pulumi stack rm ${stackName} --yes --force --non-interactive`], offlineEnv());
        fs.rmSync(work, { recursive: true, force: true });
    });

    it("runs every step non-interactively and exits 0", () => {
        assert.equal(result.code, 0, result.output.slice(-4000));
        for (const step of ["pulumi preview --policy-pack policy", "unsafeDatabase=true", "pulumi up --yes", "Moving the emulator's clock 30 days", "pulumi refresh --yes", "What happened"]) {
            assert.ok(result.output.includes(step), `the output has no step "${step}"`);
        }
    });

    it("the preview prices the orders database's renewal before anything is bought", () => {
        const expected = dbRenewal().replace(".", "\\.");
        assert.match(file("preview.log"), new RegExp(`db-prod-orders: renewal planned from 2026-11-26 to 2027-07-26 \\(8 months\\) for ${expected} CNY`));
        assert.match(file("preview.log"), /\+ 12 to create/);
    });

    it("the policy pack refuses the unsafe database change with mandatory violations, and the script goes on", () => {
        const log = file("unsafe-preview.log");
        for (const rule of ["subscription-release-forbidden", "subscription-renewal-required", "subscription-unsubscribe-guard"]) {
            assert.match(log, new RegExp(`\\[mandatory\\]\\s+${rule}\\s+\\(.*db-prod-orders\\)`), `no ${rule} violation`);
        }
        assert.match(result.output, /expected: the preview failed on mandatory policy violations/);
        // The refused config is gone again: the stack's config has no unsafeDatabase.
        const stackConfig = fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stackName}.yaml`), "utf8");
        assert.doesNotMatch(stackConfig, /unsafeDatabase/);
    });

    it("up adopts nine subscriptions, renews the database once with the coupon, and exports bills and prices", () => {
        const afterUp = subscriptions(json("state-after-up.json"));
        assert.equal(afterUp.size, 9);
        const db = afterUp.get("db-prod-orders")!;
        assert.equal(db.expireTime, "2027-07-26T02:00:00Z");
        assert.equal(db.orders.length, 1);
        assert.equal(db.orders[0].status, "completed");
        assert.equal(afterUp.get("bw-prod-shared")!.expirePolicyName, "autoRenew");
        assert.equal(afterUp.get("batch-worker-01")!.expirePolicyName, "toPayPerUse");

        const emulatorState = json("emulator-state.json").state as Bag;
        const order = emulatorState.orders.find((o: Bag) => o.orderId === db.orders[0].id);
        assert.equal(order.payment.coupon, 500, "the RDS coupon paid part of the renewal");

        const outputs = json("state-after-up.json").deployment.resources.find((r: Bag) => r.type === "pulumi:pulumi:Stack").outputs as Bag;
        // The October bill summary equals the emulator's ledger for October.
        const october = emulatorState.ledger.filter((l: Bag) => l.billCycle === "2026-10").reduce((sum: number, l: Bag) => sum + l.amount, 0);
        assert.equal(outputs.billSummary.month, "2026-10");
        assert.equal(Number(outputs.billSummary.total).toFixed(2), october.toFixed(2));
        assert.equal(Number(outputs.webTierRenewalPrice.youPay).toFixed(2), (2 * Number(webServerMonth())).toFixed(2));
    });

    it("after 30 days and a refresh: auto-renewed, converted, frozen, as the account says", () => {
        const after = subscriptions(json("state-after-refresh.json"));
        assert.equal(after.get("web-prod-01")!.expireTime, "2026-12-11T02:00:00Z");
        assert.equal(after.get("web-prod-01")!.status, "active");
        assert.equal(after.get("cache-prod-01")!.expireTime, "2026-12-20T02:00:00Z");
        assert.equal(after.get("staging-web-01")!.status, "frozen");
        assert.ok(!after.has("batch-worker-01") && !after.has("batch-worker-02"), "converted to pay-per-use: no longer subscriptions");
        assert.equal(after.get("db-prod-orders")!.plannedRenewal ?? null, null);

        const lifecycle = json("lifecycle.json") as unknown as Bag[];
        const events = (id: string) => lifecycle.filter((e) => e.resourceId === id).map((e) => e.event);
        assert.deepEqual(events(ids["web-prod-01"]), ["autoRenewed"]);
        assert.deepEqual(events(ids["batch-worker-01"]), ["convertedToOnDemand"]);
        assert.deepEqual(events(ids["staging-web-01"]), ["graceStarted", "frozen"]);
    });

    it("prints a short account of all of it", () => {
        const account = result.output.slice(result.output.indexOf("What happened"));
        assert.match(account, /Adopted 9 yearly\/monthly resources/);
        assert.match(account, /db-prod-orders .* release -> renew/);
        const cash = (Number(dbRenewal()) - 500).toFixed(2);
        assert.ok(account.includes(`renewed 8 month(s) from 2026-11-26 for ${dbRenewal()} CNY (500.00 paid by coupon, ${cash} cash)`), "the renewal and its payment");
        assert.match(account, /refused the unsafe change .* 3 mandatory violation/);
        assert.match(account, new RegExp(`web-prod-01 +auto-renewed on 2026-11-06 for ${webServerMonth().replace(".", "\\.")} CNY; now active, paid until 2026-12-11`));
        assert.match(account, /batch-worker-01 +switched to pay-per-use on 2026-11-21; no longer a yearly\/monthly resource/);
        assert.match(account, /staging-web-01 +expired on 2026-11-14 .*frozen on 2026-11-29; now frozen/);
        assert.match(account, /Cash balance: 30000\.00 -> /);
        assert.ok(account.split("\n").length < 40, "the account stays short");
    });
});
