#!/usr/bin/env bash
# `make demo`: serves the bundled demo advert site (invented adverts, drawn
# images) on 127.0.0.1:18089 and the invented world of the other source kinds
# (tests/support/sources_world.h: a Companies House API on 18090, Telegram
# previews on 18091, a Mastodon instance on 18092, profile pages and an advert
# on 18093), runs harrierd with the shipped config until its first collection
# pass completes, then shows what was found.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-build}"
[[ "$build" = /* ]] || build="$root/$build"
state="$root/var/demo"
port=18089
world_port=18090  # config/sources/world_*.toml name 18090-18093
mkdir -p "$state"
cd "$root"

"$build/tests/harrier-demo-site" tests/fixtures/demo-site "$port" --world "$world_port" >"$state/demo-site.log" 2>&1 &
site_pid=$!
trap 'kill $site_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  grep -q serving "$state/demo-site.log" 2>/dev/null && break
  kill -0 $site_pid 2>/dev/null || { cat "$state/demo-site.log" >&2; exit 1; }
  sleep 0.1
done
echo "== demo advert site on http://127.0.0.1:$port/ (invented adverts; see tests/fixtures/README.md)"
echo "== demo world on 127.0.0.1:$world_port-$((world_port + 3)): Companies House API, Telegram, Mastodon,"
echo "   profile pages and an advert (invented; see tests/data/world/README.md)"
echo "== harrierd --config config/harrier.toml --state-dir var/demo --until-first-pass"
# OpenCV's own image-size fence and one OpenMP thread per OCR reader, as the
# systemd unit sets them.
OMP_THREAD_LIMIT=1 OPENCV_IO_MAX_IMAGE_WIDTH=16384 OPENCV_IO_MAX_IMAGE_HEIGHT=16384 OPENCV_IO_MAX_IMAGE_PIXELS=40000000 \
  "$build/daemon/harrierd" --config config/harrier.toml --state-dir "$state" --until-first-pass

harrier=("$build/cli/harrier" --config config/harrier.toml --state-dir "$state")
echo
echo "== harrier summary"
"${harrier[@]}" summary
echo
echo "== harrier status"
"${harrier[@]}" status
rel_cli="${build#$root/}/cli/harrier"
summary_json="$("${harrier[@]}" --json summary)"
first_shared() {  # the first shared selector of a kind in the summary
  printf '%s' "$summary_json" | tr -d '\n' | grep -o "\"kind\": *\"$1\", *\"value\": *\"[^\"]*\"" |
    head -1 | sed 's/.*"value": *"//; s/"$//'
}
phone="$(first_shared phone)"
[[ "$phone" == +44* ]] && phone="0${phone#+44}"  # typed as people write it
postcode="$(first_shared postcode)"
cat <<MSG

Look closer (every search and show is written to the audit log with --reason):
  $rel_cli --state-dir var/demo summary
  $rel_cli --state-dir var/demo search phone "${phone:-07700 900123}" --reason "DEMO-0001 demo"
  $rel_cli --state-dir var/demo search postcode "${postcode:-LS1 1JQ}" --reason "DEMO-0001 demo"
  $rel_cli --state-dir var/demo show advert 1 --reason "DEMO-0001 demo"
  $rel_cli --state-dir var/demo --json show advert 1
  $rel_cli --state-dir var/demo evidence 1 --out /tmp --reason "DEMO-0001 demo"
  python3 tests/tools/warc_check.py var/demo/data/warc/*.warc.gz
Linked findings (clusters of adverts sharing selectors or photos), a number's movement, exports:
  $rel_cli --state-dir var/demo clusters --reason "DEMO-0001 demo"
  $rel_cli --state-dir var/demo movement phone "${phone:-07700 900123}" --reason "DEMO-0001 demo"
  $rel_cli --state-dir var/demo export report-html --selector "phone:${phone:-07700 900123}" --grade 2B --handling P \\
      --recipient "DEMO reader" --out /tmp/harrier-demo-report.html --reason "DEMO-0001 demo"
The review UI: create an account (password on standard input), then serve it on loopback:
  $rel_cli --state-dir var/demo user add demo.analyst --role analyst
  $rel_cli --state-dir var/demo serve --static-dir deps/npm/node_modules/cytoscape/dist
The other source kinds (config/sources/world_*.toml): a company found by its postcode, the
company's officers and persons with significant control, a name across sources, the private
Telegram channel that is not asked for again:
  $rel_cli --state-dir var/demo search postcode "TE7 4QJ" --reason "DEMO-0001 demo"
  $rel_cli --state-dir var/demo show company 09999001 --reason "DEMO-0001 demo"
  $rel_cli --state-dir var/demo search person_name "Marnie Elspeth Ashworth" --reason "DEMO-0001 demo"
  $rel_cli --state-dir var/demo status
Database: var/demo/harrier.db   Evidence: var/demo/data/warc/ (WARC 1.1), var/demo/data/blobs/
MSG
