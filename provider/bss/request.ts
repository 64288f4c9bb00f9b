/**
 * Turns a validated flat request into the HTTP request of its operation: the operation definition
 * says which wire names go to the path, the query, the headers and the JSON body.
 */
import type { OperationDefinition } from "./operations";
import { encodeRfc3986, QueryPair } from "./signer";

export interface PreparedRequest {
    readonly method: string;
    /** Full path (endpoint path prefix + operation path), without query. */
    readonly path: string;
    /** Endpoint origin + path. */
    readonly url: string;
    /** Query pairs; sent as the canonical query string that is signed. */
    readonly query: QueryPair[];
    readonly headers: Record<string, string>;
    /** Exact body bytes to send and hash; undefined = no body. */
    readonly body?: string;
}

export interface WireContext {
    readonly endpoint: URL;
    /** Sent as X-Domain-Id when known. */
    readonly domainId?: string;
}

export function buildWireRequest(def: OperationDefinition, request: Readonly<Record<string, unknown>>, context: WireContext): PreparedRequest {
    let path = def.path;
    for (const name of def.pathParams) {
        const value = request[name];
        if (value === undefined) throw new TypeError(`${def.name}: path parameter ${name} has no value`);
        path = path.replace(`{${name}}`, encodeRfc3986(String(value)));
    }
    const query: QueryPair[] = [];
    for (const name of def.queryParams) {
        const value = request[name];
        if (value === undefined) continue;
        for (const item of Array.isArray(value) ? value : [value]) query.push([name, String(item)]);
    }
    // The official SDKs send the JSON content type on every call, with or without a body.
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    for (const name of def.headerParams) if (request[name] !== undefined) headers[name] = String(request[name]);
    if (context.domainId) headers["X-Domain-Id"] = context.domainId;
    let body: string | undefined;
    if (def.body !== "none") {
        const fields: Record<string, unknown> = {};
        for (const name of def.bodyParams) if (request[name] !== undefined) fields[name] = request[name];
        if (def.body === "required" || Object.keys(fields).length > 0) body = JSON.stringify(fields);
    }
    const fullPath = context.endpoint.pathname.replace(/\/+$/, "") + path;
    return { method: def.method, path: fullPath, url: `${context.endpoint.origin}${fullPath}`, query, headers, body };
}
