#!/usr/bin/env bash
# Runs the benchmarks and appends a dated table to bench/results/. Data stays under $DATA (not in the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-/tmp/kqlite-bench}; ROWS=${ROWS:-2000000}; DUCK_DIR=${DUCK_DIR:-$DATA/duck}
mkdir -p "$DATA/dne" "$DATA/duck" bench/results
[ -s "$DATA/dne/DeviceNetworkEvents.ndjson" ] || node bench/gen-network-events.mjs --rows "$ROWS" --out "$DATA/dne/DeviceNetworkEvents.ndjson" --iocdir "$DATA/dne" >/dev/null
[ -d "$DUCK_DIR/node_modules/@duckdb/node-api" ] || (cd "$DUCK_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --silent @duckdb/node-api)
out="bench/results/$(date -u +%Y-%m-%d)-$(hostname).md"
{
  echo "## $(date -u +%FT%TZ) $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, node $(node --version)"
  for q in count ip sweep; do
    echo "- kqlite $q: $(node bench/query-bench.mjs --data "$DATA/dne" --query $q)"
    echo "- duckdb $q: $(DUCK_DIR=$DUCK_DIR node bench/duck-bench.mjs --file "$DATA/dne/DeviceNetworkEvents.ndjson" --iocs "$DATA/dne" --query $q)"
  done
  if [ ! -s "$DATA/ws/sample-manifest.json" ]; then
    node bench/gen-iocs.mjs --count 10000 --out "$DATA/iocs-10k.csv"
    node bin/kqlite.js sample --out "$DATA/ws" --rows "$ROWS" --seed 11 --plant samples/intel/nanocore-writeup.txt
  fi
  /usr/bin/time -f '%e s wall, %M KiB peak RSS' -o "$DATA/hunt.time" node bin/kqlite.js hunt --intel samples/intel/nanocore-writeup.txt "$DATA/iocs-10k.csv" --data "$DATA/ws" --format json > "$DATA/hunt.json" || true
  echo "- kqlite hunt ($ROWS rows, 10,003 IOCs): $(cat "$DATA/hunt.time"); findings $(node -e "console.log(require('$DATA/hunt.json').findings.length)")"
} | tee -a "$out"
