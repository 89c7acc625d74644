#!/usr/bin/env bash
# Training's peak RSS and CPU at several sizes: `clickcast train` alone (the scale bench's tenant, LogisticRegression
# unless --family) on an embedded data folder, after `clickcast generate`, `ingest` and `sequences`.
#   bench/train-memory.sh [--clients 125000,500000] [--family LogisticRegression] [--memory-mib N] [--gru JSON] [--keep]
#                         [--cli path/to/Clickcast.Cli.dll] [--work /tmp/train-memory]
# --memory-mib sets model.trainingMemoryMiB (default: the task's default); --gru sets model.gru (e.g. '{"maxEpochs":1}':
# the GRU's peak comes in its first epoch and the scoring after it, so one epoch measures it in minutes); --keep reuses a size's data folder when its
# sequences are built (the same data for several runs); --cli trains with another build (before/after on one data set).
# Prints one line per size: clients, bytes of Avro generated, the clients read, GNU time's peak RSS and user+sys CPU of the train process.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=125000,500000; family=LogisticRegression; work=/tmp/train-memory; memory=; gru=; keep=0; cli=
while (($#)); do
  case "$1" in
    --clients) clients=$2; shift 2 ;;
    --family) family=$2; shift 2 ;;
    --memory-mib) memory=$2; shift 2 ;;
    --gru) gru=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --cli) cli=$(realpath "$2"); shift 2 ;;
    --work) work=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [[ -z $cli ]]; then
  dotnet build -c Release src/Clickcast.Cli -v quiet -nologo >/dev/null
  cli="$PWD/artifacts/bin/Clickcast.Cli/release/Clickcast.Cli.dll"
fi
model="\"family\":\"$family\"${memory:+,\"trainingMemoryMiB\":$memory}${gru:+,\"gru\":$gru}"
task="{\"id\":\"checkout-7d\",\"attribute\":\"propensity_checkout_7d\",\"target\":{\"urlPattern\":\"shop.example.com/checkout\"},
 \"labeling\":{\"horizon\":\"7.00:00:00\"},\"model\":{$model}}"
for n in ${clients//,/ }; do
  folder="$work/$n"; data="$folder/data"
  if ((keep == 0)) || [[ ! -f $folder/sequences.done ]]; then
    rm -rf "$folder"; mkdir -p "$data/objects/tenants/bench/raw"
    dotnet "$cli" generate --clients "$n" --out "$folder/avro" >/dev/null
    cp -l "$folder"/avro/*.avro "$data/objects/tenants/bench/raw/"
    printf '{"id":"bench","ingest":{"urls":{"level":"Path","pathSegments":1}},"tasks":[%s]}\n' "$task" >"$data/tenant.json"
    dotnet "$cli" --data "$data" tenants apply -f "$data/tenant.json" >/dev/null
    dotnet "$cli" --data "$data" ingest --tenant bench >/dev/null
    dotnet "$cli" --data "$data" sequences --tenant bench >/dev/null
    touch "$folder/sequences.done"
  fi
  printf '%s\n' "$task" >"$folder/task.json"
  rm -rf "$folder/model"
  /usr/bin/time -f "%M %U %S" -o "$folder/time.txt" dotnet "$cli" --data "$data" train --tenant bench --task-file "$folder/task.json" --out "$folder/model" >"$folder/train.log" 2>&1
  read -r kib user sys <"$folder/time.txt"
  avro_bytes=$(du -sb "$folder/avro" | cut -f1)
  read_clients=$(grep -o 'reading [0-9,]* of [0-9,]* clients' "$folder/train.log" || echo 'every client')
  printf '%s clients (%s bytes of Avro), %s, budget %s MiB: train peak RSS %d MiB, CPU %.1f s, load %s\n' "$n" "$avro_bytes" "$read_clients" "${memory:-default}" $((kib / 1024)) "$(echo "$user + $sys" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
done
