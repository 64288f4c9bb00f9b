import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

const PACKAGE_NAME = "pulumi-huaweicloud-bss";

/**
 * The dynamic provider of one resource kind: the implementation module
 * `pulumi-huaweicloud-bss/provider/<kind>` itself.
 *
 * Pulumi stores the serialized provider as `__provider` in every resource's inputs and outputs.
 * A module loaded from under `node_modules` is serialized as a single
 * `require("pulumi-huaweicloud-bss/provider/<kind>")` (about 500 bytes, independent of the
 * implementation), so upgrades change no state and old stacks run the installed code. That is the
 * case for every installed copy of this package. Loaded from elsewhere (a source checkout), the
 * module would be copied by value, so a shim that requires the module at call time is used instead
 * (larger, but equally stable).
 */
export function providerFor(kind: string): pulumi.dynamic.ResourceProvider {
    const specifier = `${PACKAGE_NAME}/provider/${kind}`;
    let resolved: string | undefined;
    try {
        resolved = require.resolve(specifier);
    } catch {
        resolved = undefined;
    }
    if (resolved && resolved.split(path.sep).includes("node_modules")) {
        return require(specifier) as pulumi.dynamic.ResourceProvider;
    }
    return providerShim(specifier);
}

/** A provider whose methods load `specifier` in the provider process and delegate to it. */
export function providerShim(specifier: string): pulumi.dynamic.ResourceProvider {
    return {
        async configure(req) {
            const impl = require(specifier);
            if (impl.configure) await impl.configure(req);
        },
        async check(olds, news) {
            return require(specifier).check(olds, news);
        },
        async diff(id, olds, news) {
            return require(specifier).diff(id, olds, news);
        },
        async create(inputs) {
            return require(specifier).create(inputs);
        },
        async read(id, props) {
            return require(specifier).read(id, props);
        },
        async update(id, olds, news) {
            return require(specifier).update(id, olds, news);
        },
        async delete(id, props) {
            return require(specifier).delete(id, props);
        },
    };
}

/** Copies the program's args and seeds every output name with `undefined` (outputs are `declare`d). */
export function withOutputSlots<T extends object>(args: T, outputNames: readonly string[]): Record<string, unknown> {
    const props: Record<string, unknown> = { ...(args as Record<string, unknown>) };
    for (const name of outputNames) if (!(name in props)) props[name] = undefined;
    return props;
}
