#!/usr/bin/env bash
# Collection benchmark (issue: end to end). Generates a synthetic advert site
# (default 5,000 adverts with 1-3 drawn images each), serves it with nginx on
# 127.0.0.1, and times one full `harrierd --until-first-pass` over it: pages/s,
# images/s, CPU seconds, peak RSS. Checks that everything in the site's
# ground truth was stored. Prints a Markdown row for docs/benchmarks.md.
#
# Usage: bench/run_collection_bench.sh [BUILD_DIR]   (make bench)
# Env:   ADVERTS=5000 TOWNS=40 PORT=18090 PER_HOST=8 WORKERS=2
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-build}"
[[ "$build" = /* ]] || build="$root/$build"
adverts="${ADVERTS:-5000}"
towns="${TOWNS:-40}"
port="${PORT:-18090}"
per_host="${PER_HOST:-8}"
workers="${WORKERS:-2}"
out="$root/bench/out"
site="$out/site-$adverts-p20"
truth="$out/site-$adverts-p20.truth.json"

mkdir -p "$out"
if [[ ! -f "$truth" ]]; then
  echo "generating $adverts adverts in $site ..." >&2
  python3 "$root/tests/fixtures/make_demo_site.py" --adverts "$adverts" --towns "$towns" \
    --image-size 320x240 --images-per-advert 1-3 --per-page 20 --seed 7 --out "$site" --truth "$truth"
fi

# nginx on loopback only, as the invoking user, everything under bench/out.
ngx="$out/nginx"
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
  }
}
CONF
nginx -t -q -c "$ngx/nginx.conf" -p "$ngx"
nginx -c "$ngx/nginx.conf" -p "$ngx" -g 'daemon on;'
trap 'nginx -c "$ngx/nginx.conf" -p "$ngx" -s stop 2>/dev/null || true' EXIT

# Config: the shipped defaults, one source pointed at the synthetic site; its
# [fetch] connections (per-source politeness, issue 3) follow PER_HOST too.
cfg="$out/config"
rm -rf "$cfg" "$out/state"
mkdir -p "$cfg/sources"
sed -e "s/^parse_workers = .*/parse_workers = $workers/" \
    -e "s/^per_host_connections = .*/per_host_connections = $per_host/" \
    -e "s/^log_level = .*/log_level = \"warn\"/" \
    "$root/config/harrier.toml" >"$cfg/harrier.toml"
sed -e "s#http://127.0.0.1:18089#http://127.0.0.1:$port#" -e 's/^name = .*/name = "bench"/' \
    -e 's/^max_requests_per_run = .*/max_requests_per_run = 1000000/' \
    -e 's/^max_depth = .*/max_depth = 1000/' \
    -e "s/^connections = .*/connections = $per_host/" \
    "$root/config/sources/demo.toml" >"$cfg/sources/bench.toml"

timing="$out/time.txt"
/usr/bin/time -v -o "$timing" "$build/daemon/harrierd" --config "$cfg/harrier.toml" \
  --state-dir "$out/state" --until-first-pass

db="$out/state/harrier.db"
field() { sed -n "s/^[[:space:]]*$1: //p" "$timing"; }
wall="$(field 'Elapsed (wall clock) time (h:mm:ss or m:ss)')"
secs="$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')"
user="$(field 'User time (seconds)')"
sys="$(field 'System time (seconds)')"
rss_kb="$(field 'Maximum resident set size (kbytes)')"
pages="$(sqlite3 "$db" "SELECT COUNT(*) FROM capture c JOIN frontier f ON f.url = c.url AND f.kind != 'image' WHERE c.http_status = 200")"
images="$(sqlite3 "$db" "SELECT COUNT(*) FROM capture c JOIN frontier f ON f.url = c.url AND f.kind = 'image' WHERE c.http_status = 200")"
docs="$(sqlite3 "$db" 'SELECT COUNT(*) FROM document')"
distinct_images="$(sqlite3 "$db" 'SELECT COUNT(*) FROM image')"
want_docs="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['counts']['adverts'])" "$truth")"
want_images="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['counts']['distinct_images'])" "$truth")"

echo
echo "adverts stored $docs / $want_docs, distinct images $distinct_images / $want_images"
[[ "$docs" == "$want_docs" && "$distinct_images" == "$want_images" ]] || {
  echo "INCOMPLETE: the pass did not store the whole site" >&2
  exit 1
}
awk -v p="$pages" -v i="$images" -v s="$secs" -v u="$user" -v y="$sys" -v r="$rss_kb" \
    -v a="$adverts" -v w="$workers" -v h="$per_host" 'BEGIN {
  printf "| %d adverts | %d pages | %d images | %.1f s | %.0f pages/s | %.0f images/s | %.1f CPU s | %.0f MiB peak RSS | workers %d, per-host %d |\n",
    a, p, i, s, p / s, i / s, u + y, r / 1024, w, h }'
