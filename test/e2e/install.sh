#!/usr/bin/env bash
# Installs the e2e harness: Debian's Chromium and libkrb5-dev (code-server's native build), then code-server and playwright-core.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export PATH="$here/../../node_modules/.bin:$PATH"
started=$(date +%s)
if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  sudo_cmd=""
  if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends chromium libkrb5-dev
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 24 ]; then
  echo "code-server needs Node 24; found $(node -v) (run from the repository, whose node_modules/.bin holds Node 24)" >&2
  exit 1
fi
cd "$here"
# When started by 'npm run', the outer npm exports npm_config_* describing its own Node (the machine's, which
# may be older); code-server's install checks npm_config_user_agent, so let this npm describe itself.
for variable in $(compgen -e | grep -i '^npm_'); do unset "$variable"; done
if [ ! -x node_modules/.bin/code-server ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
echo "e2e install took $(( $(date +%s) - started ))s"
