/**
 * HTTP transport: one keep-alive undici Pool per endpoint origin, shared by every client of the
 * process (reference-counted), and one attempt = one request. Failures are reported as NetworkError
 * with `sent` telling whether the request may have reached the service.
 */
import { Pool } from "undici";
import { NetworkError } from "./errors";

interface PoolEntry {
    readonly pool: Pool;
    users: number;
}

const pools = new Map<string, PoolEntry>();

export function acquirePool(origin: string, connections: number): Pool {
    let entry = pools.get(origin);
    if (!entry || entry.pool.closed || entry.pool.destroyed) {
        entry = { pool: new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 4_000, keepAliveMaxTimeout: 60_000 }), users: 0 };
        pools.set(origin, entry);
    }
    entry.users++;
    return entry.pool;
}

export async function releasePool(origin: string, pool: Pool): Promise<void> {
    const entry = pools.get(origin);
    if (!entry || entry.pool !== pool) return;
    entry.users--;
    if (entry.users <= 0) {
        pools.delete(origin);
        await pool.close().catch(() => undefined);
    }
}

export interface WireRequest {
    readonly method: string;
    /** Path and canonical query string, exactly as signed. */
    readonly pathAndQuery: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
    readonly timeoutMs: number;
    readonly signal?: AbortSignal;
}

export interface WireResponse {
    readonly status: number;
    readonly headers: Readonly<Record<string, string | undefined>>;
    readonly text: string;
}

/** Failures where the request certainly never left this process or reached no server. */
const NOT_SENT_CODES = new Set([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "EADDRNOTAVAIL",
    "UND_ERR_CONNECT_TIMEOUT",
    "UND_ERR_CLOSED",
    "UND_ERR_DESTROYED",
    "UND_ERR_INVALID_ARG",
    "CERT_HAS_EXPIRED",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "ERR_TLS_CERT_ALTNAME_INVALID",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
]);

function errorCode(error: unknown): string | undefined {
    let current: unknown = error;
    for (let depth = 0; current && depth < 4; depth++) {
        const code = (current as { code?: unknown }).code;
        if (typeof code === "string") return code;
        current = (current as { cause?: unknown }).cause;
    }
    return undefined;
}

export function toNetworkError(error: unknown, operation: string, endpoint: string): NetworkError {
    const code = errorCode(error);
    const sent = !(code && NOT_SENT_CODES.has(code));
    const reason = code ?? (error instanceof Error ? error.name : "unknown error");
    const text = sent
        ? `BSS ${operation}: the connection to ${endpoint} failed after the request was sent (${reason}); the service may or may not have processed it.`
        : `BSS ${operation}: could not reach ${endpoint} (${reason}); the request was not sent. Check the endpoint and the network.`;
    return new NetworkError(text, { operation, code: code ? `NET.${code}` : "NET.UNKNOWN", cause: error, sent });
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
    const out: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(raw)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
    return out;
}

/** Raised when no complete answer arrived within the attempt's timeout (the request was sent). */
export class AttemptTimeoutError extends Error {
    readonly code = "TIMEOUT";
    constructor(timeoutMs: number) {
        super(`no complete answer within ${timeoutMs} ms`);
        this.name = "AttemptTimeoutError";
    }
}

export async function sendOnce(pool: Pool, request: WireRequest): Promise<WireResponse> {
    // Our own timer: undici's headers/body timeouts have about one second of resolution.
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
        const response = await pool.request({
            method: request.method as "GET",
            path: request.pathAndQuery,
            headers: request.headers,
            body: request.body,
            headersTimeout: request.timeoutMs + 1000,
            bodyTimeout: request.timeoutMs + 1000,
            signal,
        });
        const text = await response.body.text();
        return { status: response.statusCode, headers: flattenHeaders(response.headers), text };
    } catch (error) {
        if (timeout.aborted && !request.signal?.aborted) throw new AttemptTimeoutError(request.timeoutMs);
        throw error;
    }
}
