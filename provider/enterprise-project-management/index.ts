/**
 * EnterpriseProjectManagement: turns on enterprise project management for the account
 * (CreateEnterpriseProjectAuth). BSS has no call to turn it off or to read it, so delete only
 * forgets the resource (with a warning) and read keeps the state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { configureFromStack, getClient } from "../shared/client";
import { bssErrorCode, describeError } from "../shared/errors";
import { logWarning } from "../shared/log";

/** One per account: the id names the setting, not a BSS object. */
export const ENTERPRISE_PROJECT_MANAGEMENT_ID = "enterprise-project-management";

export async function configure(request: { config: { get(key: string): string | undefined } }): Promise<void> {
    configureFromStack(request);
}

export async function check(_olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    const failures = Object.keys(news)
        .filter((key) => key !== "__provider")
        .map((key) => ({ property: key, reason: `${key} is not an input of EnterpriseProjectManagement (it takes none)` }));
    return failures.length > 0 ? { inputs: news, failures } : { inputs: {} };
}

export async function diff(): Promise<pulumi.dynamic.DiffResult> {
    return { changes: false };
}

const PRECONDITIONS: Record<string, string> = {
    NOT_OPEN_PROJECT_GROUP: "project-group management is already enabled for the account",
    NOT_OPEN_MULTI_PROJECT: "the multi-project function is already enabled for the account",
    SELF_OPEN_ONLY_FOR_ENT_AND_INTR_CUST: "only real-name-verified (or enterprise) accounts may enable it",
};

export async function create(): Promise<pulumi.dynamic.CreateResult> {
    try {
        await getClient().createEnterpriseProjectAuth({});
    } catch (error) {
        const details = (error as { details?: { fail_check_items?: unknown } }).details;
        const items = Array.isArray(details?.fail_check_items) ? (details!.fail_check_items as string[]) : [];
        if (bssErrorCode(error) === "CBC.99007004" && items.length > 0) {
            throw new Error(`Enterprise project management cannot be enabled: ${items.map((item) => PRECONDITIONS[item] ?? item).join("; ")}.`);
        }
        throw new Error(`Enabling enterprise project management failed: ${describeError(error)}`);
    }
    return { id: ENTERPRISE_PROJECT_MANAGEMENT_ID, outs: { enabled: true } };
}

export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    return { id, props: { enabled: props.enabled ?? true }, inputs: {} };
}

export async function update(_id: string, olds: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: { enabled: olds.enabled ?? true } };
}

async function remove(): Promise<void> {
    logWarning(
        "EnterpriseProjectManagement: BSS cannot disable enterprise project management, so it stays enabled for the account; the resource is only removed from the stack.",
    );
}

export { remove as delete };
