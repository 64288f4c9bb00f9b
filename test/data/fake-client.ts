/**
 * A client object for the pure-logic tests of the data sources: each operation is answered by a
 * handler, and every request and response is checked against the BSS client's own schemas
 * (generated from the reference), so a data source that builds a wrong request fails here too.
 */
import { lookupOperation } from "../../provider/bss";
import { BssDataClient } from "../../sdk/data/source";

export type Handler = (request: Record<string, unknown>) => unknown;

export interface FakeClient extends BssDataClient {
    readonly calls: { operation: string; request: Record<string, unknown> }[];
}

export function fakeClient(handlers: Record<string, Handler>, site: "cn" | "intl" = "cn"): FakeClient {
    const calls: FakeClient["calls"] = [];
    const client: Record<string, unknown> = { calls, site };
    for (const [operation, handler] of Object.entries(handlers)) {
        const def = lookupOperation(operation);
        if (!def) throw new Error(`fakeClient: unknown operation ${operation}`);
        client[operation] = async (request: Record<string, unknown>) => {
            const checked = def.request.safeParse(request);
            if (!checked.success) throw new Error(`${operation}: request rejected by the client schema: ${JSON.stringify(checked.error.issues)}`);
            calls.push({ operation, request });
            const body = handler(request);
            if (def.response) {
                const parsed = def.response.safeParse(body);
                if (!parsed.success) throw new Error(`${operation}: canned response does not match the reference: ${JSON.stringify(parsed.error.issues)}`);
                return parsed.data;
            }
            return body;
        };
    }
    return client as unknown as FakeClient;
}
