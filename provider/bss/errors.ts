/**
 * One error hierarchy for everything the BSS client can fail with. Every error carries the HTTP
 * status, the service's code (CBC.* / APIGW.*, or a CLIENT.* code for failures raised locally), the
 * X-Request-Id, the operation, and a message that says what to do next. {@link classifyBssError} is
 * the single place that maps a service answer onto a class.
 */

export interface BssErrorFields {
    readonly operation?: string;
    readonly httpStatus?: number;
    readonly code?: string;
    readonly requestId?: string;
    /** The service's own message (error_msg / error_message), with any secret removed. */
    readonly serviceMessage?: string;
    /** Extra structured data from the error body (e.g. fail_check_items). */
    readonly details?: Readonly<Record<string, unknown>>;
    readonly cause?: unknown;
}

export class BssError extends Error {
    readonly operation: string | undefined;
    readonly httpStatus: number | undefined;
    readonly code: string | undefined;
    readonly requestId: string | undefined;
    readonly serviceMessage: string | undefined;
    readonly details: Readonly<Record<string, unknown>> | undefined;

    constructor(message: string, fields: BssErrorFields = {}) {
        super(message, fields.cause !== undefined ? { cause: fields.cause } : undefined);
        this.name = new.target.name;
        this.operation = fields.operation;
        this.httpStatus = fields.httpStatus;
        this.code = fields.code;
        this.requestId = fields.requestId;
        this.serviceMessage = fields.serviceMessage;
        this.details = fields.details;
    }

    /** Whether repeating the same call later can succeed without changing anything. */
    get retryable(): boolean {
        return false;
    }
}

/** 429 / CBC.0250 / APIG(W).0308: the rate limit was hit; the request was rejected, nothing happened. */
export class ThrottledError extends BssError {
    readonly retryAfterMs: number | undefined;
    constructor(message: string, fields: BssErrorFields & { readonly retryAfterMs?: number } = {}) {
        super(message, fields);
        this.retryAfterMs = fields.retryAfterMs;
    }
    override get retryable(): boolean {
        return true;
    }
}

/** 401, APIG(W).0301, CBC.0154: the signature, key or token was not accepted. */
export class AuthenticationError extends BssError {}

/** 403 CBC.0151/0155 (IAM), CBC.0150/0156 (account of another site). */
export class PermissionError extends BssError {}

export interface ValidationIssue {
    /** Dotted path of the field (wire names), e.g. `resource_ids.3` or `coupon_infos.0.type`. */
    readonly field: string;
    readonly rule: string;
}

/** The request is invalid: found by the client before sending (issues set), or CBC.0100/0101 from the service. */
export class ValidationError extends BssError {
    readonly issues: readonly ValidationIssue[];
    /** True when the client refused to send the request. */
    readonly clientSide: boolean;
    constructor(message: string, fields: BssErrorFields & { readonly issues?: readonly ValidationIssue[]; readonly clientSide?: boolean } = {}) {
        super(message, fields);
        this.issues = fields.issues ?? [];
        this.clientSide = fields.clientSide ?? false;
    }
}

/** The account cannot pay (CBC.99005003, auto-pay failure CBC.30050006). */
export class InsufficientBalanceError extends BssError {}

/** A resource or order is held by another transaction (pending payment, processing). */
export class ResourceLockedError extends BssError {
    override get retryable(): boolean {
        return true;
    }
}

/** The resource or order does not exist (or was already released/unsubscribed). */
export class NotFoundError extends BssError {}

/** 5xx from the service. */
export class ServerError extends BssError {
    override get retryable(): boolean {
        return true;
    }
}

/** The connection failed or timed out; `sent` tells whether the request may have reached the service. */
export class NetworkError extends BssError {
    readonly sent: boolean;
    constructor(message: string, fields: BssErrorFields & { readonly sent: boolean }) {
        super(message, fields);
        this.sent = fields.sent;
    }
    override get retryable(): boolean {
        return true;
    }
}

/** The service answered with a body that does not match the reference. */
export class UnexpectedResponseError extends BssError {}

/** Credentials, endpoint or client options are missing or invalid; nothing was sent. */
export class ConfigurationError extends BssError {}

/**
 * A call that moves money or state failed after the request may have been processed (connection
 * dropped after sending, timeout, 5xx). It was NOT retried: query the current state (see reconcile())
 * before deciding to call again.
 */
export class AmbiguousOutcomeError extends BssError {
    /** The validated request that was sent (wire names; holds no credentials). */
    readonly request: Readonly<Record<string, unknown>>;
    /** When the (last) attempt was sent. */
    readonly sentAt: Date;
    readonly attempts: number;
    constructor(
        message: string,
        fields: BssErrorFields & { readonly request: Readonly<Record<string, unknown>>; readonly sentAt: Date; readonly attempts: number },
    ) {
        super(message, fields);
        this.request = fields.request;
        this.sentAt = fields.sentAt;
        this.attempts = fields.attempts;
    }
}

// ---------------------------------------------------------------------------------------------
// Classification

const THROTTLING_CODES = new Set(["CBC.0250", "APIG.0308", "APIGW.0308"]);
const AUTHENTICATION_CODES = new Set(["CBC.0154", "APIG.0301", "APIGW.0301", "APIG.0307", "APIGW.0307"]);
const WRONG_SITE_CODES = new Set(["CBC.0150", "CBC.0156"]);
const PERMISSION_CODES = new Set(["CBC.0151", "CBC.0155", "CBC.99000037", ...WRONG_SITE_CODES]);
const VALIDATION_CODES = new Set(["CBC.0100", "CBC.0101"]);
const INSUFFICIENT_BALANCE_CODES = new Set(["CBC.99005003", "CBC.30050006"]);
/** Pending payment / processing orders and other running transactions holding the resource. */
const LOCKED_CODES = new Set(["CBC.99003100", "CBC.99003144", "CBC.99003651", "CBC.99003623", "CBC.99000088", "CBC.99007461", "CBC.30050010", "CBC.30050011"]);
const NOT_FOUND_CODES = new Set(["CBC.30000067", "CBC.99003012", "CBC.99003016", "CBC.30000010", "CBC.30050009"]);

export interface ServiceFailure {
    readonly operation?: string;
    readonly httpStatus?: number;
    readonly code?: string;
    readonly serviceMessage?: string;
    readonly requestId?: string;
    readonly retryAfterMs?: number;
    readonly details?: Readonly<Record<string, unknown>>;
    /** IAM action the operation needs, named in permission errors. */
    readonly iamAction?: string;
}

function describe(f: ServiceFailure): string {
    const what = [f.code, f.httpStatus !== undefined ? `HTTP ${f.httpStatus}` : undefined].filter(Boolean).join(", ");
    const msg = f.serviceMessage ? `: ${f.serviceMessage}` : "";
    const rid = f.requestId ? ` [request ${f.requestId}]` : "";
    return `BSS ${f.operation ?? "call"} failed (${what})${msg}${rid}.`;
}

/**
 * Maps a service failure (an HTTP error answer, or a per-item entry of fail_resource_infos /
 * error_details) onto the narrowest error class, with a message saying what to do next.
 */
export function classifyBssError(f: ServiceFailure): BssError {
    const code = f.code;
    const status = f.httpStatus;
    const base = describe(f);
    const fields: BssErrorFields = { operation: f.operation, httpStatus: status, code, requestId: f.requestId, serviceMessage: f.serviceMessage, details: f.details };
    if (status === 429 || (code && THROTTLING_CODES.has(code))) {
        return new ThrottledError(`${base} The BSS rate limit (about 10 requests/s per API and account) was hit; nothing was changed. Wait and run again, or lower the client's requestsPerSecond or the number of concurrent callers.`, { ...fields, retryAfterMs: f.retryAfterMs });
    }
    if (status === 401 || (code && AUTHENTICATION_CODES.has(code))) {
        return new AuthenticationError(`${base} The credentials were not accepted: check the access key and secret key (or token), that a temporary key is sent with its security token, and that this machine's clock is within 15 minutes of real time.`, fields);
    }
    if (code && WRONG_SITE_CODES.has(code)) {
        return new PermissionError(`${base} The account belongs to another Huawei Cloud site: set huaweicloud-bss:site (cn | intl | eu) or the endpoint to the account's site.`, fields);
    }
    if (status === 403 || (code && PERMISSION_CODES.has(code))) {
        const grant = f.iamAction ? `grant the IAM user the action ${f.iamAction}` : "grant the IAM user the needed billing permission";
        return new PermissionError(`${base} Access was denied: ${grant}, or call with the account's own credentials.`, fields);
    }
    if (code && VALIDATION_CODES.has(code)) {
        return new ValidationError(`${base} The service rejected the request as invalid: fix the fields named in its message and run again.`, fields);
    }
    if (code && INSUFFICIENT_BALANCE_CODES.has(code)) {
        return new InsufficientBalanceError(`${base} The account balance does not cover this: top up the account (or use coupons), check for orders left pending payment (ListCustomerOrders status 6), then run again.`, fields);
    }
    if (code && LOCKED_CODES.has(code)) {
        return new ResourceLockedError(`${base} Another order or transaction holds this resource (pending payment or processing): pay or cancel the pending order (ListCustomerOrders status 6), or wait for it to finish, then run again.`, fields);
    }
    if (code === "APIGW.0101" || code === "APIG.0101") {
        return new BssError(`${base} The endpoint does not offer this API: check the endpoint and the site (some APIs exist only on the Chinese or only on the international site).`, fields);
    }
    if (status === 404 || (code && NOT_FOUND_CODES.has(code))) {
        return new NotFoundError(`${base} It does not exist or was already released/unsubscribed: check the ID; if it is gone on purpose, remove it from the program.`, fields);
    }
    if (status !== undefined && status >= 500) {
        return new ServerError(`${base} The service failed internally; read-only calls are retried automatically, try again later.`, fields);
    }
    return new BssError(`${base} See the reference entry for this code; the request was not applied.`, fields);
}

export interface ParsedErrorBody {
    readonly code?: string;
    readonly message?: string;
    readonly requestId?: string;
    readonly details?: Record<string, unknown>;
}

const CODE_KEYS = ["error_code", "errorCode", "code"];
const MESSAGE_KEYS = ["error_msg", "error_message", "errorMsg", "message", "msg"];

/**
 * Reads an error body the way the official SDKs do: error_code + error_msg (gateway: error_message),
 * falling back to code + message, also inside one nested object (e.g. IAM's {"error": {...}}).
 */
export function parseErrorBody(text: string): ParsedErrorBody {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch {
        return {};
    }
    if (!json || typeof json !== "object" || Array.isArray(json)) return {};
    const top = json as Record<string, unknown>;
    const candidates: Record<string, unknown>[] = [top, ...Object.values(top).filter((v): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v))];
    for (const obj of candidates) {
        const codeKey = CODE_KEYS.find((k) => typeof obj[k] === "string" || typeof obj[k] === "number");
        const messageKey = MESSAGE_KEYS.find((k) => typeof obj[k] === "string");
        if (codeKey || messageKey) {
            const details: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(top)) {
                if (!CODE_KEYS.includes(k) && !MESSAGE_KEYS.includes(k) && k !== "request_id" && v !== obj) details[k] = v;
            }
            return {
                code: codeKey ? String(obj[codeKey]) : undefined,
                message: messageKey ? String(obj[messageKey]) : undefined,
                requestId: typeof top.request_id === "string" ? top.request_id : undefined,
                details: Object.keys(details).length ? details : undefined,
            };
        }
    }
    return {};
}
