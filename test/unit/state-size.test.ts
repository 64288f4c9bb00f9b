import * as assert from "node:assert/strict";
import { stateSize } from "../../bench/state-size";

const SERIALIZED_PROVIDER = `exports.handler = __f0;\n${"x".repeat(270)}`;

function dynamicResource(name: string, outputs: Record<string, unknown>) {
    return {
        urn: `urn:pulumi:dev::bench::pulumi-nodejs:dynamic/huaweicloud-bss:Subscription::${name}`,
        custom: true,
        type: "pulumi-nodejs:dynamic/huaweicloud-bss:Subscription",
        inputs: { __provider: SERIALIZED_PROVIDER, resourceId: name },
        outputs: { __provider: SERIALIZED_PROVIDER, resourceId: name, ...outputs },
        stackTrace: [{ sourcePosition: "project:///index.js#11,5" }, {}, {}],
    };
}

function exported(resources: { type: string }[]) {
    return {
        version: 3,
        deployment: {
            resources: [
                { urn: "urn:pulumi:dev::bench::pulumi:pulumi:Stack::bench-dev", custom: false, type: "pulumi:pulumi:Stack" },
                { urn: "urn:pulumi:dev::bench::pulumi:providers:pulumi-nodejs::default", custom: true, type: "pulumi:providers:pulumi-nodejs" },
                ...resources,
            ],
        },
    };
}

describe("bench state size (what the README's state figures are)", () => {
    it("divides the whole state by the dynamic resources and counts only their non-__provider properties as the provider's", () => {
        const state = exported([dynamicResource("r1", { status: "active" }), dynamicResource("r2", { status: "active", orders: [{ id: "CS1" }] })]);
        const size = stateSize(state);
        assert.equal(size.dynamicResources, 2);
        assert.equal(size.bytesPerResource, Math.round(JSON.stringify(state).length / 2));
        // r1: "resourceId":"r1" twice (17 each) + "status":"active" (17); r2: the same + "orders":[{"id":"CS1"}] (23).
        assert.equal(size.providerBytesPerResource, Math.round((17 * 3 + 17 * 3 + 23) / 2));
        assert.equal(size.serializedProviderBytes, SERIALIZED_PROVIDER.length);
    });

    it("does not count __provider or the engine's own fields as the provider's, however large they are", () => {
        const small = stateSize(exported([dynamicResource("r1", {})]));
        const withLongTrace = dynamicResource("r1", {});
        withLongTrace.stackTrace = Array.from({ length: 50 }, () => ({ sourcePosition: "project:///node_modules/x.js#1,1" }));
        const large = stateSize(exported([withLongTrace]));
        assert.ok(large.bytesPerResource > small.bytesPerResource + 1000);
        assert.equal(large.providerBytesPerResource, small.providerBytesPerResource);
    });

    it("grows the provider's part by exactly what a new output adds", () => {
        const before = stateSize(exported([dynamicResource("r1", {})]));
        const after = stateSize(exported([dynamicResource("r1", { plannedRenewal: null })]));
        assert.equal(after.providerBytesPerResource - before.providerBytesPerResource, '"plannedRenewal":null'.length);
        assert.equal(after.bytesPerResource - before.bytesPerResource, ',"plannedRenewal":null'.length);
    });

    it("reports no serialized provider and no division by zero for a state without dynamic resources", () => {
        const size = stateSize(exported([]));
        assert.equal(size.dynamicResources, 0);
        assert.equal(size.providerBytesPerResource, 0);
        assert.equal(size.serializedProviderBytes, undefined);
    });
});
