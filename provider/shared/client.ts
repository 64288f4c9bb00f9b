/**
 * The BSS client the providers share within one provider process, built lazily from the stack
 * configuration (received by `configure`) and the environment. Every provider kind of this
 * package loads this one module, so all resources of a process share one client, one pacer and
 * one set of coalescing queues.
 */
import { createHash } from "node:crypto";
import { createBssClient, resolveClientOptions } from "../bss";
import type { BssOperations } from "./bss-operations";

/** Stack config keys of this package, in the namespace the engine passes them with. */
export const CONFIG_NAMESPACE = "huaweicloud-bss";

interface StackConfig {
    get(key: string): string | undefined;
}

/** The keys whose values decide which client is built. */
const CLIENT_KEYS = ["accessKey", "secretKey", "securityToken", "domainId", "site", "endpoint", "iamEndpoint"];

let stackConfig: StackConfig | undefined;
let configFingerprint: string | undefined;
let client: BssOperations | undefined;
let override: BssOperations | undefined;
const resetListeners: (() => void)[] = [];

/** `configure({ config })` of every provider kind: remembers the stack config; the client is built on first use. */
export function configureFromStack(request: { config: StackConfig }): void {
    stackConfig = request.config;
    // Each provider kind is configured once per process with the same stack config; only a
    // different configuration may drop the client and the caches built with it.
    const fingerprint = createHash("sha256")
        .update(JSON.stringify(CLIENT_KEYS.map((key) => stackConfigValue(key) ?? null)))
        .digest("hex");
    if (fingerprint === configFingerprint) return;
    configFingerprint = fingerprint;
    if (!override) {
        client = undefined;
        for (const listener of resetListeners) listener();
    }
}

function nonEmpty(value: string | undefined): string | undefined {
    return value === undefined || value === "" ? undefined : value;
}

/** The value of `huaweicloud-bss:<key>` in the stack config, if set. */
export function stackConfigValue(key: string): string | undefined {
    return nonEmpty(stackConfig?.get(`${CONFIG_NAMESPACE}:${key}`));
}

/** The process's client. Throws a configuration error (naming the missing keys, never values) if credentials are missing. */
export function getClient(): BssOperations {
    if (override) return override;
    if (!client) {
        const options = resolveClientOptions({ config: (key) => nonEmpty(stackConfig?.get(key)), env: process.env });
        client = createBssClient(options);
    }
    return client;
}

/**
 * The time the client signs requests with: the machine's clock, or the clock a client was built
 * with (an emulator's virtual clock in tests). Rules about "now" use it, so they agree with BSS.
 * Without a usable client (no credentials yet), the machine's clock.
 */
export function clientNow(): Date {
    let current: unknown;
    try {
        current = getClient();
    } catch {
        return new Date();
    }
    const now = (current as { readonly options?: { readonly now?: () => Date } }).options?.now;
    return now ? now() : new Date();
}

/** Replaces the client (tests: an emulator-backed or recording client); `undefined` restores the default. */
export function setClientForTesting(next: BssOperations | undefined): void {
    override = next;
    client = undefined;
    for (const listener of resetListeners) listener();
}

/** Registers per-process state (caches, queues) to drop whenever the client changes. */
export function onClientReset(listener: () => void): void {
    resetListeners.push(listener);
}
