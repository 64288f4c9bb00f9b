import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "../../..");
const PACK_DIR = path.join(REPO_ROOT, "policy");

describe("policy pack manifest (what the CLI and users' installs read)", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version?: string; main?: string };

    it("carries the package's version (the pack reports it; the constructor refuses a pack without one)", () => {
        const root = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
        assert.equal(manifest.version, root.version);
    });

    it("main is compiled JavaScript next to the pack in the repository and in the installed layout", () => {
        assert.ok(manifest.main, "no main");
        assert.match(manifest.main, /\.js$/, "the pack must not need ts-node");
        // The same relative path resolves in both layouts: <root>/policy -> <root>/dist/policy.
        assert.ok(fs.existsSync(path.resolve(PACK_DIR, manifest.main)), `${manifest.main} is not built (npx tsc -p tsconfig.json)`);
        assert.equal(path.relative(REPO_ROOT, path.resolve(PACK_DIR, manifest.main)), path.join("dist", "policy", "pack.js"));
    });

    it("PulumiPolicy.yaml names the Node runtime", () => {
        const yaml = fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8");
        assert.match(yaml, /^runtime: nodejs$/m);
    });

    it("importing the rules starts no policy server (only the entry file constructs the pack)", () => {
        // A constructed pack prints its port and keeps the process alive; a plain import must do neither.
        const run = spawnSync(process.execPath, ["-e", `const p = require(${JSON.stringify(path.join(REPO_ROOT, "dist/policy"))}); console.error(typeof p.createPolicies);`], {
            encoding: "utf8",
            timeout: 20_000,
        });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout, "");
        assert.equal(run.stderr.trim(), "function");
    });
});
