/**
 * How much of a stack's state its dynamic resources take, and how much of that the provider wrote.
 *
 * The engine and the SDK store a fixed part for every resource whatever the provider returns (URN,
 * parent, provider reference, timestamps, property dependencies, stack trace, and the serialized
 * provider twice, as `__provider` in inputs and outputs). The provider's part is every other input
 * and output property: that is the part a provider can make smaller.
 */
import { TOKEN_MODULE } from "../sdk/tokens";

interface StoredResource {
    readonly type: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
}

export interface StateSize {
    /** The whole state, in bytes of compact JSON, divided by the number of dynamic resources. */
    readonly bytesPerResource: number;
    /** Input and output properties other than `__provider`, per dynamic resource (bytes, with their names). */
    readonly providerBytesPerResource: number;
    readonly dynamicResources: number;
    /** Length of the serialized provider (`__provider`) of the first dynamic resource. */
    readonly serializedProviderBytes: number | undefined;
}

/** This package's resources (Subscriptions and the floor's Probes): the type tokens share it. */
const PACKAGE_TYPE_PREFIX = `pulumi-nodejs:dynamic/${TOKEN_MODULE}:`;

function propertyBytes(properties: Record<string, unknown> | undefined): number {
    if (!properties) return 0;
    let bytes = 0;
    for (const [name, value] of Object.entries(properties)) {
        if (name === "__provider" || value === undefined) continue;
        bytes += JSON.stringify(name).length + 1 + JSON.stringify(value).length;
    }
    return bytes;
}

export function stateSize(exported: { deployment: { resources?: readonly StoredResource[] } }): StateSize {
    const dynamic = (exported.deployment.resources ?? []).filter((r) => r.type.startsWith(PACKAGE_TYPE_PREFIX));
    const count = Math.max(1, dynamic.length);
    const providerBytes = dynamic.reduce((total, r) => total + propertyBytes(r.inputs) + propertyBytes(r.outputs), 0);
    return {
        bytesPerResource: Math.round(JSON.stringify(exported).length / count),
        providerBytesPerResource: Math.round(providerBytes / count),
        dynamicResources: dynamic.length,
        serializedProviderBytes: typeof dynamic[0]?.inputs?.__provider === "string" ? dynamic[0].inputs.__provider.length : undefined,
    };
}
