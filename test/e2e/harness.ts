/**
 * Helpers for end-to-end tests that drive the project's real Pulumi CLI through the Automation API.
 * The CLI comes from PATH as set by scripts/env.sh (the built v3.259.0, or an ambient newer one);
 * if it cannot be found the test fails: it never skips.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { EngineEvent, LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";

export const REPO_ROOT = path.resolve(__dirname, "../../..");

let command: Promise<PulumiCommand> | undefined;

/** The project's Pulumi CLI. Throws (failing the test) when it is missing or its version is unstamped. */
export function pulumiCommand(): Promise<PulumiCommand> {
    if (!command) {
        let bin: string;
        try {
            bin = execFileSync("bash", ["-c", `source "${REPO_ROOT}/scripts/env.sh" && command -v pulumi`], { encoding: "utf8" }).trim();
        } catch {
            throw new Error("the Pulumi CLI is not installed: run `bash scripts/bootstrap.sh` (npm test does it)");
        }
        command = PulumiCommand.get({ root: path.dirname(path.dirname(bin)) });
    }
    return command;
}

/** The offline environment of scripts/env.sh, for the CLI and the programs it runs. */
export function offlineEnv(): Record<string, string> {
    const out = execFileSync("bash", ["-c", `source "${REPO_ROOT}/scripts/env.sh" && env -0`], { encoding: "utf8" });
    const env: Record<string, string> = {};
    for (const entry of out.split("\0")) {
        const at = entry.indexOf("=");
        if (at > 0 && /^(PATH|PULUMI_[A-Z_]+|NPM_CONFIG_NODEDIR)$/.test(entry.slice(0, at))) env[entry.slice(0, at)] = entry.slice(at + 1);
    }
    return env;
}

export interface StackConfig {
    readonly [key: string]: { value: string; secret?: boolean };
}

/**
 * Creates (or selects) `stackName` for the program in `programDir` with the given config.
 * `extraEnv` reaches the CLI and, through it, the program and the dynamic-provider process.
 */
export async function openStack(programDir: string, stackName: string, config: StackConfig = {}, extraEnv: Record<string, string> = {}): Promise<Stack> {
    const env = { ...offlineEnv(), ...extraEnv };
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName, workDir: programDir },
        { pulumiCommand: await pulumiCommand(), envVars: env, pulumiHome: env.PULUMI_HOME },
    );
    if (Object.keys(config).length > 0) await stack.setAllConfig({ ...config });
    return stack;
}

/** Destroys everything in the stack and removes it, ignoring a stack that is already gone. */
export async function removeStack(stack: Stack): Promise<void> {
    try {
        await stack.destroy();
    } finally {
        await stack.workspace.removeStack(stack.name).catch(() => undefined);
    }
}

/** Collects engine events for assertions. */
export function eventRecorder(): { events: EngineEvent[]; onEvent: (e: EngineEvent) => void } {
    const events: EngineEvent[] = [];
    return { events, onEvent: (e) => events.push(e) };
}

export function uniqueStackName(prefix: string): string {
    return `${prefix}-${process.pid}-${Date.now().toString(36)}`;
}
