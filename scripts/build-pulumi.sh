#!/usr/bin/env bash
# Provides `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs` in one bin folder.
#
# No prebuilt Pulumi can be downloaded here, so the CLI is built from the Go module
# github.com/pulumi/pulumi/pkg/v3 at the pinned version through the module proxy (toolchain/go.mod
# pins it with the one `replace` it needs). The upstream Node language host module is refused by
# the proxy, so toolchain/pulumi-language-nodejs is our own host built against sdk/v3 at the same
# version. A `pulumi` already on PATH at or above the pinned version is used instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
say() { echo "[build-pulumi] $*" >&2; }
version_ge() { [ "$(printf '%s\n%s\n' "${2#v}" "${1#v}" | sort -V | head -n1)" = "${2#v}" ]; }

bin="$TOOLS_DIR/pulumi/bin"
stamp="$TOOLS_DIR/pulumi/stamp"
want="v$PULUMI_VERSION_PINNED-$(cat "$REPO_ROOT"/toolchain/go.mod "$REPO_ROOT"/toolchain/go.sum "$REPO_ROOT"/toolchain/pulumi-language-nodejs/*.go | sha256sum | cut -d' ' -f1)"
if [ -x "$bin/pulumi" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then exit 0; fi

# An ambient pulumi (not ours) that is new enough: use it with its own language host.
ambient="$(PATH="$(echo "$PATH" | tr ':' '\n' | grep -v "^$TOOLS_DIR" | paste -sd:)" command -v pulumi || true)"
if [ -n "$ambient" ]; then
  v="$(PULUMI_SKIP_UPDATE_CHECK=true "$ambient" version 2>/dev/null || true)"
  if [ -n "$v" ] && version_ge "$v" "$PULUMI_VERSION_PINNED"; then
    say "using $ambient ($v) from PATH"
    dirname "$ambient" > "$TOOLS_DIR/pulumi-bin"
    exit 0
  fi
fi
rm -f "$TOOLS_DIR/pulumi-bin"

command -v go >/dev/null || { say "Go is required to build the Pulumi CLI (none found on PATH)"; exit 1; }
say "building pulumi v$PULUMI_VERSION_PINNED and pulumi-language-nodejs from Go modules (first run: several minutes)"
mkdir -p "$bin"
export CGO_ENABLED=0 GOFLAGS=-mod=mod
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION_PINNED"
cd "$REPO_ROOT/toolchain"
go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$bin/pulumi-language-nodejs" ./pulumi-language-nodejs

# The bundled dynamic-provider plugin: without it the engine tries to download "pulumi-nodejs".
cat > "$bin/pulumi-resource-pulumi-nodejs" <<'SH'
#!/bin/sh
exec node "$(node -p "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')")" "$@"
SH
chmod +x "$bin/pulumi-resource-pulumi-nodejs"

got="$("$bin/pulumi" version)"
[ "$got" = "v$PULUMI_VERSION_PINNED" ] || { say "built pulumi reports '$got', expected v$PULUMI_VERSION_PINNED"; exit 1; }
echo "$want" > "$stamp"
say "pulumi $got ready in $bin"
