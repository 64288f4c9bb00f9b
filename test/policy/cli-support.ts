/**
 * Helpers for driving the policy pack through the real Pulumi CLI (Automation API).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EngineEvent } from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "../e2e/harness";

/** The pack as it sits in the repository, and as users get it once the package is installed. */
export const PACK_DIR = path.join(REPO_ROOT, "policy");
export const INSTALLED_PACK_DIR = path.join(REPO_ROOT, "node_modules/pulumi-huaweicloud-bss/policy");
export const PROGRAMS_DIR = path.join(REPO_ROOT, "test/policy/programs");

export interface PolicyFinding {
    readonly policyName: string;
    /** "advisory" or "mandatory" (the Node typings spell advisory "warning"; the CLI sends "advisory"). */
    readonly level: string;
    readonly message: string;
    readonly resourceName?: string;
}

function normalizeLevel(level: string): string {
    return level === "warning" ? "advisory" : level;
}

/** The policy events of a run, by rule. */
export function policyFindings(events: readonly EngineEvent[]): PolicyFinding[] {
    return events
        .filter((e) => e.policyEvent)
        .map((e) => {
            const p = e.policyEvent!;
            const urn = p.resourceUrn;
            return {
                policyName: p.policyName,
                level: normalizeLevel(String(p.enforcementLevel)),
                message: p.message,
                ...(urn ? { resourceName: urn.slice(urn.lastIndexOf("::") + 2) } : {}),
            };
        });
}

/** "rule@level:resource" strings, sorted: what fired, at which level, on what. */
export function firedRules(events: readonly EngineEvent[]): string[] {
    return policyFindings(events)
        .map((f) => `${f.policyName}@${f.level}${f.resourceName ? `:${f.resourceName}` : ""}`)
        .sort();
}

/** Writes a policy config file (the CLI takes a path) and returns its absolute path. */
export function writePolicyConfig(dir: string, name: string, config: Record<string, unknown>): string {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    return file;
}

export function temporaryDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * What a user sees of a run: policy messages and diagnostics (debug ones excluded: the SDK's own
 * debug log echoes every registration; the typings omit "debug", the CLI sends it), for asserting
 * that no secret or `__provider` text leaked.
 */
export function visibleEventText(events: readonly EngineEvent[]): string {
    return events
        .map((e) => [e.policyEvent?.message, (e.diagnosticEvent?.severity as string | undefined) === "debug" ? undefined : e.diagnosticEvent?.message].filter(Boolean).join("\n"))
        .join("\n");
}
