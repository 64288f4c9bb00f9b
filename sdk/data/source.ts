/**
 * The plumbing every data source shares: how a BSS client is obtained, how arguments are validated,
 * and how the Promise form becomes the Output form.
 *
 * Data sources are plain functions that run in the Pulumi program's own process (dynamic providers
 * have no Invoke), in both preview and update. They are not recorded in state.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ClientOptions, createBssClient, ResolvedClientOptions, resolveClientOptions } from "../../provider/bss";
import type { Site } from "./money";

/** Package name of the stack configuration (`huaweicloud-bss:accessKey`, ...). */
export const CONFIG_NAMESPACE = "huaweicloud-bss";

/**
 * The client operations the data sources call. Each takes one flat object with the reference's wire
 * field names and resolves to the response body with wire names. The package's BSS client
 * (`pulumi-huaweicloud-bss/client`) has these and more; a test may pass any object that has the
 * methods it needs.
 */
export type BssOperation = (request: Record<string, unknown>) => Promise<unknown>;

/**
 * A BSS client as the data sources see it: any object with the operations they call (looked up by
 * name, see {@link call}).
 */
export interface BssDataClient {
    /** The site the client talks to (decides the default currency when a response omits it). */
    readonly site?: Site | string;
    /** The package's client exposes its resolved options, `site` among them. */
    readonly options?: { readonly site?: Site | string };
}

/** Credentials and endpoint for the BSS API; any field left out comes from stack config, then the environment. */
export interface ConnectionOptions {
    /** Access key id (`huaweicloud-bss:accessKey`, env `HUAWEICLOUD_SDK_AK`). */
    readonly accessKey?: string;
    /** Secret access key (`huaweicloud-bss:secretKey`, env `HUAWEICLOUD_SDK_SK`). Never logged. */
    readonly secretKey?: string;
    /** Security token of temporary credentials. Never logged. */
    readonly securityToken?: string;
    /** Account (domain) id, needed by the v1.0 APIs (`huaweicloud-bss:domainId`). */
    readonly domainId?: string;
    /** `cn` (bss.myhuaweicloud.com), `intl` (bss-intl) or `eu` (`huaweicloud-bss:site`). */
    readonly site?: Site;
    /** Full endpoint URL, overriding `site` (an emulator: `http://127.0.0.1:PORT`). */
    readonly endpoint?: string;
}

/** The last argument of every `getX`/`getXOutput`. */
export interface DataSourceOptions extends ConnectionOptions {
    /** An existing client (scripts, tests, provider code); the connection fields are then ignored. */
    readonly client?: BssDataClient;
}

/** Arguments of a data source failed validation (nothing was sent). */
export class DataSourceArgumentError extends Error {
    readonly code = "DATA_SOURCE_INVALID_ARGUMENT";
    constructor(
        readonly dataSource: string,
        readonly issues: readonly string[],
    ) {
        super(`${dataSource}: invalid arguments: ${issues.join("; ")}`);
        this.name = "DataSourceArgumentError";
    }
}

/** Validates `args` against `schema`; errors name the data source and every offending field. */
export function parseArgs<S extends z.ZodType>(dataSource: string, schema: S, args: unknown): z.output<S> {
    const result = schema.safeParse(args ?? {});
    if (result.success) return result.data;
    const issues = result.error.issues.map((issue) => {
        const where = issue.path.length > 0 ? issue.path.map(String).join(".") : "(arguments)";
        return `${where}: ${issue.message}`;
    });
    throw new DataSourceArgumentError(dataSource, issues);
}

// ---------------------------------------------------------------------------------------------------
// Client resolution

const clients = new Map<string, BssDataClient>();

/**
 * Pace of the resource-record APIs for clients the data sources build: their documented limit is
 * 30 requests/s (10/s for the rest); the client backs off from it when BSS throttles. Bill
 * aggregation reads hundreds of pages, so this is its speed limit.
 */
export const DATA_SOURCE_OPERATION_RATES = Object.freeze({ ListCustomerselfResourceRecordDetails: 30, ListCustomerselfResourceRecords: 30 });

/**
 * The client for `opts`: `opts.client` when given; otherwise one built from the explicit connection
 * fields, then the stack configuration `huaweicloud-bss:*` (only inside a Pulumi program), then the
 * environment and `~/.huaweicloud/credentials`. One client per distinct resolved configuration is
 * kept for the life of the process, so every data source of a program shares its connection pool and
 * rate pacing.
 */
export function resolveDataClient(opts?: DataSourceOptions): BssDataClient {
    if (opts?.client) return opts.client;
    const explicit: Record<string, unknown> = { operationRates: DATA_SOURCE_OPERATION_RATES };
    for (const key of ["accessKey", "secretKey", "securityToken", "domainId", "site", "endpoint"] as const) {
        if (opts?.[key] !== undefined) explicit[key] = opts[key];
    }
    const resolved = resolveClientOptions({ options: explicit as ClientOptions, config: stackConfigReader(), env: process.env });
    const key = fingerprint(resolved);
    let client = clients.get(key);
    if (!client) {
        client = createBssClient(resolved);
        clients.set(key, client);
    }
    return client;
}

/** Forgets the memoized clients (tests that change the environment between cases). */
export function clearDataClientCache(): void {
    clients.clear();
}

/**
 * Reads the stack configuration (full keys such as `huaweicloud-bss:accessKey`), or nothing outside
 * a Pulumi program.
 */
function stackConfigReader(): ((fullKey: string) => string | undefined) | undefined {
    let config: pulumi.Config;
    try {
        config = new pulumi.Config(CONFIG_NAMESPACE);
    } catch {
        return undefined;
    }
    const prefix = `${CONFIG_NAMESPACE}:`;
    return (fullKey: string) => {
        if (!fullKey.startsWith(prefix)) return undefined;
        try {
            // `get` returns secret values in plain text without marking anything; the client keeps
            // the secret key to itself and never logs it.
            return config.get(fullKey.slice(prefix.length));
        } catch {
            return undefined;
        }
    };
}

/**
 * A stable key for a resolved configuration. The secrets take part only through a hash, so the map
 * of clients never holds them in readable form (the clients themselves keep them private).
 */
function fingerprint(resolved: ResolvedClientOptions): string {
    const hash = createHash("sha256");
    hash.update(JSON.stringify([resolved.endpoint, resolved.site, resolved.domainId ?? null, resolved.iamEndpoint, resolved.credentials.kind]));
    for (const secret of resolved.credentials.secrets()) hash.update(`\0${secret}`);
    return hash.digest("hex");
}

/** The site of a client, if it says. */
export function siteOf(client: BssDataClient): Site | undefined {
    const site = client.site ?? (client as { options?: { site?: unknown } }).options?.site;
    return site === "cn" || site === "intl" || site === "eu" ? site : undefined;
}

/** Calls operation `name` of `client`, failing clearly when the client lacks it. */
export function call(client: BssDataClient, name: string, request: Record<string, unknown>): Promise<unknown> {
    const operation = (client as Record<string, unknown>)[name];
    if (typeof operation !== "function") {
        return Promise.reject(new TypeError(`the BSS client has no operation ${name}`));
    }
    return (operation as BssOperation).call(client, request);
}

// ---------------------------------------------------------------------------------------------------
// Promise and Output forms

/** Arguments of a `getXOutput` function: each field may be a plain value, a Promise or an Output. */
export type DataSourceInputs<T> = pulumi.Input<{ [K in keyof T]: pulumi.Input<T[K]> }>;

/** The core of a data source: plain logic over a client. */
export type DataSourceCore<A, R> = (client: BssDataClient, args: A) => Promise<R>;

/** Runs `core` with the client resolved from `opts`. */
export async function invoke<A, R>(core: DataSourceCore<A, R>, args: A, opts?: DataSourceOptions): Promise<R> {
    return core(resolveDataClient(opts), args);
}

/** The Output form of a Promise-form data source: waits for every input, then calls it once. */
export function invokeOutput<A, R>(
    get: (args: A, opts?: DataSourceOptions) => Promise<R>,
    args: DataSourceInputs<A>,
    opts?: DataSourceOptions,
): pulumi.Output<R> {
    return pulumi.output(args).apply((plain) => get(plain as unknown as A, opts)) as unknown as pulumi.Output<R>;
}
