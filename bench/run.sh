#!/usr/bin/env bash
# Runs a benchmark on a fresh Debian machine with the .NET SDK: installs its peers, builds Release, runs it.
#   bench/run.sh data-plane [--sizes 1M,10M,20M] [--runs 3] [--ingest-only] [--build-output] [--write]
#   bench/run.sh torch [--sequences 12000] [--runs 3] [--write]     GRU throughput with the PyTorch peer
#   bench/run.sh torch-wait [--runs 3] [--spin 100000] [--write]    libtorch threads and OpenMP waiting, quiet vs busy
#   bench/run.sh pipeline [--clients 20000] [--runs 3] [--write]     demo end to end; incremental vs full run
#   bench/run.sh quality [--msnbc-users 200000] [--synthetic-clients 20000] [--only msnbc-k3,diginetica] [--write]   every family side by side
#   bench/run.sh pretrain [--msnbc-users 30000] [--seeds 1] [--pretrain-epochs 5] [--only msnbc-k3,diginetica] [--write]   GRU with and without contrastive pretraining
#   bench/run.sh scale [--events 10M,100M] [--workers 1,2] [--shards N] [--build-output] [--write]   generated events end to end through workers; the N-worker model
#   bench/run.sh ledgers [--records 100000] [--exports 365] [--batches 100] [--runs 3]   health and delivery-history reads over a long history
#   bench/run.sh realtime [--clients 20000] [--rate 500] [--seconds 20] [--write]   POST …/predict under autocannon and hey
# data-plane and scale time the CLI operators run: published for this machine's runtime (`dotnet publish -r RID`,
# start-up assemblies ReadyToRun) into their --work folder's cli/; --build-output times the plain build output instead.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
which="${1:?usage: bench/run.sh data-plane|torch [options]}"
shift

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
need=()
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
[[ -x /usr/bin/time ]] || need+=(time)
if ((${#need[@]})); then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi

case "$which" in
  data-plane)
    (cd bench/peers && npm ci --no-audit --no-fund --loglevel=error)
    dotnet build -c Release src/Clickcast.Cli -v quiet -nologo
    exec dotnet run --file bench/data-plane.cs -c Release -- "$@"
    ;;
  torch)
    # The peer: Debian's PyTorch. Without OpenBLAS it runs on the reference BLAS (BLAS_INFO=generic), about 15×
    # slower, which would be no fair peer at all; libopenblas0-pthread takes over libblas.so.3 when installed.
    if ! /usr/bin/python3 -c "import torch" >/dev/null 2>&1 || [[ ! -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ]]; then
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-torch libopenblas0-pthread
    fi
    exec dotnet run --file bench/torch-throughput.cs -c Release -- "$@"
    ;;
  torch-wait)
    exec dotnet run --file bench/torch-wait-policy.cs -c Release -- "$@"
    ;;
  pipeline)
    dotnet build -c Release src/Clickcast.Cli -v quiet -nologo
    exec dotnet run --file bench/pipeline.cs -c Release -- "$@"
    ;;
  realtime)
    if ! command -v hey >/dev/null 2>&1; then
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hey
    fi
    (cd bench/peers && npm ci --no-audit --no-fund --loglevel=error)
    dotnet build -c Release src/Clickcast.Cli -v quiet -nologo
    exec dotnet run --file bench/realtime.cs -c Release -- "$@"
    ;;
  scale)
    dotnet build -c Release src/Clickcast.Cli -v quiet -nologo
    exec dotnet run --file bench/scale.cs -c Release -- "$@"
    ;;
  quality)
    exec dotnet run --file bench/quality.cs -c Release -- "$@"
    ;;
  ledgers)
    exec dotnet run --file bench/ledgers.cs -c Release -- "$@"
    ;;
  pretrain)
    exec dotnet run --file bench/pretrain.cs -c Release -- "$@"
    ;;
  *)
    echo "unknown benchmark: $which" >&2
    exit 2
    ;;
esac
