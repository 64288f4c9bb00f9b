/**
 * Shared by the example tests: the quickstart scenario served by an emulator in this process, and
 * example stacks driven through the real CLI with the emulator's credentials and clock.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { RunningEmulator, startEmulator } from "../../../emulator";
import { REPO_ROOT, openStack, StackConfig, uniqueStackName } from "../harness";

export const SCENARIO_FILE = path.join(REPO_ROOT, "examples/quickstart/scenario.json");

/** The scenario's account and its access key, as the examples' users would configure them. */
export function scenarioAccount(): { domainId: string; accessKey: string; secretKey: string } {
    const scenario = JSON.parse(fs.readFileSync(SCENARIO_FILE, "utf8"));
    const account = scenario.accounts[0];
    return { domainId: account.id, accessKey: account.credentials[0].accessKey, secretKey: account.credentials[0].secretKey };
}

/** Scenario resources by name (primary and attached), with their ids. */
export function scenarioIds(): Record<string, string> {
    const scenario = JSON.parse(fs.readFileSync(SCENARIO_FILE, "utf8"));
    const ids: Record<string, string> = {};
    for (const r of scenario.resources) {
        ids[r.name] = r.resourceId;
        for (const a of r.attached ?? []) ids[a.name] = a.resourceId;
    }
    return ids;
}

export function startScenarioEmulator(): Promise<RunningEmulator> {
    return startEmulator({ port: 0, scenario: SCENARIO_FILE });
}

/** Stack config pointing a program at `emulator` with the scenario's credentials. */
export function emulatorConfig(emulator: RunningEmulator): StackConfig {
    const account = scenarioAccount();
    return {
        "huaweicloud-bss:endpoint": { value: emulator.url },
        "huaweicloud-bss:accessKey": { value: account.accessKey },
        "huaweicloud-bss:secretKey": { value: account.secretKey, secret: true },
        "huaweicloud-bss:domainId": { value: account.domainId },
    };
}

/**
 * The environment that keeps the Node processes of a run (program, provider, policy pack) on the
 * emulator's virtual clock (examples/shared/virtual-clock.js): BSS refuses signatures dated more than
 * 15 minutes from its own clock.
 */
export function clockEnv(emulator: RunningEmulator): Record<string, string> {
    return {
        NODE_OPTIONS: `--require ${path.join(REPO_ROOT, "examples/shared/virtual-clock.js")}`,
        BSS_EMULATOR_CLOCK_OFFSET_MS: String(emulator.now().getTime() - Date.now()),
    };
}

/** A new stack of examples/<example> against `emulator`. */
export async function exampleStack(example: string, emulator: RunningEmulator, config: StackConfig = emulatorConfig(emulator), env: Record<string, string> = {}): Promise<Stack> {
    const stack = await openStack(path.join(REPO_ROOT, "examples", example), uniqueStackName(`example-${example}`), config);
    Object.assign(stack.workspace.envVars, clockEnv(emulator), env);
    return stack;
}

/** Operations that change something in the account (orders, payments, policies, settings). */
export const MUTATING_OPERATIONS = [
    "RenewalResources",
    "CancelResourcesSubscription",
    "AutoRenewalResources",
    "CancelAutoRenewalResources",
    "UpdatePeriodToOnDemand",
    "PayOrders",
    "CancelCustomerOrder",
    "SetResourcesRenewConfig",
    "CreateEnterpriseProjectAuth",
];

export function mutatingCalls(emulator: RunningEmulator): Record<string, number> {
    const counts = emulator.calls().byOperation;
    return Object.fromEntries(MUTATING_OPERATIONS.filter((op) => counts[op]).map((op) => [op, counts[op]]));
}

export function diagnostics(events: EngineEvent[]): string {
    return events
        .filter((e) => e.diagnosticEvent)
        .map((e) => e.diagnosticEvent!.message)
        .join("\n");
}
