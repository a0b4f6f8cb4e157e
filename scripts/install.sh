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
if [[ ! -e /etc/harrier/harrier.toml ]]; then
  install -m 0640 -o root -g harrier config/harrier.toml /etc/harrier/harrier.toml
fi
install -d "$prefix/share/harrier/examples/sources"
install -m 0644 config/sources/*.toml "$prefix/share/harrier/examples/sources/"
if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
  systemctl daemon-reload
fi
echo "installed. Add source profiles to /etc/harrier/sources/ (examples in $prefix/share/harrier/examples/sources), then: systemctl enable --now harrier"
