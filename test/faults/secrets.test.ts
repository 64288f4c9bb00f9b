/**
 * Secrets never appear in plain text. A stack runs with known fake credentials (a temporary
 * AK/SK with its security token), once from stack config secrets and once from environment
 * variables, with every debugging switch a user might turn on (`--debug`, `--logtostderr -v=9
 * --logflow`, glog files, PULUMI_DEBUG_PROMISE_LEAKS, PULUMI_DEBUG_COMMANDS), through up, a preview
 * with the policy pack, failing runs (a refused payment, an unknown outcome), refresh, export and
 * destroy. Everything is collected: stdout and stderr, the log files, the whole file backend (state,
 * history, backups), the stack's config file, and the exported state. The SK and the token must not
 * be in any of it, in plain text or base64.
 */
import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningEmulator } from "../../emulator";
import {
    CliResult,
    cliEnv,
    dateFrom,
    hoursFrom,
    POLICY_PACK_DIR,
    PROGRAM_DIR,
    PROJECT,
    renewalOrdersFor,
    runPulumi,
    startFaultEmulator,
    temporaryDir,
} from "./support";

interface Secrets {
    readonly accessKey: string;
    readonly secretKey: string;
    readonly securityToken: string;
}

interface Collected {
    readonly name: string;
    readonly text: string;
}

/** Every file under `dir` (recursively), as text. */
function filesUnder(dir: string): { file: string; text: string }[] {
    if (!fs.existsSync(dir)) return [];
    const out: { file: string; text: string }[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...filesUnder(full));
        else if (entry.isFile()) out.push({ file: full, text: fs.readFileSync(full).toString("latin1") });
    }
    return out;
}

/**
 * The engine's own trace, at verbosity 9 only, of every value it marshals over gRPC. For a dynamic
 * provider, which takes no secrets (acceptSecrets=false), the engine unwraps secret stack config
 * before Configure, so this trace shows it in plain text: a Pulumi engine limitation
 * (pkg/resource/plugin/rpc.go logs "Marshaling property for RPC[<label>]: <key>=<value>" at V(9)).
 */
const ENGINE_MARSHAL_TRACE = /"level":"INFO","msg":"Marshaling property for RPC\[.*\]: [^"]*$/;

interface Leak {
    readonly where: string;
    /** The line holding the secret, up to it. */
    readonly before: string;
}

/** Where each secret shows up in `sources` (plain text or base64). */
function leaks(secrets: Secrets, sources: readonly { name: string; text: string }[]): Leak[] {
    const needles = Object.entries({ secretKey: secrets.secretKey, securityToken: secrets.securityToken }).flatMap(([what, value]) => [
        { what, value },
        { what: `${what} (base64)`, value: Buffer.from(value).toString("base64").replace(/=+$/, "") },
    ]);
    const found: Leak[] = [];
    for (const source of sources) {
        for (const needle of needles) {
            for (let at = source.text.indexOf(needle.value); at >= 0; at = source.text.indexOf(needle.value, at + 1)) {
                const lineStart = source.text.lastIndexOf("\n", at) + 1;
                found.push({ where: `${needle.what} in ${source.name}`, before: source.text.slice(Math.max(lineStart, at - 300), at) });
            }
        }
    }
    return found;
}

const describeLeaks = (found: readonly Leak[]) => found.map((l) => `${l.where}: ...${l.before}<SECRET>`);

describe("faults: secrets stay out of output, logs, state and policy messages", function () {
    this.timeout(600_000);
    const emulators: RunningEmulator[] = [];
    const work: string[] = [];
    const runs: Record<string, Promise<{ secrets: Secrets; collected: Collected[] }>> = {};

    after(async () => {
        await Promise.allSettled(Object.values(runs));
        for (const emulator of emulators) await emulator.close();
        for (const dir of work) fs.rmSync(dir, { recursive: true, force: true });
    });

    /**
     * One stack through the steps with every debugging switch, with its own emulator, file backend
     * and temp directory (so the state and the glog files can be read afterwards). "full": up, a
     * preview with the policy pack, two failing runs, refresh, export, destroy; "short": up, the
     * preview, destroy. Returns the fake secrets and everything collected.
     */
    async function exercise(label: string, channel: "config" | "environment", verbosity: number, steps: "full" | "short"): Promise<{ secrets: Secrets; collected: Collected[] }> {
        const emulator = await startFaultEmulator();
        emulators.push(emulator);
        const c = emulator.defaultCredential;
        const secrets: Secrets = {
            accessKey: `FAULTS${label.toUpperCase()}AK${randomBytes(4).toString("hex").toUpperCase()}`,
            secretKey: `fake-sk-${label}-${randomBytes(16).toString("hex")}`,
            securityToken: `fake-token-${label}-${randomBytes(24).toString("hex")}`,
        };
        // A temporary credential: every request must carry the token, so a run that works used all three.
        emulator.addCredential({ accessKey: secrets.accessKey, secretKey: secrets.secretKey, accountId: c.domainId, securityToken: secrets.securityToken });
        const root = temporaryDir(`bss-secrets-${label}-`);
        work.push(root);
        const backend = path.join(root, "backend");
        const tmp = path.join(root, "tmp");
        fs.mkdirSync(backend);
        fs.mkdirSync(tmp);
        const id = `secret-${label}-${Date.now().toString(36)}`;
        emulator.addResource({ resourceId: id, kind: "ecs", periodType: "month", periodNum: 1, expireTime: hoursFrom(emulator, 20), expirePolicy: 0, attached: [{ resourceId: `${id}-disk`, kind: "evs" }] });

        const stackName = `secrets-${label}-${process.pid}`;
        const credentialEnv =
            channel === "environment"
                ? { HUAWEICLOUD_SDK_AK: secrets.accessKey, HUAWEICLOUD_SDK_SK: secrets.secretKey, HUAWEICLOUD_SDK_SECURITY_TOKEN: secrets.securityToken, HUAWEICLOUD_SDK_DOMAIN_ID: c.domainId, HUAWEICLOUD_BSS_ENDPOINT: emulator.url }
                : {};
        const env = cliEnv({
            PULUMI_BACKEND_URL: `file://${backend}`,
            TMPDIR: tmp,
            PULUMI_DEBUG_PROMISE_LEAKS: "true",
            PULUMI_DEBUG_COMMANDS: "true",
            HUAWEICLOUD_SDK_CREDENTIALS_FILE: path.join(root, "no-credentials-file"),
            ...credentialEnv,
        });
        const collected: Collected[] = [];
        const run = async (step: string, args: string[], expectFailure = false): Promise<CliResult> => {
            const result = await runPulumi([...args, "--stack", stackName], env);
            collected.push({ name: `${step} stdout`, text: result.stdout }, { name: `${step} stderr`, text: result.stderr });
            if (expectFailure) assert.notEqual(result.code, 0, `${step} was expected to fail`);
            else assert.equal(result.code, 0, `${step} failed:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
            return result;
        };
        const subs = (args: Record<string, unknown>) => ["--plaintext", `${PROJECT}:subs=${JSON.stringify({ vm: { resourceId: id, onExpiry: "renew", ...args } })}`];
        const setConfig = (step: string, pairs: string[]) => run(step, ["config", "set-all", ...pairs]);
        const verbose = ["--debug", "--logtostderr", `-v=${verbosity}`, "--logflow"];

        await runPulumi(["stack", "init", stackName], env);
        try {
            const credentials =
                channel === "config"
                    ? [
                          ...["--plaintext", `huaweicloud-bss:accessKey=${secrets.accessKey}`],
                          ...["--secret", `huaweicloud-bss:secretKey=${secrets.secretKey}`],
                          ...["--secret", `huaweicloud-bss:securityToken=${secrets.securityToken}`],
                          ...["--plaintext", `huaweicloud-bss:domainId=${c.domainId}`],
                          ...["--plaintext", `huaweicloud-bss:endpoint=${emulator.url}`],
                      ]
                    : [];
            await setConfig("config", [...credentials, ...subs({ renewUntil: dateFrom(emulator, 60), maxRenewalCost: "100000" })]);
            await run("up", ["up", "--yes", "--skip-preview", ...verbose]);
            assert.equal(renewalOrdersFor(emulator, id).length, 1, "the run really used the credentials");
            // Policy pack: it receives every resource's inputs and outputs; glog files (no --logtostderr) land in TMPDIR.
            await run("preview with the policy pack", ["preview", "--policy-pack", POLICY_PACK_DIR, "--debug", `-v=${verbosity}`, "--logflow"]);
            if (steps === "full") {
                // Errors: a payment BSS refuses, then an outcome lost in a 500.
                await setConfig("config (renewUntil)", subs({ renewUntil: dateFrom(emulator, 120), maxRenewalCost: "100000" }));
                emulator.setBalance(c.domainId, { cash: 0 });
                const refusedRun = await run("up refused", ["up", "--yes", "--skip-preview", ...verbose], true);
                assert.match(refusedRun.stdout + refusedRun.stderr, /The account balance does not cover this/);
                emulator.setBalance(c.domainId, { cash: 50_000 });
                emulator.setFaults([{ operation: "RenewalResources", kind: "error500", count: 1 }]);
                const unknownRun = await run("up with an unknown outcome", ["up", "--yes", "--skip-preview", ...verbose], true);
                assert.match(unknownRun.stdout + unknownRun.stderr, /the outcome is unknown/);
                emulator.clearFaults();
                await run("refresh", ["refresh", "--yes", ...verbose]);
                const exported = await run("stack export", ["stack", "export"]);
                assert.match(exported.stdout, /__provider/, "the export holds the stack");
            }
            collected.push(...filesUnder(PROGRAM_DIR).filter((f) => f.file.endsWith(`Pulumi.${stackName}.yaml`)).map((f) => ({ name: f.file, text: f.text })));
            await setConfig("config (onDelete)", subs({ onDelete: "unsubscribe" }));
            await run("up (onDelete)", ["up", "--yes", "--skip-preview"]);
            await run("destroy", ["destroy", "--yes", ...verbose]);
            assert.equal(emulator.world.resource(id)!.endReason, "unsubscribed");
        } finally {
            collected.push(...filesUnder(backend).map((f) => ({ name: `backend ${path.relative(backend, f.file)}`, text: f.text })));
            collected.push(...filesUnder(tmp).map((f) => ({ name: `temp ${path.relative(tmp, f.file)}`, text: f.text })));
            await runPulumi(["stack", "rm", "--yes", "--force", stackName], env);
            fs.rmSync(path.join(PROGRAM_DIR, `Pulumi.${stackName}.yaml`), { force: true });
        }
        return { secrets, collected };
    }

    before(() => {
        // Independent (own emulator, backend and temp directory): run at the same time.
        const start = (name: string, ...args: Parameters<typeof exercise>) => {
            runs[name] = exercise(...args);
            runs[name].catch(() => undefined); // reported by its own `it`
        };
        start("env", "env", "environment", 9, "full");
        start("cfg", "cfg", "config", 9, "full");
        start("cfg8", "cfg8", "config", 8, "short");
    });

    it("credentials from environment variables: no SK or token anywhere, with every debug switch on (-v=9)", async () => {
        const { secrets, collected } = await runs.env;
        assertCollected(collected);
        assert.deepEqual(describeLeaks(leaks(secrets, collected)), []);
    });

    it("credentials from stack config secrets: nothing from this package anywhere; only the engine's own -v=9 gRPC trace shows them", async () => {
        const { secrets, collected } = await runs.cfg;
        assertCollected(collected);
        const found = leaks(secrets, collected);
        const ours = found.filter((l) => !ENGINE_MARSHAL_TRACE.test(l.before));
        assert.deepEqual(describeLeaks(ours), [], "a leak outside the engine's own -v=9 trace");
        // Recorded so a change in the engine's behaviour is noticed (docs/reliability.md, "Secrets").
        assert.ok(found.some((l) => /Configure\(\)\.inputs\]/.test(l.before)), "the engine's -v=9 trace of Configure shows secret config (Pulumi limitation)");
    });

    it("credentials from stack config secrets with verbosity 8: no SK or token anywhere", async () => {
        const { secrets, collected } = await runs.cfg8;
        assertCollected(collected);
        assert.deepEqual(describeLeaks(leaks(secrets, collected)), []);
    });

    function assertCollected(collected: readonly Collected[]): void {
        assert.ok(collected.some((c) => c.name.startsWith("temp ")), "glog files were written (the preview without --logtostderr)");
        assert.ok(collected.some((c) => c.name.startsWith("backend ") && c.text.includes("__provider")), "the backend's state was collected");
        assert.ok(collected.some((c) => /policy/i.test(c.name) && c.text.length > 0), "the policy run was collected");
        const bytes = collected.reduce((sum, c) => sum + c.text.length, 0);
        assert.ok(bytes > 100_000, `verbose logs were collected (${bytes} bytes)`);
    }
});
