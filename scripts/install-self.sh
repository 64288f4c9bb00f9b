#!/usr/bin/env bash
# Installs the built package into its own node_modules as a real directory, the way users get it.
# Programs in examples/ and test/ import "pulumi-huaweicloud-bss" from there, so dynamic providers
# are serialized as `require("pulumi-huaweicloud-bss/provider/<kind>")` exactly as for users.
# dist/package.json is a package-scope boundary: without it, compiled programs under dist/ would
# resolve the package by self-reference to the source tree and their providers be copied by value.
# Files are updated in place, each written aside and renamed (rsync), stale ones removed last, so a
# Pulumi run that is loading the package meanwhile never finds it missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
echo '{ "type": "commonjs", "private": true }' > "$root/dist/package.json"
pkg="$root/node_modules/pulumi-huaweicloud-bss"
[ -L "$pkg" ] && rm -f "$pkg"
mkdir -p "$pkg/policy"
rsync -a --delete-delay "$root/dist/" "$pkg/dist/"
rsync -a "$root/package.json" "$pkg/package.json"
for f in PulumiPolicy.yaml package.json; do if [ -f "$root/policy/$f" ]; then rsync -a "$root/policy/$f" "$pkg/policy/$f"; fi; done
