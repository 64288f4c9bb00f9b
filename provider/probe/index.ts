import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

interface ProbeOutputs {
    value: string;
    updates: number;
}

export async function check(_olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    if (typeof news.value !== "string" && news.value !== undefined) {
        return { inputs: news, failures: [{ property: "value", reason: "value must be a string" }] };
    }
    return { inputs: news };
}

export async function diff(_id: string, olds: ProbeOutputs, news: { value: string }): Promise<pulumi.dynamic.DiffResult> {
    return { changes: olds.value !== news.value };
}

export async function create(inputs: { value: string }): Promise<pulumi.dynamic.CreateResult<ProbeOutputs>> {
    return { id: randomUUID(), outs: { value: inputs.value, updates: 0 } };
}

export async function read(id: string, props: ProbeOutputs): Promise<pulumi.dynamic.ReadResult<ProbeOutputs>> {
    return { id, props, inputs: { value: props.value } as ProbeOutputs };
}

export async function update(_id: string, olds: ProbeOutputs, news: { value: string }): Promise<pulumi.dynamic.UpdateResult<ProbeOutputs>> {
    return { outs: { value: news.value, updates: (olds.updates ?? 0) + 1 } };
}

export async function remove(): Promise<void> {}
export { remove as delete };
