#!/usr/bin/env bash
# The cluster-wide switch of scheduled imports: POST /api/v1/scheduler/start|stop, GET /api/v1/scheduler.
set -euo pipefail
# shellcheck source=lib/inflow.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/inflow.sh"

usage() {
  cat <<'USAGE'
Usage: inflow-scheduler.sh start|stop|status

  start    scheduled and start-up imports run again, on every node
  stop     no node starts a scheduled or start-up import (manual imports still run); kept across restarts
  status   the scheduler's state and the upcoming schedule fires; while it is stopped, none: the schedules'
           next fire times are listed as held, since a fire that comes while it is stopped is skipped

Environment: INFLOW_URL (default http://localhost:8080), INFLOW_API_KEY.
USAGE
}

[[ $# -le 1 ]] || inflow_usage_error "one command expected, got: $*"
case "${1-}" in
  -h|--help) usage; exit 0 ;;
  start|stop) answer=$(inflow_call POST "/scheduler/$1" | inflow_json) ;;
  status) answer=$(inflow_call GET /scheduler | inflow_json) ;;
  "") inflow_usage_error "a command is required: start, stop or status" ;;
  *) inflow_usage_error "unknown command: $1" ;;
esac

inflow_view "$answer" '
END {
  by = v["changedBy"] == "" ? "" : " by " v["changedBy"]
  print "scheduler: " v["state"] " (since " instant(v["changedAt"]) by ")"
}'
echo
fires=$(inflow_view "$answer" 'END { print size("upcoming") }')
if [[ $(inflow_get "$answer" state) == stopped ]]; then
  # the server still lists each schedule's next fire time, but a fire that comes while the scheduler is stopped is
  # skipped, never made up: those times are only when the schedules would fire were it started by then
  echo "Upcoming fires: none, the scheduler is stopped. Nothing fires until it is started (inflow-scheduler.sh start);"
  echo "a fire time that passes before then is skipped."
  [[ $fires == 0 ]] || printf '\nSchedules held while it is stopped:\n'
  held=" (held: scheduler stopped)"
else
  echo "Upcoming fires:"
  [[ $fires != 0 ]] || echo "  none"
  held=""
fi
[[ $fires == 0 ]] || INFLOW_HELD=$held inflow_view "$answer" '
  END {
    row("CONNECTION", "NAME", "CRON", "TIMEZONE", "AT")
    for (i = 0; i < size("upcoming"); i++) {
      p = "upcoming[" i "]"
      row(v[p ".connection"], v[p ".name"], v[p ".cron"], v[p ".timezone"], instant(v[p ".at"]) ENVIRON["INFLOW_HELD"])
    }
  }' | inflow_table | sed 's/^/  /'
