/**
 * Where the client's credentials and endpoint come from, in this order: explicit options; Pulumi
 * stack config (passed in by the caller); environment (Huawei SDK names, then Terraform names);
 * the shared credentials file ~/.huaweicloud/credentials ([global]).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import { AccessKeyCredentials, Credentials, PasswordCredentials, TokenCredentials } from "./credentials";
import { ConfigurationError } from "./errors";
import type { OperationName } from "./operations";
import type { Timer } from "./pacer";

export type Site = "cn" | "intl" | "eu";
export const SITES: readonly Site[] = ["cn", "intl", "eu"];

export const SITE_ENDPOINTS: Readonly<Record<Site, string>> = {
    cn: "https://bss.myhuaweicloud.com",
    intl: "https://bss-intl.myhuaweicloud.com",
    eu: "https://bss.myhuaweicloud.eu",
};

/** IAM endpoints used for domain-id discovery and password tokens (auth.md §4, §6; EU unverified). */
export const SITE_IAM_ENDPOINTS: Readonly<Record<Site, string>> = {
    cn: "https://iam.myhuaweicloud.com",
    intl: "https://iam.ap-southeast-1.myhuaweicloud.com",
    eu: "https://iam.eu-west-101.myhuaweicloud.eu",
};

/** Stack config keys (namespace `huaweicloud-bss`). */
export const CONFIG_KEYS = {
    accessKey: "huaweicloud-bss:accessKey",
    secretKey: "huaweicloud-bss:secretKey",
    securityToken: "huaweicloud-bss:securityToken",
    domainId: "huaweicloud-bss:domainId",
    site: "huaweicloud-bss:site",
    endpoint: "huaweicloud-bss:endpoint",
    iamEndpoint: "huaweicloud-bss:iamEndpoint",
} as const;

export interface RequestEvent {
    readonly operation: string;
    readonly method: string;
    /** Path without query string. */
    readonly path: string;
    /** 1 for the first attempt. */
    readonly attempt: number;
}

export interface ResponseEvent extends RequestEvent {
    /** HTTP status; 0 when no answer arrived (connection failure, timeout). */
    readonly status: number;
    readonly durationMs: number;
    readonly requestId?: string;
    readonly errorCode?: string;
}

export interface ClientOptions {
    readonly accessKey?: string;
    readonly secretKey?: string;
    /** Security token of a temporary AK/SK, sent as X-Security-Token. */
    readonly securityToken?: string;
    /** A ready IAM token (X-Auth-Token) instead of AK/SK. */
    readonly authToken?: string;
    /** IAM user credentials: the client gets a domain-scoped token from IAM and caches it. */
    readonly password?: { readonly userName: string; readonly password: string; readonly domainName: string };
    /** Account (domain) ID; discovered through IAM GET /v3/auth/domains when absent. */
    readonly domainId?: string;
    readonly site?: Site;
    /** BSS endpoint URL (http or https); overrides the site's endpoint. */
    readonly endpoint?: string;
    /** IAM endpoint; default: the explicit endpoint's origin if one is set, else the site's IAM endpoint. */
    readonly iamEndpoint?: string;
    /** Client-side pace per operation (requests/s). Default 10 (30 for the two resource-record APIs, their documented quota); 0 = unpaced. */
    readonly requestsPerSecond?: number;
    /** Per-operation overrides of requestsPerSecond. */
    readonly operationRates?: Partial<Readonly<Record<OperationName, number>>>;
    /** At most `burst` requests of an operation start within any burst/rate seconds. Default: the rate (at most `rate` in any second); 1 spaces them evenly. */
    readonly burst?: number;
    /** Retries of retryable failures (not counting the first attempt). Default 4. */
    readonly maxRetries?: number;
    /** First backoff step; grows exponentially with jitter. Default 200 ms. */
    readonly retryBaseDelayMs?: number;
    /** Longest single wait before a retry (including Retry-After); longer waits give up. Default 30 s. */
    readonly retryMaxDelayMs?: number;
    /** Per-attempt timeout for headers and body. Default 30 s. */
    readonly timeoutMs?: number;
    /** Connections per endpoint origin. Default 16. */
    readonly connections?: number;
    /** The clock used for X-Sdk-Date and token expiry (e.g. an emulator's virtual clock). */
    readonly now?: () => Date;
    /** Timer used for pacing and backoff (tests inject a fake one). */
    readonly timer?: Timer;
    readonly onRequest?: (event: RequestEvent) => void;
    readonly onResponse?: (event: ResponseEvent) => void;
    readonly userAgent?: string;
}

export type ConfigLookup = (key: string) => string | undefined;

export interface ResolveInput {
    readonly options?: ClientOptions | ResolvedClientOptions;
    /** Stack config lookup taking full keys such as "huaweicloud-bss:accessKey". */
    readonly config?: ConfigLookup;
    readonly env?: NodeJS.ProcessEnv;
    readonly homeDir?: string;
}

const RESOLVED = Symbol.for("pulumi-huaweicloud-bss.resolvedClientOptions");

/** Options after resolution; safe to log or serialise (secrets are held inside {@link credentials}). */
export interface ResolvedClientOptions extends Omit<ClientOptions, "accessKey" | "secretKey" | "securityToken" | "authToken" | "password"> {
    readonly [RESOLVED]: true;
    readonly credentials: Credentials;
    readonly site: Site;
    readonly endpoint: string;
    readonly iamEndpoint: string;
    readonly domainId?: string;
    /** Where each setting came from, for diagnostics. */
    readonly sources: Readonly<Record<"credentials" | "endpoint" | "domainId" | "iamEndpoint", string>>;
}

export function isResolvedClientOptions(value: unknown): value is ResolvedClientOptions {
    return !!value && typeof value === "object" && (value as Record<symbol, unknown>)[RESOLVED] === true;
}

interface FileCredentials {
    readonly path: string;
    readonly exists: boolean;
    readonly values: Readonly<Record<string, string>>;
}

/** Reads the [global] section of the SDK credentials file (INI). */
export function readCredentialsFile(filePath: string): FileCredentials {
    let text: string;
    try {
        text = fs.readFileSync(filePath, "utf8");
    } catch {
        return { path: filePath, exists: false, values: {} };
    }
    const values: Record<string, string> = {};
    let section = "";
    for (const rawLine of text.split(/\r?\n/)) {
        const line = rawLine.trim();
        if (!line || line.startsWith("#") || line.startsWith(";")) continue;
        const header = /^\[(.+)\]$/.exec(line);
        if (header) {
            section = header[1].trim().toLowerCase();
            continue;
        }
        const at = line.indexOf("=");
        if (section !== "global" || at < 0) continue;
        values[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
    }
    return { path: filePath, exists: true, values };
}

function nonEmpty(value: string | undefined): string | undefined {
    return value !== undefined && value.trim() !== "" ? value.trim() : undefined;
}

/** Validates an endpoint URL and returns it without a trailing slash. */
export function normaliseEndpoint(value: string, setting: string): string {
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new ConfigurationError(`${setting} must be an http(s) URL such as https://bss.myhuaweicloud.com, got "${value}".`, { code: "CLIENT.CONFIGURATION" });
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new ConfigurationError(`${setting} must be an http(s) URL such as https://bss.myhuaweicloud.com, got protocol "${url.protocol}".`, { code: "CLIENT.CONFIGURATION" });
    }
    if (url.search || url.hash) {
        throw new ConfigurationError(`${setting} must not carry a query or fragment, got "${value}".`, { code: "CLIENT.CONFIGURATION" });
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

interface Candidate {
    readonly where: string;
    readonly accessKey?: string;
    readonly secretKey?: string;
    readonly securityToken?: string;
    readonly authToken?: string;
    readonly password?: { readonly userName?: string; readonly password?: string; readonly domainName?: string };
}

function pickCredentials(candidates: readonly (Candidate | (() => Candidate))[]): Credentials | undefined {
    for (const candidate of candidates) {
        const c = typeof candidate === "function" ? candidate() : candidate;
        if (c.accessKey || c.secretKey) {
            if (!c.accessKey || !c.secretKey) {
                const missing = !c.accessKey ? "access key" : "secret key";
                throw new ConfigurationError(`Incomplete Huawei Cloud credentials in ${c.where}: the ${missing} is missing. Set both the access key and the secret key in the same place.`, { code: "CLIENT.CREDENTIALS" });
            }
            return new AccessKeyCredentials(c.accessKey, c.secretKey, c.securityToken, c.where);
        }
        if (c.authToken) return new TokenCredentials(c.authToken, c.where);
        if (c.password && (c.password.userName || c.password.password)) {
            const { userName, password, domainName } = c.password;
            if (!userName || !password || !domainName) {
                throw new ConfigurationError(`Incomplete IAM user credentials in ${c.where}: user name, password and domain name are all needed.`, { code: "CLIENT.CREDENTIALS" });
            }
            return new PasswordCredentials(userName, password, domainName, c.where);
        }
    }
    return undefined;
}

/**
 * Resolves credentials, endpoints and the account ID for a BSS client. Throws ConfigurationError
 * (listing every place it looked) when no credentials are found. Already-resolved options pass through.
 */
export function resolveClientOptions(input: ResolveInput = {}): ResolvedClientOptions {
    if (isResolvedClientOptions(input.options)) return input.options;
    const options: ClientOptions = input.options ?? {};
    const config: ConfigLookup = input.config ?? (() => undefined);
    const env = input.env ?? {};
    const cfg = (key: keyof typeof CONFIG_KEYS) => nonEmpty(config(CONFIG_KEYS[key]));
    const e = (name: string) => nonEmpty(env[name]);

    const filePath = e("HUAWEICLOUD_SDK_CREDENTIALS_FILE") ?? path.join(input.homeDir ?? os.homedir(), ".huaweicloud", "credentials");
    // Read only when an earlier source did not settle the value.
    let fileCache: FileCredentials | undefined;
    const readFile = () => (fileCache ??= readCredentialsFile(filePath));
    const file = { path: filePath, get exists() { return readFile().exists; } };
    const f = (key: string) => nonEmpty(readFile().values[key]);

    const credentials = pickCredentials([
        {
            where: "the client options",
            accessKey: nonEmpty(options.accessKey),
            secretKey: nonEmpty(options.secretKey),
            securityToken: nonEmpty(options.securityToken),
            authToken: nonEmpty(options.authToken),
            password: options.password,
        },
        { where: `stack config ${CONFIG_KEYS.accessKey}/${CONFIG_KEYS.secretKey}`, accessKey: cfg("accessKey"), secretKey: cfg("secretKey"), securityToken: cfg("securityToken") },
        { where: "environment HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK", accessKey: e("HUAWEICLOUD_SDK_AK"), secretKey: e("HUAWEICLOUD_SDK_SK"), securityToken: e("HUAWEICLOUD_SDK_SECURITY_TOKEN") },
        { where: "environment HW_ACCESS_KEY/HW_SECRET_KEY", accessKey: e("HW_ACCESS_KEY"), secretKey: e("HW_SECRET_KEY"), securityToken: e("HW_SECURITY_TOKEN") },
        { where: "environment HW_AUTH_TOKEN", authToken: e("HW_AUTH_TOKEN") },
        { where: "environment HW_USER_NAME/HW_USER_PASSWORD/HW_DOMAIN_NAME", password: { userName: e("HW_USER_NAME"), password: e("HW_USER_PASSWORD"), domainName: e("HW_DOMAIN_NAME") } },
        () => ({ where: `credentials file ${file.path} [global] ak/sk`, accessKey: f("ak"), secretKey: f("sk"), securityToken: f("security_token") }),
    ]);
    if (!credentials) {
        throw new ConfigurationError(
            [
                "No Huawei Cloud credentials found for the BSS client. Looked in, in order:",
                "  1. client options accessKey/secretKey (or authToken, or password): not set",
                `  2. stack config ${CONFIG_KEYS.accessKey} and ${CONFIG_KEYS.secretKey}: ${input.config ? "not set" : "not provided by the caller"}`,
                "  3. environment HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (+ HUAWEICLOUD_SDK_SECURITY_TOKEN): not set",
                "  4. environment HW_ACCESS_KEY and HW_SECRET_KEY (+ HW_SECURITY_TOKEN), HW_AUTH_TOKEN, or HW_USER_NAME/HW_USER_PASSWORD/HW_DOMAIN_NAME: not set",
                `  5. credentials file ${file.path} section [global] keys ak and sk: ${file.exists ? "no ak/sk in [global]" : "file not found"} (path override: HUAWEICLOUD_SDK_CREDENTIALS_FILE)`,
                `Set them, e.g. \`pulumi config set ${CONFIG_KEYS.accessKey} <AK>\` and \`pulumi config set --secret ${CONFIG_KEYS.secretKey} <SK>\`, or export HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK.`,
            ].join("\n"),
            { code: "CLIENT.CREDENTIALS" },
        );
    }

    const siteSetting = options.site ?? cfg("site") ?? e("HUAWEICLOUD_BSS_SITE");
    if (siteSetting !== undefined && !SITES.includes(siteSetting as Site)) {
        throw new ConfigurationError(`The site must be one of cn, intl or eu (${CONFIG_KEYS.site}), got "${siteSetting}".`, { code: "CLIENT.CONFIGURATION" });
    }
    const site: Site = (siteSetting as Site | undefined) ?? "cn";

    const explicitEndpoint: [string, string] | undefined = nonEmpty(options.endpoint)
        ? [options.endpoint!, "client option endpoint"]
        : cfg("endpoint")
          ? [cfg("endpoint")!, `stack config ${CONFIG_KEYS.endpoint}`]
          : e("HUAWEICLOUD_BSS_ENDPOINT")
            ? [e("HUAWEICLOUD_BSS_ENDPOINT")!, "environment HUAWEICLOUD_BSS_ENDPOINT"]
            : undefined;
    const endpoint = explicitEndpoint ? normaliseEndpoint(explicitEndpoint[0], explicitEndpoint[1]) : SITE_ENDPOINTS[site];

    const explicitIam: [string, string] | undefined = nonEmpty(options.iamEndpoint)
        ? [options.iamEndpoint!, "client option iamEndpoint"]
        : cfg("iamEndpoint")
          ? [cfg("iamEndpoint")!, `stack config ${CONFIG_KEYS.iamEndpoint}`]
          : e("HUAWEICLOUD_SDK_IAM_ENDPOINT")
            ? [e("HUAWEICLOUD_SDK_IAM_ENDPOINT")!, "environment HUAWEICLOUD_SDK_IAM_ENDPOINT"]
            : f("iam_endpoint")
              ? [f("iam_endpoint")!, `credentials file ${file.path} iam_endpoint`]
              : undefined;
    const withScheme = (v: string) => (/^[a-z]+:\/\//i.test(v) ? v : `https://${v}`);
    const iamEndpoint = explicitIam
        ? normaliseEndpoint(withScheme(explicitIam[0]), explicitIam[1])
        : explicitEndpoint
          ? new URL(endpoint).origin
          : SITE_IAM_ENDPOINTS[site];

    const domain: [string, string] | undefined = nonEmpty(options.domainId)
        ? [options.domainId!, "client option domainId"]
        : cfg("domainId")
          ? [cfg("domainId")!, `stack config ${CONFIG_KEYS.domainId}`]
          : e("HUAWEICLOUD_SDK_DOMAIN_ID")
            ? [e("HUAWEICLOUD_SDK_DOMAIN_ID")!, "environment HUAWEICLOUD_SDK_DOMAIN_ID"]
            : e("HW_DOMAIN_ID")
              ? [e("HW_DOMAIN_ID")!, "environment HW_DOMAIN_ID"]
              : f("domain_id")
                ? [f("domain_id")!, `credentials file ${file.path} domain_id`]
                : undefined;

    const { accessKey: _ak, secretKey: _sk, securityToken: _st, authToken: _at, password: _pw, ...rest } = options;
    void _ak, _sk, _st, _at, _pw;
    const resolved = {
        ...rest,
        [RESOLVED]: true as const,
        credentials,
        site,
        endpoint,
        iamEndpoint,
        domainId: domain?.[0],
        sources: {
            credentials: credentials.source,
            endpoint: explicitEndpoint ? explicitEndpoint[1] : `site ${site}`,
            iamEndpoint: explicitIam ? explicitIam[1] : explicitEndpoint ? "origin of the explicit endpoint" : `site ${site}`,
            domainId: domain ? domain[1] : "discovered through IAM when needed",
        },
    };
    Object.defineProperty(resolved, inspect.custom, {
        enumerable: false,
        value: () => `ResolvedClientOptions ${inspect({ ...resolved, credentials: credentials.toJSON() }, { depth: 4 })}`,
    });
    return Object.freeze(resolved);
}
