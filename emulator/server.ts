/**
 * The HTTP front: node:http only. For a BSS call, in this order: lazy expiry processing up to the
 * virtual now, routing (404 APIGW.0101), authentication (401 APIGW.0301), site (404), account site
 * (403 CBC.0156) and master-only (403 CBC.0151) checks, rate limiting (429 CBC.0250), fault injection, JSON parsing and validation
 * against the spec (400 CBC.0100), the handler, the response, the request log. IAM token/domain calls and
 * the unauthenticated admin endpoints under /__emulator/ are served by the same listener.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseRawQuery } from "../provider/bss/signer";
import { authenticate, iamError, issueToken, listAuthDomains } from "./auth";
import type { AccessKeyLockout } from "./auth";
import type { VirtualClock } from "./clock";
import type { LifecycleEngine } from "./domain/lifecycle";
import type { FaultInjector } from "./faults";
import type { RequestLog } from "./logs";
import type { HttpMethod, OperationRequest, OperationResult } from "./operation";
import { BssFailure, bssError, EncodedJson } from "./operation";
import type { RateLimiter } from "./ratelimit";
import type { Router } from "./registry";
import { specFor } from "./spec";
import { validateRequest } from "./spec/validate";
import type { World } from "./world";

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const JSON_TYPE = "application/json;charset=UTF-8";

/** Admin operations the /__emulator/ endpoints expose (implemented in emulator/index.ts). */
export interface EmulatorControl {
    nowIso(): string;
    advanceClock(duration: string): string;
    setClock(iso: string): string;
    setFaults(spec: unknown): void;
    clearFaults(): void;
    describeFaults(): unknown;
    /** The state; `sections` limits it to those WorldState keys. */
    snapshot(sections?: readonly string[]): unknown;
    calls(): unknown;
    resetCalls(): void;
    requestLog(): unknown;
    orderLog(): unknown;
    lifecycleLog(): unknown;
    changeResources(body: unknown): unknown;
    changeAccounts(body: unknown): unknown;
    changeBilling(body: unknown): unknown;
    setOrderStatus(orderId: string, status: number): void;
    save(file?: string): string;
}

export interface ServerDependencies {
    readonly world: World;
    readonly clock: VirtualClock;
    readonly engine: LifecycleEngine;
    readonly router: Router;
    readonly limiter: RateLimiter;
    readonly faults: FaultInjector;
    readonly log: RequestLog;
    readonly control: EmulatorControl;
    /** Present when the behaviour setting accessKeyLockout is on. */
    readonly lockout?: AccessKeyLockout;
}

class HttpProblem extends Error {
    constructor(
        readonly status: number,
        readonly body: unknown,
    ) {
        super(`HTTP ${status}`);
    }
}

let requestCounter = 0;
function nextRequestId(): string {
    requestCounter = (requestCounter + 1) >>> 0;
    return `${Date.now().toString(16).padStart(12, "0")}${process.pid.toString(16).padStart(6, "0")}${requestCounter.toString(16).padStart(14, "0")}`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
                reject(new HttpProblem(413, { error_code: "APIGW.0201", error_msg: "Request entity too large" }));
                req.destroy();
                return;
            }
            chunks.push(chunk);
        });
        req.on("end", () => resolve(Buffer.concat(chunks)));
        req.on("error", reject);
    });
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
    return headers;
}

function decodeQuery(rawQuery: string): Record<string, string | string[]> {
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of parseRawQuery(rawQuery)) {
        const existing = query[name];
        if (existing === undefined) query[name] = value;
        else if (Array.isArray(existing)) existing.push(value);
        else query[name] = [existing, value];
    }
    return query;
}

function decodePath(rawPath: string): string {
    try {
        return decodeURI(rawPath);
    } catch {
        return rawPath;
    }
}

export function createRequestListener(deps: ServerDependencies): (req: IncomingMessage, res: ServerResponse) => void {
    return (req, res) => {
        handleRequest(deps, req, res).catch((error: unknown) => {
            if (!res.headersSent && !res.destroyed) {
                const problem = error instanceof HttpProblem ? error : new HttpProblem(500, { error_code: "CBC.0999", error_msg: "Internal error of the emulator." });
                if (!(error instanceof HttpProblem)) process.stderr.write(`emulator: ${(error as Error)?.stack ?? String(error)}\n`);
                res.writeHead(problem.status, { "Content-Type": JSON_TYPE });
                res.end(JSON.stringify(problem.body));
            }
        });
    };
}

async function handleRequest(deps: ServerDependencies, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? "GET").toUpperCase();
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q < 0 ? "" : rawUrl.slice(q + 1);
    const body = await readBody(req);
    const headers = lowerCaseHeaders(req);

    if (rawPath === "/__emulator" || rawPath.startsWith("/__emulator/")) {
        handleAdmin(deps, method, rawPath, rawQuery, body, res);
        return;
    }

    const { world, clock, engine, log } = deps;
    engine.advanceTo(clock.nowIso());
    const now = clock.now();
    const nowIso = clock.nowIso();
    const requestId = nextRequestId();
    const baseHeaders: Record<string, string> = { "X-Request-Id": requestId, Date: now.toUTCString(), "X-Emulator-Now": nowIso };
    const path = decodePath(rawPath);

    let operation = "unknown";
    let accountId: string | undefined;
    let fault: string | undefined;
    const finish = (result: OperationResult | undefined): void => {
        let errorCode: string | undefined;
        if (result) {
            const resultBody = result.body as { error_code?: unknown } | undefined;
            if (result.status >= 400 && typeof resultBody?.error_code === "string") errorCode = resultBody.error_code;
            send(res, result, baseHeaders);
        }
        log.record({ time: nowIso, method, path, operation, accountId, status: result?.status ?? 0, errorCode, fault, durationMs: Math.round((performance.now() - started) * 1000) / 1000 });
    };
    const gatewayError = (status: number, code: string, message: string): OperationResult => ({ status, body: { error_code: code, error_msg: message, request_id: requestId } });

    // IAM on the same server (auth.md §4, §5).
    if (path === "/v3/auth/tokens" && method === "POST") {
        operation = "IAM.KeystoneCreateUserTokenByPassword";
        let parsed: unknown;
        try {
            parsed = body.length ? JSON.parse(body.toString("utf8")) : undefined;
        } catch {
            finish(iamError(400, "The request body is not valid JSON."));
            return;
        }
        const issued = issueToken(world, parsed, now);
        finish({ status: issued.status, body: issued.body, headers: issued.token ? { "X-Subject-Token": issued.token } : undefined });
        return;
    }
    const received = { method, rawPath, rawQuery, headers, body };
    if (path === "/v3/auth/domains" && method === "GET") {
        operation = "IAM.KeystoneListAuthDomains";
        const auth = authenticate(received, world, now, deps.lockout);
        if (!auth.ok) {
            finish(gatewayError(auth.status, auth.errorCode, auth.message));
            return;
        }
        accountId = auth.account.id;
        finish({ status: 200, body: listAuthDomains(auth.account) });
        return;
    }

    const match = deps.router.match(method, path);
    if (!match) {
        finish(gatewayError(404, "APIGW.0101", "The API does not exist or has not been published in the environment"));
        return;
    }
    const def = match.def;
    operation = def.name;

    const auth = authenticate(received, world, now, deps.lockout);
    if (!auth.ok) {
        finish(gatewayError(auth.status, auth.errorCode, auth.message));
        return;
    }
    const account = auth.account;
    accountId = account.id;

    if (def.sites && !def.sites.includes(world.site)) {
        finish(gatewayError(404, "APIGW.0101", "The API does not exist or has not been published in the environment"));
        return;
    }
    // An account registered on another site is refused by every BSS API of this one (auth.md §6).
    if (account.site !== world.site) {
        finish(bssError(403, "CBC.0156", "The customer does not belong to the website."));
        return;
    }
    const spec = specFor(def.name);
    if ((def.masterOnly ?? spec?.masterOnly) && !account.isEnterpriseMaster) {
        finish(bssError(403, "CBC.0151", "Access denied. Only an enterprise master account can call this API."));
        return;
    }
    if (!deps.limiter.tryTake(def.name, account.masterAccountId ?? account.id)) {
        finish(throttledAnswer(deps, def.name, requestId, false));
        return;
    }

    const decision = deps.faults.decide(def.name);
    if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    if (decision.kind === "error500") {
        fault = "error500";
        finish(bssError(500, "CBC.0999", "Internal error (injected)."));
        return;
    }
    if (decision.kind === "error503") {
        fault = "error503";
        finish(bssError(503, "CBC.0999", "Service temporarily unavailable (injected)."));
        return;
    }
    if (decision.kind === "throttle") {
        fault = "throttle";
        finish(throttledAnswer(deps, def.name, requestId, true));
        return;
    }

    let parsedBody: unknown;
    if (body.length > 0 && (spec?.body !== undefined || spec === undefined)) {
        try {
            parsedBody = JSON.parse(body.toString("utf8"));
        } catch {
            finish(bssError(400, "CBC.0100", "The request body is not valid JSON."));
            return;
        }
    }
    const query = decodeQuery(rawQuery);
    let params: Record<string, unknown> = {};
    if (spec) {
        const outcome = validateRequest(spec, { pathParams: match.pathParams, query, headers, body: parsedBody });
        if (!outcome.ok) {
            finish(bssError(400, "CBC.0100", `Invalid parameter ${outcome.field}: ${outcome.message}.`));
            return;
        }
        params = outcome.params;
    }

    // Time may have passed during injected latency.
    engine.advanceTo(clock.nowIso());
    const handlerNow = clock.now();
    const request: OperationRequest = {
        operation: def.name,
        method: method as HttpMethod,
        path: rawPath,
        pathParams: match.pathParams,
        query,
        params,
        body: parsedBody,
        headers,
        account,
        caller: auth.caller,
        site: world.site,
        now: handlerNow,
        nowIso: clock.nowIso(),
    };
    let result: OperationResult;
    try {
        result = def.handle(request, world);
    } catch (error) {
        if (error instanceof BssFailure) result = error.toResult();
        else {
            process.stderr.write(`emulator: ${def.name} failed: ${(error as Error)?.stack ?? String(error)}\n`);
            result = bssError(500, "CBC.0999", "Internal error of the emulator.");
        }
    }
    if (decision.kind === "commitThenDrop") {
        fault = "commitThenDrop";
        finish(undefined);
        req.socket.destroy();
        return;
    }
    finish(result);
}

/** 429 in the shape the behaviour setting picks: the CBC back end's or the API gateway's (auth.md §8). */
function throttledAnswer(deps: ServerDependencies, operation: string, requestId: string, injected: boolean): OperationResult {
    if (deps.world.behaviour.throttleResponse === "gateway") {
        const limit = deps.limiter.rateFor(operation) || 10;
        return {
            status: 429,
            body: { error_code: "APIGW.0308", error_msg: `The throttling threshold has been reached: policy user over ratelimit,limit:${limit},time:1 second${injected ? " (injected)" : ""}`, request_id: requestId },
        };
    }
    return bssError(429, "CBC.0250", injected ? "Access frequency overlimit (injected)." : "Access frequency overlimit. Try again later.");
}

function send(res: ServerResponse, result: OperationResult, baseHeaders: Record<string, string>): void {
    const headers: Record<string, string> = { ...baseHeaders, ...result.headers };
    if (result.status === 204 || result.body === undefined) {
        res.writeHead(result.status, headers);
        res.end();
        return;
    }
    const payload = result.body instanceof EncodedJson ? result.body.bytes : Buffer.from(JSON.stringify(result.body), "utf8");
    headers["Content-Type"] = JSON_TYPE;
    headers["Content-Length"] = String(payload.length);
    res.writeHead(result.status, headers);
    res.end(payload);
}

function sendJson(res: ServerResponse, status: number, body?: unknown): void {
    if (body === undefined) {
        res.writeHead(status);
        res.end();
        return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { "Content-Type": JSON_TYPE, "Content-Length": String(Buffer.byteLength(text)) });
    res.end(text);
}

function handleAdmin(deps: ServerDependencies, method: string, rawPath: string, rawQuery: string, body: Buffer, res: ServerResponse): void {
    const { control } = deps;
    const route = `${method} ${rawPath.replace(/\/+$/, "")}`;
    let input: unknown;
    try {
        input = body.length ? JSON.parse(body.toString("utf8")) : undefined;
    } catch {
        sendJson(res, 400, { error: "body is not valid JSON" });
        return;
    }
    const field = (name: string): unknown => (input !== null && typeof input === "object" ? (input as Record<string, unknown>)[name] : undefined);
    try {
        deps.engine.advanceTo(deps.clock.nowIso());
        switch (route) {
            case "GET /__emulator/health":
                return sendJson(res, 200, { ok: true, now: control.nowIso() });
            case "GET /__emulator/process": {
                // The emulator process's own cost, for throughput benchmarks (CPU time per request).
                const cpu = process.cpuUsage();
                const memory = process.memoryUsage();
                return sendJson(res, 200, { pid: process.pid, cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed });
            }
            case "GET /__emulator/clock":
                return sendJson(res, 200, { now: control.nowIso() });
            case "POST /__emulator/clock": {
                const advance = field("advance");
                const set = field("set");
                if (typeof advance === "string") return sendJson(res, 200, { now: control.advanceClock(advance) });
                if (typeof set === "string") return sendJson(res, 200, { now: control.setClock(set) });
                return sendJson(res, 400, { error: 'body must be {"advance":"<ISO-8601 duration>"} or {"set":"<ISO-8601 time>"}' });
            }
            case "GET /__emulator/faults":
                return sendJson(res, 200, control.describeFaults());
            case "POST /__emulator/faults":
                control.setFaults(input);
                return sendJson(res, 204);
            case "DELETE /__emulator/faults":
                control.clearFaults();
                return sendJson(res, 204);
            case "GET /__emulator/state": {
                const sections = decodeQuery(rawQuery).sections;
                return sendJson(res, 200, control.snapshot(typeof sections === "string" ? sections.split(",").filter(Boolean) : undefined));
            }
            case "GET /__emulator/calls":
                return sendJson(res, 200, control.calls());
            case "POST /__emulator/reset-calls":
                control.resetCalls();
                return sendJson(res, 204);
            case "GET /__emulator/requests":
                return sendJson(res, 200, control.requestLog());
            case "GET /__emulator/orders":
                return sendJson(res, 200, control.orderLog());
            case "GET /__emulator/lifecycle":
                return sendJson(res, 200, control.lifecycleLog());
            case "POST /__emulator/resources":
                return sendJson(res, 200, control.changeResources(input));
            case "POST /__emulator/accounts":
                return sendJson(res, 200, control.changeAccounts(input));
            case "POST /__emulator/billing":
                return sendJson(res, 200, control.changeBilling(input));
            case "POST /__emulator/orders": {
                const orderId = field("orderId");
                const status = field("status");
                if (typeof orderId !== "string" || typeof status !== "number") return sendJson(res, 400, { error: 'body must be {"orderId":"...","status":<n>}' });
                control.setOrderStatus(orderId, status);
                return sendJson(res, 204);
            }
            case "POST /__emulator/save": {
                const file = field("file");
                return sendJson(res, 200, { file: control.save(typeof file === "string" ? file : undefined) });
            }
            default:
                return sendJson(res, 404, { error: `no admin endpoint ${route}` });
        }
    } catch (error) {
        const issues = (error as { issues?: unknown }).issues;
        sendJson(res, 400, { error: (error as Error).message, ...(issues ? { issues } : {}) });
    }
}
