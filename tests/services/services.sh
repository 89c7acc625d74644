# Services the tests need, installed and started on loopback by test.sh. Sourced, not run.
#
# S3: @20minutes/s3rver (an S3-compatible server on npm that checks SigV4 signatures), started through
# s3-server.js, which corrects the few ways s3rver differs from S3. The tests find it through the
# CLICKCAST_TEST_S3_* variables exported by services_start; without them the S3 test fixture starts its own
# server from node_modules here, so `dotnet test` alone works after one `npm ci`.

_services_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

services_install() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "services: installing nodejs and npm with apt-get"
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm
  fi

  # npm ci reinstalls from scratch; skip it while node_modules matches the lock file (npm records what it
  # installed in node_modules/.package-lock.json).
  local installed="$_services_dir/node_modules/.package-lock.json"
  if [[ ! -f $installed || $_services_dir/package-lock.json -nt $installed ]]; then
    (cd "$_services_dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

services_start() {
  _services_tmp=$(mktemp -d "${TMPDIR:-/tmp}/clickcast-services.XXXXXX")
  # DES for s3rver's continuation tokens lives in OpenSSL 3's legacy provider (see s3-server.js).
  node --openssl-legacy-provider "$_services_dir/s3-server.js" --directory "$_services_tmp/s3" --port 0 \
    >"$_services_tmp/s3.log" 2>&1 &
  _services_s3_pid=$!

  local ready="S3 server listening on " line="" tries
  for ((tries = 0; tries < 300; tries++)); do # up to 30 s
    line=$(grep -m1 "^$ready" "$_services_tmp/s3.log" || true)
    if [[ -n $line ]] || ! kill -0 "$_services_s3_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  if [[ -z $line ]]; then
    echo "services: the S3 server did not start:" >&2
    cat "$_services_tmp/s3.log" >&2
    return 1
  fi

  export CLICKCAST_TEST_S3_ENDPOINT="${line#"$ready"}"
  export CLICKCAST_TEST_S3_ACCESS_KEY=S3RVER CLICKCAST_TEST_S3_SECRET_KEY=S3RVER CLICKCAST_TEST_S3_REGION=us-east-1
  echo "services: S3 (s3rver) on $CLICKCAST_TEST_S3_ENDPOINT"
}

services_stop() {
  if [[ -n ${_services_s3_pid:-} ]]; then
    kill "$_services_s3_pid" 2>/dev/null || true
    wait "$_services_s3_pid" 2>/dev/null || true
    _services_s3_pid=""
  fi
  if [[ -n ${_services_tmp:-} ]]; then
    rm -rf "$_services_tmp"
    _services_tmp=""
  fi
}
