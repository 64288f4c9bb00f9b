# Sourced by the project's scripts: the offline environment for the project's Node and Pulumi CLI.
# Everything lives inside the repository: nothing is read from or written to the user's ~/.pulumi.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
PULUMI_VERSION_PINNED="3.259.0"
NODE_VERSION_PINNED="22.23.3"

# A node from .tools wins over the machine's older one; a pulumi already on PATH that is new
# enough is recorded in .tools/pulumi-bin by the bootstrap and used instead of the built one.
if [ -x "$TOOLS_DIR/node/bin/node" ]; then PATH="$TOOLS_DIR/node/bin:$PATH"; fi
if [ -f "$TOOLS_DIR/pulumi-bin" ]; then PATH="$(cat "$TOOLS_DIR/pulumi-bin"):$PATH"; fi
if [ -d "$TOOLS_DIR/pulumi/bin" ]; then PATH="$TOOLS_DIR/pulumi/bin:$PATH"; fi
export PATH

export PULUMI_HOME="${PULUMI_HOME:-$TOOLS_DIR/pulumi-home}"
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$REPO_ROOT/.pulumi-state}"
mkdir -p "$REPO_ROOT/.pulumi-state"
# The demo and test stacks hold only emulator credentials; real stacks should set their own.
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-demo-passphrase-not-secret}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_DISABLE_REGISTRY_RESOLVE=true
export PULUMI_SKIP_CONFIRMATIONS=true
export NPM_CONFIG_NODEDIR=""  # ~/.npmrc sets nodedir, which npm 11 warns about on every call
