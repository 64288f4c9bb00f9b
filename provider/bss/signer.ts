/**
 * SDK-HMAC-SHA256 request signing, as Huawei Cloud's API gateway verifies it (auth.md §2).
 *
 * One implementation serves both sides: the client signs with it and sends exactly what it signed
 * (canonical query string, body bytes), and the emulator verifies received requests with it,
 * canonicalising from the raw request as the gateway does.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
export const EMPTY_PAYLOAD_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/** The gateway's allowed distance between X-Sdk-Date and its own clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export type QueryPair = readonly [name: string, value: string];

/** RFC 3986 percent-encoding: only A-Z a-z 0-9 - . _ ~ stay literal; UTF-8 bytes, upper-case hex. */
export function encodeRfc3986(text: string): string {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

function decodeLenient(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}

/**
 * Canonical URI: each segment decoded then RFC 3986-encoded (so an already-encoded path
 * round-trips), always ending in "/".
 */
export function canonicalUri(path: string): string {
    const encoded = (path || "/").split("/").map((segment) => encodeRfc3986(decodeLenient(segment))).join("/");
    const absolute = encoded.startsWith("/") ? encoded : "/" + encoded;
    return absolute.endsWith("/") ? absolute : absolute + "/";
}

/** Canonical query string: pairs sorted by raw name then raw value, each side encoded, `name=value` joined by `&`. */
export function canonicalQueryString(pairs: readonly QueryPair[]): string {
    return [...pairs]
        .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
        .map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`)
        .join("&");
}

/** Splits a raw (received) query string into decoded pairs; a piece without "=" has the value "". */
export function parseRawQuery(rawQuery: string): QueryPair[] {
    const text = rawQuery.startsWith("?") ? rawQuery.slice(1) : rawQuery;
    return text
        .split("&")
        .filter((piece) => piece.length > 0)
        .map((piece) => {
            const at = piece.indexOf("=");
            const name = at < 0 ? piece : piece.slice(0, at);
            const value = at < 0 ? "" : piece.slice(at + 1);
            return [decodeLenient(name), decodeLenient(value)] as const;
        });
}

export function hashPayload(body: string | Uint8Array): string {
    return createHash("sha256").update(body).digest("hex");
}

/** `YYYYMMDDTHHMMSSZ`, UTC. */
export function formatSdkDate(date: Date): string {
    return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export function parseSdkDate(text: string): Date | undefined {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    if (!m) return undefined;
    const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
    return Number.isNaN(date.getTime()) ? undefined : date;
}

export interface CanonicalParts {
    readonly method: string;
    /** Already canonical (see {@link canonicalUri}). */
    readonly canonicalUri: string;
    /** Already canonical (see {@link canonicalQueryString}). */
    readonly canonicalQuery: string;
    /** Lower-case signed header names, sorted. */
    readonly signedHeaders: readonly string[];
    /** Values of the signed headers by lower-case name. */
    readonly headerValues: Readonly<Record<string, string>>;
    readonly payloadHash: string;
}

export function buildCanonicalRequest(parts: CanonicalParts): string {
    const headerLines = parts.signedHeaders.map((name) => `${name}:${(parts.headerValues[name] ?? "").trim()}\n`).join("");
    return [
        parts.method.toUpperCase(),
        parts.canonicalUri,
        parts.canonicalQuery,
        headerLines,
        parts.signedHeaders.join(";"),
        parts.payloadHash,
    ].join("\n");
}

export function buildStringToSign(sdkDate: string, canonicalRequest: string): string {
    return `${SIGNING_ALGORITHM}\n${sdkDate}\n${hashPayload(canonicalRequest)}`;
}

export function computeSignature(secretKey: string, stringToSign: string): string {
    return createHmac("sha256", Buffer.from(secretKey, "utf8")).update(stringToSign).digest("hex");
}

export function formatAuthorization(accessKey: string, signedHeaders: readonly string[], signature: string): string {
    return `${SIGNING_ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
}

export interface ParsedAuthorization {
    readonly accessKey: string;
    readonly signedHeaders: readonly string[];
    readonly signature: string;
}

export function parseAuthorization(header: string): ParsedAuthorization | undefined {
    const m = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/.exec(header.trim());
    if (!m) return undefined;
    return { accessKey: m[1], signedHeaders: m[2].split(";"), signature: m[3] };
}

export interface SignInput {
    readonly method: string;
    /** Absolute URL; its query is ignored in favour of {@link SignInput.query}. */
    readonly url: string | URL;
    readonly query?: readonly QueryPair[];
    /** Headers to sign and send (any case). `host` is taken from the URL. */
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string | Uint8Array;
    readonly accessKey: string;
    readonly secretKey: string;
    readonly date?: Date;
}

export interface SignedRequest {
    /** The URL to send: path as given, canonical query string. */
    readonly url: string;
    /** Headers to send: the input headers plus X-Sdk-Date and Authorization. */
    readonly headers: Record<string, string>;
    readonly canonicalRequest: string;
    readonly stringToSign: string;
    readonly signature: string;
}

/** Signs a request and returns exactly what must be sent for the signature to hold. */
export function signRequest(input: SignInput): SignedRequest {
    const url = new URL(String(input.url));
    const sdkDate = input.headers["X-Sdk-Date"] ?? input.headers["x-sdk-date"] ?? formatSdkDate(input.date ?? new Date());
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(input.headers)) {
        if (name.toLowerCase() !== "x-sdk-date" && name.toLowerCase() !== "authorization") headers[name] = value;
    }
    headers["X-Sdk-Date"] = sdkDate;

    const headerValues: Record<string, string> = { host: url.host };
    for (const [name, value] of Object.entries(headers)) headerValues[name.toLowerCase()] = value;
    const signedHeaders = Object.keys(headerValues).sort();

    const body = input.body ?? "";
    const payloadHash = headerValues["x-sdk-content-sha256"] ?? hashPayload(body);
    const canonicalQuery = canonicalQueryString(input.query ?? []);
    const canonicalRequest = buildCanonicalRequest({
        method: input.method,
        canonicalUri: canonicalUri(url.pathname),
        canonicalQuery,
        signedHeaders,
        headerValues,
        payloadHash,
    });
    const stringToSign = buildStringToSign(sdkDate, canonicalRequest);
    const signature = computeSignature(input.secretKey, stringToSign);
    headers["Authorization"] = formatAuthorization(input.accessKey, signedHeaders, signature);
    const sendUrl = `${url.origin}${url.pathname}${canonicalQuery ? "?" + canonicalQuery : ""}`;
    return { url: sendUrl, headers, canonicalRequest, stringToSign, signature };
}

export interface ReceivedRequest {
    readonly method: string;
    /** Raw path as received (percent-encoded). */
    readonly rawPath: string;
    /** Raw query as received, without "?". */
    readonly rawQuery: string;
    /** Case-insensitive header lookup (Host included). */
    readonly header: (lowerCaseName: string) => string | undefined;
    readonly body: Uint8Array | string;
}

export type VerifyFailure =
    | { readonly ok: false; readonly reason: "malformed-authorization" | "unknown-access-key" | "missing-date" | "date-not-signed" | "clock-skew" | "missing-signed-header" | "signature-mismatch"; readonly detail: string; readonly accessKey?: string };

export type VerifyResult = { readonly ok: true; readonly accessKey: string } | VerifyFailure;

/**
 * Verifies an SDK-HMAC-SHA256 request from what was received, as the gateway does (auth.md §2.6):
 * the signed-header list comes from the request, the query is canonicalised, the body hashed as received.
 */
export function verifyRequest(
    request: ReceivedRequest,
    lookupSecretKey: (accessKey: string) => string | undefined,
    now: Date,
): VerifyResult {
    const parsed = parseAuthorization(request.header("authorization") ?? "");
    if (!parsed) return { ok: false, reason: "malformed-authorization", detail: "Authorization is not 'SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...'" };
    const secretKey = lookupSecretKey(parsed.accessKey);
    if (secretKey === undefined) return { ok: false, reason: "unknown-access-key", detail: "ak not exist", accessKey: parsed.accessKey };
    const sdkDateText = request.header("x-sdk-date");
    const sdkDate = sdkDateText ? parseSdkDate(sdkDateText) : undefined;
    if (!sdkDateText || !sdkDate) return { ok: false, reason: "missing-date", detail: "X-Sdk-Date is missing or malformed", accessKey: parsed.accessKey };
    if (!parsed.signedHeaders.includes("x-sdk-date")) return { ok: false, reason: "date-not-signed", detail: "x-sdk-date must be a signed header", accessKey: parsed.accessKey };
    if (Math.abs(sdkDate.getTime() - now.getTime()) > MAX_CLOCK_SKEW_MS) {
        return { ok: false, reason: "clock-skew", detail: `X-Sdk-Date ${sdkDateText} is more than 15 minutes from the server time ${formatSdkDate(now)}`, accessKey: parsed.accessKey };
    }
    const headerValues: Record<string, string> = {};
    for (const name of parsed.signedHeaders) {
        const value = request.header(name);
        if (value === undefined) return { ok: false, reason: "missing-signed-header", detail: `signed header ${name} is missing`, accessKey: parsed.accessKey };
        headerValues[name] = value;
    }
    const payloadHash = request.header("x-sdk-content-sha256") ?? hashPayload(request.body);
    const canonicalRequest = buildCanonicalRequest({
        method: request.method,
        canonicalUri: canonicalUri(request.rawPath),
        canonicalQuery: canonicalQueryString(parseRawQuery(request.rawQuery)),
        signedHeaders: parsed.signedHeaders,
        headerValues,
        payloadHash,
    });
    const expected = Buffer.from(computeSignature(secretKey, buildStringToSign(sdkDateText, canonicalRequest)), "hex");
    const given = Buffer.from(parsed.signature, "hex");
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        return { ok: false, reason: "signature-mismatch", detail: "verify aksk signature fail", accessKey: parsed.accessKey };
    }
    return { ok: true, accessKey: parsed.accessKey };
}
