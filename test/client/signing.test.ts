/**
 * Signing of real operation requests: what the client would put on the wire (path + canonical query,
 * headers, body bytes) verifies with the gateway-side verifier exactly as received.
 */
import * as assert from "node:assert/strict";
import { Authenticator } from "../../provider/bss/auth";
import { AccessKeyCredentials, TokenCredentials } from "../../provider/bss/credentials";
import { buildWireRequest, OPERATIONS, OperationName, parseAuthorization, ReceivedRequest, verifyRequest } from "../../provider/bss";

const AK = "AKSIGNINGTEST0000001";
const SK = "signing-test-secret-key";
const endpoint = new URL("http://127.0.0.1:8443");

function authenticator(now: () => Date, securityToken?: string) {
    return new Authenticator({
        credentials: new AccessKeyCredentials(AK, SK, securityToken, "test"),
        iamEndpoint: endpoint.origin,
        domainId: "domain-0001",
        now,
        timeoutMs: 1000,
        connections: 1,
        userAgent: "test",
    });
}

/** What a server receives: the raw path and query as sent, headers by lower-case name (Host from the URL). */
function received(method: string, pathAndQuery: string, headers: Record<string, string>, body: string | undefined): ReceivedRequest {
    const at = pathAndQuery.indexOf("?");
    const lower: Record<string, string> = { host: endpoint.host };
    for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
    return {
        method,
        rawPath: at < 0 ? pathAndQuery : pathAndQuery.slice(0, at),
        rawQuery: at < 0 ? "" : pathAndQuery.slice(at + 1),
        header: (name) => lower[name],
        body: body ?? "",
    };
}

async function wire(op: OperationName, request: Record<string, unknown>, auth = authenticator(() => new Date())) {
    const prepared = buildWireRequest(OPERATIONS[op], request, { endpoint, domainId: "domain-0001" });
    const authorized = await auth.authorize(prepared);
    return { prepared, authorized, server: received(prepared.method, authorized.pathAndQuery, authorized.headers, prepared.body) };
}

describe("signing real requests", () => {
    it("POST: the body bytes sent are the ones hashed; the request verifies", async () => {
        const { prepared, authorized, server } = await wire("RenewalResources", { resource_ids: ["ecs-1", "ecs-2"], period_type: 2, period_num: 1, is_auto_pay: 0 });
        assert.equal(prepared.body, '{"resource_ids":["ecs-1","ecs-2"],"period_type":2,"period_num":1,"is_auto_pay":0}');
        assert.equal(authorized.pathAndQuery, "/v2/orders/subscriptions/resources/renew");
        assert.deepEqual(verifyRequest(server, (ak) => (ak === AK ? SK : undefined), new Date()), { ok: true, accessKey: AK });
        const parsed = parseAuthorization(authorized.headers.Authorization)!;
        assert.deepEqual(parsed.signedHeaders, ["content-type", "host", "x-domain-id", "x-sdk-date"]);
    });

    it("GET: the query sent is the canonical query string (sorted, RFC 3986) and verifies", async () => {
        const { authorized, server } = await wire("ListCustomerOrders", { status: 6, order_type: "2", limit: 100, offset: 0, create_time_begin: "2026-01-01T00:00:00Z", service_type_code: "hws.service.type.ebs" });
        assert.equal(
            authorized.pathAndQuery,
            "/v2/orders/customer-orders?create_time_begin=2026-01-01T00%3A00%3A00Z&limit=100&offset=0&order_type=2&service_type_code=hws.service.type.ebs&status=6",
        );
        assert.equal(verifyRequest(server, () => SK, new Date()).ok, true);
    });

    it("path parameters are percent-encoded and the header parameter is sent and signed", async () => {
        const { authorized, server } = await wire("ShowCustomerOrderDetails", { order_id: "CS 2011/09", "X-Language": "en_US", limit: 10 });
        assert.equal(authorized.pathAndQuery, "/v2/orders/customer-orders/details/CS%202011%2F09?limit=10");
        assert.equal(authorized.headers["X-Language"], "en_US");
        assert.ok(parseAuthorization(authorized.headers.Authorization)!.signedHeaders.includes("x-language"));
        assert.equal(verifyRequest(server, () => SK, new Date()).ok, true);
    });

    it("empty-body operations send no body, signed over the empty payload", async () => {
        const { prepared, server } = await wire("CancelAutoRenewalResources", { resource_id: "ecs-1" });
        assert.equal(prepared.body, undefined);
        assert.equal(prepared.method, "DELETE");
        assert.equal(verifyRequest(server, () => SK, new Date()).ok, true);
        const autorenew = await wire("AutoRenewalResources", { resource_id: "ecs-1", auto_renew_times: 3 });
        assert.equal(autorenew.prepared.body, '{"auto_renew_times":3}');
        assert.equal(autorenew.authorized.pathAndQuery, "/v2/orders/subscriptions/resources/autorenew/ecs-1");
    });

    it("temporary credentials send and sign X-Security-Token", async () => {
        const { authorized, server } = await wire("ShowCustomerAccountBalances", {}, authenticator(() => new Date(), "temp-token-0001"));
        assert.equal(authorized.headers["X-Security-Token"], "temp-token-0001");
        assert.ok(parseAuthorization(authorized.headers.Authorization)!.signedHeaders.includes("x-security-token"));
        assert.equal(verifyRequest(server, () => SK, new Date()).ok, true);
    });

    it("every attempt gets a fresh X-Sdk-Date from the client's clock", async () => {
        let now = Date.parse("2026-03-01T10:00:00Z");
        const auth = authenticator(() => new Date(now));
        const first = await wire("ListCustomerOrders", { limit: 1 }, auth);
        now += 90_000;
        const second = await wire("ListCustomerOrders", { limit: 1 }, auth);
        assert.equal(first.authorized.headers["X-Sdk-Date"], "20260301T100000Z");
        assert.equal(second.authorized.headers["X-Sdk-Date"], "20260301T100130Z");
        assert.notEqual(first.authorized.headers.Authorization, second.authorized.headers.Authorization);
    });

    it("a tampered request or another secret key does not verify", async () => {
        const { authorized, prepared } = await wire("PayOrders", { order_id: "CS1", use_coupon: "NO", use_discount: "NO" });
        const tampered = received(prepared.method, authorized.pathAndQuery, authorized.headers, prepared.body!.replace("CS1", "CS2"));
        assert.equal(verifyRequest(tampered, () => SK, new Date()).ok, false);
        const good = received(prepared.method, authorized.pathAndQuery, authorized.headers, prepared.body);
        assert.equal(verifyRequest(good, () => "another-secret", new Date()).ok, false);
    });

    it("the {domain_id} path of legacy APIs takes the account ID", async () => {
        const { authorized } = await wire("ListInvoices", { domain_id: "domain-0001", start_time: "2026-01-01T00:00:00Z", end_time: "2026-02-01T00:00:00Z", offset: 1, limit: 10 });
        assert.match(authorized.pathAndQuery, /^\/v1\.0\/domain-0001\/payments\/intl-invoices\?/);
    });

    it("token credentials send X-Auth-Token and no signature", async () => {
        const auth = new Authenticator({ credentials: new TokenCredentials("iam-token-value", "test"), iamEndpoint: endpoint.origin, now: () => new Date(), timeoutMs: 1000, connections: 1, userAgent: "t" });
        const prepared = buildWireRequest(OPERATIONS.ListCustomerOrders, { limit: 5 }, { endpoint });
        const authorized = await auth.authorize(prepared);
        assert.equal(authorized.headers["X-Auth-Token"], "iam-token-value");
        assert.equal(authorized.headers.Authorization, undefined);
        assert.equal(authorized.pathAndQuery, "/v2/orders/customer-orders?limit=5");
    });
});
