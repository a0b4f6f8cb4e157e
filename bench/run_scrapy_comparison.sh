#!/usr/bin/env bash
# Harrier against Scrapy (issue 3's benchmark). Generates a synthetic advert
# site (default 10,000 adverts with 1-4 images each), serves it with nginx on
# 127.0.0.1, and crawls it with `harrierd --until-first-pass` and then with
# Scrapy (Debian's python3-scrapy, bench/scrapy/), one after the other on the
# same nginx, politeness off for that one host in both. Each run is timed by
# GNU time (wall, user+sys CPU, peak RSS; both crawlers are one process) and
# checked against the site's ground truth by bench/check_truth.py: every
# advert, every phone number (none extra), every image URL and the SHA-256
# of its stored bytes. Prints one table and the ratios; exits non-zero if a
# crawler missed anything.
#
# Usage: bench/run_scrapy_comparison.sh [BUILD_DIR]
# Env:   ADVERTS=10000 TOWNS=40 IMAGES=1-4 PER_PAGE=20 IMAGE_SIZE=320x240 SEED=7
#        PORT=18091 CONNECTIONS=16 WORKERS=2
#        MAX_IN_FLIGHT, COMMIT_BATCH  harrier.toml [daemon] keys (default: shipped)
#        ONLY=both|harrier|scrapy       which crawlers to run
#        REPEAT=1                       passes (Harrier then Scrapy in each); the
#                                       ratios are of the medians
#        SCRAPY_IMAGES=pipeline|requests  FilesPipeline, or plain requests
#        PROFILE_FORMAT=auto|current|legacy  Harrier source profile keys (auto:
#          bench/harrier/bench-source.toml, falling back to the pre-issue-3
#          bench-source-legacy.toml if harrierd refuses the former)
#        HARRIER_PREFIX="perf record -g -o FILE --"  run harrierd under a tool
#        KEEP_DATA=1  keep each pass's WARC/blobs and Scrapy's files (deleted
#          once checked otherwise; the databases, logs and items stay)
#        QUIET_CORES=0.3 QUIET_WAIT=180  before each crawler, wait (at most
#          QUIET_WAIT s) until the machine's other work uses under QUIET_CORES
#          cores over 5 s; the table shows the CPU others used during each run
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-build}"
[[ "$build" = /* ]] || build="$root/$build"
adverts="${ADVERTS:-10000}"
towns="${TOWNS:-40}"
images="${IMAGES:-1-4}"
per_page="${PER_PAGE:-20}"
image_size="${IMAGE_SIZE:-320x240}"
seed="${SEED:-7}"
port="${PORT:-18091}"
connections="${CONNECTIONS:-16}"
workers="${WORKERS:-2}"
max_in_flight="${MAX_IN_FLIGHT:-}"
commit_batch="${COMMIT_BATCH:-}"
only="${ONLY:-both}"
repeat="${REPEAT:-1}"
scrapy_images="${SCRAPY_IMAGES:-pipeline}"
profile_format="${PROFILE_FORMAT:-auto}"
base="http://127.0.0.1:$port"
py=/usr/bin/python3  # Debian's, which has python3-scrapy
quiet_cores="${QUIET_CORES:-0.3}"
quiet_wait="${QUIET_WAIT:-180}"

out="$root/bench/out"
name="site-$adverts-t$towns-i$images-$image_size-p$per_page-s$seed"
site="$out/$name"
truth="$out/$name.truth.json"
run="$out/compare"

for tool in nginx curl /usr/bin/time "$build/daemon/harrierd"; do
  command -v "$tool" >/dev/null || { echo "missing $tool (make bench installs it)" >&2; exit 2; }
done
"$py" -c 'import scrapy' 2>/dev/null ||
  { echo "missing python3-scrapy: scripts/install-deps.sh --bench" >&2; exit 2; }

# The site, once per parameter set (kept in bench/out/, which git ignores).
mkdir -p "$out"
if [[ ! -f "$truth" ]]; then
  echo "generating $adverts adverts ($images images each) in $site ..." >&2
  python3 "$root/tests/fixtures/make_demo_site.py" --adverts "$adverts" --towns "$towns" \
    --image-size "$image_size" --images-per-advert "$images" --per-page "$per_page" \
    --seed "$seed" --out "$site" --truth "$truth.tmp"
  mv "$truth.tmp" "$truth"
fi

# Both crawlers use the XPaths of the bench profile; they must be the demo's.
"$py" - "$root/bench/harrier/bench-source.toml" "$root/bench/harrier/bench-source-legacy.toml" \
  "$root/config/sources/demo.toml" <<'PY'
import sys, tomllib
def x(p):
    d = tomllib.load(open(p, "rb"))
    return d["listing"], d["advert"]
a, b, demo = (x(p) for p in sys.argv[1:])
if not a == b == demo:
    sys.exit("bench/harrier/*.toml [listing]/[advert] differ from config/sources/demo.toml")
PY

# nginx on loopback only, as the invoking user, everything under bench/out.
# robots.txt: an allow-all one, served for both crawlers (both obey it).
ngx="$out/nginx-compare"
mkdir -p "$ngx/logs" "$ngx/tmp"
cat >"$ngx/nginx.conf" <<CONF
worker_processes 1;
pid $ngx/nginx.pid;
error_log $ngx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $ngx/tmp;
  proxy_temp_path $ngx/tmp;
  fastcgi_temp_path $ngx/tmp;
  uwsgi_temp_path $ngx/tmp;
  scgi_temp_path $ngx/tmp;
  types { text/html html; image/png png; image/gif gif; image/jpeg jpg; }
  sendfile on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$port;
    root $site;
    index index.html;
    location = /robots.txt {
      default_type text/plain;
      return 200 "User-agent: *\nDisallow:\n";
    }
  }
}
CONF
nginx -t -q -c "$ngx/nginx.conf" -p "$ngx"
nginx -c "$ngx/nginx.conf" -p "$ngx" -g 'daemon on;'
trap 'nginx -c "$ngx/nginx.conf" -p "$ngx" -s stop 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fso /dev/null "$base/robots.txt" && break; sleep 0.1; done

# Both crawlers read the same files: have them all in the page cache first.
find "$site" -type f -print0 | xargs -0 cat >/dev/null

rm -rf "$run"
mkdir -p "$run"
echo "load before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$run/load.txt" >&2

# CPU seconds the whole machine spent busy so far, and those of nginx's workers.
hz="$(getconf CLK_TCK)"
machine_busy() { awk -v hz="$hz" '/^cpu / { print ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat; }
nginx_cpu() {
  local t=0 p
  for p in $(pgrep -P "$(cat "$ngx/nginx.pid")"); do
    t="$(awk -v t="$t" -v hz="$hz" '{ print t + ($14 + $15) / hz }' "/proc/$p/stat")"
  done
  echo "$t"
}
# Waits until the rest of the machine is quiet (other helpers' builds skew
# both crawlers' figures), for at most $quiet_wait seconds.
wait_quiet() {
  local waited=0 a b busy
  while :; do
    a="$(machine_busy)"; sleep 5; b="$(machine_busy)"; waited=$((waited + 5))
    busy="$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", (b - a) / 5 }')"
    if awk -v x="$busy" -v q="$quiet_cores" 'BEGIN { exit !(x < q) }'; then
      echo "machine quiet: $busy cores busy over 5 s" >&2; return 0
    fi
    if ((waited >= quiet_wait)); then
      echo "WARNING: machine still busy ($busy cores over 5 s) after ${waited} s; measuring anyway" >&2
      return 0
    fi
  done
}
# Around one crawler run: machine and nginx CPU before ($1 = before) / after.
snap() { echo "$(machine_busy) $(nginx_cpu)" >"$1"; }

field() { sed -n "s/^[[:space:]]*$2: //p" "$1"; }
# "h:mm:ss" or "m:ss.ss" -> seconds
wall_s() { field "$1" 'Elapsed (wall clock) time (h:mm:ss or m:ss)' |
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }
cpu_s() { awk -v u="$(field "$1" 'User time (seconds)')" -v s="$(field "$1" 'System time (seconds)')" \
  'BEGIN { print u + s }'; }
rss_mib() { awk -v k="$(field "$1" 'Maximum resident set size (kbytes)')" 'BEGIN { print k / 1024 }'; }

# ---- Harrier -----------------------------------------------------------------
harrier_config() {  # $1: current|legacy, $2: run directory
  local cfg="$2/config"
  rm -rf "$2"
  mkdir -p "$cfg/sources"
  local daemon_keys=()
  [[ -n "$max_in_flight" ]] && daemon_keys+=(-e "s/^max_in_flight = .*/max_in_flight = $max_in_flight/")
  [[ -n "$commit_batch" ]] && daemon_keys+=(-e "s/^commit_batch = .*/commit_batch = $commit_batch/")
  if [[ "$1" == current ]]; then
    # Shipped global politeness; the source's own [fetch] turns it off for
    # its host. max_connections must still allow that many at once.
    sed -e "s/^parse_workers = .*/parse_workers = $workers/" "${daemon_keys[@]}" \
        -e "s/^log_level = .*/log_level = \"warn\"/" \
        -e "s/^max_connections = .*/max_connections = $((connections > 16 ? connections : 16))/" \
        "$root/config/harrier.toml" >"$cfg/harrier.toml"
    sed -e "s#@BASE@#$base#" -e "s/^connections = 16$/connections = $connections/" \
        "$root/bench/harrier/bench-source.toml" >"$cfg/sources/bench.toml"
  else
    # Builds without per-source politeness: the global per-host settings
    # (the bench site is the only host).
    sed -e "s/^parse_workers = .*/parse_workers = $workers/" "${daemon_keys[@]}" \
        -e "s/^log_level = .*/log_level = \"warn\"/" \
        -e "s/^max_connections = .*/max_connections = $((connections > 16 ? connections : 16))/" \
        -e "s/^per_host_connections = .*/per_host_connections = $connections/" \
        -e "s/^per_host_delay_ms = .*/per_host_delay_ms = 0/" \
        "$root/config/harrier.toml" >"$cfg/harrier.toml"
    sed -e "s#@BASE@#$base#" "$root/bench/harrier/bench-source-legacy.toml" \
      >"$cfg/sources/bench.toml"
  fi
}

run_harrier() {  # $1: current|legacy, $2: run directory; returns harrierd's exit status
  harrier_config "$1" "$2"
  local rc=0
  snap "$2/before.txt"
  # shellcheck disable=SC2086  # HARRIER_PREFIX is a command line
  /usr/bin/time -v -o "$2/time.txt" ${HARRIER_PREFIX:-} "$build/daemon/harrierd" \
    --config "$2/config/harrier.toml" --state-dir "$2/state" \
    --until-first-pass 2>"$2/stderr.log" || rc=$?
  snap "$2/after.txt"
  return $rc
}

# Writes $1/result.txt: name pages images wall cpu rss nginx others complete.
result() {  # dir name pages images
  local m0 n0 m1 n1
  read -r m0 n0 <"$1/before.txt"
  read -r m1 n1 <"$1/after.txt"
  awk -v p="$3" -v i="$4" -v w="$(wall_s "$1/time.txt")" -v c="$(cpu_s "$1/time.txt")" \
      -v r="$(rss_mib "$1/time.txt")" -v m="$m0 $m1" -v g="$n0 $n1" 'BEGIN {
    split(m, M, " "); split(g, G, " "); ng = G[2] - G[1]; other = M[2] - M[1] - c - ng
    if (other < 0) other = 0
    printf "%d %d %.2f %.2f %.1f %.2f %.2f\n", p, i, w, c, r, ng, other }' >"$1/result.txt"
  echo "$2" >"$1/name.txt"
}

harrier_pass() {  # $1: pass number
  local dir="$run/harrier-$1" format="$profile_format" rc=0
  [[ "$format" == auto ]] && format=current
  wait_quiet
  echo "harrier (pass $1): crawling $base/ ($format profile) ..." >&2
  run_harrier "$format" "$dir" || rc=$?
  if [[ $rc != 0 && "$profile_format" == auto ]] && grep -q 'bench.toml' "$dir/stderr.log"; then
    echo "harrier: harrierd refused bench-source.toml (a build from before issue 3's keys?):" >&2
    sed -n 1,5p "$dir/stderr.log" >&2
    format=legacy profile_format=legacy
    echo "harrier (pass $1): crawling $base/ (legacy profile) ..." >&2
    rc=0
    run_harrier legacy "$dir" || rc=$?
  fi
  if [[ $rc != 0 ]]; then
    echo "harrier: harrierd exited $rc; last lines of its log:" >&2
    tail -20 "$dir/stderr.log" >&2
    exit 1
  fi
  local db="$dir/state/harrier.db" kinds pages images inflight
  count() { "$py" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$db" "$1"; }
  kinds="SELECT COUNT(*) FROM capture c JOIN frontier f ON f.url = c.url AND f.kind"
  pages="$(count "$kinds IN ('listing', 'advert') WHERE c.http_status = 200")"
  images="$(count "$kinds = 'image' WHERE c.http_status = 200")"
  "$py" "$root/bench/check_truth.py" --truth "$truth" --harrier-db "$db" \
    --harrier-data "$dir/state/data" --label harrier --json "$dir/check.json" \
    >"$dir/check.txt" 2>&1 || incomplete=1
  cat "$dir/check.txt" >&2
  # The evidence files (~1.7 GB a pass) are not needed once checked.
  [[ -n "${KEEP_DATA:-}" ]] || rm -rf "$dir/state/data"
  inflight="$(sed -n 's/^max_in_flight = //p' "$dir/config/harrier.toml")"
  result "$dir" "Harrier ($(basename "$build"), $format profile, $workers workers, $connections per host, $inflight in flight)" "$pages" "$images"
}

# ---- Scrapy ------------------------------------------------------------------
scrapy_pass() {  # $1: pass number
  local dir="$run/scrapy-$1" rc=0 extra=() pages images
  mkdir -p "$dir"
  [[ "$scrapy_images" == requests ]] && extra=(-s 'ITEM_PIPELINES={}')
  wait_quiet
  echo "scrapy (pass $1): crawling $base/ (images: $scrapy_images) ..." >&2
  snap "$dir/before.txt"
  (cd "$dir" && SCRAPY_SETTINGS_MODULE=bench_settings PYTHONPATH="$root/bench/scrapy" \
    /usr/bin/time -v -o "$dir/time.txt" "$py" -m scrapy runspider \
      "$root/bench/scrapy/advert_spider.py" -a start_url="$base/" -a out="$dir" \
      -a profile="$root/bench/harrier/bench-source.toml" -a images="$scrapy_images" \
      -s FILES_STORE="$dir/files" -s LOG_FILE="$dir/scrapy.log" \
      -O "$dir/items.jsonl:jsonlines" "${extra[@]}") || rc=$?
  snap "$dir/after.txt"
  if [[ $rc != 0 ]]; then
    echo "scrapy exited $rc; last lines of its log:" >&2
    tail -20 "$dir/scrapy.log" >&2
    exit 1
  fi
  stat_of() { "$py" -c 'import json, sys
s = json.load(open(sys.argv[1]))
print(sum(int(s.get(k, 0)) for k in sys.argv[2:]))' "$dir/stats.json" "$@"; }
  pages="$(stat_of bench/listing_pages bench/advert_pages)"
  if [[ "$scrapy_images" == requests ]]; then
    images="$(stat_of bench/images)"
  else
    images="$(stat_of file_status_count/downloaded)"
  fi
  "$py" "$root/bench/check_truth.py" --truth "$truth" --scrapy-dir "$dir" --label scrapy \
    --json "$dir/check.json" >"$dir/check.txt" 2>&1 || incomplete=1
  cat "$dir/check.txt" >&2
  result "$dir" "Scrapy $("$py" -c 'import scrapy; print(scrapy.__version__)') (images: $scrapy_images, 16 per host)" "$pages" "$images"
  # Scrapy's copies of the images are not needed once checked (~0.8 GB).
  [[ -n "${KEEP_DATA:-}" ]] || rm -rf "$dir/files"
}

incomplete=0
for ((pass = 1; pass <= repeat; pass++)); do
  [[ "$only" != scrapy ]] && harrier_pass "$pass"
  [[ "$only" != harrier ]] && scrapy_pass "$pass"
done

# ---- The table -----------------------------------------------------------------
{
  echo
  echo "Site: $name ($("$py" -c 'import json, sys
c = json.load(open(sys.argv[1]))["counts"]
print("{adverts} adverts, {listing_pages} listing pages, {image_urls} image URLs "
      "({distinct_images} distinct, {image_refs} on adverts), {phones} distinct phones".format(**c))' \
      "$truth")), $base; $repeat pass(es), Harrier then Scrapy in each"
  echo
  "$py" - "$run" <<'PY'
import glob, json, os, statistics, sys
run = sys.argv[1]
rows = {"harrier": [], "scrapy": []}
print("| crawler | pass | pages | images | wall s | pages/s | images/s | CPU s (user+sys) "
      "| pages per CPU s | peak RSS MiB | nginx CPU s | others' CPU s | ground truth |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for tool in ("harrier", "scrapy"):
    for d in sorted(glob.glob(os.path.join(run, tool + "-*")),
                    key=lambda d: int(d.rsplit("-", 1)[1])):
        if not os.path.exists(os.path.join(d, "result.txt")):
            continue
        p, i, w, c, r, ng, other = map(float, open(os.path.join(d, "result.txt")).read().split())
        name = open(os.path.join(d, "name.txt")).read().strip()
        s = json.load(open(os.path.join(d, "check.json")))
        verdict = "{} ({}/{} adverts, {}/{} phones +{} extra, {}/{} image URLs)".format(
            "complete" if s["complete"] else "INCOMPLETE", s["adverts"], s["adverts_want"],
            s["phones"], s["phones_want"], s["extra_phones"], s["image_urls"],
            s["image_urls_want"])
        rows[tool].append({"pps": p / w, "ips": i / w, "cpu": c, "rss": r})
        print(f"| {name} | {d.rsplit('-', 1)[1]} | {p:.0f} | {i:.0f} | {w:.1f} | {p / w:.0f} "
              f"| {i / w:.0f} | {c:.1f} | {p / c:.0f} | {r:.0f} | {ng:.1f} | {other:.1f} "
              f"| {verdict} |")
if rows["harrier"] and rows["scrapy"]:
    med = {t: {k: statistics.median(x[k] for x in rows[t]) for k in rows[t][0]} for t in rows}
    h, s = med["harrier"], med["scrapy"]
    pr, rr = h["pps"] / s["pps"], h["rss"] / s["rss"]
    print(f"\nHarrier/Scrapy (medians over the passes): pages/s {pr:.2f}x, "
          f"images/s {h['ips'] / s['ips']:.2f}x, CPU s {h['cpu'] / s['cpu']:.2f}x, "
          f"peak RSS {rr:.2f}x (target: pages/s >= 3x {'met' if pr >= 3 else 'NOT met'}, "
          f"RSS <= 1x {'met' if rr <= 1 else 'NOT met'})")
PY
  echo "load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$run/table.md"

[[ "$incomplete" == 0 ]] || {
  echo "INCOMPLETE: a crawler did not store the whole site (see $run/*/check.txt)" >&2
  exit 1
}
