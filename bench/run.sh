#!/usr/bin/env bash
# OpenCCAS benchmarks: builds Release, starts a throwaway PostgreSQL cluster (127.0.0.1 only, trust auth, fsync ON),
# generates a database per provider, runs the audited-write benchmark (1 and 8 writers over 8 organisations, 8
# writers on one organisation) on SQLite and PostgreSQL, then the startup benchmark, and stops the cluster.
# Bounded: about 12 minutes on a 2-core machine (each audit-writes run warms up until the JIT is quiet, at most 60 s here, then measures one round); SECONDS_PER_RUN=10 adds ~1 min. Output goes to stdout and to bench/out/run-<date>.log.
#   SECONDS_PER_RUN=8  PEOPLE=5000  ORGS=8  HISTORY=3  SKIP_BUILD=1  bench/run.sh
# bench/run.sh reads — the read benchmarks of issue 3 instead (bench/README.md, "Reads"): for SQLite then PostgreSQL,
# one organisation of READ_PEOPLE people (200,000) with a year of activity (2,000,000 rows), then search,
# person-file and statistics through the app's HTTP API beside the raw SQL; then search-load at 8 clients on
# PostgreSQL with LOAD_PEOPLE people (10,000), in-process and with wrk (installed with apt-get when missing).
#   READ_PEOPLE=200000 LOAD_PEOPLE=10000 LOAD_SECONDS=10 SKIP_BUILD=1 bench/run.sh reads
set -euo pipefail
mode="${1:-writes}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
secs="${SECONDS_PER_RUN:-8}"
people="${PEOPLE:-5000}"
orgs="${ORGS:-8}"
history="${HISTORY:-3}"
pgbin="${PGBIN:-/usr/lib/postgresql/15/bin}"
mkdir -p "$here/out"
# One run at a time: two runs on the same machine would measure each other.
exec 9>/tmp/openccas-bench.lock
flock -n 9 || { echo "another bench/run.sh is running"; exit 1; }
log="$here/out/run-$(date -u +%Y%m%dT%H%M%SZ).log"
exec > >(tee "$log") 2>&1

work="$(mktemp -d /tmp/openccas-bench.XXXXXX)"
pgdata="$work/pg"
pgport=""
cleanup() {
  if [[ -n "$pgport" && -f "$pgdata/postmaster.pid" ]]; then
    su postgres -s /bin/sh -c "'$pgbin/pg_ctl' -D '$pgdata' -m fast -w stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== OpenCCAS bench $(date -u +%FT%TZ) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cd "$root"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "== build (Release)"
  timeout 600 dotnet build src/OpenCcas.Web -c Release -v q -nologo | tail -3
  timeout 600 dotnet build bench/OpenCcas.Bench -c Release -v q -nologo | tail -3
fi
bench=(timeout 120 dotnet "$root/bench/OpenCcas.Bench/bin/Release/net10.0/OpenCcas.Bench.dll")

echo "== PostgreSQL: throwaway cluster in $pgdata (fsync on, synchronous_commit on)"
[[ -x "$pgbin/initdb" ]] || { echo "PostgreSQL binaries not found in $pgbin (apt-get install -y postgresql)"; exit 1; }
mkdir -p "$pgdata" && chown postgres:postgres "$work" "$pgdata"
pgport="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
su postgres -s /bin/sh -c "'$pgbin/initdb' -D '$pgdata' -A trust -U postgres -E UTF8 --no-locale" >/dev/null
su postgres -s /bin/sh -c "'$pgbin/pg_ctl' -D '$pgdata' -w -l '$pgdata/server.log' -o \"-c listen_addresses=127.0.0.1 -p $pgport -c unix_socket_directories='$pgdata' -c max_connections=100 -c shared_buffers=256MB\" start" >/dev/null
"$pgbin/postgres" --version
pgcs="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=openccas_bench;Maximum Pool Size=40"
sqlitecs="Data Source=$work/sqlite/openccas.db"

echo "== load average before: $(cat /proc/loadavg)"
if [[ "$mode" == reads ]]; then
  read_people="${READ_PEOPLE:-200000}"
  load_people="${LOAD_PEOPLE:-10000}"
  load_seconds="${LOAD_SECONDS:-10}"
  web=(--project-dll "$root/src/OpenCcas.Web/bin/Release/net10.0/OpenCcas.Web.dll")
  long=(timeout 3600 dotnet "$root/bench/OpenCcas.Bench/bin/Release/net10.0/OpenCcas.Bench.dll")
  for provider in sqlite postgres; do
    cs="Data Source=$work/sqlite-reads/openccas.db"
    [[ $provider == postgres ]] && cs="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=openccas_reads;Maximum Pool Size=40"
    echo
    echo "== $provider: generate 1 organisation of $read_people people with a year of activity"
    "${long[@]}" generate --provider $provider --connection "$cs" --organisations 1 --people "$read_people" --history 0 --seed 2026 --token-file "$work/token-$provider.json"
    for cmd in search person-file statistics; do
      echo
      echo "== $provider: $cmd"
      "${long[@]}" $cmd --provider $provider --connection "$cs" --token-file "$work/token-$provider.json" "${web[@]}" || echo "(failed: see above)"
    done
  done
  command -v wrk >/dev/null || { echo "== installing wrk"; apt-get install -y wrk >/dev/null || echo "wrk could not be installed: in-process load only"; }
  cs="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=openccas_load;Maximum Pool Size=40"
  echo
  echo "== postgres: generate 1 organisation of $load_people people, then search-load at 8 clients for $load_seconds s"
  "${long[@]}" generate --provider postgres --connection "$cs" --organisations 1 --people "$load_people" --history 0 --seed 2027 --token-file "$work/token-load.json"
  wrkflag=(); command -v wrk >/dev/null && wrkflag=(--wrk)
  "${long[@]}" search-load --provider postgres --connection "$cs" --token-file "$work/token-load.json" --clients 8 --seconds "$load_seconds" "${wrkflag[@]}" "${web[@]}" || echo "(failed: see above)"
  echo
  echo "== summary"
  grep '^RESULT' "$log" || true
  echo "log: $log"
  exit 0
fi
for provider in sqlite postgres; do
  cs="$sqlitecs"; [[ $provider == postgres ]] && cs="$pgcs"
  echo
  echo "== $provider: generate $orgs organisations, $people people each (agents = people/25), $history history rounds"
  "${bench[@]}" generate --provider $provider --connection "$cs" --organisations "$orgs" --people "$people" --history "$history" --seed 2026
  for args in "--writers 1" "--writers 8" "--writers 8 --same-organisation"; do
    echo
    # One round and a bounded warm-up keep this overview short; `audit-writes --rounds 5` alone is the measurement.
    echo "== $provider: audit-writes $args --seconds $secs --rounds 1 --warm-up-max 60"
    timeout 240 dotnet "$root/bench/OpenCcas.Bench/bin/Release/net10.0/OpenCcas.Bench.dll" audit-writes --provider $provider \
      --connection "$cs" $args --seconds "$secs" --rounds 1 --warm-up-max 60
  done
done

echo
echo "== startup of the Release build (SQLite in a temporary directory, demo enabled)"
timeout 240 dotnet "$root/bench/OpenCcas.Bench/bin/Release/net10.0/OpenCcas.Bench.dll" startup \
  --project-dll "$root/src/OpenCcas.Web/bin/Release/net10.0/OpenCcas.Web.dll" --signins 10 --idle-seconds 10

echo
echo "== startup of the published application, as the README installs it (ReadyToRun)"
dotnet publish "$root/src/OpenCcas.Web" -c Release -r linux-x64 --self-contained false -o "$work/publish" -nologo -v quiet
timeout 240 dotnet "$root/bench/OpenCcas.Bench/bin/Release/net10.0/OpenCcas.Bench.dll" startup \
  --project-dll "$work/publish/OpenCcas.Web.dll" --repo-root "$work/publish" --signins 10 --idle-seconds 10

echo
echo "== summary"
grep '^RESULT' "$log" || true
echo "log: $log"
