/**
 * The handler contract every emulated BSS operation implements (group A in emulator/operations/,
 * group B in emulator/billing/). The router (emulator/server.ts) does everything generic before a
 * handler runs: routing, authentication, site and master-account checks, rate limiting, fault
 * injection, and validation of every documented parameter and body field against
 * emulator/spec/operations.json. A handler sees an authenticated, validated request and the World.
 */
import type { Account, Site } from "./model";
import type { World } from "./world";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface OperationRequest {
    /** SDK operation name, e.g. "ListPayPerUseCustomerResources". */
    readonly operation: string;
    readonly method: HttpMethod;
    /** Raw request path as received. */
    readonly path: string;
    /** Decoded path parameters by template name. */
    readonly pathParams: Readonly<Record<string, string>>;
    /** Decoded query; a repeated key gives an array. */
    readonly query: Readonly<Record<string, string | string[]>>;
    /**
     * Validated parameters (path, query, header) by wire name, converted to their documented type
     * (integer/number -> number, boolean -> boolean), with documented defaults filled in when absent.
     */
    readonly params: Readonly<Record<string, unknown>>;
    /** Parsed JSON body, or undefined when none was sent. Already validated against the spec. */
    readonly body: unknown;
    /** Request headers, lower-case names. */
    readonly headers: Readonly<Record<string, string>>;
    /** The calling account (derived from the AK or token, never from X-Domain-Id). */
    readonly account: Account;
    /** Who called, for orders' user_name. */
    readonly caller: { readonly userName: string; readonly via: "aksk" | "token"; readonly accessKey?: string };
    readonly site: Site;
    /** Virtual time of the request. */
    readonly now: Date;
    /** `now` as the wire string yyyy-MM-ddTHH:mm:ssZ. */
    readonly nowIso: string;
}

export interface OperationResult {
    readonly status: number;
    /** JSON-serialised (an EncodedJson is sent as it is); omit for 204. */
    readonly body?: unknown;
    readonly headers?: Readonly<Record<string, string>>;
}

export interface OperationDef {
    /** SDK operation name; must match the spec entry in emulator/spec/operations.json for validation. */
    readonly name: string;
    readonly method: HttpMethod;
    /** Path template with {param} placeholders, e.g. "/v2/orders/customer-orders/details/{order_id}". */
    readonly path: string;
    /** Sites offering the operation; default both. Other sites answer 404 APIGW.0101 as the gateway does. */
    readonly sites?: readonly Site[];
    /** Only enterprise master accounts may call it (others get 403 CBC.0151). */
    readonly masterOnly?: boolean;
    /** Requests per second per account for this operation when the emulator runs with default limits. */
    readonly defaultRateLimit?: number;
    /** Synchronous by design: one request is one atomic state change (commit-then-drop relies on it). */
    handle(request: OperationRequest, world: World): OperationResult;
}

/** Error body of the BSS back end: {"error_code":"CBC.xxxx","error_msg":"..."} plus optional extra fields. */
export function bssError(status: number, code: string, message: string, extra?: Record<string, unknown>): OperationResult {
    return { status, body: { error_code: code, error_msg: message, ...extra } };
}

/**
 * Thrown from anywhere inside a handler to answer with a BSS error; the router turns it into the
 * response. Handlers must throw before mutating state (or undo), so a failed call changes nothing.
 */
export class BssFailure extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
        readonly extra?: Record<string, unknown>,
    ) {
        super(message);
        this.name = "BssFailure";
    }
    toResult(): OperationResult {
        return bssError(this.status, this.code, this.message, this.extra);
    }
}

/** Throws a 400 BSS error (the status of every business/validation error in this API). */
export function fail(code: string, message: string, extra?: Record<string, unknown>): never {
    throw new BssFailure(400, code, message, extra);
}

export const ok = (body: unknown): OperationResult => ({ status: 200, body });

/**
 * A body already serialised as UTF-8 JSON (exactly what JSON.stringify would give), sent without another
 * pass: large listings are assembled from per-record pieces cached between requests.
 */
export class EncodedJson {
    constructor(readonly bytes: Buffer) {}

    /** The parsed value (for callers that look inside a result). */
    toJSON(): unknown {
        return JSON.parse(this.bytes.toString("utf8"));
    }
}
export const noContent = (): OperationResult => ({ status: 204 });

/** A page of `items` by 0-based record offset, as every v2/v3 list in this API pages. */
export function pageOf<T>(items: readonly T[], offset: number, limit: number): T[] {
    return items.slice(offset, offset + limit);
}

/** Reads an integer parameter already validated by the router, with a fallback. */
export function intParam(request: OperationRequest, name: string, fallback: number): number {
    const value = request.params[name];
    return typeof value === "number" ? value : fallback;
}

/** Reads a string parameter already validated by the router. */
export function stringParam(request: OperationRequest, name: string): string | undefined {
    const value = request.params[name];
    return typeof value === "string" ? value : undefined;
}

/** The body as a record (validated by the router when the spec documents one). */
export function bodyOf(request: OperationRequest): Record<string, unknown> {
    const body = request.body;
    return body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export { validateRequest } from "./spec/validate";
export type { ValidationFailure, ValidationInput, ValidationOutcome } from "./spec/validate";
export { formatUtc } from "./time";
