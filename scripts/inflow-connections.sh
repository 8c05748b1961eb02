#!/usr/bin/env bash
# Lists the connections (GET /api/v1/connections) with each one's schedule and last run.
set -euo pipefail
# shellcheck source=lib/inflow.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/inflow.sh"

usage() {
  cat <<'USAGE'
Usage: inflow-connections.sh

Lists the connections: id, name, plugin, cron schedule (and whether it is enabled), its next fire, and the
last run that ended; while the scheduler is stopped, a line under the table says that nothing fires.
Environment: INFLOW_URL (default http://localhost:8080), INFLOW_API_KEY.
USAGE
}

case "${1-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) inflow_usage_error "unexpected argument: $1" ;;
esac

connections=$(inflow_call GET /connections | inflow_json)
status=$(inflow_call GET /status | inflow_json)
schedules=""
for id in $(inflow_view "$connections" 'END { for (i = 0; i < size(""); i++) print v["[" i "].id"] }'); do
  schedule=$(inflow_call GET "/connections/$id/schedule" | inflow_json)
  schedules+=$(printf '%s\n' "$schedule" | sed "s/^/$id./")$'\n'
done

inflow_view "$connections"$'\n'"$schedules"$'\n'"$(printf '%s\n' "$status" | sed 's/^/status./')" '
END {
  for (i = 0; i < size("status.lastRuns"); i++) {
    r = "status.lastRuns[" i "]"
    last[v[r ".connection"]] = "#" v[r ".run.id"] " " v[r ".run.status"] " " instant(v[r ".run.finishedAt"])
  }
  row("ID", "NAME", "PLUGIN", "SCHEDULE", "NEXT FIRE", "LAST RUN")
  for (i = 0; i < size(""); i++) {
    id = v["[" i "].id"]
    cron = val(id ".cron")
    if (cron != "-") cron = cron " (" v[id ".timezone"] (v[id ".enabled"] == "true" ? "" : ", disabled") ")"
    row(id, v["[" i "].name"], v["[" i "].plugin"], cron, instant(val(id ".nextFireTimes[0]")),
        (id in last) ? last[id] : "never")
  }
}' | inflow_table
# a fire that comes while the scheduler is stopped is skipped: say so rather than list the times as if they will run
inflow_view "$status"$'\n'"$schedules" '
END {
  for (key in v) if (key ~ /^[0-9]+\.nextFireTimes\[0\]$/) fires = 1
  if (v["scheduler"] == "stopped" && fires)
    print "The scheduler is stopped: no NEXT FIRE above happens until it is started (inflow-scheduler.sh start)."
}'
