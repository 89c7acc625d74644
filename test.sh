#!/usr/bin/env bash
# Runs every Clickcast test on a fresh Debian machine with the .NET SDK: installs what the tests need,
# starts the real services they talk to on 127.0.0.1, runs the suites, and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# shellcheck source=tests/services/services.sh
source tests/services/services.sh
services_install
services_start
trap services_stop EXIT

log=$(mktemp)
status=0
dotnet test --solution Clickcast.slnx -c Release 2>&1 | tee "$log" || status=$?

# Microsoft.Testing.Platform prints a summary per test assembly; add them up.
passed=$(awk '/^[[:space:]]*succeeded:/ {s += $2} END {print s + 0}' "$log")
failed=$(awk '/^[[:space:]]*failed:/ {s += $2} END {print s + 0}' "$log")
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1 # the build or a runner failed before any test could report
fi
rm -f "$log"
echo "$passed passed, $failed failed"
exit $status
