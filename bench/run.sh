#!/usr/bin/env bash
# Inflow's benchmarks, in one command (a few minutes on 2 cores at the default scale):
#
#   bench/run.sh [--scale N] [--skip-build] [--profile] [--notes "text"]
#
#   --scale N      records of the generated Airtable table for the import figures (default 1000000)
#   --skip-build   reuse the jars instead of running mvn -q -B -DskipTests package
#   --profile      record JFR of the server and the sandbox during the imports (files named at the end)
#   --notes TEXT   a remark stored with the figures (e.g. "machine shared with another build")
#
# 1. Import throughput: a sandbox with Airtable's rate limits off serves N records; a fresh server (embedded
#    PostgreSQL, the four plugins of plugins/) imports them in full, again unchanged, and incrementally after 1%
#    changed, then in full again after 0.1% were deleted upstream (the reconcile step's time from the server's log,
#    the import's peak heap). The same rows are then loaded into a table shaped like `records` in the same PostgreSQL with COPY and
#    with a plain JDBC INSERT … ON CONFLICT loop (bench/ module, io.inflow.bench.LoadLimit): the physical limit.
# 2. Memory: peak heap (GC log) during the N-record import, and during a 100,000-record import on another fresh
#    server. The server runs with the JVM's default heap (a quarter of RAM), as `java -jar` in the README does.
# 3. Rate-limit saturation: a second sandbox with Airtable's real limits (5 requests/second per base) and its
#    default 20,077-record table: 201 requests; achieved requests/second ÷ 5 from the sandbox's request log.
# 4. API latency: wrk on loopback against GET /api/v1/imports/{id} and GET /api/v1/status while an import runs,
#    and Dropwizard's admin /ping in the same server.
# 5. Start-up: seconds from launching the server (fresh data folder: initdb, migrations, four plugins) to
#    GET /api/v1/health answering 200.
#
# Writes bench/results/<date>-<commit>.json, bench/results/latest.json and regenerates bench/results/README.md.
# Benchmarks never fail on a slow machine: the exit status is 0 when every figure was measured, whatever it is.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SCALE=1000000
SKIP_BUILD=0
PROFILE=0
NOTES=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) SCALE=$2; shift 2 ;;
    --scale=*) SCALE=${1#*=}; shift ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    --profile) PROFILE=1; shift ;;
    --notes) NOTES=$2; shift 2 ;;
    --notes=*) NOTES=${1#*=}; shift ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$SCALE" =~ ^[0-9]+$ && "$SCALE" -ge 1000 ]] || { echo "--scale must be a whole number ≥ 1000" >&2; exit 2; }

MEMORY_SCALE=100000
REAL_LIMIT_RPS=5
INCREMENTAL_SHARE=100   # 1 record in 100 changes before the incremental import
DELETED_SHARE=1000      # then 1 record in 1,000 is deleted upstream before a full import that reconciles
WRK_SECONDS=${WRK_SECONDS:-10}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-16}
REPRODUCE="bench/run.sh --scale $SCALE"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/inflow-bench.XXXXXX")
KEY="inflow_bench_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
AUTH="Authorization: Bearer $KEY"
BENCH_JAR=bench/target/inflow-bench.jar
pids=()

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nBENCHMARK FAILED: %s (work files in %s)\n' "$*" >&2; exit 1; }

stop_pid() { # SIGTERM and wait: the server stops its embedded PostgreSQL on the way out
  if kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
stop_all() { local pid; for pid in "${pids[@]}"; do stop_pid "$pid"; done; }
trap stop_all EXIT

free_port() { # a port nothing listens on
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.${2:-3}f\", $1 }"; }

json_field() { # body, field: the value of the first "field":value pair (a string or a number)
  grep -o "\"$2\":\"\{0,1\}[^\",}]*" <<<"$1" | head -n 1 | sed -E 's/^"[^"]*":"?//'
}

inflow() { curl -fsS -H "$AUTH" "$@"; }

wait_http() { # url, what, log, [curl args...]: waits until the url answers 2xx
  local url=$1 what=$2 log=$3; shift 3
  for _ in $(seq 1 1200); do
    if curl -fsS -o /dev/null "$@" "$url" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  tail -n 40 "$log" >&2 || true
  fail "$what did not come up at $url"
}

SANDBOX_URL=""
start_sandbox() { # name, sandbox flags...: starts a sandbox on a free port, sets SANDBOX_URL
  local name=$1 port; shift
  port=$(free_port)
  local jfr=()
  [[ "$PROFILE" == 1 ]] && jfr=("-XX:StartFlightRecording=filename=$WORK/$name.jfr,settings=profile")
  java "${jfr[@]}" -jar sandbox/target/inflow-sandbox.jar --port "$port" "$@" >"$WORK/$name.log" 2>&1 &
  pids+=($!)
  SANDBOX_URL="http://localhost:$port"
  wait_http "$SANDBOX_URL/_sandbox/health" "sandbox $name" "$WORK/$name.log"
}

API="" ADMIN="" SERVER_PID="" STARTUP_SECONDS="" DB_PORT=""
start_server() { # name: a server on a fresh data folder with a GC log; sets API, ADMIN, SERVER_PID, STARTUP_SECONDS, DB_PORT
  local name=$1 port admin_port start
  port=$(free_port); admin_port=$(free_port)
  local jfr=()
  [[ "$PROFILE" == 1 ]] && jfr=("-XX:StartFlightRecording=filename=$WORK/$name.jfr,settings=profile")
  start=$(now)
  INFLOW_ADMIN_KEY=$KEY INFLOW_PORT=$port INFLOW_ADMIN_PORT=$admin_port INFLOW_DATA_DIR="$WORK/$name-data" \
    INFLOW_PLUGINS_DIR="$ROOT/plugins" INFLOW_PLUGINS_WATCH=false \
    java "-Xlog:gc:file=$WORK/$name-gc.log:time" "${jfr[@]}" -jar server/target/inflow-server.jar server config.yml \
    >"$WORK/$name.log" 2>&1 &
  SERVER_PID=$!
  pids+=("$SERVER_PID")
  API="http://localhost:$port/api/v1"
  ADMIN="http://localhost:$admin_port"
  wait_http "$API/health" "server $name" "$WORK/$name.log" -H "$AUTH"
  STARTUP_SECONDS=$(calc "$(now) - $start" 2)
  DB_PORT=$(grep -o 'Embedded PostgreSQL is up on port [0-9]*' "$WORK/$name.log" | grep -o '[0-9]*$' | head -n 1)
  local plugins
  plugins=$(inflow "$API/plugins" | grep -o '"state":"[A-Za-z_]*"' | sort | uniq -c | tr -s ' ' | tr '\n' ' ' || true)
  echo "server $name up in $STARTUP_SECONDS s; plugins by state: $plugins(PostgreSQL on port $DB_PORT)"
}

connect() { # sandbox url, name, extra config JSON (e.g. "requestsPerSecond":1000000,): prints the new connection's id
  local body
  body=$(curl -fsS "$1/_sandbox/connections/airtable" \
    | sed -e "s/\"tables\":/${3}\"tables\":/" -e "s/\"name\":\"[^\"]*\"/\"name\":\"$2\"/")
  json_field "$(inflow -X POST -H 'Content-Type: application/json' -d "$body" "$API/connections")" id
}

start_import() { # connection id, mode: prints the run's id
  json_field "$(inflow -X POST -H 'Content-Type: application/json' -d "{\"mode\":\"$2\",\"notes\":\"bench\"}" \
    "$API/connections/$1/imports?force=true")" id
}

await_run() { # run id: prints the finished run; fails the benchmark unless it succeeded
  local body status
  while :; do
    body=$(inflow "$API/imports/$1")
    status=$(json_field "$body" status)
    case "$status" in
      succeeded) printf '%s\n' "$body"; return 0 ;;
      failed|cancelled|interrupted) printf '%s\n' "$body" >&2; fail "run $1 ended $status" ;;
    esac
    sleep 0.2
  done
}

counts_of() { grep -o '"counts":{[^}]*}' <<<"$1"; }

cpu_ticks() { # pids...: their user + system CPU in clock ticks, children reaped included (0 for a pid gone)
  local pid total=0 fields
  for pid in "$@"; do
    if fields=$(cut -d')' -f2- "/proc/$pid/stat" 2>/dev/null); then
      total=$((total + $(awk '{ print $12 + $13 + $14 + $15 }' <<<"$fields")))
    fi
  done
  echo "$total"
}
postgres_pids() { # the embedded PostgreSQL on DB_PORT: its postmaster and every backend and helper process
  local postmaster
  postmaster=$(pgrep -f "bin/postgres .*-p $DB_PORT( |$)" | head -n 1)
  [[ -n "$postmaster" ]] && { echo "$postmaster"; pgrep -P "$postmaster"; }
}
CPU_MARK=()
cpu_mark() { CPU_MARK=("$(cpu_ticks "$SERVER_PID")" "$(cpu_ticks "$SANDBOX_SCALE_PID")" "$(cpu_ticks $(postgres_pids))" "$(now)"); }
CPU_SPLIT=""
cpu_split() { # records: sets CPU_SPLIT to the CPU microseconds per record of server, sandbox and PostgreSQL since cpu_mark
  local hz server sandbox postgres
  hz=$(getconf CLK_TCK)
  server=$(calc "($(cpu_ticks "$SERVER_PID") - ${CPU_MARK[0]}) * 1000000 / $hz / $1" 1)
  sandbox=$(calc "($(cpu_ticks "$SANDBOX_SCALE_PID") - ${CPU_MARK[1]}) * 1000000 / $hz / $1" 1)
  # backends that ended since the mark are not counted: the benchmark's imports keep their connections pooled
  postgres=$(calc "($(cpu_ticks $(postgres_pids)) - ${CPU_MARK[2]}) * 1000000 / $hz / $1" 1)
  CPU_SPLIT="{\"server\": $server, \"sandbox\": $sandbox, \"postgres\": $postgres}"
  echo "    CPU per record: server $server µs, sandbox $sandbox µs, PostgreSQL $postgres µs" \
    "(wall $(calc "($(now) - ${CPU_MARK[3]}) * 1000000 / $1" 1) µs per record, 2 cores: $(nproc) × that is the CPU there was)"
}

heap_of() { # gc log, run body: "<peak before MB> <peak after MB> <collections> <committed MB>" during the run
  java -cp "$BENCH_JAR" io.inflow.bench.GcPeak "$1" "$(json_field "$2" startedAt)" "$(json_field "$2" finishedAt)"
}

to_ms() { # a wrk latency such as 850.00us, 1.23ms, 1.02s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

WRK_RPS="" WRK_P50="" WRK_P99=""
run_wrk() { # name, url, [header]: sets WRK_RPS, WRK_P50, WRK_P99
  local name=$1 url=$2 out; out="$WORK/wrk-$(tr -c "a-zA-Z0-9\n" "_" <<<"$1").txt"
  local header=()
  [[ $# -ge 3 ]] && header=(-H "$3")
  wrk -t2 -c"$WRK_CONNECTIONS" -d2s "${header[@]}" "$url" >/dev/null   # warm-up: JIT and connection pools
  wrk -t2 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency "${header[@]}" "$url" >"$out"
  WRK_RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  WRK_P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  WRK_P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  local errors
  errors=$(grep -E 'Non-2xx|Socket errors' "$out" | tr -s ' ' | tr '\n' ';' || true)
  printf '%-22s %8s req/s  p50 %7s ms  p99 %7s ms %s\n' "$name" "$WRK_RPS" "$WRK_P50" "$WRK_P99" "$errors"
  echo "    reproduce: wrk -t2 -c$WRK_CONNECTIONS -d${WRK_SECONDS}s --latency ${3:+-H \"Authorization: Bearer \$KEY\"} $url"
}

# ---------------------------------------------------------------------------------------------------------------
if [[ "$SKIP_BUILD" != 1 ]]; then
  say "Building (mvn -q -B -DskipTests package)"
  mvn -q -B -DskipTests package
fi
for jar in server/target/inflow-server.jar sandbox/target/inflow-sandbox.jar "$BENCH_JAR"; do
  [[ -f "$jar" ]] || fail "$jar is missing: run without --skip-build"
done
HAVE_WRK=1
if ! command -v wrk >/dev/null; then
  HAVE_WRK=0
  echo "wrk is not installed: the API latency figures are skipped. Install it with: sudo apt-get install -y wrk" >&2
fi
echo "work files: $WORK"

# --- 2a. Memory at 100,000 records, on its own fresh server --------------------------------------------------
say "Memory: a ${MEMORY_SCALE}-record import on a fresh server (peak heap from its GC log)"
start_sandbox sandbox-100k --airtable-rps 0 --airtable-token-rps 0 --airtable-records "$MEMORY_SCALE"
sandbox_100k_pid=${pids[-1]}
start_server server-100k
server_100k_pid=$SERVER_PID
conn=$(connect "$SANDBOX_URL" bench-100k '"requestsPerSecond":1000000,')
run=$(await_run "$(start_import "$conn" full)")
read -r HEAP_100K LIVE_100K GCS_100K COMMITTED_100K <<<"$(heap_of "$WORK/server-100k-gc.log" "$run")"
echo "100k import: $(counts_of "$run") in $(json_field "$run" durationSeconds) s; peak heap $HEAP_100K MB" \
  "(live after GC ≤ $LIVE_100K MB, $GCS_100K collections, committed ≤ $COMMITTED_100K MB)"
stop_pid "$server_100k_pid"; stop_pid "$sandbox_100k_pid"

# --- 1, 5. Import throughput and start-up --------------------------------------------------------------------
say "Import throughput: $SCALE records, sandbox rate limits off"
start_sandbox sandbox-scale --airtable-rps 0 --airtable-token-rps 0 --airtable-records "$SCALE" \
  --airtable-iterator-ttl-seconds 3600
SANDBOX_SCALE=$SANDBOX_URL
SANDBOX_SCALE_PID=${pids[-1]}
start_sandbox sandbox-real   # Airtable's real limits and its default table
SANDBOX_REAL=$SANDBOX_URL
start_server server
STARTUP=$STARTUP_SECONDS
conn=$(connect "$SANDBOX_SCALE" bench-unlimited '"requestsPerSecond":1000000,')

cpu_mark
full=$(await_run "$(start_import "$conn" full)")
FULL_RPS=$(json_field "$full" recordsPerSecond)
read -r HEAP_SCALE LIVE_SCALE GCS_SCALE COMMITTED_SCALE <<<"$(heap_of "$WORK/server-gc.log" "$full")"
echo "full import:        $(counts_of "$full") in $(json_field "$full" durationSeconds) s = $FULL_RPS records/s"
[[ "$(json_field "$(counts_of "$full")" inserted)" == "$SCALE" ]] || fail "the full import did not insert $SCALE records"
cpu_split "$SCALE"; FULL_CPU=$CPU_SPLIT

cpu_mark
unchanged=$(await_run "$(start_import "$conn" full)")
UNCHANGED_RPS=$(json_field "$unchanged" recordsPerSecond)
echo "unchanged re-import: $(counts_of "$unchanged") in $(json_field "$unchanged" durationSeconds) s = $UNCHANGED_RPS records/s"
[[ "$(json_field "$(counts_of "$unchanged")" unchanged)" == "$SCALE" ]] || fail "the re-import did not find $SCALE unchanged"
cpu_split "$SCALE"; UNCHANGED_CPU=$CPU_SPLIT

changes=$((SCALE / INCREMENTAL_SHARE))
curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -d "{\"count\":$changes}" \
  "$SANDBOX_SCALE/_sandbox/airtable/modify"
incremental=$(await_run "$(start_import "$conn" incremental)")
INCREMENTAL_SECONDS=$(json_field "$incremental" durationSeconds)
echo "incremental import after $changes changes: $(counts_of "$incremental") in $INCREMENTAL_SECONDS s"
[[ "$(json_field "$(counts_of "$incremental")" updated)" == "$changes" ]] || fail "the incremental import did not update $changes records"

deletions=$((SCALE / DELETED_SHARE))
curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -d "{\"count\":$deletions}" \
  "$SANDBOX_SCALE/_sandbox/airtable/delete"
reconciling=$(await_run "$(start_import "$conn" full)")
RECONCILING_RPS=$(json_field "$reconciling" recordsPerSecond)
read -r HEAP_RECONCILE _ _ _ <<<"$(heap_of "$WORK/server-gc.log" "$reconciling")"
reconciled=$(grep "Run $(json_field "$reconciling" id) reconciled stream" "$WORK/server.log" | tail -n 1)
RECONCILE_SECONDS=$(calc "$(grep -o 'in [0-9]* ms' <<<"$reconciled" | grep -o '[0-9]*') / 1000" 3)
echo "full import after $deletions deletions upstream: $(counts_of "$reconciling") in" \
  "$(json_field "$reconciling" durationSeconds) s = $RECONCILING_RPS records/s; reconcile $RECONCILE_SECONDS s;" \
  "peak heap $HEAP_RECONCILE MB"
[[ "$(json_field "$(counts_of "$reconciling")" deleted)" == "$deletions" ]] || fail "the full import did not delete $deletions records"

say "The physical limit: the same rows into a table like records, in the same PostgreSQL"
LOAD_CMD="java -cp $BENCH_JAR io.inflow.bench.LoadLimit jdbc:postgresql://localhost:$DB_PORT/inflow postgres $conn $WORK $WORK/limit.json"
$LOAD_CMD
limit=$(tr -d ' \n' <"$WORK/limit.json")
COPY_RPS=$(json_field "$limit" copy_limit_records_per_second)
COPY_PAGE_RPS=$(json_field "$limit" copy_per_page_records_per_second)
INSERT_RPS=$(json_field "$limit" insert_limit_records_per_second)
INSERT_BATCH=$(json_field "$limit" insert_limit_batch)
INSERT_PAGE_RPS=$(json_field "$limit" insert_per_page_records_per_second)

# --- 3. Rate-limit saturation --------------------------------------------------------------------------------
say "Rate-limit saturation: Airtable's real $REAL_LIMIT_RPS requests/second, its default 20,077 records"
real_conn=$(connect "$SANDBOX_REAL" bench-real-limits '')
limited=$(await_run "$(start_import "$real_conn" full)")
requests=$(curl -fsS "$SANDBOX_REAL/_sandbox/requests?api=airtable" | grep -o '"at":"[^"]*"' | cut -d'"' -f4)
REQUESTS=$(wc -l <<<"$requests")
first=$(date -d "$(head -n 1 <<<"$requests")" +%s.%N)
last=$(date -d "$(tail -n 1 <<<"$requests")" +%s.%N)
ACHIEVED_RPS=$(calc "($REQUESTS - 1) / ($last - $first)" 3)
SATURATION=$(calc "$ACHIEVED_RPS / $REAL_LIMIT_RPS" 3)
stats=$(curl -fsS "$SANDBOX_REAL/_sandbox/stats")
airtable_stats=$(grep -o '"airtable":{"requests":[0-9]*,"violations":[0-9]*' <<<"$stats")
answered_429=$(grep -o '"http429":[0-9]*' <<<"$stats" | head -n 1 | cut -d: -f2)
VIOLATIONS=$(( $(json_field "$airtable_stats" violations) + answered_429 ))
echo "$REQUESTS requests from $(head -n 1 <<<"$requests") to $(tail -n 1 <<<"$requests"):" \
  "$ACHIEVED_RPS requests/s (intervals ÷ span), saturation $SATURATION, violations + 429s $VIOLATIONS;" \
  "run: $(counts_of "$limited") in $(json_field "$limited" durationSeconds) s"

# --- 4. API latency while an import runs ---------------------------------------------------------------------
API_RPS="" API_P50="" API_P99="" STATUS_RPS="" STATUS_P50="" STATUS_P99="" PING_RPS="" PING_P50="" PING_P99=""
if [[ "$HAVE_WRK" == 1 ]]; then
  say "API latency with wrk ($WRK_CONNECTIONS connections, ${WRK_SECONDS}s each) while an import runs"
  running=$(start_import "$real_conn" full)   # 201 pages at 5 requests/second: about 40 s
  while [[ "$(json_field "$(inflow "$API/imports/$running")" status)" == queued ]]; do sleep 0.2; done
  run_wrk "GET /imports/{id}" "$API/imports/$running" "$AUTH"; API_RPS=$WRK_RPS API_P50=$WRK_P50 API_P99=$WRK_P99
  run_wrk "GET /status" "$API/status" "$AUTH"; STATUS_RPS=$WRK_RPS STATUS_P50=$WRK_P50 STATUS_P99=$WRK_P99
  run_wrk "admin GET /ping" "$ADMIN/ping"; PING_RPS=$WRK_RPS PING_P50=$WRK_P50 PING_P99=$WRK_P99
  still=$(json_field "$(inflow "$API/imports/$running")" status)
  echo "the import was $still at the end of the measurements"
  inflow -o /dev/null -X POST "$API/imports/$running/cancel" || true
fi

# --- results -------------------------------------------------------------------------------------------------
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n "$(git status --porcelain 2>/dev/null | grep -v '^?? bench/results/' || true)" ]] && COMMIT="$COMMIT-dirty"
STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
RESULT="bench/results/$STAMP-$COMMIT.json"
MACHINE="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -n 1 | tr -d '"')"
num() { [[ -n "$1" ]] && echo "$1" || echo null; }
ratio() { [[ -n "$1" && -n "$2" ]] && calc "$1 / $2" 3 || echo null; }
FULL_COPY_RATIO=$(ratio "$FULL_RPS" "$COPY_RPS")
FULL_INSERT_RATIO=$(ratio "$FULL_RPS" "$INSERT_RPS")
UNCHANGED_COPY_RATIO=$(ratio "$UNCHANGED_RPS" "$COPY_RPS")
API_PING_RATIO=$(ratio "$API_P99" "$PING_P99")
mkdir -p bench/results
cat >"$RESULT" <<EOF
{
  "import_full_records_per_second": $FULL_RPS,
  "import_unchanged_records_per_second": $UNCHANGED_RPS,
  "import_incremental_seconds": $INCREMENTAL_SECONDS,
  "reconcile_seconds": $RECONCILE_SECONDS,
  "import_reconciling_records_per_second": $RECONCILING_RPS,
  "reconcile_deleted_records": $deletions,
  "peak_heap_mb_reconcile": $HEAP_RECONCILE,
  "copy_limit_records_per_second": $COPY_RPS,
  "insert_limit_records_per_second": $INSERT_RPS,
  "peak_heap_mb_100k": $HEAP_100K,
  "peak_heap_mb_1m": $HEAP_SCALE,
  "ratelimit_saturation": $SATURATION,
  "ratelimit_violations": $VIOLATIONS,
  "api_requests_per_second": $(num "$API_RPS"),
  "api_p99_ms": $(num "$API_P99"),
  "ping_p99_ms": $(num "$PING_P99"),
  "startup_seconds": $STARTUP,
  "scale": $SCALE,
  "import_incremental_records": $changes,
  "import_full_ratio_to_copy": $FULL_COPY_RATIO,
  "import_full_ratio_to_insert": $FULL_INSERT_RATIO,
  "import_unchanged_ratio_to_copy": $UNCHANGED_COPY_RATIO,
  "api_p99_ratio_to_ping": $API_PING_RATIO,
  "cpu_us_per_record_full": $FULL_CPU,
  "cpu_us_per_record_unchanged": $UNCHANGED_CPU,
  "copy_per_page_records_per_second": $COPY_PAGE_RPS,
  "insert_limit_batch": $INSERT_BATCH,
  "insert_per_page_records_per_second": $INSERT_PAGE_RPS,
  "live_heap_mb_100k": $LIVE_100K,
  "live_heap_mb_1m": $LIVE_SCALE,
  "ratelimit_requests": $REQUESTS,
  "ratelimit_requests_per_second": $ACHIEVED_RPS,
  "api_p50_ms": $(num "$API_P50"),
  "status_requests_per_second": $(num "$STATUS_RPS"),
  "status_p50_ms": $(num "$STATUS_P50"),
  "status_p99_ms": $(num "$STATUS_P99"),
  "ping_requests_per_second": $(num "$PING_RPS"),
  "ping_p50_ms": $(num "$PING_P50"),
  "commit": "$COMMIT",
  "machine": "$MACHINE",
  "command": "$REPRODUCE",
  "notes": "$(sed 's/["\\]/\\&/g' <<<"$NOTES")"
}
EOF
cp "$RESULT" bench/results/latest.json
java -cp "$BENCH_JAR" io.inflow.bench.ResultsTable bench/results

verdict() { # value, comparison (ge|le), target
  [[ -z "$1" || "$1" == null ]] && { echo "n/a "; return; }
  if awk -v v="$1" -v t="$3" -v c="$2" 'BEGIN { exit !((c == "ge" && v >= t) || (c == "le" && v <= t)) }'; then
    echo "PASS"; else echo "MISS"; fi
}
line() { printf '%-44s %14s  %-14s %s\n' "$1" "$2" "$3" "$4"; }
say "Figures ($SCALE records; $MACHINE)${NOTES:+; $NOTES}"
line "figure" "value" "target" ""
line "full import, records/s" "$FULL_RPS" "≥ 20000" "$(verdict "$FULL_RPS" ge 20000)"
line "full import ÷ COPY limit ($COPY_RPS/s)" "$FULL_COPY_RATIO" "≥ 0.5" "$(verdict "$FULL_COPY_RATIO" ge 0.5)"
line "full import ÷ INSERT limit ($INSERT_RPS/s)" "$FULL_INSERT_RATIO" "" ""
line "  COPY, 100 rows per transaction, records/s" "$COPY_PAGE_RPS" "" ""
line "  INSERT, 100 rows per transaction, rec/s" "$INSERT_PAGE_RPS" "" ""
line "unchanged re-import, records/s" "$UNCHANGED_RPS" "≥ 50000" "$(verdict "$UNCHANGED_RPS" ge 50000)"
line "unchanged re-import ÷ COPY limit" "$UNCHANGED_COPY_RATIO" "≥ 0.7" "$(verdict "$UNCHANGED_COPY_RATIO" ge 0.7)"
line "incremental import after 1% changed, s" "$INCREMENTAL_SECONDS" "" ""
line "reconcile after $deletions deletions, s" "$RECONCILE_SECONDS" "" ""
line "  that full import, records/s | peak heap MB" "$RECONCILING_RPS | $HEAP_RECONCILE" "≤ 256 MB" "$(verdict "$HEAP_RECONCILE" le 256)"
line "peak heap, 100k import, MB" "$HEAP_100K" "≤ 256" "$(verdict "$HEAP_100K" le 256)"
line "peak heap, $SCALE import, MB" "$HEAP_SCALE" "≤ 256" "$(verdict "$HEAP_SCALE" le 256)"
line "rate-limit saturation" "$SATURATION" "≥ 0.95" "$(verdict "$SATURATION" ge 0.95)"
line "rate-limit violations and 429s" "$VIOLATIONS" "0" "$(verdict "$VIOLATIONS" le 0)"
line "GET /imports/{id}, requests/s" "$(num "$API_RPS")" "≥ 2000" "$(verdict "$API_RPS" ge 2000)"
line "GET /imports/{id}, p99 ms" "$(num "$API_P99")" "≤ 10" "$(verdict "$API_P99" le 10)"
line "GET /status, requests/s | p99 ms" "$(num "$STATUS_RPS") | $(num "$STATUS_P99")" "≤ 10 ms" "$(verdict "$STATUS_P99" le 10)"
line "admin /ping, requests/s | p99 ms" "$(num "$PING_RPS") | $(num "$PING_P99")" "" ""
line "GET /imports/{id} p99 ÷ /ping p99" "$(num "$API_PING_RATIO")" "≤ 2" "$(verdict "$API_PING_RATIO" le 2)"
line "start-up to healthy, s" "$STARTUP" "" ""
echo
echo "reproduce: $REPRODUCE --skip-build   (the physical limit alone: $LOAD_CMD, on a running server)"
echo "results:   $RESULT (copied to bench/results/latest.json; table in bench/results/README.md)"
[[ "$PROFILE" == 1 ]] && echo "profiles:  $WORK/*.jfr (jfr print --events jdk.ExecutionSample FILE; jfr summary FILE)"
echo "logs:      $WORK"
