/**
 * All operation definitions the server routes: group A from emulator/operations/, group B from
 * emulator/billing/ (owned by the billing helper). Route matching is a map lookup for static paths
 * and a short template scan for paths with {param}s.
 */
import { billingOperations } from "./billing";
import type { HttpMethod, OperationDef } from "./operation";
import { subscriptionOperations } from "./operations";

export function allOperations(): OperationDef[] {
    const defs = [...subscriptionOperations, ...billingOperations];
    const seen = new Set<string>();
    for (const def of defs) {
        const key = `${def.method} ${def.path}`;
        if (seen.has(key)) throw new Error(`two operations for ${key}`);
        seen.add(key);
    }
    return defs;
}

interface TemplateRoute {
    readonly def: OperationDef;
    readonly segments: readonly string[];
}

export interface RouteMatch {
    readonly def: OperationDef;
    readonly pathParams: Record<string, string>;
}

export class Router {
    private readonly staticRoutes = new Map<string, OperationDef>();
    private readonly templateRoutes: TemplateRoute[] = [];

    constructor(defs: readonly OperationDef[]) {
        for (const def of defs) {
            if (def.path.includes("{")) this.templateRoutes.push({ def, segments: def.path.split("/") });
            else this.staticRoutes.set(`${def.method} ${def.path}`, def);
        }
    }

    /** Finds the operation for a method and a decoded path (a trailing "/" is tolerated). */
    match(method: string, path: string): RouteMatch | undefined {
        const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
        const exact = this.staticRoutes.get(`${method} ${trimmed}`);
        if (exact) return { def: exact, pathParams: {} };
        const segments = trimmed.split("/");
        for (const route of this.templateRoutes) {
            if (route.def.method !== method || route.segments.length !== segments.length) continue;
            const params: Record<string, string> = {};
            let matched = true;
            for (let i = 0; i < segments.length; i++) {
                const templ = route.segments[i];
                if (templ.startsWith("{") && templ.endsWith("}")) {
                    if (segments[i] === "") {
                        matched = false;
                        break;
                    }
                    params[templ.slice(1, -1)] = decodeSegment(segments[i]);
                } else if (templ !== segments[i]) {
                    matched = false;
                    break;
                }
            }
            if (matched) return { def: route.def, pathParams: params };
        }
        return undefined;
    }

    /** Whether any operation lives at the path with another method. */
    hasPath(path: string, methods: readonly HttpMethod[] = ["GET", "POST", "PUT", "DELETE"]): boolean {
        return methods.some((m) => this.match(m, path) !== undefined);
    }
}

function decodeSegment(segment: string): string {
    try {
        return decodeURIComponent(segment);
    } catch {
        return segment;
    }
}
