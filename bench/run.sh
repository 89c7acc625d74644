#!/usr/bin/env bash
# Runs a benchmark on a fresh Debian machine with the .NET SDK: installs its peers, builds Release, runs it.
#   bench/run.sh data-plane [--sizes 1M,10M,20M] [--runs 3] [--write]
#   bench/run.sh torch [...]
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
  *)
    echo "unknown benchmark: $which" >&2
    exit 2
    ;;
esac
