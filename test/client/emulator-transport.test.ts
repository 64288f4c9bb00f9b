/**
 * Transport behaviour against the emulator over loopback: pacing under the rate limit, retries of
 * read-only calls through injected faults, safe retries of trans_id operations, authentication
 * (domain discovery, IAM tokens, temporary keys, clock) and secrets kept out of errors and hooks.
 */
import * as assert from "node:assert/strict";
import {
    AuthenticationError,
    BssClient,
    RequestEvent,
    ResponseEvent,
    ServerError,
    ThrottledError,
} from "../../provider/bss";
import { collect, EmulatorFixture, startFixture } from "./support/emulator";

function recorder() {
    const requests: (RequestEvent & { at: number })[] = [];
    const responses: ResponseEvent[] = [];
    return {
        requests,
        responses,
        onRequest: (e: RequestEvent) => requests.push({ ...e, at: performance.now() }),
        onResponse: (e: ResponseEvent) => responses.push(e),
    };
}

describe("transport against the emulator", function () {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture({ rateLimit: 20 });
    });
    after(() => fx.close());
    afterEach(() => {
        fx.emulator.clearFaults();
        fx.emulator.resetCalls();
    });

    describe("pacing", () => {
        it("keeps many concurrent callers, across clients of the process, under the per-operation rate: no 429", async () => {
            const rec = recorder();
            const clients = [0, 1, 2].map(() => fx.client({ requestsPerSecond: 16, maxRetries: 0, onRequest: rec.onRequest }));
            const calls = Array.from({ length: 36 }, (_, i) => clients[i % 3].listMeasureUnits());
            const results = await Promise.allSettled(calls);
            assert.deepEqual(results.filter((r) => r.status === "rejected"), []);
            assert.deepEqual(fx.emulator.calls().byOperationStatus.ListMeasureUnits, { "200": 36 });
            const starts = rec.requests.map((r) => r.at).sort((a, b) => a - b);
            for (let i = 0; i < starts.length; i++) {
                const inOneSecond = starts.filter((t) => t >= starts[i] && t < starts[i] + 1000).length;
                // 16/s plus slack for timers firing late on a busy machine.
                assert.ok(inOneSecond <= 18, `${inOneSecond} requests started within one second`);
            }
            // 16 at once (a second's worth), then the next 16 a second later, then the last 4.
            assert.ok(starts[starts.length - 1] - starts[0] >= 2000 - 50, "the pace held for the whole run");
        });

        it("without pacing the same burst is throttled (the limit is real)", async () => {
            const client = fx.client({ requestsPerSecond: 0, maxRetries: 0 });
            const month = fx.emulator.nowIso().slice(0, 7);
            const results = await Promise.allSettled(Array.from({ length: 36 }, () => client.showCustomerMonthlySum({ bill_cycle: month })));
            const throttled = results.filter((r) => r.status === "rejected" && r.reason instanceof ThrottledError);
            assert.ok(throttled.length > 0, "expected 429s from the emulator");
        });

        it("paces each operation separately", async () => {
            const rec = recorder();
            const client = fx.client({ requestsPerSecond: 2, onRequest: rec.onRequest });
            await Promise.all([client.listServiceTypes(), client.listResourceTypes(), client.listUsageTypes(), client.listMeasureUnits()]);
            const starts = rec.requests.map((r) => r.at);
            assert.ok(Math.max(...starts) - Math.min(...starts) < 400, "different operations do not wait for each other");
        });
    });

    describe("retries of read-only calls", () => {
        it("retries injected 500s and succeeds, re-signing each attempt", async () => {
            fx.emulator.setFaults([{ operation: "ListServiceTypes", kind: "error500", count: 2 }]);
            const rec = recorder();
            const client = fx.client({ requestsPerSecond: 0, onRequest: rec.onRequest, onResponse: rec.onResponse });
            const page = await client.listServiceTypes();
            assert.ok(page.service_types!.length > 0);
            assert.deepEqual(rec.responses.map((r) => r.status), [500, 500, 200]);
            assert.deepEqual(rec.responses.map((r) => r.attempt), [1, 2, 3]);
            assert.deepEqual(fx.emulator.calls().byOperationStatus.ListServiceTypes, { "500": 2, "200": 1 });
        });

        it("retries 429 throttling and 503", async () => {
            fx.emulator.setFaults([
                { operation: "ListResourceTypes", kind: "throttle", count: 1 },
                { operation: "ListUsageTypes", kind: "error503", count: 1 },
            ]);
            const client = fx.client({ requestsPerSecond: 0 });
            await client.listResourceTypes();
            await client.listUsageTypes();
            assert.deepEqual(fx.emulator.calls().byOperationStatus.ListResourceTypes, { "429": 1, "200": 1 });
            assert.deepEqual(fx.emulator.calls().byOperationStatus.ListUsageTypes, { "503": 1, "200": 1 });
        });

        it("retries a dropped connection on a read", async () => {
            fx.emulator.setFaults([{ operation: "ListMeasureUnits", kind: "commitThenDrop", count: 1 }]);
            const client = fx.client({ requestsPerSecond: 0 });
            const units = await client.listMeasureUnits();
            assert.ok(units.measure_units!.length > 0);
            assert.deepEqual(fx.emulator.calls().byOperationStatus.ListMeasureUnits, { "0": 1, "200": 1 });
        });

        it("retries a read that timed out", async () => {
            fx.emulator.setFaults([{ operation: "ListServiceResources", kind: "latency", latencyMs: 400, count: 1 }]);
            const rec = recorder();
            const client = fx.client({ requestsPerSecond: 0, timeoutMs: 150, onResponse: rec.onResponse });
            const page = await client.listServiceResources({ service_type_code: "hws.service.type.ec2" });
            assert.ok(page.infos!.length >= 1);
            assert.deepEqual(rec.responses.map((r) => r.status), [0, 200]);
            assert.equal(rec.responses[0].errorCode, "NET.TIMEOUT");
        });

        it("gives up after maxRetries with a ServerError carrying code, status and request ID", async () => {
            fx.emulator.setFaults([{ operation: "ListConversions", kind: "error500", count: 10 }]);
            const client = fx.client({ requestsPerSecond: 0, maxRetries: 2 });
            const error = await client.listConversions().then(
                () => assert.fail("expected a ServerError"),
                (e: unknown) => e,
            );
            assert.ok(error instanceof ServerError);
            assert.equal(error.code, "CBC.0999");
            assert.equal(error.httpStatus, 500);
            assert.ok(error.requestId);
            assert.equal(fx.emulator.calls().byOperation.ListConversions, 3);
        });
    });

    describe("pagination", () => {
        it("fetches lazily: stopping after the first record sends one request", async () => {
            const rec = recorder();
            const client = fx.client({ onRequest: rec.onRequest });
            for await (const type of client.paginate.listUsageTypes({ limit: 2 })) {
                assert.ok(type.code);
                break;
            }
            assert.equal(rec.requests.length, 1);
        });

        it("walks 0-based record offsets until total_count with the requested page size", async () => {
            const client = fx.client({ requestsPerSecond: 0 });
            const total = (await client.listUsageTypes({ limit: 1 })).total_count!;
            fx.emulator.resetCalls();
            const records = await collect(client.paginate.listUsageTypes({ limit: 4 }));
            assert.equal(records.length, total);
            assert.equal(new Set(records.map((r) => `${r.code}|${r.resource_type_code}`)).size, total, "no record twice");
            assert.equal(fx.emulator.calls().byOperation.ListUsageTypes, Math.ceil(total / 4));
            const offsets = fx.emulator.requestLog().filter((e) => e.operation === "ListUsageTypes").length;
            assert.equal(offsets, Math.ceil(total / 4));
        });

        it("yields whole pages with paginate.pages and honours maxItems", async () => {
            const client = fx.client({ requestsPerSecond: 0 });
            const pages = await collect(client.paginate.pages("listServiceTypes", { limit: 3 }));
            assert.ok(pages.length >= 2);
            assert.ok(pages.every((p) => typeof p.total_count === "number"));
            assert.equal((await collect(client.paginate("ListServiceTypes", { limit: 2 }, { maxItems: 3 }))).length, 3);
        });
    });

    describe("hooks", () => {
        it("report operation, method, path, status, duration and attempt", async () => {
            const rec = recorder();
            const client = fx.client({ onRequest: rec.onRequest, onResponse: rec.onResponse });
            await client.listServiceResources({ service_type_code: "hws.service.type.ebs" });
            assert.equal(rec.requests.length, 1);
            const response = rec.responses[0];
            assert.equal(response.operation, "ListServiceResources");
            assert.equal(response.method, "GET");
            assert.equal(response.path, "/v2/products/service-resources");
            assert.equal(response.status, 200);
            assert.equal(response.attempt, 1);
            assert.ok(response.durationMs >= 0);
            assert.ok(response.requestId);
        });

        it("a throwing hook does not break the call", async () => {
            const client = fx.client({
                onRequest: () => {
                    throw new Error("hook failure");
                },
            });
            await client.listMeasureUnits();
        });
    });
});

describe("authentication against the emulator", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    const iamCalls = (name: string) => fx.emulator.requestLog().filter((e) => e.operation === name).length;

    it("discovers the account ID once per access key (GET /v3/auth/domains) and sends it", async () => {
        const a = fx.client();
        const b = fx.client();
        await Promise.all([a.listMeasureUnits(), b.listMeasureUnits(), a.listConversions()]);
        assert.equal(await b.domainId(), fx.emulator.defaultCredential.domainId);
        assert.equal(iamCalls("IAM.KeystoneListAuthDomains"), 1);
    });

    it("uses a configured domain ID without asking IAM", async () => {
        const before = iamCalls("IAM.KeystoneListAuthDomains");
        const other = await startFixture();
        try {
            const client = other.client({ domainId: other.emulator.defaultCredential.domainId });
            await client.listMeasureUnits();
            assert.equal(other.emulator.requestLog().filter((e) => e.operation.startsWith("IAM.")).length, 0);
        } finally {
            await other.close();
        }
        assert.equal(iamCalls("IAM.KeystoneListAuthDomains"), before);
    });

    it("gets an IAM token with user/password, sends X-Auth-Token, reuses it, and renews it when it expires", async () => {
        const { DEFAULT_USER_NAME, DEFAULT_USER_PASSWORD, DEFAULT_ACCOUNT_NAME } = await import("../../emulator/scenario");
        const client = fx.client({ password: { userName: DEFAULT_USER_NAME, password: DEFAULT_USER_PASSWORD, domainName: DEFAULT_ACCOUNT_NAME } });
        await client.listMeasureUnits();
        await client.listServiceTypes();
        assert.equal(iamCalls("IAM.KeystoneCreateUserTokenByPassword"), 1);
        // The token's account feeds the {domain_id} path.
        assert.equal(await client.domainId(), fx.emulator.defaultCredential.domainId);
        fx.emulator.advanceClock("PT25H");
        await client.listMeasureUnits();
        assert.equal(iamCalls("IAM.KeystoneCreateUserTokenByPassword"), 2);
    });

    it("rejects a wrong IAM password as an AuthenticationError without echoing it", async () => {
        const client = fx.client({ password: { userName: "emulator-user", password: "wrong-password-value", domainName: "emulator-account" } });
        const error = await client.listMeasureUnits().then(
            () => assert.fail("expected an AuthenticationError"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof AuthenticationError);
        assert.ok(!String(error.message).includes("wrong-password-value"));
    });

    it("signs temporary credentials with X-Security-Token; without the token they are refused", async () => {
        const credential = { accessKey: "TEMPORARYAK000000001", secretKey: "temporary-secret-0001", accountId: fx.emulator.defaultCredential.domainId, securityToken: "temporary-security-token-0001" };
        fx.emulator.addCredential(credential);
        const good = fx.client({ accessKey: credential.accessKey, secretKey: credential.secretKey, securityToken: credential.securityToken, domainId: credential.accountId });
        await good.listMeasureUnits();
        const missing = fx.client({ accessKey: credential.accessKey, secretKey: credential.secretKey, domainId: credential.accountId });
        const error = await missing.listMeasureUnits().then(
            () => assert.fail("expected an AuthenticationError"),
            (e: unknown) => e,
        );
        assert.ok(error instanceof AuthenticationError);
        assert.ok(!error.message.includes(credential.secretKey));
        assert.ok(!error.message.includes(credential.accessKey), "the gateway's echo of the AK is redacted");
    });

    it("keeps secrets out of errors and hook events (wrong secret key, unknown access key)", async () => {
        const rec = recorder();
        const wrongSecret = "wrong-secret-key-value-0001";
        const client = fx.client({ accessKey: fx.emulator.defaultCredential.accessKey, secretKey: wrongSecret, domainId: "d", onRequest: rec.onRequest, onResponse: rec.onResponse });
        const error = await client.listMeasureUnits().then(
            () => assert.fail("expected an AuthenticationError"),
            (e: unknown) => e as Error,
        );
        assert.ok(error instanceof AuthenticationError);
        assert.equal(error.code, "APIGW.0301");
        const unknownAk = "UNKNOWNAK00000000001";
        const stranger = fx.client({ accessKey: unknownAk, secretKey: "whatever-secret-0001", domainId: "d" });
        const unknown = await stranger.listMeasureUnits().then(
            () => assert.fail("expected an AuthenticationError"),
            (e: unknown) => e as AuthenticationError,
        );
        assert.match(unknown.serviceMessage!, /ak:\[redacted\]/);
        const texts = [error.message, String(error.stack), JSON.stringify(error), unknown.message, String(unknown.stack), JSON.stringify(unknown), JSON.stringify(rec)];
        for (const text of texts) {
            assert.ok(!text.includes(wrongSecret), text);
            assert.ok(!text.includes(unknownAk), text);
            assert.ok(!text.includes("whatever-secret-0001"), text);
        }
        // Not retried: a rejected signature is not transient.
        assert.equal(rec.requests.length, 1);
    });

    it("tells the user to check the clock when X-Sdk-Date is out of the 15-minute window", async () => {
        const skewed = fx.client({ now: () => new Date(fx.emulator.now().getTime() - 20 * 60_000), domainId: "d" });
        const error = await skewed.listMeasureUnits().then(
            () => assert.fail("expected an AuthenticationError"),
            (e: unknown) => e as Error,
        );
        assert.ok(error instanceof AuthenticationError);
        assert.match(error.message, /clock is within 15 minutes/);
    });
});
