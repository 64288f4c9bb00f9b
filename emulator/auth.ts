/**
 * Authentication as Huawei Cloud's API gateway does it (auth.md §2.6, §5, §8): SDK-HMAC-SHA256
 * verified from the request as received, a 15-minute window against the emulator's clock, temporary
 * credentials with X-Security-Token, and IAM tokens (X-Auth-Token). Failures answer 401 with the
 * gateway's body {"error_code":"APIGW.0301","error_msg":...,"request_id":...}.
 * Secrets never appear in messages; access keys do (the real gateway echoes them too).
 */
import { randomBytes } from "node:crypto";
import { verifyRequest } from "../provider/bss/signer";
import type { Account, IssuedToken } from "./model";
import { addMs, DAY_MS, formatUtc } from "./time";
import type { World } from "./world";

export interface ReceivedHttpRequest {
    readonly method: string;
    readonly rawPath: string;
    readonly rawQuery: string;
    /** Lower-case names. */
    readonly headers: Readonly<Record<string, string>>;
    readonly body: Buffer;
}

export interface AuthSuccess {
    readonly ok: true;
    readonly account: Account;
    readonly caller: { readonly userName: string; readonly via: "aksk" | "token"; readonly accessKey?: string };
}

export interface AuthFailure {
    readonly ok: false;
    readonly status: 401;
    readonly errorCode: string;
    readonly message: string;
}

const INCORRECT = "Incorrect IAM authentication information";

function failure(message: string): AuthFailure {
    return { ok: false, status: 401, errorCode: "APIGW.0301", message: `${INCORRECT}: ${message}` };
}

/**
 * The gateway's lock of an access key after repeated signature failures (auth.md §8: "AK access failed to
 * reach the limit,forbidden" for 5 minutes), kept in memory and timed by the virtual clock. After
 * `maxFailures` consecutive failures of a known AK every request with it is refused, however it is signed,
 * until `lockMs` after the last counted failure; a success resets the count.
 */
export class AccessKeyLockout {
    private readonly byAccessKey = new Map<string, { failures: number; lockedUntilMs?: number }>();

    constructor(
        readonly maxFailures = 5,
        readonly lockMs = 5 * 60_000,
    ) {}

    isLocked(accessKey: string, nowMs: number): boolean {
        const entry = this.byAccessKey.get(accessKey);
        if (entry?.lockedUntilMs === undefined) return false;
        if (nowMs < entry.lockedUntilMs) return true;
        this.byAccessKey.delete(accessKey);
        return false;
    }

    recordFailure(accessKey: string, nowMs: number): void {
        const entry = this.byAccessKey.get(accessKey) ?? { failures: 0 };
        entry.failures += 1;
        if (entry.failures >= this.maxFailures) entry.lockedUntilMs = nowMs + this.lockMs;
        this.byAccessKey.set(accessKey, entry);
    }

    recordSuccess(accessKey: string): void {
        this.byAccessKey.delete(accessKey);
    }
}

/** Authenticates a request by X-Auth-Token or AK/SK signature (with the lockout when one is given). */
export function authenticate(request: ReceivedHttpRequest, world: World, now: Date, lockout?: AccessKeyLockout): AuthSuccess | AuthFailure {
    const nowIso = formatUtc(now);
    const token = request.headers["x-auth-token"];
    if (token !== undefined) {
        const issued = world.token(token);
        if (!issued) return failure("decrypt token fail");
        if (issued.expiresAt <= nowIso) return failure(`token expires, expires_at: ${issued.expiresAt}`);
        const account = world.account(issued.accountId);
        if (!account) return failure("decrypt token fail");
        return { ok: true, account, caller: { userName: issued.userName, via: "token" } };
    }
    if (request.headers["authorization"] === undefined) return failure("x-auth-token not found");

    const verified = verifyRequest(
        {
            method: request.method,
            rawPath: request.rawPath,
            rawQuery: request.rawQuery,
            header: (name) => request.headers[name],
            body: request.body,
        },
        (accessKey) => world.credential(accessKey)?.secretKey,
        now,
    );
    const nowMs = now.getTime();
    const knownAccessKey = verified.accessKey !== undefined && world.credential(verified.accessKey) !== undefined ? verified.accessKey : undefined;
    if (lockout && knownAccessKey !== undefined && lockout.isLocked(knownAccessKey, nowMs)) return failure("AK access failed to reach the limit,forbidden");
    if (!verified.ok) {
        if (lockout && knownAccessKey !== undefined) lockout.recordFailure(knownAccessKey, nowMs);
        if (verified.reason === "unknown-access-key") return failure(`Get secretKey failed,ak:${verified.accessKey ?? ""},err:ak not exist`);
        if (verified.reason === "malformed-authorization") return failure(`verify aksk signature fail, ${verified.detail}`);
        return failure(`verify aksk signature fail, ${verified.detail}`);
    }
    const credential = world.credential(verified.accessKey);
    if (!credential) return failure(`Get secretKey failed,ak:${verified.accessKey},err:ak not exist`);
    if (credential.securityToken !== undefined) {
        if (request.headers["x-security-token"] !== credential.securityToken) {
            lockout?.recordFailure(credential.accessKey, nowMs);
            return failure("verify aksk signature fail, the security token does not match the temporary access key");
        }
        if (credential.expiresAt !== undefined && credential.expiresAt <= nowIso) return failure(`the temporary access key expired at ${credential.expiresAt}`);
    } else if (request.headers["x-security-token"] !== undefined) {
        return failure("verify aksk signature fail, a security token was sent with a permanent access key");
    }
    const account = world.account(credential.accountId);
    if (!account) return failure(`Get secretKey failed,ak:${verified.accessKey},err:ak not exist`);
    lockout?.recordSuccess(credential.accessKey);
    return { ok: true, account, caller: { userName: credential.userName ?? account.name, via: "aksk", accessKey: credential.accessKey } };
}

/** IAM's Keystone-style error body. */
export function iamError(status: number, message: string): { status: number; body: unknown } {
    const title = status === 401 ? "Unauthorized" : status === 400 ? "Bad Request" : "Forbidden";
    return { status, body: { error: { code: status, message, title } } };
}

interface PasswordIdentity {
    readonly name: string;
    readonly password: string;
    readonly domainName?: string;
    readonly domainId?: string;
}

function readPasswordIdentity(body: unknown): PasswordIdentity | string {
    const auth = (body as { auth?: unknown } | undefined)?.auth as { identity?: { methods?: unknown; password?: { user?: Record<string, unknown> } } } | undefined;
    const methods = auth?.identity?.methods;
    if (!Array.isArray(methods) || !methods.includes("password")) return "auth.identity.methods must contain \"password\"";
    const user = auth?.identity?.password?.user;
    if (!user || typeof user.name !== "string" || typeof user.password !== "string") return "auth.identity.password.user needs name and password";
    const domain = user.domain as { name?: unknown; id?: unknown } | undefined;
    return {
        name: user.name,
        password: user.password,
        domainName: typeof domain?.name === "string" ? domain.name : undefined,
        domainId: typeof domain?.id === "string" ? domain.id : undefined,
    };
}

/**
 * `POST /v3/auth/tokens` with the password method: issues a token valid 24 h (virtual time), returned in
 * the X-Subject-Token header. The scope may be a domain or a project; either gives a token for the account.
 */
export function issueToken(world: World, body: unknown, now: Date): { status: number; body: unknown; token?: string } {
    const identity = readPasswordIdentity(body);
    if (typeof identity === "string") return { ...iamError(400, identity) };
    const account = world
        .accounts()
        .find((a) => (identity.domainId !== undefined && a.id === identity.domainId) || (identity.domainName !== undefined && a.name === identity.domainName) || (identity.domainId === undefined && identity.domainName === undefined && world.user(identity.name, a.id) !== undefined));
    const user = account ? world.user(identity.name, account.id) : undefined;
    if (!account || !user || user.password !== identity.password) return { ...iamError(401, "The username or password is wrong.") };
    const issuedAt = formatUtc(now);
    const issued: IssuedToken = {
        token: `MII${randomBytes(48).toString("base64url")}`,
        accountId: account.id,
        userName: user.name,
        issuedAt,
        expiresAt: addMs(issuedAt, DAY_MS),
    };
    world.pruneTokens(issuedAt);
    world.addToken(issued);
    return {
        status: 201,
        token: issued.token,
        body: {
            token: {
                expires_at: issued.expiresAt.replace("Z", ".000000Z"),
                issued_at: issued.issuedAt.replace("Z", ".000000Z"),
                methods: ["password"],
                user: { id: `user-${account.id.slice(0, 16)}`, name: user.name, domain: { id: account.id, name: account.name } },
                domain: { id: account.id, name: account.name },
                catalog: [],
                roles: [{ id: "0", name: "te_admin" }],
            },
        },
    };
}

/** `GET /v3/auth/domains`: the caller's own domain (how the SDKs discover the domain id). */
export function listAuthDomains(account: Account): unknown {
    return {
        domains: [{ id: account.id, name: account.name, enabled: true, description: "", links: { self: `/v3/domains/${account.id}` } }],
        links: { self: "/v3/auth/domains", previous: null, next: null },
    };
}
