/**
 * Credential and endpoint resolution: explicit options, stack config, environment (Huawei SDK then
 * Terraform names), then ~/.huaweicloud/credentials — with temporary HOME directories, never the
 * real one. Secrets never show up in serialised or printed options, clients or errors.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import {
    AccessKeyCredentials,
    ConfigurationError,
    createBssClient,
    PasswordCredentials,
    resolveClientOptions,
    TokenCredentials,
} from "../../provider/bss";

const AK = "AKCONFIGTEST00000001";
const SK = "config-test-secret-key-do-not-print";
const TOKEN = "security-token-do-not-print-0001";

function tempHome(credentials?: string): string {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "bss-client-home-"));
    if (credentials !== undefined) {
        fs.mkdirSync(path.join(home, ".huaweicloud"));
        fs.writeFileSync(path.join(home, ".huaweicloud", "credentials"), credentials);
    }
    return home;
}

function config(values: Record<string, string>) {
    return (key: string) => values[key];
}

function accessKeyOf(resolved: ReturnType<typeof resolveClientOptions>): string {
    assert.ok(resolved.credentials instanceof AccessKeyCredentials);
    return resolved.credentials.accessKey;
}

describe("resolveClientOptions", () => {
    const homes: string[] = [];
    const home = (credentials?: string) => {
        const h = tempHome(credentials);
        homes.push(h);
        return h;
    };
    after(() => {
        for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
    });

    it("takes explicit options first, then stack config, then HUAWEICLOUD_SDK_*, then HW_*, then the file", () => {
        const file = "[global]\nak = FILEAK0000000000001\nsk = file-sk\n";
        const env = { HUAWEICLOUD_SDK_AK: "SDKENVAK00000000001", HUAWEICLOUD_SDK_SK: "sdk-sk", HW_ACCESS_KEY: "HWENVAK000000000001", HW_SECRET_KEY: "hw-sk" };
        const cfg = config({ "huaweicloud-bss:accessKey": "CONFIGAK00000000001", "huaweicloud-bss:secretKey": "cfg-sk" });
        const h = home(file);
        assert.equal(accessKeyOf(resolveClientOptions({ options: { accessKey: "OPTIONSAK0000000001", secretKey: "o" }, config: cfg, env, homeDir: h })), "OPTIONSAK0000000001");
        assert.equal(accessKeyOf(resolveClientOptions({ config: cfg, env, homeDir: h })), "CONFIGAK00000000001");
        assert.equal(accessKeyOf(resolveClientOptions({ env, homeDir: h })), "SDKENVAK00000000001");
        assert.equal(accessKeyOf(resolveClientOptions({ env: { HW_ACCESS_KEY: env.HW_ACCESS_KEY, HW_SECRET_KEY: env.HW_SECRET_KEY }, homeDir: h })), "HWENVAK000000000001");
        const fromFile = resolveClientOptions({ env: {}, homeDir: h });
        assert.equal(accessKeyOf(fromFile), "FILEAK0000000000001");
        assert.match(fromFile.sources.credentials, /credentials file .*\.huaweicloud\/credentials/);
    });

    it("reads security_token and domain_id from the [global] section only, and honours HUAWEICLOUD_SDK_CREDENTIALS_FILE", () => {
        const h = home("[basic]\nak = BASICAK000000000001\nsk = basic\n\n[global]\nak = GLOBALAK00000000001\nsk = global-sk\nsecurity_token = file-token\ndomain_id = file-domain\n");
        const resolved = resolveClientOptions({ env: {}, homeDir: h });
        assert.equal(accessKeyOf(resolved), "GLOBALAK00000000001");
        assert.equal((resolved.credentials as AccessKeyCredentials).securityToken, "file-token");
        assert.equal(resolved.domainId, "file-domain");

        const other = path.join(home(), "elsewhere.ini");
        fs.writeFileSync(other, "[global]\nak=OVERRIDEAK000000001\nsk=x\n");
        assert.equal(accessKeyOf(resolveClientOptions({ env: { HUAWEICLOUD_SDK_CREDENTIALS_FILE: other }, homeDir: h })), "OVERRIDEAK000000001");
    });

    it("takes the security token with its key pair (temporary credentials)", () => {
        const resolved = resolveClientOptions({ env: { HW_ACCESS_KEY: AK, HW_SECRET_KEY: SK, HW_SECURITY_TOKEN: TOKEN }, homeDir: home() });
        assert.equal((resolved.credentials as AccessKeyCredentials).securityToken, TOKEN);
        const fromConfig = resolveClientOptions({ config: config({ "huaweicloud-bss:accessKey": AK, "huaweicloud-bss:secretKey": SK, "huaweicloud-bss:securityToken": TOKEN }), env: {}, homeDir: home() });
        assert.equal((fromConfig.credentials as AccessKeyCredentials).securityToken, TOKEN);
    });

    it("resolves the domain ID in the same order, independently of the credentials", () => {
        const h = home("[global]\ndomain_id = file-domain\n");
        const base = { options: { accessKey: AK, secretKey: SK }, homeDir: h };
        assert.equal(resolveClientOptions({ ...base, options: { ...base.options, domainId: "opt" }, config: config({ "huaweicloud-bss:domainId": "cfg" }), env: {} }).domainId, "opt");
        assert.equal(resolveClientOptions({ ...base, config: config({ "huaweicloud-bss:domainId": "cfg" }), env: { HUAWEICLOUD_SDK_DOMAIN_ID: "sdk" } }).domainId, "cfg");
        assert.equal(resolveClientOptions({ ...base, env: { HUAWEICLOUD_SDK_DOMAIN_ID: "sdk", HW_DOMAIN_ID: "hw" } }).domainId, "sdk");
        assert.equal(resolveClientOptions({ ...base, env: { HW_DOMAIN_ID: "hw" } }).domainId, "hw");
        assert.equal(resolveClientOptions({ ...base, env: {} }).domainId, "file-domain");
        assert.equal(resolveClientOptions({ options: base.options, env: {}, homeDir: home() }).domainId, undefined);
    });

    it("supports token and IAM password credentials", () => {
        const token = resolveClientOptions({ options: { authToken: "tok" }, env: {}, homeDir: home() });
        assert.ok(token.credentials instanceof TokenCredentials);
        const fromEnv = resolveClientOptions({ env: { HW_USER_NAME: "u", HW_USER_PASSWORD: "p-secret", HW_DOMAIN_NAME: "acct" }, homeDir: home() });
        assert.ok(fromEnv.credentials instanceof PasswordCredentials);
        assert.equal(fromEnv.credentials.domainName, "acct");
        assert.throws(() => resolveClientOptions({ env: { HW_USER_NAME: "u", HW_USER_PASSWORD: "p" }, homeDir: home() }), /user name, password and domain name/);
    });

    it("gives one message listing every place it looked when no credentials exist", () => {
        const h = home();
        const error = (() => {
            try {
                resolveClientOptions({ config: config({}), env: {}, homeDir: h });
            } catch (e) {
                return e;
            }
            return assert.fail("expected a ConfigurationError");
        })();
        assert.ok(error instanceof ConfigurationError);
        for (const place of ["client options", "huaweicloud-bss:accessKey", "huaweicloud-bss:secretKey", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HW_ACCESS_KEY", "HW_SECRET_KEY", path.join(h, ".huaweicloud", "credentials"), "HUAWEICLOUD_SDK_CREDENTIALS_FILE"]) {
            assert.ok(error.message.includes(place), `message does not mention ${place}:\n${error.message}`);
        }
        assert.match(error.message, /file not found/);
    });

    it("refuses half a key pair, naming where it was found", () => {
        assert.throws(
            () => resolveClientOptions({ env: { HUAWEICLOUD_SDK_AK: AK }, homeDir: home() }),
            (e: unknown) => e instanceof ConfigurationError && /HUAWEICLOUD_SDK_AK\/HUAWEICLOUD_SDK_SK/.test(e.message) && /secret key is missing/.test(e.message),
        );
        assert.throws(() => resolveClientOptions({ config: config({ "huaweicloud-bss:secretKey": SK }), env: {}, homeDir: home() }), /stack config .*access key is missing/);
    });

    it("maps the site to the BSS endpoint (cn, intl, eu) and refuses other sites", () => {
        const base = { options: { accessKey: AK, secretKey: SK }, env: {}, homeDir: home() };
        assert.equal(resolveClientOptions(base).endpoint, "https://bss.myhuaweicloud.com");
        assert.equal(resolveClientOptions({ ...base, config: config({ "huaweicloud-bss:site": "intl" }) }).endpoint, "https://bss-intl.myhuaweicloud.com");
        assert.equal(resolveClientOptions({ ...base, options: { ...base.options, site: "eu" } }).endpoint, "https://bss.myhuaweicloud.eu");
        assert.equal(resolveClientOptions({ ...base, config: config({ "huaweicloud-bss:site": "intl" }) }).iamEndpoint, "https://iam.ap-southeast-1.myhuaweicloud.com");
        assert.throws(() => resolveClientOptions({ ...base, config: config({ "huaweicloud-bss:site": "us" }) }), /cn, intl or eu .*"us"/);
    });

    it("lets an explicit endpoint win over the site: options, config, then HUAWEICLOUD_BSS_ENDPOINT", () => {
        const base = { options: { accessKey: AK, secretKey: SK, site: "intl" as const }, homeDir: home() };
        const env = { HUAWEICLOUD_BSS_ENDPOINT: "http://127.0.0.1:4000/" };
        assert.equal(resolveClientOptions({ ...base, env }).endpoint, "http://127.0.0.1:4000");
        assert.equal(resolveClientOptions({ ...base, env, config: config({ "huaweicloud-bss:endpoint": "https://proxy.example.com/bss" }) }).endpoint, "https://proxy.example.com/bss");
        assert.equal(resolveClientOptions({ ...base, env, options: { ...base.options, endpoint: "http://localhost:1234" } }).endpoint, "http://localhost:1234");
        // IAM follows an explicit endpoint (the emulator serves both) unless set on its own.
        assert.equal(resolveClientOptions({ ...base, env }).iamEndpoint, "http://127.0.0.1:4000");
        assert.equal(resolveClientOptions({ ...base, env: { ...env, HUAWEICLOUD_SDK_IAM_ENDPOINT: "iam.example.com" } }).iamEndpoint, "https://iam.example.com");
        assert.equal(resolveClientOptions({ ...base, env, config: config({ "huaweicloud-bss:iamEndpoint": "http://127.0.0.1:5000" }) }).iamEndpoint, "http://127.0.0.1:5000");
    });

    it("refuses an endpoint that is not an http(s) URL, naming the setting", () => {
        const base = { options: { accessKey: AK, secretKey: SK }, homeDir: home() };
        assert.throws(() => resolveClientOptions({ ...base, env: { HUAWEICLOUD_BSS_ENDPOINT: "bss.myhuaweicloud.com" } }), (e: unknown) => e instanceof ConfigurationError && /HUAWEICLOUD_BSS_ENDPOINT must be an http\(s\) URL/.test(e.message));
        assert.throws(() => resolveClientOptions({ ...base, env: {}, config: config({ "huaweicloud-bss:endpoint": "ftp://x" }) }), /huaweicloud-bss:endpoint must be an http\(s\) URL/);
        assert.throws(() => createBssClient({ accessKey: AK, secretKey: SK, endpoint: "not a url" }), /client option endpoint must be an http\(s\) URL/);
    });

    it("passes already-resolved options through unchanged", () => {
        const resolved = resolveClientOptions({ options: { accessKey: AK, secretKey: SK, requestsPerSecond: 3 }, env: {}, homeDir: home() });
        assert.equal(resolveClientOptions({ options: resolved, env: { HUAWEICLOUD_SDK_AK: "OTHER" } }), resolved);
        assert.equal(resolved.requestsPerSecond, 3);
    });

    it("never shows secrets in JSON, util.inspect or string forms of options, credentials and clients", () => {
        const resolved = resolveClientOptions({ options: { accessKey: AK, secretKey: SK, securityToken: TOKEN, domainId: "d" }, env: {}, homeDir: home() });
        const client = createBssClient(resolved);
        const password = resolveClientOptions({ options: { password: { userName: "alice", password: SK, domainName: "acct" } }, env: {}, homeDir: home() });
        const token = resolveClientOptions({ options: { authToken: TOKEN }, env: {}, homeDir: home() });
        const renderings = [
            JSON.stringify(resolved),
            inspect(resolved, { depth: 10, showHidden: true }),
            String(resolved.credentials),
            JSON.stringify(client),
            inspect(client, { depth: 10, showHidden: true }),
            JSON.stringify(password),
            inspect(password, { depth: 10 }),
            JSON.stringify(token),
            inspect(token, { depth: 10 }),
            JSON.stringify(Object.entries(resolved.credentials)),
        ];
        for (const text of renderings) {
            assert.ok(!text.includes(SK), `secret key leaked: ${text}`);
            assert.ok(!text.includes(TOKEN), `token leaked: ${text}`);
            assert.ok(!text.includes(AK), `full access key leaked: ${text}`);
        }
        assert.match(JSON.stringify(resolved), /\*\*\*\*0001/);
        assert.match(inspect(client), /\[redacted\]/);
        void client.close();
    });
});

describe("client options", () => {
    const base = { accessKey: AK, secretKey: SK, endpoint: "http://127.0.0.1:9", domainId: "d" };

    it("refuses nonsense pacing and retry settings at creation, naming the option", () => {
        assert.throws(() => createBssClient({ ...base, requestsPerSecond: -1 }), /requestsPerSecond must be a number >= 0/);
        assert.throws(() => createBssClient({ ...base, burst: 0 }), /burst must be an integer >= 1/);
        assert.throws(() => createBssClient({ ...base, maxRetries: -2 }), /maxRetries must be a number >= 0/);
        assert.throws(() => createBssClient({ ...base, operationRates: { ListCustomerOrders: Number.NaN } }), /operationRates\.ListCustomerOrders/);
        assert.throws(() => createBssClient({ ...base, operationRates: { NoSuchOperation: 1 } as never }), /unknown operation "NoSuchOperation"/);
    });
});
