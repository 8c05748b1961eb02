#!/usr/bin/env bash
# The main job, end to end: builds Inflow, starts the sandbox (fakes of Airtable, Mindbody, Toast and Gmail)
# and the server on an embedded PostgreSQL (fresh data folder), creates a connection per source with curl,
# imports them all, imports Airtable a second time (nothing changes), prints each one's stats, and stops.
#
#   bash scripts/demo.sh [--keep]
#
# Everything goes into a temporary folder (logs, and the embedded PostgreSQL: about 470 MB after the imports),
# removed when the demo ends; --keep keeps it and prints where it is.
# Ports can be changed with INFLOW_PORT, INFLOW_ADMIN_PORT and SANDBOX_PORT; SKIP_BUILD=1 reuses the jars.
# The server gets a fresh random admin API key (or INFLOW_ADMIN_KEY when set), which every call below sends.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: bash scripts/demo.sh [--keep]   (--keep: keep the demo's folder of logs and data)"; }
keep=0
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "demo.sh: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

INFLOW_PORT=${INFLOW_PORT:-8080}
INFLOW_ADMIN_PORT=${INFLOW_ADMIN_PORT:-8081}
SANDBOX_PORT=${SANDBOX_PORT:-9090}
WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/inflow-demo.XXXXXX")
API="http://localhost:${INFLOW_PORT}/api/v1"
SANDBOX="http://localhost:${SANDBOX_PORT}"
INFLOW_ADMIN_KEY=${INFLOW_ADMIN_KEY:-inflow_demo_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}
export INFLOW_ADMIN_KEY
server_pid=""
sandbox_pid=""
reported_pid=""

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nDEMO FAILED: %s\n' "$*" >&2; exit 1; }

stop() { # pid: SIGTERM, then wait for it to end
  if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}

finish() {
  local status=$?
  trap - EXIT INT TERM
  if [[ $status -ne 0 && -n "$server_pid" && "$server_pid" != "$reported_pid" ]] && ! kill -0 "$server_pid" 2>/dev/null; then
    report_exit "the server" "$server_pid" "$WORK_DIR/server.log"
  fi
  # SIGTERM: the server finishes its shutdown (imports, plugins, pool, embedded PostgreSQL) before exiting
  stop "$server_pid"
  stop "$sandbox_pid"
  if [[ $keep == 1 ]]; then
    printf '\nKept the demo folder: %s (server.log, sandbox.log, data/)\n' "$WORK_DIR"
  else
    rm -rf "$WORK_DIR"
    [[ $status -eq 0 ]] || echo "(the logs went with the demo folder; bash scripts/demo.sh --keep keeps them)" >&2
  fi
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

report_exit() { # what, pid, log file: how a process that ended on its own ended, and the end of its log
  local status=0
  reported_pid=$2
  wait "$2" 2>/dev/null || status=$?
  echo "--- last lines of $3 ---" >&2
  tail -n 20 "$3" >&2 || true
  echo "--- $1 exited with status $status" >&2
}

inflow() { # curl against the Inflow API, with the admin key
  curl -fsS -H "Authorization: Bearer $INFLOW_ADMIN_KEY" "$@"
}

wait_for() { # url, what, log file, pid: until the url answers; fails at once when the process has ended
  for _ in $(seq 1 120); do
    if inflow --max-time 2 -o /dev/null "$1" 2>/dev/null; then return 0; fi
    if ! kill -0 "$4" 2>/dev/null; then
      report_exit "$2" "$4" "$3"
      fail "$2 ended before it answered at $1 (the end of its log above says why)"
    fi
    sleep 0.5
  done
  echo "--- last lines of $3 ---" >&2; tail -n 40 "$3" >&2 || true
  fail "$2 did not come up at $1 within 60 s"
}

json_field() { # body, field: the value of the first "field":value pair (a string or a number)
  grep -o "\"$2\":\"\{0,1\}[^\",}]*" <<<"$1" | head -n 1 | sed -E 's/^"[^"]*":"?//'
}

await_run() { # run id: prints the run once it succeeded, fails the demo if it did not
  local body status
  for _ in $(seq 1 900); do
    body=$(inflow "$API/imports/$1")
    status=$(json_field "$body" status)
    case "$status" in
      succeeded) printf '%s\n' "$body"; return 0 ;;
      failed|cancelled|interrupted) printf '%s\n' "$body" >&2; fail "run $1 ended $status" ;;
    esac
    sleep 1
  done
  fail "run $1 did not finish within 15 minutes"
}

import_and_wait() { # connection id, mode
  local run
  run=$(inflow -X POST -H 'Content-Type: application/json' \
        -d "{\"mode\":\"$2\",\"notes\":\"demo\"}" "$API/connections/$1/imports")
  await_run "$(json_field "$run" id)"
}

counts_of() { grep -o '"counts":{[^}]*}' <<<"$1"; }
timing_of() { echo "$(json_field "$1" durationSeconds) s, $(json_field "$1" recordsPerSecond) records/s"; }

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  say "Building Inflow (mvn -q -DskipTests package)"
  mvn -q -B -DskipTests package
fi

say "Starting the sandbox on port $SANDBOX_PORT (Airtable's real limit: 5 requests/second per base)"
java -jar sandbox/target/inflow-sandbox.jar --port "$SANDBOX_PORT" >"$WORK_DIR/sandbox.log" 2>&1 &
sandbox_pid=$!
wait_for "$SANDBOX/_sandbox/stats" "the sandbox" "$WORK_DIR/sandbox.log" "$sandbox_pid"

say "Starting the Inflow server on port $INFLOW_PORT with an embedded PostgreSQL in $WORK_DIR/data"
INFLOW_PORT=$INFLOW_PORT INFLOW_ADMIN_PORT=$INFLOW_ADMIN_PORT INFLOW_DATA_DIR="$WORK_DIR/data" \
  java -jar server/target/inflow-server.jar server config.yml >"$WORK_DIR/server.log" 2>&1 &
server_pid=$!
wait_for "$API/health" "the server" "$WORK_DIR/server.log" "$server_pid"
inflow "$API/plugins" | grep -o '"id":"[^"]*","version":"[^"]*","state":"[^"]*"' | sed 's/^/plugin: /'

say "Creating one connection per sandbox API, from the sandbox's ready-made bodies"
apis=$(curl -fsS "$SANDBOX/_sandbox/connections" | grep -o '"[a-z0-9-]*":{"plugin"' | sed -E 's/"([^"]*)".*/\1/')
declare -A connection_of
for api in $apis; do
  created=$(curl -fsS "$SANDBOX/_sandbox/connections/$api" \
    | inflow -X POST -H 'Content-Type: application/json' --data-binary @- "$API/connections")
  connection_of[$api]=$(json_field "$created" id)
  echo "connection ${connection_of[$api]}: $api"
done
airtable_id=${connection_of[airtable]:?the sandbox offers no airtable connection}

say "Full imports of every connection, side by side (Airtable: 201 pages at its real 5 requests/second)"
declare -A run_of
for api in $apis; do
  queued=$(inflow -X POST -H 'Content-Type: application/json' -d '{"mode":"full","notes":"demo"}' \
    "$API/connections/${connection_of[$api]}/imports")
  run_of[$api]=$(json_field "$queued" id)
done
for api in $apis; do
  run=$(await_run "${run_of[$api]}")
  printf '%-18s %s in %s\n' "$api" "$(counts_of "$run")" "$(timing_of "$run")"
  [[ "$api" == airtable ]] && first=$run
done

say "The same Airtable import again: nothing changed upstream, so every record is unchanged"
second=$(import_and_wait "$airtable_id" full)
echo "second import: $(counts_of "$second") in $(timing_of "$second")"

say "Airtable loses 77 records upstream (the sandbox deletes them); the next full import marks exactly those deleted"
curl -fsS -X POST -H 'Content-Type: application/json' -d '{"count":77}' "$SANDBOX/_sandbox/airtable/delete" >/dev/null
third=$(import_and_wait "$airtable_id" full)
echo "third import: $(counts_of "$third") in $(timing_of "$third")"

say "Each connection's stats (records per stream, the plugin's own figures)"
for api in $apis; do
  printf '%s: ' "$api"; inflow "$API/connections/${connection_of[$api]}/stats"; echo
done

say "Sandbox statistics"
curl -fsS "$SANDBOX/_sandbox/stats"; echo

[[ "$(json_field "$(counts_of "$first")" inserted)" == "20077" ]] || fail "expected 20077 inserted"
[[ "$(json_field "$(counts_of "$second")" unchanged)" == "20077" ]] || fail "expected 20077 unchanged"
[[ "$(json_field "$(counts_of "$third")" deleted)" == "77" ]] || fail "expected 77 deleted"
[[ "$(json_field "$(inflow "$API/connections/$airtable_id/stats")" Conversations)" == "20000" ]] \
  || fail "expected 20000 Conversations in the stats"
say "Done: every source imported; Airtable 20,077 records, then 20,077 unchanged, then 77 deleted (20,000 left). Shutting down."
