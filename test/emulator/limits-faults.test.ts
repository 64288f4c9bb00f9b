import assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { createBssClient } from "../../provider/bss/client";
import { ThrottledError } from "../../provider/bss/errors";
import { send, SignedCaller, startTestEmulator } from "./support";

const BALANCES = "/v2/accounts/customer-accounts/balances";
const RENEW = "/v2/orders/subscriptions/resources/renew";
const SERVER = "44444444-0000-4000-8000-000000000001";

async function withServer(options: Parameters<typeof startTestEmulator>[0] = {}): Promise<RunningEmulator> {
    return startTestEmulator({
        ...options,
        scenario: {
            accounts: [{ id: "emulator0domain0000000000000001", name: "emulator-account", credentials: [{ accessKey: "EMULATORAK0000000001", secretKey: "emulator-secret-key-not-secret-0000000001" }] }],
            resources: [{ resourceId: SERVER, kind: "ecs", effectiveTime: "2026-02-20T00:00:00Z", expireTime: "2026-03-20T00:00:00Z" }],
        },
    });
}

const renewBody = { resource_ids: [SERVER], period_type: 2, period_num: 1, is_auto_pay: 1 };

describe("emulator rate limits", () => {
    let emulator: RunningEmulator;
    afterEach(() => emulator?.close());

    it("answers throttling in the CBC shape by default and in the gateway's APIGW.0308 shape on request; the client sees both as ThrottledError", async () => {
        for (const [throttleResponse, code, message] of [
            [undefined, "CBC.0250", /Access frequency overlimit/],
            ["gateway", "APIGW.0308", /^The throttling threshold has been reached: policy user over ratelimit,limit:2,time:1 second$/],
        ] as const) {
            emulator = await withServer({ rateLimit: 2, behaviour: throttleResponse ? { throttleResponse } : undefined });
            const answers = await Promise.all(Array.from({ length: 4 }, () => new SignedCaller(emulator).call("GET", BALANCES)));
            const throttled = answers.find((a) => a.status === 429);
            assert.ok(throttled, `statuses ${answers.map((a) => a.status)}`);
            assert.equal(throttled.body.error_code, code);
            assert.match(throttled.body.error_msg, message);
            if (throttleResponse === "gateway") assert.equal(throttled.body.request_id, throttled.headers["x-request-id"]);

            const credential = emulator.defaultCredential;
            const client = createBssClient({ endpoint: emulator.url, accessKey: credential.accessKey, secretKey: credential.secretKey, domainId: credential.domainId, now: () => emulator.now(), requestsPerSecond: 0, maxRetries: 0 });
            const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => client.showCustomerAccountBalances()));
            const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected").map((o) => o.reason);
            assert.ok(rejected.length > 0, "the bucket was empty");
            for (const error of rejected) {
                assert.ok(error instanceof ThrottledError, String(error));
                assert.equal(error.code, code);
                assert.equal(error.httpStatus, 429);
            }
            await client.close();
            await emulator.close();
        }
    });

    it("answers 429 CBC.0250 beyond the per-operation, per-account rate, without touching state", async () => {
        emulator = await withServer({ rateLimit: 5 });
        const bss = new SignedCaller(emulator);
        const answers = await Promise.all(Array.from({ length: 9 }, () => bss.call("GET", BALANCES)));
        const throttled = answers.filter((a) => a.status === 429);
        assert.ok(throttled.length >= 3, `statuses ${answers.map((a) => a.status)}`);
        assert.ok(answers.filter((a) => a.status === 200).length >= 5);
        assert.deepEqual(throttled[0].body.error_code, "CBC.0250");
        // Another operation has its own bucket.
        assert.equal((await bss.call("POST", "/v2/orders/suscriptions/resources/query", { body: {} })).status, 200);
        const renewals = await Promise.all(Array.from({ length: 8 }, () => bss.call("POST", RENEW, { body: { ...renewBody, is_auto_pay: 0 } })));
        const accepted = renewals.filter((a) => a.status === 200).length;
        assert.ok(renewals.some((a) => a.status === 429));
        assert.equal(emulator.orderLog().filter((e) => e.event === "created").length, accepted, "throttled renewals created no order");
    });

    it("refills with time and can be disabled", async () => {
        emulator = await withServer({ rateLimit: 2 });
        const bss = new SignedCaller(emulator);
        await Promise.all(Array.from({ length: 4 }, () => bss.call("GET", BALANCES)));
        assert.equal((await bss.call("GET", BALANCES)).status, 429);
        await new Promise((resolve) => setTimeout(resolve, 600));
        assert.equal((await bss.call("GET", BALANCES)).status, 200);
        emulator.setRateLimit(0);
        const answers = await Promise.all(Array.from({ length: 40 }, () => bss.call("GET", BALANCES)));
        assert.ok(answers.every((a) => a.status === 200));
    });

    it("defaults to 10 requests per second", async () => {
        emulator = await withServer({ rateLimit: undefined });
        const bss = new SignedCaller(emulator);
        const answers = await Promise.all(Array.from({ length: 16 }, () => bss.call("GET", BALANCES)));
        const ok = answers.filter((a) => a.status === 200).length;
        assert.ok(ok >= 10 && ok <= 12, `${ok} accepted`);
    });
});

describe("emulator fault injection", () => {
    let emulator: RunningEmulator;
    let bss: SignedCaller;
    beforeEach(async () => {
        emulator = await withServer();
        bss = new SignedCaller(emulator);
    });
    afterEach(() => emulator.close());

    it("injects 500 CBC.0999 a given number of times, before anything changes", async () => {
        emulator.setFaults([{ operation: "RenewalResources", kind: "error500", count: 2 }]);
        const first = await bss.call("POST", RENEW, { body: renewBody });
        assert.equal(first.status, 500);
        assert.equal(first.body.error_code, "CBC.0999");
        assert.equal((await bss.call("POST", RENEW, { body: renewBody })).status, 500);
        assert.equal(emulator.world.resource(SERVER)!.expireTime, "2026-03-20T00:00:00Z");
        assert.equal((await bss.call("GET", BALANCES)).status, 200, "other operations are unaffected");
        assert.equal((await bss.call("POST", RENEW, { body: renewBody })).status, 200);
        assert.equal(emulator.world.resource(SERVER)!.expireTime, "2026-04-20T00:00:00Z");
        assert.deepEqual(emulator.calls().byOperationStatus.RenewalResources, { "500": 2, "200": 1 });
        assert.deepEqual(emulator.requestLog().filter((e) => e.fault).map((e) => e.fault), ["error500", "error500"]);
    });

    it("injects 503, 429 throttling and latency", async () => {
        emulator.setFaults({ rules: [{ operation: "*", kind: "error503", count: 1 }, { operation: "ShowCustomerAccountBalances", kind: "throttle", count: 1 }, { operation: "*", kind: "latency", count: 1, latencyMs: 150 }] });
        const unavailable = await bss.call("GET", BALANCES);
        assert.equal(unavailable.status, 503);
        const throttled = await bss.call("GET", BALANCES);
        assert.equal(throttled.status, 429);
        assert.equal(throttled.body.error_code, "CBC.0250");
        const started = Date.now();
        assert.equal((await bss.call("GET", BALANCES)).status, 200);
        assert.ok(Date.now() - started < 150, "the latency rule already fired with the 503");
        emulator.setFaults([{ operation: "ShowCustomerAccountBalances", kind: "latency", count: 1, latencyMs: 150 }]);
        const slowStart = Date.now();
        assert.equal((await bss.call("GET", BALANCES)).status, 200);
        assert.ok(Date.now() - slowStart >= 145);
    });

    it("commit-then-drop applies the change and closes the connection without an answer", async () => {
        emulator.setFaults([{ operation: "RenewalResources", kind: "commitThenDrop", count: 1 }]);
        await assert.rejects(bss.call("POST", RENEW, { body: renewBody }));
        assert.equal(emulator.world.resource(SERVER)!.expireTime, "2026-04-20T00:00:00Z", "the renewal happened");
        assert.equal(emulator.orderLog().filter((e) => e.event === "paid").length, 1);
        const entry = emulator.requestLog().find((e) => e.operation === "RenewalResources")!;
        assert.equal(entry.status, 0);
        assert.equal(entry.fault, "commitThenDrop");
        assert.equal((await bss.call("GET", BALANCES)).status, 200, "the next request is served");
    });

    it("is deterministic for a seed when faults fire by probability", async () => {
        const run = async () => {
            emulator.setFaults({ seed: 42, rules: [{ operation: "ShowCustomerAccountBalances", kind: "error500", probability: 0.5 }] });
            const statuses: number[] = [];
            for (let i = 0; i < 16; i++) statuses.push((await bss.call("GET", BALANCES)).status);
            return statuses;
        };
        const first = await run();
        const second = await run();
        assert.deepEqual(first, second);
        assert.ok(first.includes(200) && first.includes(500), first.join(","));
        emulator.clearFaults();
        assert.equal((await bss.call("GET", BALANCES)).status, 200);
    });

    it("takes fault specs over the admin endpoint and rejects bad ones", async () => {
        const set = await send(`${emulator.url}/__emulator/faults`, "POST", { "Content-Type": "application/json" }, JSON.stringify({ rules: [{ operation: "ShowCustomerAccountBalances", kind: "503", count: 1 }] }));
        assert.equal(set.status, 204);
        assert.equal((await bss.call("GET", BALANCES)).status, 503);
        const bad = await send(`${emulator.url}/__emulator/faults`, "POST", {}, JSON.stringify([{ operation: "*", kind: "explode", count: 1 }]));
        assert.equal(bad.status, 400);
        await send(`${emulator.url}/__emulator/faults`, "POST", {}, JSON.stringify([{ kind: "error500", probability: 1 }]));
        assert.equal((await bss.call("GET", BALANCES)).status, 500);
        assert.equal((await send(`${emulator.url}/__emulator/faults`, "DELETE", {})).status, 204);
        assert.equal((await bss.call("GET", BALANCES)).status, 200);
    });

    it("counts every request by operation, and resets", async () => {
        await bss.call("GET", BALANCES);
        await bss.call("POST", "/v2/orders/suscriptions/resources/query", { body: {} });
        await bss.call("GET", "/v2/no/such/path");
        const calls = await send(`${emulator.url}/__emulator/calls`, "GET", {});
        assert.deepEqual(calls.body.byOperation, { ShowCustomerAccountBalances: 1, ListPayPerUseCustomerResources: 1, unknown: 1 });
        assert.equal(calls.body.total, 3);
        assert.equal((await send(`${emulator.url}/__emulator/reset-calls`, "POST", {})).status, 204);
        assert.equal(emulator.calls().total, 0);
        assert.deepEqual(emulator.requestLog(), []);
    });
});
