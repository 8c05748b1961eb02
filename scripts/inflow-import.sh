#!/usr/bin/env bash
# shellcheck disable=SC2016 # the awk programs are in single quotes on purpose
# Triggers an import of a connection (POST /api/v1/connections/{id}/imports) and, with --wait, follows it to the end.
set -euo pipefail
# shellcheck source=lib/inflow.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/inflow.sh"

usage() {
  cat <<'USAGE'
Usage: inflow-import.sh CONNECTION [--full] [--wait]

  CONNECTION   a connection's name or numeric id
  --full       read everything again (default: incremental, which reads everything the first time)
  --wait       follow the run with a progress line until it ends, then print its counts; the exit code is 0
               when it succeeded and 1 when it failed, was cancelled or was interrupted

Environment: INFLOW_URL (default http://localhost:8080), INFLOW_API_KEY.
USAGE
}

connection=""
mode=""
wait=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --full) mode=full ;;
    --wait) wait=1 ;;
    -*) inflow_usage_error "unknown option: $1" ;;
    *) [[ -z $connection ]] || inflow_usage_error "one connection expected, got '$connection' and '$1'"
       connection=$1 ;;
  esac
  shift
done
[[ -n $connection ]] || inflow_usage_error "the connection to import is required"

id=$(inflow_connection_id "$connection")
body='{}'
[[ -z $mode ]] || body="{\"mode\":\"$mode\"}"
run=$(inflow_call POST "/connections/$id/imports" "$body" | inflow_json)
run_id=$(inflow_get "$run" id)

INFLOW_NAME=$connection inflow_view "$run" 'END {
  print "import run " v["id"] " of connection " v["connection"] " (" ENVIRON["INFLOW_NAME"] "): " v["mode"] ", " v["status"] \
        " at " instant(v["createdAt"])
}'
[[ $wait == 1 ]] || exit 0

# One progress line from the run and, while it is active, its percent and ETA in GET /status.
progress_line() {
  inflow_view "$1"$'\n'"$2" '
  END {
    for (i = 0; i < size("status.inProgress"); i++) {
      if (v["status.inProgress[" i "].run.id"] == v["id"]) {
        percent = v["status.inProgress[" i "].percent"]
        eta = v["status.inProgress[" i "].etaSeconds"]
      }
    }
    records = v["counts.inserted"] + v["counts.updated"] + v["counts.unchanged"] + v["counts.failed"]
    line = "run " v["id"] " " v["status"]
    if (percent != "") {
      filled = int(percent / 5 + 0.5)
      bar = ""
      for (j = 0; j < 20; j++) bar = bar (j < filled ? "#" : ".")
      line = line " [" bar "] " sprintf("%5.1f%%", percent) (eta == "" ? "" : " ETA " duration(eta))
    }
    line = line "  " group(records) " records (" group(v["counts.inserted"]) " inserted, " \
           group(v["counts.updated"]) " updated, " group(v["counts.unchanged"]) " unchanged, " \
           group(v["counts.failed"]) " failed, " group(v["counts.deleted"]) " deleted)"
    if (v["status"] == "waiting") line = line ", waiting for the next day of quota"
    else if (val("waitingUntil") != "-") line = line ", waiting until " instant(v["waitingUntil"]) ": " v["waitingReason"]
    print line
  }'
}

on_terminal=0
[[ -t 1 ]] && on_terminal=1
trap 'printf "\nstopped waiting: run %s goes on (see inflow-history.sh)\n" "$run_id"; exit 130' INT

last_printed=0
while :; do
  run=$(inflow_call GET "/imports/$run_id" | inflow_json)
  state=$(inflow_get "$run" status)
  case "$state" in
    queued|running|waiting|cancelling) ;;
    *) break ;;
  esac
  live=$(inflow_call GET /status | inflow_json | sed 's/^/status./')
  line=$(progress_line "$run" "$live")
  if [[ $on_terminal == 1 ]]; then
    printf '\r%s\033[K' "$line"
  elif ((SECONDS - last_printed >= 5)) || [[ $last_printed == 0 ]]; then
    printf '%s\n' "$line"
    last_printed=$SECONDS
    ((last_printed > 0)) || last_printed=1
  fi
  sleep 1
done
[[ $on_terminal == 0 ]] || printf '\r\033[K'

inflow_view "$run" 'END {
  speed = v["recordsPerSecond"] == "" ? "" : ", " v["recordsPerSecond"] " records/s"
  print "run " v["id"] " " v["status"] " in " duration(val("durationSeconds")) speed
}'
echo
# one row per stream, in import order (the order of the flattened lines), then the totals
inflow_view "$run" '
$1 ~ /^streams\..*\.status$/ { streams[++count] = substr($1, 9, length($1) - 15) }
END {
  row("STREAM", "STATUS", "INSERTED", "UPDATED", "UNCHANGED", "FAILED", "DELETED")
  for (n = 1; n <= count; n++) {
    s = "streams." streams[n]
    row(streams[n], v[s ".status"], group(v[s ".inserted"]), group(v[s ".updated"]), group(v[s ".unchanged"]),
        group(v[s ".failed"]), group(v[s ".deleted"]))
  }
  row("TOTAL", "", group(v["counts.inserted"]), group(v["counts.updated"]), group(v["counts.unchanged"]),
      group(v["counts.failed"]), group(v["counts.deleted"]))
}' | inflow_table

if [[ $state != succeeded ]]; then
  error=$(inflow_get "$run" error)
  printf 'error: run %s %s%s\n' "$run_id" "$state" "${error:+: $error}" >&2
  exit 1
fi
