// Installs the built package into its own node_modules as a real directory, the way users get it.
// Programs in examples/ and test/ import "pulumi-huaweicloud-bss" from there, so dynamic providers
// are serialized as `require("pulumi-huaweicloud-bss/provider/<kind>")` exactly as for users.
// dist/package.json is a package-scope boundary: without it, compiled programs under dist/ would
// resolve the package by self-reference to the source tree and their providers be copied by value.
// Files are updated in place, each written aside and renamed, stale ones removed last, so a Pulumi
// run that is loading the package meanwhile never finds it missing.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const pkg = path.join(root, "node_modules", "pulumi-huaweicloud-bss");
fs.writeFileSync(path.join(root, "dist", "package.json"), '{ "type": "commonjs", "private": true }\n');
if (fs.existsSync(pkg) && fs.lstatSync(pkg).isSymbolicLink()) fs.unlinkSync(pkg);

const wanted = new Set();
function copyFile(from, to) {
    wanted.add(to);
    const src = fs.readFileSync(from);
    try {
        if (fs.readFileSync(to).equals(src)) return;
    } catch {
        // not there yet
    }
    fs.mkdirSync(path.dirname(to), { recursive: true });
    const tmp = `${to}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, src);
    fs.renameSync(tmp, to);
}
function copyTree(from, to) {
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
        const src = path.join(from, entry.name);
        const dst = path.join(to, entry.name);
        if (entry.isDirectory()) copyTree(src, dst);
        else copyFile(src, dst);
    }
}
function removeStale(dir) {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            removeStale(full);
            if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
        } else if (!wanted.has(full)) fs.rmSync(full, { force: true });
    }
}

copyTree(path.join(root, "dist"), path.join(pkg, "dist"));
copyFile(path.join(root, "package.json"), path.join(pkg, "package.json"));
for (const f of ["PulumiPolicy.yaml", "package.json"]) {
    const src = path.join(root, "policy", f);
    if (fs.existsSync(src)) copyFile(src, path.join(pkg, "policy", f));
}
removeStale(pkg);
