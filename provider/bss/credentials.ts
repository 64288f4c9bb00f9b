/**
 * Credential holders. Secret values live in private class fields: they are not enumerable, so they
 * never reach JSON.stringify, util.inspect, error messages or Pulumi state by accident; toJSON and
 * the inspect hook show a masked view instead.
 */
import { inspect } from "node:util";

export const REDACTED = "[redacted]";

/** Shows only the last 4 characters of an identifier such as an access key. */
export function maskIdentifier(value: string): string {
    return value.length <= 8 ? "****" : `****${value.slice(-4)}`;
}

/** Removes every occurrence of the given secrets (and the access key) from a text. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
    let out = text;
    for (const secret of secrets) {
        if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
    }
    return out;
}

abstract class CredentialsBase {
    abstract readonly kind: "access-key" | "token" | "password";
    /** Where these credentials were found, e.g. "environment HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK". */
    abstract readonly source: string;
    /** Values that must never appear in text the client produces. */
    abstract secrets(): readonly string[];
    abstract toJSON(): Record<string, unknown>;
    [inspect.custom](): string {
        return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
    }
    toString(): string {
        return this[inspect.custom]();
    }
}

/** AK/SK, optionally temporary (with a security token): requests are signed with SDK-HMAC-SHA256. */
export class AccessKeyCredentials extends CredentialsBase {
    readonly kind = "access-key" as const;
    readonly #accessKey: string;
    readonly #secretKey: string;
    readonly #securityToken: string | undefined;
    readonly #source: string;

    constructor(accessKey: string, secretKey: string, securityToken: string | undefined, source: string) {
        super();
        this.#accessKey = accessKey;
        this.#secretKey = secretKey;
        this.#securityToken = securityToken || undefined;
        this.#source = source;
    }
    get source(): string {
        return this.#source;
    }
    get accessKey(): string {
        return this.#accessKey;
    }
    get secretKey(): string {
        return this.#secretKey;
    }
    get securityToken(): string | undefined {
        return this.#securityToken;
    }
    secrets(): readonly string[] {
        return [this.#accessKey, this.#secretKey, ...(this.#securityToken ? [this.#securityToken] : [])];
    }
    toJSON(): Record<string, unknown> {
        return {
            kind: this.kind,
            accessKey: maskIdentifier(this.#accessKey),
            secretKey: REDACTED,
            ...(this.#securityToken ? { securityToken: REDACTED } : {}),
            source: this.#source,
        };
    }
}

/** A ready IAM token sent as X-Auth-Token. */
export class TokenCredentials extends CredentialsBase {
    readonly kind = "token" as const;
    readonly #token: string;
    readonly #source: string;
    constructor(token: string, source: string) {
        super();
        this.#token = token;
        this.#source = source;
    }
    get source(): string {
        return this.#source;
    }
    get token(): string {
        return this.#token;
    }
    secrets(): readonly string[] {
        return [this.#token];
    }
    toJSON(): Record<string, unknown> {
        return { kind: this.kind, token: REDACTED, source: this.#source };
    }
}

/** IAM user name + password: the client obtains a domain-scoped token (POST /v3/auth/tokens) and caches it. */
export class PasswordCredentials extends CredentialsBase {
    readonly kind = "password" as const;
    readonly #userName: string;
    readonly #password: string;
    readonly #domainName: string;
    readonly #source: string;
    constructor(userName: string, password: string, domainName: string, source: string) {
        super();
        this.#userName = userName;
        this.#password = password;
        this.#domainName = domainName;
        this.#source = source;
    }
    get source(): string {
        return this.#source;
    }
    get userName(): string {
        return this.#userName;
    }
    get password(): string {
        return this.#password;
    }
    get domainName(): string {
        return this.#domainName;
    }
    secrets(): readonly string[] {
        return [this.#password];
    }
    toJSON(): Record<string, unknown> {
        return { kind: this.kind, userName: this.#userName, password: REDACTED, domainName: this.#domainName, source: this.#source };
    }
}

export type Credentials = AccessKeyCredentials | TokenCredentials | PasswordCredentials;
