import assert from "node:assert/strict";
import { formatSdkDate } from "../../provider/bss/signer";
import type { RunningEmulator } from "../../emulator";
import { DEFAULT_USER_NAME, DEFAULT_USER_PASSWORD } from "../../emulator";
import { send, SignedCaller, startTestEmulator } from "./support";

const BALANCES = "/v2/accounts/customer-accounts/balances";
const QUERY = "/v2/orders/suscriptions/resources/query";

describe("emulator authentication (gateway behaviour)", () => {
    let emulator: RunningEmulator;
    let caller: SignedCaller;

    before(async () => {
        emulator = await startTestEmulator({
            credentials: ["EMULATORAK0000000001:emulator-secret-key-not-secret-0000000001:emulator0domain0000000000000001", "MASTERAK000000000001:master-secret:master0domain000000000000000001:master"],
        });
        emulator.addCredential({ accessKey: "TEMPAK00000000000001", secretKey: "temp-secret", accountId: "emulator0domain0000000000000001", securityToken: "security-token-value", expiresAt: "2026-03-02T00:00:00Z" });
        emulator.world.state.users.push({ name: DEFAULT_USER_NAME, password: DEFAULT_USER_PASSWORD, accountId: "emulator0domain0000000000000001" });
        caller = new SignedCaller(emulator);
    });
    after(() => emulator.close());

    const expect401 = (answer: { status: number; body: any }, fragment: string) => {
        assert.equal(answer.status, 401, JSON.stringify(answer.body));
        assert.equal(answer.body.error_code, "APIGW.0301");
        assert.match(answer.body.error_msg, new RegExp(fragment));
        assert.equal(typeof answer.body.request_id, "string");
    };

    it("accepts a GET and a POST signed with the project's signer", async () => {
        const get = await caller.call("GET", BALANCES);
        assert.equal(get.status, 200);
        assert.equal(get.body.currency, "CNY");
        const post = await caller.call("POST", QUERY, { body: { limit: 5 } });
        assert.equal(post.status, 200);
        assert.equal(post.body.total_count, 0);
    });

    it("rejects a body changed after signing", async () => {
        const answer = await caller.call("POST", QUERY, { body: { limit: 5 }, tamper: (s) => (s.body = JSON.stringify({ limit: 6 })) });
        expect401(answer, "verify aksk signature fail");
    });

    it("rejects a query changed after signing", async () => {
        const answer = await caller.call("GET", "/v2/orders/customer-orders", { query: [["limit", "5"]], tamper: (s) => (s.url = s.url.replace("limit=5", "limit=6")) });
        expect401(answer, "verify aksk signature fail");
    });

    it("rejects a path changed after signing", async () => {
        const answer = await caller.call("GET", "/v2/orders/customer-orders/details/CSAAAA", { tamper: (s) => (s.url = s.url.replace("CSAAAA", "CSBBBB")) });
        expect401(answer, "verify aksk signature fail");
    });

    it("rejects a signed header changed after signing, but ignores unsigned ones", async () => {
        const changed = await caller.call("GET", BALANCES, { headers: { "X-Domain-Id": "emulator0domain0000000000000001" }, tamper: (s) => (s.headers["X-Domain-Id"] = "another-domain") });
        expect401(changed, "verify aksk signature fail");
        const unsigned = await caller.call("GET", BALANCES, { tamper: (s) => (s.headers["User-Agent"] = "added-after-signing") });
        assert.equal(unsigned.status, 200);
    });

    it("enforces the 15-minute window against the emulator's clock, not the machine's", async () => {
        const now = emulator.now().getTime();
        expect401(await caller.call("GET", BALANCES, { date: new Date(now - 16 * 60_000) }), "15 minutes");
        expect401(await caller.call("GET", BALANCES, { date: new Date(now + 16 * 60_000) }), "15 minutes");
        assert.equal((await caller.call("GET", BALANCES, { date: new Date(now - 14 * 60_000) })).status, 200);
        // The emulator's virtual time is far from the machine's: a request dated by the machine fails.
        assert.ok(Math.abs(Date.now() - now) > 3600_000);
        expect401(await caller.call("GET", BALANCES, { date: new Date() }), "15 minutes");
    });

    it("answers every BSS response with the virtual time in Date, so clients can correct skew", async () => {
        const answer = await caller.call("GET", BALANCES);
        assert.equal(new Date(answer.headers.date).toISOString(), emulator.now().toISOString());
        assert.equal(answer.headers["x-emulator-now"], emulator.nowIso());
        assert.ok(answer.headers["x-request-id"]);
    });

    it("rejects unknown access keys, missing and malformed authentication", async () => {
        const unknown = new SignedCaller(emulator, { accessKey: "NOSUCHAK000000000000", secretKey: "whatever" });
        expect401(await unknown.call("GET", BALANCES), "ak not exist");
        const wrongSecret = new SignedCaller(emulator, { accessKey: "EMULATORAK0000000001", secretKey: "wrong-secret" });
        const wrong = await wrongSecret.call("GET", BALANCES);
        expect401(wrong, "verify aksk signature fail");
        assert.doesNotMatch(wrong.text, /emulator-secret-key|wrong-secret/);
        expect401(await send(`${emulator.url}${BALANCES}`, "GET", {}), "x-auth-token not found");
        expect401(await send(`${emulator.url}${BALANCES}`, "GET", { Authorization: "Bearer nothing", "X-Sdk-Date": formatSdkDate(emulator.now()) }), "verify aksk signature fail");
    });

    it("requires the security token of temporary credentials, and stops them at their expiry", async () => {
        const temporary = new SignedCaller(emulator, { accessKey: "TEMPAK00000000000001", secretKey: "temp-secret", securityToken: "security-token-value" });
        assert.equal((await temporary.call("GET", BALANCES)).status, 200);
        const withoutToken = new SignedCaller(emulator, { accessKey: "TEMPAK00000000000001", secretKey: "temp-secret" });
        expect401(await withoutToken.call("GET", BALANCES), "security token");
        const wrongToken = new SignedCaller(emulator, { accessKey: "TEMPAK00000000000001", secretKey: "temp-secret", securityToken: "other-token" });
        expect401(await wrongToken.call("GET", BALANCES), "security token");
        emulator.advanceClock("P1D");
        try {
            expect401(await temporary.call("GET", BALANCES), "expired");
        } finally {
            emulator.setClock("2026-03-01T00:00:00Z");
        }
    });

    it("issues IAM tokens (X-Subject-Token) that work as X-Auth-Token", async () => {
        const body = JSON.stringify({
            auth: {
                identity: { methods: ["password"], password: { user: { name: DEFAULT_USER_NAME, password: DEFAULT_USER_PASSWORD, domain: { name: "emulator-account" } } } },
                scope: { domain: { name: "emulator-account" } },
            },
        });
        const issued = await send(`${emulator.url}/v3/auth/tokens`, "POST", { "Content-Type": "application/json" }, body);
        assert.equal(issued.status, 201);
        const token = issued.headers["x-subject-token"];
        assert.ok(token && token.length > 20);
        assert.equal(issued.body.token.domain.id, "emulator0domain0000000000000001");
        const withToken = await send(`${emulator.url}${BALANCES}`, "GET", { "X-Auth-Token": token });
        assert.equal(withToken.status, 200);
        expect401(await send(`${emulator.url}${BALANCES}`, "GET", { "X-Auth-Token": "not-a-token" }), "decrypt token fail");
        const badPassword = await send(`${emulator.url}/v3/auth/tokens`, "POST", { "Content-Type": "application/json" }, body.replace(DEFAULT_USER_PASSWORD, "wrong"));
        assert.equal(badPassword.status, 401);
        assert.equal(badPassword.headers["x-subject-token"], undefined);
    });

    it("serves GET /v3/auth/domains for domain discovery, signed like any call", async () => {
        const answer = await caller.call("GET", "/v3/auth/domains", { body: {} });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.domains[0].id, "emulator0domain0000000000000001");
        const unsigned = await send(`${emulator.url}/v3/auth/domains`, "GET", {});
        assert.equal(unsigned.status, 401);
    });

    it("answers 403 CBC.0151 when a customer calls an enterprise-master API, and serves the master", async () => {
        const customer = await caller.call("GET", "/v2/enterprises/multi-accounts/sub-customers");
        assert.equal(customer.status, 403);
        assert.equal(customer.body.error_code, "CBC.0151");
        const master = new SignedCaller(emulator, { accessKey: "MASTERAK000000000001", secretKey: "master-secret" });
        const answer = await master.call("GET", "/v2/enterprises/multi-accounts/sub-customers");
        assert.notEqual(answer.status, 403);
        assert.notEqual(answer.status, 401);
    });

    it("answers 403 CBC.0156 to an account of another site on every BSS API, and still serves the site's own accounts", async () => {
        emulator.addAccount({ id: "intl0domain00000000000000000001", site: "intl", credentials: [{ accessKey: "INTLAK00000000000001", secretKey: "intl-secret" }] });
        const foreign = new SignedCaller(emulator, { accessKey: "INTLAK00000000000001", secretKey: "intl-secret" });
        emulator.resetCalls();
        for (const [method, path, body] of [["GET", BALANCES, undefined], ["POST", QUERY, { limit: 5 }]] as const) {
            const answer = await foreign.call(method, path, { body });
            assert.equal(answer.status, 403, `${method} ${path}`);
            assert.deepEqual(answer.body, { error_code: "CBC.0156", error_msg: "The customer does not belong to the website." });
        }
        // Recorded as refused under the operation it asked for.
        assert.deepEqual(emulator.calls().byOperationStatus.ShowCustomerAccountBalances, { "403": 1 });
        // Authentication itself still works for it (the IAM domain endpoint is global).
        assert.equal((await foreign.call("GET", "/v3/auth/domains", { body: {} })).status, 200);
        const own = await caller.call("GET", BALANCES);
        assert.equal(own.status, 200);
        assert.equal(own.body.currency, "CNY");
    });

    it("answers 404 APIGW.0101 for paths that are not an API", async () => {
        const answer = await caller.call("GET", "/v2/no/such/api");
        assert.equal(answer.status, 404);
        assert.equal(answer.body.error_code, "APIGW.0101");
    });

    it("records rejected requests in the request log with their operation", async () => {
        emulator.resetCalls();
        await new SignedCaller(emulator, { accessKey: "NOSUCHAK000000000000", secretKey: "x" }).call("GET", BALANCES);
        await caller.call("GET", BALANCES);
        const counts = emulator.calls();
        assert.equal(counts.byOperation.ShowCustomerAccountBalances, 2);
        assert.deepEqual(counts.byOperationStatus.ShowCustomerAccountBalances, { "200": 1, "401": 1 });
        const log = emulator.requestLog();
        assert.equal(log[0].status, 401);
        assert.equal(log[0].errorCode, "APIGW.0301");
        assert.equal(log[1].accountId, "emulator0domain0000000000000001");
    });
});

describe("emulator access-key lockout (behaviour accessKeyLockout)", () => {
    let emulator: RunningEmulator;
    afterEach(() => emulator?.close());

    const wrongSecret = (e: RunningEmulator) => new SignedCaller(e, { accessKey: e.defaultCredential.accessKey, secretKey: "not-the-secret-key" });

    it("locks the access key for 5 minutes after 5 consecutive signature failures, whatever the next request's signature", async () => {
        emulator = await startTestEmulator({ behaviour: { accessKeyLockout: true } });
        const good = new SignedCaller(emulator);
        for (let i = 0; i < 5; i++) {
            const answer = await wrongSecret(emulator).call("GET", BALANCES);
            assert.equal(answer.status, 401);
            assert.match(answer.body.error_msg, /verify aksk signature fail/);
        }
        const locked = await good.call("GET", BALANCES);
        assert.equal(locked.status, 401);
        assert.equal(locked.body.error_code, "APIGW.0301");
        assert.match(locked.body.error_msg, /AK access failed to reach the limit,forbidden/);
        emulator.advanceClock("PT4M59S");
        assert.equal((await good.call("GET", BALANCES)).status, 401, "still locked");
        emulator.advanceClock("PT1S");
        assert.equal((await good.call("GET", BALANCES)).status, 200, "unlocked after 5 minutes");
        // Another access key was never locked.
        emulator.addCredential({ accessKey: "OTHERAK0000000000001", secretKey: "other-secret", accountId: emulator.defaultCredential.domainId });
        for (let i = 0; i < 5; i++) await wrongSecret(emulator).call("GET", BALANCES);
        assert.equal((await new SignedCaller(emulator, { accessKey: "OTHERAK0000000000001", secretKey: "other-secret" }).call("GET", BALANCES)).status, 200);
    });

    it("counts only consecutive failures: a success in between resets the count", async () => {
        emulator = await startTestEmulator({ behaviour: { accessKeyLockout: true } });
        const good = new SignedCaller(emulator);
        for (let i = 0; i < 4; i++) await wrongSecret(emulator).call("GET", BALANCES);
        assert.equal((await good.call("GET", BALANCES)).status, 200);
        for (let i = 0; i < 4; i++) await wrongSecret(emulator).call("GET", BALANCES);
        assert.equal((await good.call("GET", BALANCES)).status, 200);
    });

    it("is off by default", async () => {
        emulator = await startTestEmulator();
        for (let i = 0; i < 8; i++) await wrongSecret(emulator).call("GET", BALANCES);
        assert.equal((await new SignedCaller(emulator).call("GET", BALANCES)).status, 200);
    });
});
