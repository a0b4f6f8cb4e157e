#!/usr/bin/env bash
# Checks systemd/harrier.service: systemd parses it without complaint, it is
# Type=notify with a watchdog and a dedicated user and state directory, and
# its offline exposure score stays within budget (R24; the hardening issue
# lowers the budget to 1.0).
# Usage: systemd_unit_test.sh UNIT HARRIERD_BINARY
set -euo pipefail
unit="$1"
harrierd="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail=0
for directive in Type=notify WatchdogSec= NotifyAccess=main User=harrier StateDirectory=harrier \
                 NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes CapabilityBoundingSet= \
                 SystemCallFilter=@system-service RestrictAddressFamilies=; do
  if ! grep -q "^$directive" "$unit"; then
    echo "FAIL: $unit lacks $directive"
    fail=1
  fi
done
# verify needs the ExecStart binary to exist: point it at the one just built.
sed "s#^ExecStart=[^ ]*#ExecStart=$harrierd#" "$unit" >"$work/harrier.service"
if ! out="$(systemd-analyze verify "$work/harrier.service" 2>&1)"; then
  echo "FAIL: systemd-analyze verify: $out"
  fail=1
elif [[ -n "$out" ]]; then
  echo "FAIL: systemd-analyze verify complained: $out"
  fail=1
fi
if ! systemd-analyze security --offline=true --threshold=20 "$work/harrier.service" >"$work/score" 2>&1; then
  echo "FAIL: exposure over 2.0:"; tail -1 "$work/score"
  fail=1
fi
tail -1 "$work/score"
exit $fail
