/**
 * What `dynamic.Resource` stores as `__provider` for this package's resource kinds: serialized the
 * way the SDK does it (a closure returning the provider), from the installed package.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { providerFor } from "../../sdk/dynamic";

const KINDS = ["subscription", "enterprise-project-management", "auto-renew-config"];

async function providerText(kind: string): Promise<string> {
    const provider = providerFor(kind);
    const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    return serialized.text;
}

describe("__provider of the resource kinds", function () {
    this.timeout(30_000);

    it("is under 1 KB and only requires the package subpath", async () => {
        for (const kind of KINDS) {
            const text = await providerText(kind);
            assert.ok(text.length < 1024, `${kind}: ${text.length} bytes`);
            assert.match(text, new RegExp(`require\\("pulumi-huaweicloud-bss/provider/${kind}"\\)`));
            assert.doesNotMatch(text, /async|check|listPayPerUseCustomerResources|zod/, `${kind}: implementation code was serialized`);
        }
    });

    it("does not depend on the implementation: the kinds' texts differ only in the subpath", async () => {
        const texts = await Promise.all(KINDS.map(async (kind) => (await providerText(kind)).replace(kind, "<kind>")));
        assert.equal(new Set(texts).size, 1, texts.join("\n---\n"));
    });
});
