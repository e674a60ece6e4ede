#!/usr/bin/env bash
# Runs the whole test suite: domain tests, web tests against SQLite and against a throwaway PostgreSQL cluster,
# and browser tests. Installs missing prerequisites on Debian (PostgreSQL, Chromium) when running as root.
# Prints a last line "N passed, N failed" and exits non-zero on any failure.
# Under CI=true a missing prerequisite is a failure, never a skip.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

CONFIGURATION="${CONFIGURATION:-Release}"
PG_PORT="${OPENCCAS_TEST_PG_PORT:-55432}"
WORK="$(mktemp -d -t openccas-test-XXXXXX)"
PG_DIR="$WORK/pg"
PG_BIN=""
PG_STARTED=0
PASSED=0
FAILED=0
STATUS=0

log() { printf '==> %s\n' "$*" >&2; }

cleanup() {
  local rc=$?
  if [[ "$PG_STARTED" == 1 ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Runs a command as the postgres user when we are root (PostgreSQL refuses to run as root).
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && PG_BIN="$d"
  done
  if [[ -z "$PG_BIN" ]] && command -v initdb >/dev/null 2>&1; then PG_BIN="$(dirname "$(command -v initdb)")"; fi
  [[ -n "$PG_BIN" ]]
}

APT_UPDATED=0
apt_install() {
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    log "cannot install $* (not root or no apt-get)"
    return 1
  fi
  if [[ "$APT_UPDATED" == 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2
}

# ---- prerequisites ------------------------------------------------------------------------------------------
MISSING=()
if ! command -v dotnet >/dev/null 2>&1; then
  log "the .NET SDK is missing (see global.json)"
  exit 1
fi
if ! find_pg_bin; then MISSING+=(postgresql); fi
if [[ ! -x /usr/bin/chromium ]]; then MISSING+=(chromium); fi
if [[ ! -x /usr/bin/zbarimg ]]; then MISSING+=(zbar-tools); fi   # decodes the 2FA QR codes in the identity tests
if [[ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]]; then MISSING+=(fonts-dejavu-core); fi   # PDF documents embed it
if ((${#MISSING[@]} > 0)); then
  log "installing ${MISSING[*]}"
  apt_install "${MISSING[@]}" || true
fi
HAVE_PG=1
find_pg_bin || HAVE_PG=0
HAVE_CHROMIUM=1
[[ -x /usr/bin/chromium ]] || HAVE_CHROMIUM=0
if [[ "${CI:-}" == "true" ]]; then
  if [[ "$HAVE_PG" == 0 ]]; then log "PostgreSQL is missing and CI=true: failing"; exit 1; fi
  if [[ "$HAVE_CHROMIUM" == 0 ]]; then log "Chromium is missing and CI=true: failing"; exit 1; fi
  if [[ ! -x /usr/bin/zbarimg ]]; then log "zbar-tools is missing and CI=true: failing"; exit 1; fi
  if [[ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]]; then log "fonts-dejavu-core is missing and CI=true: failing"; exit 1; fi
fi

# ---- throwaway PostgreSQL cluster ---------------------------------------------------------------------------
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_pg() {
  mkdir -p "$PG_DIR"
  if [[ "$(id -u)" == 0 ]]; then chown -R postgres: "$WORK"; chmod 755 "$WORK"; fi
  while ! port_free "$PG_PORT"; do PG_PORT=$((PG_PORT + 1)); done
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  PG_STARTED=1
  log "$("$PG_BIN/postgres" --version) listening on 127.0.0.1:$PG_PORT (data in $PG_DIR)"
}

# ---- test runs ----------------------------------------------------------------------------------------------
# Runs one test project and adds its counts (from its TRX report) to the totals.
run_tests() {
  local name="$1" project="$2"
  shift 2
  local results="$WORK/results/$name"
  mkdir -p "$results"
  log "testing $name"
  local rc=0
  env "$@" dotnet test "$project" -c "$CONFIGURATION" --no-build --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=normal" --results-directory "$results" || rc=$?
  local trx="$results/$name.trx" passed=0 failed=0
  if [[ -f "$trx" ]]; then
    local counters
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
    passed="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    failed="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    local errors; errors="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
    local timeout; timeout="$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")"
    failed=$(( ${failed:-0} + ${errors:-0} + ${timeout:-0} ))
  fi
  passed="${passed:-0}"
  if [[ "$rc" != 0 && "$failed" == 0 ]]; then failed=1; log "$name: the test run failed ($rc) without a failed test: counted as one failure"; fi
  log "$name: $passed passed, $failed failed"
  PASSED=$((PASSED + passed))
  FAILED=$((FAILED + failed))
  if [[ "$rc" != 0 ]]; then STATUS=1; fi
}

log "building ($CONFIGURATION)"
if ! dotnet build OpenCcas.slnx -c "$CONFIGURATION" -nologo -v minimal; then
  echo "0 passed, 1 failed"
  exit 1
fi

run_tests domain tests/OpenCcas.Domain.Tests/OpenCcas.Domain.Tests.csproj CI="${CI:-}"
run_tests web-sqlite tests/OpenCcas.Web.Tests/OpenCcas.Web.Tests.csproj OPENCCAS_TEST_DB=Sqlite CI="${CI:-}"
run_tests identity tests/OpenCcas.Identity.Tests/OpenCcas.Identity.Tests.csproj CI="${CI:-}"

if [[ "$HAVE_PG" == 1 ]] && start_pg; then
  run_tests web-postgres tests/OpenCcas.Web.Tests/OpenCcas.Web.Tests.csproj OPENCCAS_TEST_DB=Postgres \
    OPENCCAS_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres" CI="${CI:-}"
elif [[ "${CI:-}" == "true" || "$HAVE_PG" == 1 ]]; then
  log "PostgreSQL could not be started: the web tests did not run against PostgreSQL"
  FAILED=$((FAILED + 1))
  STATUS=1
else
  log "WARNING: PostgreSQL is not installed: web tests against PostgreSQL skipped (this is a failure under CI=true)"
fi

if [[ "$HAVE_CHROMIUM" == 1 || "${CI:-}" == "true" ]]; then
  run_tests browser tests/OpenCcas.Browser.Tests/OpenCcas.Browser.Tests.csproj OPENCCAS_TEST_DB=Sqlite CI="${CI:-}"
else
  log "WARNING: Chromium is not installed: browser tests skipped (this is a failure under CI=true)"
fi

echo "$PASSED passed, $FAILED failed"
if [[ "$FAILED" != 0 ]]; then STATUS=1; fi
exit "$STATUS"
