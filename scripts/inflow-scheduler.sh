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
  status   the scheduler's state and the upcoming schedule fires

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
echo "Upcoming fires:"
if [[ $(inflow_view "$answer" 'END { print size("upcoming") }') == 0 ]]; then
  echo "  none"
else
  inflow_view "$answer" '
  END {
    row("CONNECTION", "NAME", "CRON", "TIMEZONE", "AT")
    for (i = 0; i < size("upcoming"); i++) {
      p = "upcoming[" i "]"
      row(v[p ".connection"], v[p ".name"], v[p ".cron"], v[p ".timezone"], instant(v[p ".at"]))
    }
  }' | inflow_table | sed 's/^/  /'
fi
