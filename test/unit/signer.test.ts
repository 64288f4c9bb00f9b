import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as fs from "node:fs";
import {
    buildCanonicalRequest,
    buildStringToSign,
    canonicalQueryString,
    canonicalUri,
    computeSignature,
    hashPayload,
    signRequest,
    verifyRequest,
    ReceivedRequest,
} from "../../provider/bss/signer";

interface Vector {
    id: string;
    input: {
        credentials: { ak: string; sk: string };
        method: string;
        endpoint?: string;
        path?: string;
        query: Record<string, string>;
        headers: Record<string, string>;
        signedHeaders?: string[];
        body: string;
    };
    expected: { algorithm?: string; canonicalRequest: string; stringToSign: string; signature: string; authorization: string };
}

const vectors = JSON.parse(
    fs.readFileSync(path.join(__dirname, "../../../test/fixtures/signer-vectors.json"), "utf8"),
) as { signerVectors: Vector[]; upstreamVectors: Vector[] };
// The published doc example has a null body: an empty payload.
for (const v of [...vectors.signerVectors, ...vectors.upstreamVectors]) v.input.body ??= "";

function receivedFromSigned(method: string, url: string, headers: Record<string, string>, body: string): ReceivedRequest {
    const parsed = new URL(url);
    const lower: Record<string, string> = { host: parsed.host };
    for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
    return { method, rawPath: parsed.pathname, rawQuery: parsed.search.slice(1), header: (n) => lower[n], body };
}

function signVector(v: Vector) {
    return signRequest({
        method: v.input.method,
        url: v.input.endpoint!,
        query: Object.entries(v.input.query),
        headers: v.input.headers,
        body: v.input.body,
        accessKey: v.input.credentials.ak,
        secretKey: v.input.credentials.sk,
    });
}

describe("SDK-HMAC-SHA256 signer", () => {
    describe("official Node SDK vectors (signRequest end to end)", () => {
        for (const v of vectors.signerVectors) {
            it(`${v.id}: same Authorization as the official SDK`, () => {
                const signed = signVector(v);
                assert.equal(signed.canonicalRequest, v.expected.canonicalRequest);
                assert.equal(signed.stringToSign, v.expected.stringToSign);
                assert.equal(signed.headers["Authorization"], v.expected.authorization);
            });

            it(`${v.id}: the request as sent verifies, a tampered one does not`, () => {
                const signed = signVector(v);
                const sdkDate = signed.headers["X-Sdk-Date"];
                const now = new Date(Date.UTC(+sdkDate.slice(0, 4), +sdkDate.slice(4, 6) - 1, +sdkDate.slice(6, 8), +sdkDate.slice(9, 11), +sdkDate.slice(11, 13)));
                const lookup = (ak: string) => (ak === v.input.credentials.ak ? v.input.credentials.sk : undefined);
                const good = verifyRequest(receivedFromSigned(v.input.method, signed.url, signed.headers, v.input.body), lookup, now);
                assert.deepEqual(good, { ok: true, accessKey: v.input.credentials.ak });

                const tamperedBody = verifyRequest(receivedFromSigned(v.input.method, signed.url, signed.headers, v.input.body + " "), lookup, now);
                assert.equal(tamperedBody.ok, false);
                const skewed = verifyRequest(receivedFromSigned(v.input.method, signed.url, signed.headers, v.input.body), lookup, new Date(now.getTime() + 16 * 60_000));
                assert.equal(skewed.ok === false && skewed.reason, "clock-skew");
                const wrongKey = verifyRequest(receivedFromSigned(v.input.method, signed.url, signed.headers, v.input.body), () => "other", now);
                assert.equal(wrongKey.ok === false && wrongKey.reason, "signature-mismatch");
            });
        }
    });

    describe("official Go and Python SDK unit-test vectors (SDK-HMAC-SHA256 only)", () => {
        const applicable = vectors.upstreamVectors.filter((v) => v.expected.algorithm === "SDK-HMAC-SHA256");
        it("has the four SDK-HMAC-SHA256 vectors", () => assert.equal(applicable.length, 4));
        for (const v of applicable) {
            it(`${v.id}: canonical request, string to sign and signature`, () => {
                const headerValues: Record<string, string> = {};
                for (const [k, val] of Object.entries(v.input.headers)) headerValues[k.toLowerCase()] = val;
                const canonical = buildCanonicalRequest({
                    method: v.input.method,
                    canonicalUri: canonicalUri(v.input.path!),
                    canonicalQuery: canonicalQueryString(Object.entries(v.input.query)),
                    signedHeaders: v.input.signedHeaders!,
                    headerValues,
                    payloadHash: hashPayload(v.input.body),
                });
                assert.equal(canonical, v.expected.canonicalRequest);
                const sdkDate = headerValues["x-sdk-date"];
                const stringToSign = buildStringToSign(sdkDate, canonical);
                assert.equal(stringToSign, v.expected.stringToSign);
                assert.equal(computeSignature(v.input.credentials.sk, stringToSign), v.expected.signature);
            });
        }
    });

    describe("canonical forms", () => {
        const table: Array<[string, string, string]> = [
            ["path gets a trailing slash", "/v2/orders/customer-orders", "/v2/orders/customer-orders/"],
            ["empty path", "", "/"],
            ["encoded segments round-trip", "/v2/a%20b/c", "/v2/a%20b/c/"],
            ["reserved characters are encoded", "/v2/a+b*", "/v2/a%2Bb%2A/"],
        ];
        for (const [name, input, expected] of table) it(`URI: ${name}`, () => assert.equal(canonicalUri(input), expected));

        it("query: sorted by name then value, RFC 3986, space as %20 and never +", () => {
            assert.equal(
                canonicalQueryString([["b", "x y"], ["a", "2"], ["a", "1"], ["c", "*+~"]]),
                "a=1&a=2&b=x%20y&c=%2A%2B~",
            );
        });
    });
});
