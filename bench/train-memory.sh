#!/usr/bin/env bash
# Training's peak RSS and CPU at several sizes: `clickcast train` alone (the scale bench's tenant, LogisticRegression
# unless --family) on an embedded data folder, after `clickcast generate`, `ingest` and `sequences`.
#   bench/train-memory.sh [--clients 125000,500000] [--family LogisticRegression] [--work /tmp/train-memory]
# Prints one line per size: clients, bytes of Avro generated, GNU time's peak RSS and user+sys CPU of the train process.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=125000,500000; family=LogisticRegression; work=/tmp/train-memory
while (($#)); do
  case "$1" in
    --clients) clients=$2; shift 2 ;;
    --family) family=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release src/Clickcast.Cli -v quiet -nologo >/dev/null
cli="$PWD/artifacts/bin/Clickcast.Cli/release/Clickcast.Cli.dll"
for n in ${clients//,/ }; do
  folder="$work/$n"; data="$folder/data"
  rm -rf "$folder"; mkdir -p "$data/objects/tenants/bench/raw"
  dotnet "$cli" generate --clients "$n" --out "$folder/avro" >/dev/null
  cp -l "$folder"/avro/*.avro "$data/objects/tenants/bench/raw/"
  cat > "$data/tenant.json" <<JSON
{"id":"bench","ingest":{"urls":{"level":"Path","pathSegments":1}},
 "tasks":[{"id":"checkout-7d","attribute":"propensity_checkout_7d","target":{"urlPattern":"shop.example.com/checkout"},
 "labeling":{"horizon":"7.00:00:00"},"model":{"family":"$family"}}]}
JSON
  dotnet "$cli" --data "$data" tenants apply -f "$data/tenant.json" >/dev/null
  dotnet "$cli" --data "$data" ingest --tenant bench >/dev/null
  dotnet "$cli" --data "$data" sequences --tenant bench >/dev/null
  /usr/bin/time -f "%M %U %S" -o "$folder/time.txt" dotnet "$cli" --data "$data" train --tenant bench --out "$folder/model" >"$folder/train.log" 2>&1
  read -r kib user sys <"$folder/time.txt"
  avro_bytes=$(du -sb "$folder/avro" | cut -f1)
  printf '%s clients (%s bytes of Avro): train peak RSS %d MiB, CPU %.1f s, load %s\n' "$n" "$avro_bytes" $((kib / 1024)) "$(echo "$user + $sys" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
done
