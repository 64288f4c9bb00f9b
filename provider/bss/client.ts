/**
 * The BSS client: one method per operation, each taking the flat request (wire names) and resolving
 * to the parsed response body. A call is validated, paced, authenticated (fresh signature per
 * attempt), sent, classified, and retried only when that is safe for the operation.
 */
import { createHash, randomUUID } from "node:crypto";
import { inspect } from "node:util";
import type { Pool } from "undici";
import { Authenticator } from "./auth";
import { ClientOptions, ResolvedClientOptions, resolveClientOptions } from "./config";
import { AccessKeyCredentials, redactSecrets } from "./credentials";
import { AmbiguousOutcomeError, AuthenticationError, BssError, ConfigurationError, classifyBssError, parseErrorBody, ThrottledError, UnexpectedResponseError } from "./errors";
import {
    ItemOf,
    lookupOperation,
    MethodName,
    methodNameOf,
    OPERATION_NAMES,
    OperationDefinition,
    OperationName,
    PagedOperationName,
    RequestOf,
    ResponseOf,
} from "./operations";
import { Pacer, realTimer, sharedPacer, Timer } from "./pacer";
import { paginate, paginatePages, PageRequestOf, PaginateOptions } from "./paginate";
import { DEFAULT_RETRY_POLICY, decideRetry, mayHaveTakenEffect, parseRetryAfter, RetryPolicy } from "./retry";
import { buildWireRequest, PreparedRequest } from "./request";
import { acquirePool, releasePool, sendOnce, toNetworkError, WireResponse } from "./transport";
import { requestValidationError, responseShapeError } from "./validation";

/** BSS's documented quota per API and account (common.yaml throttling); the pacer backs off from it on 429. */
export const DEFAULT_REQUESTS_PER_SECOND = 10;
/** Operations with a higher documented quota (30/s: billing-common.yaml throttling.higher_quota). */
export const DEFAULT_OPERATION_RATES: Partial<Readonly<Record<OperationName, number>>> = {
    ListCustomerselfResourceRecordDetails: 30,
    ListCustomerselfResourceRecords: 30,
};
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECTIONS = 16;
const DEFAULT_USER_AGENT = "pulumi-huaweicloud-bss/0.1 (bss-client)";
/** Duplicate trans_id: on a retry after an unclear attempt it means the first attempt went through. */
const DUPLICATE_TRANSACTION_CODE = "CBC.99007009";

export interface CallOptions {
    readonly signal?: AbortSignal;
    /** Per-attempt timeout, overriding the client's. */
    readonly timeoutMs?: number;
}

type OperationMethod<K extends OperationName> = {} extends RequestOf<K>
    ? (request?: RequestOf<K>, options?: CallOptions) => Promise<ResponseOf<K>>
    : (request: RequestOf<K>, options?: CallOptions) => Promise<ResponseOf<K>>;

/** One method per operation, named as the reference's operation in lowerCamelCase. */
export type OperationMethods = { readonly [K in OperationName as MethodName<K>]: OperationMethod<K> };

type PageMethod<K extends PagedOperationName> = {} extends PageRequestOf<K>
    ? (request?: PageRequestOf<K>, options?: PaginateOptions) => AsyncIterableIterator<ItemOf<K>>
    : (request: PageRequestOf<K>, options?: PaginateOptions) => AsyncIterableIterator<ItemOf<K>>;

/**
 * `client.paginate(op, request)` or `client.paginate.listCustomerOrders(request)`: an async iterator
 * over the records of every page (one page in memory at a time). `client.paginate.pages(op, request)`
 * yields whole page responses instead.
 */
export type Paginator = (<K extends PagedOperationName>(operation: K | MethodName<K>, request: PageRequestOf<K>, options?: PaginateOptions) => AsyncIterableIterator<ItemOf<K>>) & {
    readonly [K in PagedOperationName as MethodName<K>]: PageMethod<K>;
} & {
    pages<K extends PagedOperationName>(operation: K | MethodName<K>, request: PageRequestOf<K>, options?: PaginateOptions): AsyncIterableIterator<ResponseOf<K>>;
};

export interface BssClient extends OperationMethods {
    /** Resolved options (credentials masked when printed or serialised). */
    readonly options: ResolvedClientOptions;
    /** Calls an operation by its reference name or method name. */
    call<K extends OperationName>(operation: K | MethodName<K>, request?: RequestOf<K>, options?: CallOptions): Promise<ResponseOf<K>>;
    readonly paginate: Paginator;
    /** The account (domain) ID in use: configured or discovered through IAM. */
    domainId(): Promise<string | undefined>;
    /** How long a call of `operation` made now would wait for the client's rate limit (ms). */
    pacingDelayMs(operation: OperationName | MethodName<OperationName>): number;
    /** Releases the client's connections (shared pools close when their last client closes). */
    close(): Promise<void>;
}


function stripNulls(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(stripNulls);
    if (value && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = stripNulls(v);
        return out;
    }
    return value;
}

class BssClientImpl {
    readonly options: ResolvedClientOptions;
    readonly paginate: Paginator;
    private readonly auth: Authenticator;
    private readonly timer: Timer;
    private readonly now: () => Date;
    private readonly retryPolicy: RetryPolicy;
    private readonly endpointUrl: URL;
    private readonly accountKey: string;
    private pool: Pool | undefined;
    private closed = false;

    constructor(options: ResolvedClientOptions) {
        this.options = options;
        this.timer = options.timer ?? realTimer;
        this.now = options.now ?? (() => new Date());
        this.retryPolicy = {
            maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
            baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
            maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
        };
        for (const [name, value] of Object.entries({ maxRetries: this.retryPolicy.maxRetries, retryBaseDelayMs: this.retryPolicy.baseDelayMs, retryMaxDelayMs: this.retryPolicy.maxDelayMs })) {
            if (!Number.isFinite(value) || value < 0) throw new ConfigurationError(`Client option ${name} must be a number >= 0, got ${value}.`, { code: "CLIENT.CONFIGURATION" });
        }
        const rate = options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
        if (!Number.isFinite(rate) || rate < 0) throw new ConfigurationError(`Client option requestsPerSecond must be a number >= 0 (0 = unpaced), got ${rate}.`, { code: "CLIENT.CONFIGURATION" });
        for (const [name, value] of Object.entries(options.operationRates ?? {})) {
            if (!lookupOperation(name)) throw new ConfigurationError(`Client option operationRates names an unknown operation "${name}".`, { code: "CLIENT.CONFIGURATION" });
            if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new ConfigurationError(`Client option operationRates.${name} must be a number >= 0 (0 = unpaced), got ${value}.`, { code: "CLIENT.CONFIGURATION" });
        }
        const burst = options.burst;
        if (burst !== undefined && (!Number.isInteger(burst) || burst < 1)) throw new ConfigurationError(`Client option burst must be an integer >= 1, got ${burst}.`, { code: "CLIENT.CONFIGURATION" });
        this.endpointUrl = new URL(options.endpoint);
        const creds = options.credentials;
        this.accountKey =
            creds instanceof AccessKeyCredentials
                ? `ak:${creds.accessKey}`
                : `id:${createHash("sha256").update(creds.secrets().join("|") + creds.source).digest("hex").slice(0, 16)}`;
        this.auth = new Authenticator({
            credentials: creds,
            iamEndpoint: options.iamEndpoint,
            domainId: options.domainId,
            now: this.now,
            timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
            connections: options.connections ?? DEFAULT_CONNECTIONS,
            userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
        });
        this.paginate = this.buildPaginator();
    }

    toJSON(): Record<string, unknown> {
        return {
            endpoint: this.options.endpoint,
            site: this.options.site,
            domainId: this.options.domainId,
            credentials: this.options.credentials.toJSON(),
        };
    }

    [inspect.custom](): string {
        return `BssClient ${inspect(this.toJSON())}`;
    }

    async domainId(): Promise<string | undefined> {
        return this.auth.domainId(false, "domainId()");
    }

    async close(): Promise<void> {
        this.closed = true;
        const pool = this.pool;
        this.pool = undefined;
        if (pool) await releasePool(this.endpointUrl.origin, pool);
        await this.auth.close();
    }

    async call(operation: string, request: unknown = {}, callOptions: CallOptions = {}): Promise<unknown> {
        const def = lookupOperation(operation);
        if (!def) throw new ConfigurationError(`Unknown BSS operation "${operation}".`, { code: "CLIENT.UNKNOWN_OPERATION" });
        if (this.closed) throw new ConfigurationError(`BSS ${def.name}: the client was closed.`, { operation: def.name, code: "CLIENT.CLOSED" });
        const parsed = def.request.safeParse(request ?? {});
        if (!parsed.success) throw requestValidationError(def.name, parsed.error, request);
        let validated = parsed.data as Record<string, unknown>;
        if (def.idempotencyKey && !validated[def.idempotencyKey]) {
            validated = { ...validated, [def.idempotencyKey]: randomUUID().replace(/-/g, "") };
        }
        return this.execute(def, validated, callOptions);
    }

    pacingDelayMs(operation: string): number {
        const def = lookupOperation(operation);
        return def ? this.pacerFor(def).delay() : 0;
    }

    private pacerFor(def: OperationDefinition): Pacer {
        const rate = this.options.operationRates?.[def.name] ?? this.options.requestsPerSecond ?? DEFAULT_OPERATION_RATES[def.name] ?? DEFAULT_REQUESTS_PER_SECOND;
        // Default: one second's worth, i.e. at most `rate` requests in any second (see pacer.ts).
        const burst = this.options.burst ?? Math.max(1, Math.floor(rate));
        return sharedPacer(`${this.endpointUrl.origin}|${this.accountKey}|${def.name}`, rate, burst, this.timer);
    }

    private getPool(): Pool {
        if (!this.pool) this.pool = acquirePool(this.endpointUrl.origin, this.options.connections ?? DEFAULT_CONNECTIONS);
        return this.pool;
    }

    private async prepare(def: OperationDefinition, request: Record<string, unknown>): Promise<PreparedRequest> {
        const pathDomainId = def.pathParams.includes("domain_id") && request.domain_id === undefined ? await this.auth.domainId(true, def.name) : undefined;
        const headerDomainId = await this.auth.domainId(false, def.name);
        return buildWireRequest(def, pathDomainId ? { ...request, domain_id: pathDomainId } : request, { endpoint: this.endpointUrl, domainId: headerDomainId });
    }

    private emit<T>(hook: ((event: T) => void) | undefined, event: T): void {
        if (!hook) return;
        try {
            hook(event);
        } catch {
            // Observability must never break a call.
        }
    }

    private async execute(def: OperationDefinition, request: Record<string, unknown>, callOptions: CallOptions): Promise<unknown> {
        const pacer = this.pacerFor(def);
        const timeoutMs = callOptions.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const signal = callOptions.signal;
        let retries = 0;
        let refreshedToken = false;
        let unclearEarlier = false;
        let lastSentAt = this.now();
        for (let attempt = 1; ; attempt++) {
            // Prepare first (it may wait for IAM), pace, then sign: the signature date is fresh and
            // requests leave at the paced instants.
            const prepared = await this.prepare(def, request);
            await pacer.acquire(signal);
            const authorized = await this.auth.authorize(prepared);
            const headers = { ...authorized.headers, "User-Agent": this.options.userAgent ?? DEFAULT_USER_AGENT };
            this.emit(this.options.onRequest, { operation: def.name, method: def.method, path: prepared.path, attempt });
            const started = this.timer.now();
            lastSentAt = this.now();
            let response: WireResponse | undefined;
            let error: BssError;
            try {
                response = await sendOnce(this.getPool(), { method: def.method, pathAndQuery: authorized.pathAndQuery, headers, body: prepared.body, timeoutMs, signal });
            } catch (cause) {
                if (signal?.aborted) {
                    if (def.effect === "mutating") throw this.ambiguous(def, request, lastSentAt, attempt, "the call was aborted after the request was sent", cause);
                    throw signal.reason;
                }
                response = undefined;
                error = toNetworkError(cause, def.name, this.endpointUrl.origin);
            }
            const durationMs = this.timer.now() - started;
            if (response) {
                const requestId = response.headers["x-request-id"];
                if (response.status >= 200 && response.status < 300) {
                    pacer.succeeded();
                    this.emit(this.options.onResponse, { operation: def.name, method: def.method, path: prepared.path, attempt, status: response.status, durationMs, requestId });
                    return this.parseSuccess(def, response);
                }
                error = this.classify(def, response);
                this.emit(this.options.onResponse, { operation: def.name, method: def.method, path: prepared.path, attempt, status: response.status, durationMs, requestId, errorCode: error.code });
            } else {
                this.emit(this.options.onResponse, { operation: def.name, method: def.method, path: prepared.path, attempt, status: 0, durationMs, errorCode: error!.code });
            }
            error = error!;
            if (error instanceof ThrottledError) pacer.throttled();

            if (error instanceof AuthenticationError && this.auth.canRefresh && !refreshedToken) {
                // An expired or revoked token was rejected before anything happened: get a new one once.
                refreshedToken = true;
                this.auth.invalidateToken();
                continue;
            }
            if (def.idempotencyKey && unclearEarlier && error.code === DUPLICATE_TRANSACTION_CODE) {
                // The service has already seen this trans_id: an earlier, unclear attempt went through.
                return def.response ? def.response.parse({}) : undefined;
            }
            const decision = decideRetry({ effect: def.effect, hasIdempotencyKey: !!def.idempotencyKey, error, retriesSoFar: retries, policy: this.retryPolicy });
            if (decision.action === "retry") {
                if (mayHaveTakenEffect(error)) unclearEarlier = true;
                retries++;
                await this.timer.sleep(decision.delayMs, signal);
                continue;
            }
            if (decision.action === "ambiguous" || (def.effect === "mutating" && (unclearEarlier || mayHaveTakenEffect(error)))) {
                throw this.ambiguous(def, request, lastSentAt, attempt, error.message, error);
            }
            throw error;
        }
    }

    private ambiguous(def: OperationDefinition, request: Record<string, unknown>, sentAt: Date, attempts: number, reason: string, cause: unknown): AmbiguousOutcomeError {
        const key = def.idempotencyKey ? ` It may be retried with the same ${def.idempotencyKey} (${String(request[def.idempotencyKey])}).` : " It was not retried because it moves money or state.";
        return new AmbiguousOutcomeError(
            `BSS ${def.name} may or may not have taken effect (${reason}).${key} Query the current state before calling it again (reconcile(client, error) does this).`,
            {
                operation: def.name,
                code: "CLIENT.AMBIGUOUS_OUTCOME",
                httpStatus: cause instanceof BssError ? cause.httpStatus : undefined,
                requestId: cause instanceof BssError ? cause.requestId : undefined,
                cause,
                request,
                sentAt,
                attempts,
            },
        );
    }

    private classify(def: OperationDefinition, response: WireResponse): BssError {
        const parsed = parseErrorBody(response.text);
        const secrets = this.auth.secrets();
        return classifyBssError({
            operation: def.name,
            httpStatus: response.status,
            code: parsed.code,
            serviceMessage: parsed.message ? redactSecrets(parsed.message, secrets) : undefined,
            requestId: response.headers["x-request-id"] ?? parsed.requestId,
            retryAfterMs: parseRetryAfter(response.headers["retry-after"], this.now().getTime()),
            details: parsed.details ? (JSON.parse(redactSecrets(JSON.stringify(parsed.details), secrets)) as Record<string, unknown>) : undefined,
            iamAction: def.iamAction,
        });
    }

    private parseSuccess(def: OperationDefinition, response: WireResponse): unknown {
        if (!def.response) return undefined;
        let body: unknown = {};
        if (response.text.trim() !== "") {
            try {
                body = JSON.parse(response.text);
            } catch {
                throw new UnexpectedResponseError(`BSS ${def.name} answered HTTP ${response.status} with a body that is not JSON. The call itself may have succeeded; check the state before repeating it.`, {
                    operation: def.name,
                    httpStatus: response.status,
                    code: "CLIENT.UNEXPECTED_RESPONSE",
                    requestId: response.headers["x-request-id"],
                });
            }
        }
        const cleaned = stripNulls(body);
        const result = def.response.safeParse(cleaned);
        if (!result.success) throw responseShapeError(def.name, result.error, cleaned, response.status, response.headers["x-request-id"]);
        return result.data;
    }

    private buildPaginator(): Paginator {
        const self = this as unknown as BssClient;
        const fn = ((operation: string, request: unknown, options?: PaginateOptions) => paginate(self, operation as PagedOperationName, request as never, options)) as Paginator;
        const methods: Record<string, unknown> = {
            pages: (operation: string, request: unknown, options?: PaginateOptions) => paginatePages(self, operation as PagedOperationName, request as never, options),
        };
        for (const name of OPERATION_NAMES) {
            if (!lookupOperation(name)?.paging) continue;
            methods[methodNameOf(name)] = (request?: unknown, options?: PaginateOptions) => paginate(self, name as PagedOperationName, (request ?? {}) as never, options);
        }
        return Object.assign(fn, methods);
    }
}

for (const name of OPERATION_NAMES) {
    Object.defineProperty(BssClientImpl.prototype, methodNameOf(name), {
        enumerable: false,
        value: function (this: BssClientImpl, request?: unknown, options?: CallOptions) {
            return this.call(name, request ?? {}, options);
        },
    });
}

/**
 * Creates a BSS client. Credentials and endpoint are resolved with {@link resolveClientOptions}
 * (explicit options, then environment, then ~/.huaweicloud/credentials); pass the result of
 * resolveClientOptions({ options, config, env }) to include Pulumi stack config.
 */
export function createBssClient(options?: ClientOptions | ResolvedClientOptions): BssClient {
    const resolved = resolveClientOptions({ options, env: process.env });
    return new BssClientImpl(resolved) as unknown as BssClient;
}
