/**
 * Test support: an emulator on loopback and a small signed HTTP caller built on the project's signer
 * and undici, able to send exactly what was signed or a tampered variant of it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { request } from "undici";
import * as yaml from "js-yaml";
import { signRequest, type QueryPair } from "../../provider/bss/signer";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

export const T0 = "2026-03-01T00:00:00Z";

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    return startEmulator({ port: 0, now: T0, freezeClock: true, rateLimit: 0, demo: false, ...options });
}

export interface HttpAnswer {
    readonly status: number;
    readonly headers: Record<string, string>;
    readonly text: string;
    /** Parsed JSON body, undefined when empty. */
    readonly body: any;
}

export interface CallOptions {
    readonly query?: readonly QueryPair[];
    readonly body?: unknown;
    /** Sent and signed as-is instead of JSON of `body`. */
    readonly rawBody?: string;
    readonly headers?: Record<string, string>;
    /** X-Sdk-Date source; default the emulator's now. */
    readonly date?: Date;
    /** Changes what is sent after signing (url, headers, body). */
    readonly tamper?: (sent: { url: string; headers: Record<string, string>; body?: string }) => void;
}

export interface Credentials {
    readonly accessKey: string;
    readonly secretKey: string;
    readonly securityToken?: string;
}

export async function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
    const response = await request(url, { method: method as "GET", headers, body });
    const text = await response.body.text();
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.headers)) if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : String(v);
    return { status: response.statusCode, headers: flat, text, body: text ? JSON.parse(text) : undefined };
}

/** Signs and sends a BSS request the way the project's client does. */
export class SignedCaller {
    constructor(
        private readonly emulator: RunningEmulator,
        private readonly credentials: Credentials = emulator.defaultCredential,
    ) {}

    async call(method: string, path: string, options: CallOptions = {}): Promise<HttpAnswer> {
        const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
        const headers: Record<string, string> = { "Content-Type": "application/json", ...options.headers };
        if (this.credentials.securityToken) headers["X-Security-Token"] = this.credentials.securityToken;
        const signed = signRequest({
            method,
            url: `${this.emulator.url}${path}`,
            query: options.query,
            headers,
            body,
            accessKey: this.credentials.accessKey,
            secretKey: this.credentials.secretKey,
            date: options.date ?? this.emulator.now(),
        });
        const sent = { url: signed.url, headers: { ...signed.headers }, body };
        options.tamper?.(sent);
        return send(sent.url, method, sent.headers, sent.body);
    }
}

/** Directory of the wire reference for contract checks. */
export function referenceDir(): string {
    const candidates = [process.env.BSS_API_DIR, path.resolve(__dirname, "../../../test/client/fixtures/bss-api"), "/work/shared/bss-api"].filter((d): d is string => !!d);
    const found = candidates.find((d) => fs.existsSync(path.join(d, "renew-resources.yaml")));
    if (!found) throw new Error(`no copy of the BSS reference found (tried ${candidates.join(", ")}); set BSS_API_DIR`);
    return found;
}

export function loadReference(file: string): any {
    return yaml.load(fs.readFileSync(path.join(referenceDir(), file), "utf8"));
}
