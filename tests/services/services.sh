# Services the tests need, installed and started on loopback by test.sh. Sourced, not run.
#
# S3: @20minutes/s3rver (an S3-compatible server on npm that checks SigV4 signatures), started through
# s3-server.js, which corrects the few ways s3rver differs from S3. The tests find it through the
# CLICKCAST_TEST_S3_* variables exported by services_start; without them the S3 test fixture starts its own
# server from node_modules here, so `dotnet test` alone works after one `npm ci`.
#
# Chromium: Debian's chromium package (/usr/bin/chromium), driven by Playwright in the dashboard's browser test;
# Playwright's own browser downloads are never used.
#
# PostgreSQL: Debian's postgresql package; services_start runs a throwaway cluster in a temp folder on
# 127.0.0.1 (as the postgres user when run as root: PostgreSQL refuses root), creates database clickcast_tests
# and exports CLICKCAST_TEST_POSTGRES. The PostgreSQL tests fail without that variable.

_services_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

services_install() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "services: installing nodejs and npm with apt-get"
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm
  fi

  if [[ -z $(_services_postgres_bin) ]]; then
    echo "services: installing postgresql with apt-get"
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql
  fi

  if [[ ! -x /usr/bin/chromium ]]; then
    echo "services: installing chromium with apt-get (the dashboard's browser test)"
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
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

  _services_start_postgres
}

# The newest installed server's bin folder (initdb, pg_ctl are not on PATH on Debian), or nothing.
_services_postgres_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -n $bin && -x $bin/initdb && -x $bin/pg_ctl ]]; then echo "$bin"; fi
}

_services_start_postgres() {
  local bin
  bin=$(_services_postgres_bin)
  if [[ -z $bin ]]; then
    echo "services: PostgreSQL is not installed (run services_install)" >&2
    return 1
  fi

  # Its own folder, outside the root-only one above, so the postgres user can own it.
  _services_pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/clickcast-postgres.XXXXXX")
  _services_pg_as=()
  if [[ $(id -u) -eq 0 ]]; then
    if ! id -u postgres >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    chown postgres "$_services_pg_dir"
    _services_pg_as=(runuser -u postgres --)
  fi
  _services_pg_bin=$bin

  if ! "${_services_pg_as[@]}" "$bin/initdb" -D "$_services_pg_dir/data" -U clickcast -A trust -E UTF8 --no-locale --no-sync \
    >"$_services_pg_dir/initdb.log" 2>&1; then
    echo "services: initdb failed:" >&2
    cat "$_services_pg_dir/initdb.log" >&2
    return 1
  fi

  # A throwaway cluster: durability off for speed. PostgreSQL cannot take port 0, so ask the OS for a free
  # port and try again if another process takes it first.
  local port="" tries
  for ((tries = 0; tries < 5; tries++)); do
    port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
    if "${_services_pg_as[@]}" "$bin/pg_ctl" -D "$_services_pg_dir/data" -l "$_services_pg_dir/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$_services_pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null 2>&1; then
      _services_pg_started=1
      break
    fi
    port=""
  done
  if [[ -z $port ]]; then
    echo "services: PostgreSQL did not start:" >&2
    cat "$_services_pg_dir/postgres.log" >&2
    return 1
  fi

  "$bin/createdb" -h 127.0.0.1 -p "$port" -U clickcast clickcast_tests
  export CLICKCAST_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=clickcast;Database=clickcast_tests"
  echo "services: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

services_stop() {
  if [[ -n ${_services_pg_started:-} ]]; then
    "${_services_pg_as[@]}" "$_services_pg_bin/pg_ctl" -D "$_services_pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    _services_pg_started=""
  fi
  if [[ -n ${_services_pg_dir:-} ]]; then
    rm -rf "$_services_pg_dir"
    _services_pg_dir=""
  fi
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
