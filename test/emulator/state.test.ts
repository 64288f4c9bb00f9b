import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import { parseArguments } from "../../emulator/cli";
import { send, SignedCaller, startTestEmulator } from "./support";

const ACCOUNT = "emulator0domain0000000000000001";
const CREDENTIALS = [{ accessKey: "EMULATORAK0000000001", secretKey: "emulator-secret-key-not-secret-0000000001" }];
const SERVER = "55555555-0000-4000-8000-000000000001";

function tempDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "bss-emulator-test-"));
}

describe("emulator scenarios", () => {
    let emulator: RunningEmulator;
    afterEach(() => emulator?.close());

    it("loads accounts, credentials, balances, coupons, catalogue and resources from a JSON file", async () => {
        const dir = tempDir();
        const file = path.join(dir, "scenario.json");
        fs.writeFileSync(
            file,
            JSON.stringify({
                now: "2026-05-01T00:00:00Z",
                accounts: [
                    { id: "master0domain000000000000000001", name: "corp", master: true, cash: 900, credentials: [{ accessKey: "MASTERAK000000000001", secretKey: "master-secret" }] },
                    { id: ACCOUNT, name: "team", cash: 123.45, credit: 1000, creditBalance: 400, masterAccountId: "master0domain000000000000000001", credentials: CREDENTIALS },
                ],
                coupons: [{ id: "CP-1", accountId: ACCOUNT, faceValue: 30 }],
                catalogue: [{ serviceTypeCode: "hws.service.type.ec2", resourceTypeCode: "hws.resource.type.vm", resourceSpecCode: "custom.vm", monthlyPrice: 100, yearlyPrice: 1000 }],
                resources: [{ resourceId: SERVER, accountId: ACCOUNT, kind: "ecs", resourceSpecCode: "custom.vm", region: "cn-east-3", expireTime: "2026-06-01T00:00:00Z", effectiveTime: "2026-05-01T00:00:00Z", expirePolicy: 3, attached: [{ kind: "evs", specSize: 20 }] }],
            }),
        );
        emulator = await startTestEmulator({ scenario: file, now: undefined });
        assert.equal(emulator.nowIso(), "2026-05-01T00:00:00Z");
        const bss = new SignedCaller(emulator);
        const balances = await bss.call("GET", "/v2/accounts/customer-accounts/balances");
        assert.deepEqual(
            balances.body.account_balances.map((b: any) => [b.account_type, b.amount]),
            [
                [1, 123.45],
                [2, 400],
            ],
        );
        const resources = await bss.call("POST", "/v2/orders/suscriptions/resources/query", { body: {} });
        assert.equal(resources.body.total_count, 2);
        assert.equal(resources.body.data.find((r: any) => r.resource_id === SERVER).region_code, "cn-east-3");
        const quote = await bss.call("POST", "/v2/bills/ratings/period-resources/renew-rate", { body: { resource_ids: [SERVER], period_type: 3, period_num: 1 } });
        assert.ok(Number(quote.body.renew_inquiry_results[0].amount) >= 1000, "priced from the scenario catalogue");
        const coupons = await bss.call("GET", "/v2/promotions/benefits/coupons");
        assert.equal(coupons.body.user_coupons[0].coupon_id, "CP-1");
        const master = new SignedCaller(emulator, { accessKey: "MASTERAK000000000001", secretKey: "master-secret" });
        const masterBalances = await master.call("GET", "/v2/accounts/customer-accounts/balances");
        assert.equal(masterBalances.body.account_balances[0].amount, 900);
        assert.equal(emulator.world.account(ACCOUNT)!.masterAccountId, "master0domain000000000000000001");
        // A new-purchase order was recorded at the effective time.
        const orders = await bss.call("GET", "/v2/orders/customer-orders", { query: [["order_type", "1"]] });
        assert.equal(orders.body.order_infos[0].create_time, "2026-05-01T00:00:00Z");
    });

    it("rejects an invalid scenario with a message naming the field", async () => {
        await assert.rejects(startTestEmulator({ scenario: { accounts: [{ id: "" }] } as any }), /id/);
        await assert.rejects(startTestEmulator({ scenario: { resources: [{ kind: "spaceship" }] } as any }), /kind/);
    });
});

describe("emulator generator", () => {
    const summary = (emulator: RunningEmulator) => emulator.world.resourcesOf(ACCOUNT).map((r) => [r.resourceId, r.resourceTypeCode, r.regionCode, r.expireTime, r.expirePolicy]);

    it("generates a large realistic account, the same for the same seed", async () => {
        const a = await startTestEmulator({ generate: 3000, seed: 9 });
        const b = await startTestEmulator({ generate: 3000, seed: 9 });
        const c = await startTestEmulator({ generate: 3000, seed: 10 });
        try {
            const resources = a.world.resourcesOf(ACCOUNT);
            assert.ok(resources.length >= 3000 && resources.length < 3010, `${resources.length}`);
            assert.deepEqual(summary(a), summary(b));
            assert.notDeepEqual(summary(a), summary(c));
            const services = new Set(resources.map((r) => r.serviceTypeCode));
            for (const s of ["hws.service.type.ec2", "hws.service.type.ebs", "hws.service.type.vpc", "hws.service.type.rds", "hws.service.type.obs", "hws.service.type.dcs"]) assert.ok(services.has(s), s);
            assert.ok(new Set(resources.map((r) => r.regionCode)).size >= 4);
            assert.ok(resources.some((r) => !r.isMainResource));
            assert.deepEqual(new Set(resources.filter((r) => r.billingMode === "prepaid").map((r) => r.expirePolicy)), new Set([0, 1, 3]));
            assert.ok(resources.some((r) => r.billingMode === "onDemand"));
            assert.ok(resources.some((r) => r.status === 5), "some are already in the grace period");
            // The API sees the same number, page by page.
            const bss = new SignedCaller(a);
            let listed = 0;
            let total = 0;
            for (let offset = 0; ; offset += 500) {
                const page = await bss.call("POST", "/v2/orders/suscriptions/resources/query", { body: { offset, limit: 500 } });
                total = page.body.total_count;
                listed += page.body.data.length;
                if (page.body.data.length < 500) break;
            }
            assert.equal(listed, total);
            assert.equal(total, resources.filter((r) => r.billingMode === "prepaid" && !r.endedAt).length);
            assert.ok(a.world.ordersOf(ACCOUNT).length > 500, "each primary has its purchase order");
        } finally {
            await Promise.all([a.close(), b.close(), c.close()]);
        }
    });
});

describe("emulator persistence", () => {
    it("resumes from the state file after a restart", async () => {
        const dir = tempDir();
        const stateFile = path.join(dir, "state", "emulator.json");
        const first = await startTestEmulator({
            state: stateFile,
            scenario: { accounts: [{ id: ACCOUNT, name: "emulator-account", credentials: CREDENTIALS }], resources: [{ resourceId: SERVER, kind: "ecs", effectiveTime: "2026-02-20T00:00:00Z", expireTime: "2026-03-20T00:00:00Z" }] },
        });
        const bss = new SignedCaller(first);
        const renewal = await bss.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { resource_ids: [SERVER], period_type: 2, period_num: 1, is_auto_pay: 1 } });
        assert.equal(renewal.status, 200);
        first.advanceClock("P2D");
        const cash = first.world.account(ACCOUNT)!.cashBalance;
        await first.close();
        assert.ok(fs.existsSync(stateFile));
        assert.deepEqual(fs.readdirSync(path.dirname(stateFile)), ["emulator.json"], "no temporary file left behind");

        const second = await startTestEmulator({ state: stateFile, now: undefined });
        try {
            assert.equal(second.nowIso(), "2026-03-03T00:00:00Z", "the clock resumes");
            const again = new SignedCaller(second);
            const resources = await again.call("POST", "/v2/orders/suscriptions/resources/query", { body: { resource_ids: [SERVER] } });
            assert.equal(resources.body.data[0].expire_time, "2026-04-20T00:00:00Z");
            assert.equal(second.world.account(ACCOUNT)!.cashBalance, cash);
            const orders = await again.call("GET", "/v2/orders/customer-orders", { query: [["order_id", renewal.body.order_ids[0]]] });
            assert.equal(orders.body.order_infos[0].status, 5);
            // Ids keep counting: a new order gets a new id.
            const next = await again.call("POST", "/v2/orders/subscriptions/resources/renew", { body: { resource_ids: [SERVER], period_type: 2, period_num: 1 } });
            assert.notEqual(next.body.order_ids[0], renewal.body.order_ids[0]);
            assert.equal(second.save(), stateFile);
        } finally {
            await second.close();
        }
    });
});

describe("emulator admin endpoints", () => {
    let emulator: RunningEmulator;
    let bss: SignedCaller;
    const admin = (method: string, route: string, body?: unknown) => send(`${emulator.url}/__emulator/${route}`, method, { "Content-Type": "application/json" }, body === undefined ? undefined : JSON.stringify(body));

    before(async () => {
        emulator = await startTestEmulator({ demo: true });
        bss = new SignedCaller(emulator);
    });
    after(() => emulator.close());

    it("moves the clock", async () => {
        assert.deepEqual((await admin("POST", "clock", { advance: "P1DT2H" })).body, { now: "2026-03-02T02:00:00Z" });
        assert.deepEqual((await admin("POST", "clock", { set: "2026-03-01T00:00:00Z" })).body, { now: "2026-03-01T00:00:00Z" });
        assert.equal((await admin("POST", "clock", { advance: "one month" })).status, 400);
        assert.equal((await admin("POST", "clock", {})).status, 400);
    });

    it("changes resources as a console user would", async () => {
        const added = await admin("POST", "resources", { action: "add", resource: { resourceId: "66666666-0000-4000-8000-000000000001", kind: "dcs", expireTime: "2026-04-01T00:00:00Z" } });
        assert.equal(added.status, 200, added.text);
        const query = async () => (await bss.call("POST", "/v2/orders/suscriptions/resources/query", { body: { resource_ids: ["66666666-0000-4000-8000-000000000001"] } })).body.data;
        assert.equal((await query())[0].expire_policy, 0);
        assert.equal((await admin("POST", "resources", { action: "setExpirePolicy", resourceId: "66666666-0000-4000-8000-000000000001", expirePolicy: 3 })).status, 200);
        assert.equal((await query())[0].expire_policy, 3);
        assert.equal((await admin("POST", "resources", { action: "update", resourceId: "66666666-0000-4000-8000-000000000001", fields: { resourceName: "renamed", expireTime: "2026-05-01T00:00:00Z" } })).status, 200);
        assert.deepEqual([(await query())[0].resource_name, (await query())[0].expire_time], ["renamed", "2026-05-01T00:00:00Z"]);
        assert.equal((await admin("POST", "resources", { action: "remove", resourceId: "66666666-0000-4000-8000-000000000001" })).status, 200);
        assert.deepEqual(await query(), []);
        assert.equal((await admin("POST", "resources", { action: "remove", resourceId: "no-such" })).status, 400);
        assert.equal((await admin("POST", "resources", { action: "explode" })).status, 400);
    });

    it("changes balances and serves the state without secrets", async () => {
        assert.equal((await admin("POST", "accounts", { action: "setBalance", accountId: ACCOUNT, cash: 42 })).status, 200);
        const balances = await bss.call("GET", "/v2/accounts/customer-accounts/balances");
        assert.equal(balances.body.account_balances[0].amount, 42);
        const state = await admin("GET", "state");
        assert.equal(state.status, 200);
        assert.equal(state.body.state.accounts[0].cashBalance, 42);
        assert.ok(state.body.state.resources.length >= 3, "the demo resources");
        assert.doesNotMatch(state.text, /emulator-secret-key-not-secret/);
        const some = await admin("GET", "state?sections=accounts,coupons");
        assert.deepEqual(Object.keys(some.body.state).sort(), ["accounts", "coupons"]);
        assert.equal((await admin("GET", "nothing-here")).status, 404);
    });
});

describe("emulator command line", () => {
    function run(args: string[]): { child: ReturnType<typeof spawn>; firstLine: Promise<string>; stdout: () => string } {
        const cli = path.resolve(__dirname, "../../emulator/cli.js");
        const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        const firstLine = new Promise<string>((resolve, reject) => {
            child.stdout!.on("data", (chunk: Buffer) => {
                out += chunk.toString();
                if (out.includes("\n")) resolve(out.split("\n")[0]);
            });
            child.on("exit", (code) => reject(new Error(`exited ${code} before listening: ${out}`)));
        });
        return { child, firstLine, stdout: () => out };
    }

    it("prints exactly one line when ready, serves, and saves its state on SIGTERM", async () => {
        const dir = tempDir();
        const stateFile = path.join(dir, "cli-state.json");
        const { child, firstLine, stdout } = run(["--port", "0", "--now", "2026-01-01T00:00:00Z", "--site", "intl", "--state", stateFile, "--credential", "CLIAK000000000000001:cli-secret:cli0domain00000000000000000001:master", "--rate-limit", "0", "--seed", "3"]);
        const line = await firstLine;
        assert.match(line, /^huaweicloud-bss-emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
        const url = line.slice("huaweicloud-bss-emulator listening on ".length);
        const health = await send(`${url}/__emulator/health`, "GET", {});
        assert.equal(health.status, 200);
        const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
        child.kill("SIGTERM");
        assert.equal(await exited, 0);
        assert.equal(stdout().trim().split("\n").length, 1);
        const saved = JSON.parse(fs.readFileSync(stateFile, "utf8"));
        assert.equal(saved.state.site, "intl");
        assert.equal(saved.state.accounts[0].id, "cli0domain00000000000000000001");
        assert.equal(saved.state.accounts[0].isEnterpriseMaster, true);
    });

    it("refuses bad flags with exit code 2", async () => {
        const { child } = run(["--site", "mars"]);
        let err = "";
        child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
        const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
        assert.equal(code, 2);
        assert.match(err, /--site must be cn or intl/);
    });

    it("parses behaviour flags into the behaviour settings", () => {
        assert.deepEqual(parseArguments(["--throttle-response", "gateway", "--usage-lines=month"]).behaviour, { throttleResponse: "gateway", usageLinePeriod: "month" });
        assert.throws(() => parseArguments(["--throttle-response", "apig"]), /--throttle-response must be cbc or gateway/);
    });
});
