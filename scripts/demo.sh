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
# DEMO_NO_RATE_LIMITS=1 switches the sandbox's rate limits off and lets each connection call 1,000 times a second:
# the same records and figures in a fraction of the time (for tests).
# The server gets a fresh random admin API key (or INFLOW_ADMIN_KEY when set), which every call below sends.
# What it prints is plain text (tables, no JSON, no terminal colour codes), so it reads the same in a log file.
set -euo pipefail
cd "$(dirname "$0")/.."
# the curl scripts' JSON reader and tables: bash, curl and POSIX awk, no jq
# shellcheck source=lib/inflow.sh
source scripts/lib/inflow.sh

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
ESC=$(printf '\033')
plain() { sed -e "s/${ESC}\\[[0-9;?]*[A-Za-z]//g" -e "s/${ESC}//g"; } # stdin without terminal escape sequences
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
  tail -n 20 "$3" | plain >&2 || true
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
  echo "--- last lines of $3 ---" >&2; tail -n 40 "$3" | plain >&2 || true
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

flat() { inflow_json <<<"$1"; } # a JSON body as "path<TAB>value" lines (scripts/lib/json.awk)

# an awk function for inflow_view programs: a number with thousands separators, decimals too (379478.40 -> 379,478.40)
FIGURE_AWK='
function figure(x,    point) {
  if (x !~ /^-?[0-9]+\.[0-9]+$/) return group(x)
  point = index(x, ".")
  return group(substr(x, 1, point - 1)) substr(x, point)
}'

run_row() { # label, run body: the run as a tab-separated row of run_table
  DEMO_LABEL=$1 inflow_view "$(flat "$2")" "$FIGURE_AWK"'
  END {
    row(ENVIRON["DEMO_LABEL"], v["id"], v["status"], group(v["counts.inserted"]), group(v["counts.updated"]),
        group(v["counts.unchanged"]), group(v["counts.failed"]), group(v["counts.deleted"]),
        duration(val("durationSeconds")), figure(val("recordsPerSecond")))
  }'
}

run_table() { # rows of run_row on stdin: the runs as a table
  { printf 'IMPORT\tRUN\tSTATUS\tINSERTED\tUPDATED\tUNCHANGED\tFAILED\tDELETED\tDURATION\tRECORDS/S\n'; cat; } | inflow_table
}

print_stats() { # label, stats body of GET /connections/{id}/stats: records per stream, quota, the plugin's figures
  local stats name
  stats=$(flat "$2")
  DEMO_LABEL=$1 inflow_view "$stats" 'END {
    print ENVIRON["DEMO_LABEL"] " (connection " v["connection"] ", plugin " v["plugin"] "), open dead letters: " \
          group(v["openDeadLetters"])
  }'
  inflow_view "$stats" '
  $1 ~ /^records\./ { streams[++count] = substr($1, 9) }
  END {
    row("STREAM", "RECORDS", "DELETED")
    for (n = 1; n <= count; n++)
      row(streams[n], group(v["records." streams[n]]), group(("deleted." streams[n]) in v ? v["deleted." streams[n]] : 0))
  }' | inflow_table | sed 's/^/  /'
  inflow_view "$stats" 'END {
    if (val("quota.dailyQuota") != "-")
      print "  daily quota: " group(v["quota.used"]) " of " group(v["quota.dailyQuota"]) " calls used since " \
            instant(v["quota.windowStart"]) ", " group(v["quota.remaining"]) " left"
  }'
  # the plugin's own figures: each a table of its rows, columns in the order the server gives them
  while IFS= read -r name; do
    DEMO_STAT=$name inflow_view "$stats" 'END {
      s = "stats." ENVIRON["DEMO_STAT"]
      print "  " ENVIRON["DEMO_STAT"] ": " val(s ".description")
      if (val(s ".error") != "-") print "    error: " v[s ".error"]
      else if (size(s ".rows") == 0) print "    no rows"
    }'
    DEMO_STAT=$name inflow_view "$stats" "$FIGURE_AWK"'
    BEGIN { rows = "stats." ENVIRON["DEMO_STAT"] ".rows[" }
    substr($1, 1, length(rows)) == rows {
      column = substr($1, index(substr($1, length(rows) + 1), "]") + length(rows) + 2)
      if (!(column in seen)) { seen[column] = 1; columns[++count] = column }
    }
    END {
      if (count == 0) exit
      for (c = 1; c <= count; c++) printf "%s%s", (c > 1 ? "\t" : ""), toupper(columns[c])
      print ""
      for (r = 0; r < size(substr(rows, 1, length(rows) - 1)); r++)
        for (c = 1; c <= count; c++)
          printf "%s%s", figure(val(rows r "]." columns[c])), (c < count ? "\t" : "\n")
    }' | inflow_table | sed 's/^/    /'
  done < <(inflow_view "$stats" '
    $1 ~ /^stats\./ && match($1, /\.(description|error|rows(\[[0-9]+\].*)?)$/) {
      name = substr($1, 7, RSTART - 7)
      if (!(name in seen)) { seen[name] = 1; print name }
    }')
}

print_sandbox_stats() { # GET /_sandbox/stats: requests and rate-limit violations per fake, the records it serves
  inflow_view "$(flat "$1")" '
  $1 ~ /^[^.]+\.requests$/ { apis[++count] = substr($1, 1, length($1) - 9) }
  $1 ~ /^[^.]+\.streams\./ {
    api = substr($1, 1, index($1, ".") - 1)
    records[api] = records[api] (records[api] == "" ? "" : ", ") substr($1, length(api) + 10) " " group($2)
  }
  END {
    row("API", "REQUESTS", "VIOLATIONS", "RECORDS")
    for (n = 1; n <= count; n++)
      row(apis[n], group(v[apis[n] ".requests"]), group(v[apis[n] ".violations"]), records[apis[n]])
  }' | inflow_table
}

rate_limits=1
[[ "${DEMO_NO_RATE_LIMITS:-0}" != "1" ]] || rate_limits=0

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  say "Building Inflow (mvn -q -B -DskipTests package)"
  # -B and style.color=never: no colours; plain: some Maven builds (Debian's 3.8) still write ESC[0m
  mvn -q -B --no-transfer-progress -Dstyle.color=never -DskipTests package 2>&1 | plain
fi

if [[ $rate_limits == 1 ]]; then
  say "Starting the sandbox on port $SANDBOX_PORT (Airtable's real limit: 5 requests/second per base)"
  sandbox_limits=()
else
  say "Starting the sandbox on port $SANDBOX_PORT with its rate limits off (DEMO_NO_RATE_LIMITS=1)"
  sandbox_limits=(--airtable-rps 0 --toast-rps 0 --mindbody-rps 0 --gmail-units-per-second 0)
fi
java -jar sandbox/target/inflow-sandbox.jar --port "$SANDBOX_PORT" "${sandbox_limits[@]}" >"$WORK_DIR/sandbox.log" 2>&1 &
sandbox_pid=$!
wait_for "$SANDBOX/_sandbox/stats" "the sandbox" "$WORK_DIR/sandbox.log" "$sandbox_pid"

say "Starting the Inflow server on port $INFLOW_PORT with an embedded PostgreSQL in $WORK_DIR/data"
INFLOW_PORT=$INFLOW_PORT INFLOW_ADMIN_PORT=$INFLOW_ADMIN_PORT INFLOW_DATA_DIR="$WORK_DIR/data" \
  java -jar server/target/inflow-server.jar server config.yml >"$WORK_DIR/server.log" 2>&1 &
server_pid=$!
wait_for "$API/health" "the server" "$WORK_DIR/server.log" "$server_pid"
inflow_view "$(flat "$(inflow "$API/plugins")")" '
END {
  row("PLUGIN", "VERSION", "STATE")
  for (i = 0; i < size(""); i++) row(v["[" i "].id"], v["[" i "].version"], v["[" i "].state"])
}' | inflow_table

say "Creating one connection per sandbox API, from the sandbox's ready-made bodies"
apis=$(curl -fsS "$SANDBOX/_sandbox/connections" | grep -o '"[a-z0-9-]*":{"plugin"' | sed -E 's/"([^"]*)".*/\1/')
declare -A connection_of
for api in $apis; do
  body=$(curl -fsS "$SANDBOX/_sandbox/connections/$api")
  # with the sandbox's limits off, the connection's own limit (HostSettings' requestsPerSecond) is raised too
  [[ $rate_limits == 1 ]] || body=$(sed 's/"config":{/"config":{"requestsPerSecond":1000,/' <<<"$body")
  created=$(inflow -X POST -H 'Content-Type: application/json' --data-binary @- "$API/connections" <<<"$body")
  connection_of[$api]=$(json_field "$created" id)
  echo "connection ${connection_of[$api]}: $api"
done
airtable_id=${connection_of[airtable]:?the sandbox offers no airtable connection}

if [[ $rate_limits == 1 ]]; then
  say "Full imports of every connection, side by side (Airtable: 201 pages at its real 5 requests/second)"
else
  say "Full imports of every connection, side by side"
fi
declare -A run_of
for api in $apis; do
  queued=$(inflow -X POST -H 'Content-Type: application/json' -d '{"mode":"full","notes":"demo"}' \
    "$API/connections/${connection_of[$api]}/imports")
  run_of[$api]=$(json_field "$queued" id)
done
rows=""
for api in $apis; do
  run=$(await_run "${run_of[$api]}")
  rows+=$(run_row "$api" "$run")$'\n'
  [[ "$api" == airtable ]] && first=$run
done
printf '%s' "$rows" | run_table

say "The same Airtable import again: nothing changed upstream, so every record is unchanged"
second=$(import_and_wait "$airtable_id" full)
run_row "airtable again" "$second" | run_table

say "Airtable loses 77 records upstream (the sandbox deletes them); the next full import marks exactly those deleted"
curl -fsS -X POST -H 'Content-Type: application/json' -d '{"count":77}' "$SANDBOX/_sandbox/airtable/delete" >/dev/null
third=$(import_and_wait "$airtable_id" full)
run_row "airtable, 77 gone" "$third" | run_table

say "Each connection's stats (records per stream, the plugin's own figures)"
for api in $apis; do
  echo
  print_stats "$api" "$(inflow "$API/connections/${connection_of[$api]}/stats")"
done

say "Sandbox statistics"
print_sandbox_stats "$(curl -fsS "$SANDBOX/_sandbox/stats")"

[[ "$(inflow_get "$(flat "$first")" counts.inserted)" == "20077" ]] || fail "expected 20077 inserted"
[[ "$(inflow_get "$(flat "$second")" counts.unchanged)" == "20077" ]] || fail "expected 20077 unchanged"
[[ "$(inflow_get "$(flat "$third")" counts.deleted)" == "77" ]] || fail "expected 77 deleted"
[[ "$(inflow_get "$(flat "$(inflow "$API/connections/$airtable_id/stats")")" records.Conversations)" == "20000" ]] \
  || fail "expected 20000 Conversations in the stats"
say "Done: every source imported; Airtable 20,077 records, then 20,077 unchanged, then 77 deleted (20,000 left). Shutting down."
