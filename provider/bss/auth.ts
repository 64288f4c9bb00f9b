/**
 * Authentication of BSS requests: SDK-HMAC-SHA256 signing with AK/SK (+ X-Security-Token for
 * temporary keys), or an IAM token (X-Auth-Token), obtained with user/password when so configured.
 * Also finds the account (domain) ID through IAM when none is configured, cached per AK.
 */
import { createHash } from "node:crypto";
import type { Pool } from "undici";
import { AccessKeyCredentials, Credentials, PasswordCredentials, redactSecrets } from "./credentials";
import { AuthenticationError, BssError, ConfigurationError, classifyBssError, parseErrorBody } from "./errors";
import { canonicalQueryString, QueryPair, signRequest } from "./signer";
import { acquirePool, releasePool, sendOnce, toNetworkError, WireResponse } from "./transport";

export interface OutgoingRequest {
    readonly method: string;
    /** Endpoint URL + path (no query). */
    readonly url: string;
    readonly query: readonly QueryPair[];
    /** Headers to send (and sign). */
    readonly headers: Readonly<Record<string, string>>;
    readonly body?: string;
}

export interface AuthorizedRequest {
    /** Path and query as sent (the query is the canonical query string that was signed). */
    readonly pathAndQuery: string;
    readonly headers: Record<string, string>;
}

interface CachedToken {
    readonly token: string;
    readonly expiresAtMs: number;
    readonly domainId?: string;
}

/** Discovered domain IDs per IAM origin + AK (successes for the process lifetime). */
const discoveredDomains = new Map<string, Promise<string>>();
/** Failed discoveries are not retried for a minute, so an unreachable IAM does not double every call. */
const failedDiscoveries = new Map<string, number>();
const DISCOVERY_FAILURE_TTL_MS = 60_000;
const tokens = new Map<string, Promise<CachedToken>>();
/** Tokens are valid 24 h; renew well before expiry. */
const TOKEN_RENEW_MARGIN_MS = 10 * 60_000;

export interface AuthenticatorOptions {
    readonly credentials: Credentials;
    readonly iamEndpoint: string;
    readonly domainId?: string;
    readonly now: () => Date;
    readonly timeoutMs: number;
    readonly connections: number;
    readonly userAgent: string;
}

export class Authenticator {
    private iamPool: Pool | undefined;
    private readonly iamOrigin: string;
    private readonly iamBasePath: string;

    constructor(private readonly options: AuthenticatorOptions) {
        const url = new URL(options.iamEndpoint);
        this.iamOrigin = url.origin;
        this.iamBasePath = url.pathname.replace(/\/+$/, "");
    }

    get credentials(): Credentials {
        return this.options.credentials;
    }

    /** Secret values to scrub from any text shown to users. */
    secrets(): readonly string[] {
        return this.options.credentials.secrets();
    }

    /** True when a rejected token can be replaced by a fresh one. */
    get canRefresh(): boolean {
        return this.options.credentials instanceof PasswordCredentials;
    }

    invalidateToken(): void {
        tokens.delete(this.tokenKey());
    }

    /**
     * The account ID: configured, from the password token, or discovered through IAM (AK/SK).
     * With `required`, failure to find it is a ConfigurationError; otherwise it resolves undefined.
     */
    async domainId(required: boolean, operation: string): Promise<string | undefined> {
        if (this.options.domainId) return this.options.domainId;
        const creds = this.options.credentials;
        const failure = (reason: string) =>
            new ConfigurationError(
                `BSS ${operation} needs the account (domain) ID and it could not be determined (${reason}). Set huaweicloud-bss:domainId, the domainId client option, or HUAWEICLOUD_SDK_DOMAIN_ID.`,
                { operation, code: "CLIENT.DOMAIN_ID" },
            );
        if (creds instanceof PasswordCredentials) {
            const token = await this.passwordToken();
            if (token.domainId) return token.domainId;
            if (required) throw failure("the IAM token did not name the account");
            return undefined;
        }
        if (!(creds instanceof AccessKeyCredentials)) {
            if (required) throw failure("a ready token cannot be used to look it up");
            return undefined;
        }
        const key = `${this.iamOrigin}|${creds.accessKey}`;
        const failedAt = failedDiscoveries.get(key);
        if (failedAt !== undefined && Date.now() - failedAt < DISCOVERY_FAILURE_TTL_MS) {
            if (required) throw failure("IAM domain discovery failed recently");
            return undefined;
        }
        let pending = discoveredDomains.get(key);
        if (!pending) {
            pending = this.discoverDomainId(creds);
            discoveredDomains.set(key, pending);
            pending.then(
                () => failedDiscoveries.delete(key),
                () => {
                    discoveredDomains.delete(key);
                    failedDiscoveries.set(key, Date.now());
                },
            );
        }
        try {
            return await pending;
        } catch (error) {
            if (required) throw failure(error instanceof Error ? error.message : String(error));
            return undefined;
        }
    }

    /** Adds authentication to a request: signature (fresh X-Sdk-Date) or X-Auth-Token. */
    async authorize(request: OutgoingRequest): Promise<AuthorizedRequest> {
        const creds = this.options.credentials;
        const url = new URL(request.url);
        if (creds instanceof AccessKeyCredentials) {
            const headers: Record<string, string> = { ...request.headers };
            if (creds.securityToken) headers["X-Security-Token"] = creds.securityToken;
            const signed = signRequest({
                method: request.method,
                url,
                query: request.query,
                headers,
                body: request.body ?? "",
                accessKey: creds.accessKey,
                secretKey: creds.secretKey,
                date: this.options.now(),
            });
            const sent = new URL(signed.url);
            return { pathAndQuery: sent.pathname + sent.search, headers: signed.headers };
        }
        const token = creds instanceof PasswordCredentials ? (await this.passwordToken()).token : creds.token;
        const query = canonicalQueryString(request.query);
        return { pathAndQuery: url.pathname + (query ? `?${query}` : ""), headers: { ...request.headers, "X-Auth-Token": token } };
    }

    async close(): Promise<void> {
        if (this.iamPool) {
            const pool = this.iamPool;
            this.iamPool = undefined;
            await releasePool(this.iamOrigin, pool);
        }
    }

    private pool(): Pool {
        if (!this.iamPool) this.iamPool = acquirePool(this.iamOrigin, this.options.connections);
        return this.iamPool;
    }

    private async iamCall(operation: string, request: OutgoingRequest, authorize: boolean): Promise<WireResponse> {
        const prepared = authorize
            ? await this.authorize(request)
            : { pathAndQuery: new URL(request.url).pathname, headers: { ...request.headers } };
        let response: WireResponse;
        try {
            response = await sendOnce(this.pool(), {
                method: request.method,
                pathAndQuery: prepared.pathAndQuery,
                headers: { ...prepared.headers, "User-Agent": this.options.userAgent },
                body: request.body,
                timeoutMs: this.options.timeoutMs,
            });
        } catch (error) {
            throw toNetworkError(error, operation, this.iamOrigin);
        }
        if (response.status >= 200 && response.status < 300) return response;
        const parsed = parseErrorBody(response.text);
        throw classifyBssError({
            operation,
            httpStatus: response.status,
            code: parsed.code,
            serviceMessage: parsed.message ? redactSecrets(parsed.message, this.secrets()) : undefined,
            requestId: response.headers["x-request-id"] ?? parsed.requestId,
        });
    }

    private async discoverDomainId(creds: AccessKeyCredentials): Promise<string> {
        const response = await this.iamCall(
            "IAM GET /v3/auth/domains",
            { method: "GET", url: `${this.iamOrigin}${this.iamBasePath}/v3/auth/domains`, query: [], headers: { "Content-Type": "application/json" } },
            true,
        );
        let id: unknown;
        try {
            id = (JSON.parse(response.text) as { domains?: { id?: unknown }[] }).domains?.[0]?.id;
        } catch {
            id = undefined;
        }
        if (typeof id !== "string" || !id) {
            throw new BssError(`IAM returned no account for access key ${creds.toJSON().accessKey}; the IAM user needs the iam:users:getUser permission for discovery.`, {
                operation: "IAM GET /v3/auth/domains",
                code: "CLIENT.DOMAIN_ID",
            });
        }
        return id;
    }

    private tokenKey(): string {
        const creds = this.options.credentials;
        // The password is part of the identity of a cached token (a wrong password must not reuse a good token).
        return creds instanceof PasswordCredentials ? `${this.iamOrigin}|${creds.domainName}|${creds.userName}|${createHash("sha256").update(creds.password).digest("hex")}` : "";
    }

    private passwordToken(): Promise<CachedToken> {
        const creds = this.options.credentials as PasswordCredentials;
        const key = this.tokenKey();
        const cached = tokens.get(key);
        if (cached) {
            return cached.then((t) => {
                if (t.expiresAtMs - TOKEN_RENEW_MARGIN_MS > this.options.now().getTime()) return t;
                if (tokens.get(key) === cached) tokens.delete(key);
                return this.passwordToken();
            });
        }
        const pending = this.requestPasswordToken(creds);
        tokens.set(key, pending);
        pending.catch(() => {
            if (tokens.get(key) === pending) tokens.delete(key);
        });
        return pending;
    }

    private async requestPasswordToken(creds: PasswordCredentials): Promise<CachedToken> {
        const body = JSON.stringify({
            auth: {
                identity: { methods: ["password"], password: { user: { name: creds.userName, password: creds.password, domain: { name: creds.domainName } } } },
                scope: { domain: { name: creds.domainName } },
            },
        });
        const operation = "IAM POST /v3/auth/tokens";
        const response = await this.iamCall(
            operation,
            { method: "POST", url: `${this.iamOrigin}${this.iamBasePath}/v3/auth/tokens`, query: [], headers: { "Content-Type": "application/json;charset=UTF-8" }, body },
            false,
        );
        const token = response.headers["x-subject-token"];
        if (!token) throw new AuthenticationError("IAM answered without an X-Subject-Token header; check the IAM endpoint.", { operation, httpStatus: response.status });
        let expiresAtMs = this.options.now().getTime() + 24 * 3600_000;
        let domainId: string | undefined;
        try {
            const parsed = JSON.parse(response.text) as { token?: { expires_at?: string; user?: { domain?: { id?: string } }; domain?: { id?: string } } };
            const expires = parsed.token?.expires_at ? Date.parse(parsed.token.expires_at) : NaN;
            if (!Number.isNaN(expires)) expiresAtMs = expires;
            domainId = parsed.token?.domain?.id ?? parsed.token?.user?.domain?.id;
        } catch {
            // The token header is what matters; the body only refines expiry and account.
        }
        return { token, expiresAtMs, domainId };
    }
}
