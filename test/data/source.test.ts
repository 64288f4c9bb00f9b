import * as assert from "node:assert/strict";
import { inspect } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { createBssClient, resolveClientOptions } from "../../provider/bss";
import { getRenewalPrice, getRenewalPriceOutput } from "../../sdk/data/prices";
import { BssDataClient, clearDataClientCache, DataSourceArgumentError, resolveDataClient } from "../../sdk/data/source";
import { fakeClient } from "./fake-client";

const ENV_KEYS = ["HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_CREDENTIALS_FILE", "HW_ACCESS_KEY", "HW_SECRET_KEY", "HUAWEICLOUD_BSS_ENDPOINT", "HUAWEICLOUD_BSS_SITE"];

describe("data: client resolution and the Output form", () => {
    const saved: Record<string, string | undefined> = {};
    beforeEach(() => {
        for (const key of ENV_KEYS) {
            saved[key] = process.env[key];
            delete process.env[key];
        }
        process.env.HUAWEICLOUD_SDK_CREDENTIALS_FILE = "/nonexistent/huaweicloud-credentials";
        clearDataClientCache();
    });
    afterEach(() => {
        for (const key of ENV_KEYS) {
            if (saved[key] === undefined) delete process.env[key];
            else process.env[key] = saved[key];
        }
        clearDataClientCache();
    });

    it("the package's client is a data-source client (compile-time) and opts.client is used as given", () => {
        const real: BssDataClient = createBssClient(resolveClientOptions({ options: { accessKey: "AK", secretKey: "SK", endpoint: "http://127.0.0.1:9" } }));
        assert.equal(resolveDataClient({ client: real }), real);
    });

    it("keeps one client per resolved configuration", () => {
        const a1 = resolveDataClient({ accessKey: "AK1", secretKey: "SECRET-ONE", endpoint: "http://127.0.0.1:9" });
        const a2 = resolveDataClient({ accessKey: "AK1", secretKey: "SECRET-ONE", endpoint: "http://127.0.0.1:9" });
        const b = resolveDataClient({ accessKey: "AK1", secretKey: "SECRET-TWO", endpoint: "http://127.0.0.1:9" });
        const c = resolveDataClient({ accessKey: "AK1", secretKey: "SECRET-ONE", endpoint: "http://127.0.0.1:10" });
        assert.equal(a1, a2);
        assert.notEqual(a1, b);
        assert.notEqual(a1, c);
    });

    it("explicit options win over the environment, which is used when nothing is explicit", () => {
        process.env.HUAWEICLOUD_SDK_AK = "ENVAK000";
        process.env.HUAWEICLOUD_SDK_SK = "ENV-SECRET-0000";
        process.env.HUAWEICLOUD_BSS_ENDPOINT = "http://127.0.0.1:7";
        const fromEnv = resolveDataClient() as unknown as { options: { endpoint: string; sources: { credentials: string } } };
        assert.equal(fromEnv.options.endpoint, "http://127.0.0.1:7");
        assert.match(fromEnv.options.sources.credentials, /environment/);
        const explicit = resolveDataClient({ accessKey: "OPTAK000", secretKey: "OPT-SECRET-000", endpoint: "http://127.0.0.1:8" }) as unknown as {
            options: { endpoint: string; sources: { credentials: string } };
        };
        assert.equal(explicit.options.endpoint, "http://127.0.0.1:8");
        assert.match(explicit.options.sources.credentials, /client options/);
    });

    it("never shows the secret key: not in the client's printed form, not in the missing-credentials error", () => {
        const client = resolveDataClient({ accessKey: "AKVISIBLE0001", secretKey: "TOP-SECRET-VALUE-123", endpoint: "http://127.0.0.1:9" });
        assert.doesNotMatch(inspect(client, { depth: 10 }), /TOP-SECRET-VALUE-123/);
        assert.doesNotMatch(JSON.stringify(client), /TOP-SECRET-VALUE-123/);
        assert.throws(() => resolveDataClient({ accessKey: "AKONLY", endpoint: "http://127.0.0.1:9" }), /secret key is missing/);
    });

    it("the Output form waits for its inputs, calls once, and stays secret when an input is secret", async () => {
        const client = fakeClient({
            listRenewRateOnPeriod: (r) => ({
                currency: "CNY",
                renew_inquiry_results: (r.resource_ids as string[]).map((id) => ({ resource_id: id, amount: "5" })),
                official_website_rating_result: { official_website_amount: String(5 * (r.resource_ids as string[]).length) },
            }),
        });
        const ids = pulumi.output(new Promise<string[]>((resolve) => setTimeout(() => resolve(["r1", "r2"]), 5)));
        const price = getRenewalPriceOutput({ resourceIds: ids, periodType: "month", periods: 1 }, { client });
        const amount = await new Promise<string>((resolve) => price.amount.apply(resolve));
        assert.equal(amount, "10");
        assert.equal(client.calls.length, 1);
        const secretPrice = getRenewalPriceOutput({ resourceIds: pulumi.secret(["r1"]), periodType: "month", periods: 1 }, { client });
        assert.equal(await pulumi.isSecret(secretPrice), true);
        // The Promise form validates before resolving any client.
        await assert.rejects(getRenewalPrice({ resourceIds: [], periodType: "month", periods: 1 }, { client }), DataSourceArgumentError);
    });
});
