#!/usr/bin/env bash
# Installs the built package into its own node_modules as a real directory, the way users get it.
# Programs in examples/ and test/ import "pulumi-huaweicloud-bss" from there, so dynamic providers
# are serialized as `require("pulumi-huaweicloud-bss/provider/<kind>")` exactly as for users.
# dist/package.json is a package-scope boundary: without it, compiled programs under dist/ would
# resolve the package by self-reference to the source tree and their providers be copied by value.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
echo '{ "type": "commonjs", "private": true }' > "$root/dist/package.json"
pkg="$root/node_modules/pulumi-huaweicloud-bss"
rm -rf "$pkg"
mkdir -p "$pkg/policy"
cp "$root/package.json" "$pkg/"
cp -r "$root/dist" "$pkg/dist"
for f in PulumiPolicy.yaml package.json; do if [ -f "$root/policy/$f" ]; then cp "$root/policy/$f" "$pkg/policy/"; fi; done
