#!/usr/bin/env bash
# What the cluster is doing now (GET /api/v1/status): the scheduler, the runs in progress, each connection's last run.
set -euo pipefail
# shellcheck source=lib/inflow.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/inflow.sh"

usage() {
  cat <<'USAGE'
Usage: inflow-status.sh

Shows the scheduler's state, the imports in progress and the last run of each connection. An import's PROGRESS
and ETA are the whole run's once every stream it has left has an estimated total; until then those of the stream
being read, when it has one ("17.9% of class_schedules", "18 s + 2 streams": then the streams after it).
Environment: INFLOW_URL (default http://localhost:8080), INFLOW_API_KEY.
USAGE
}

case "${1-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) inflow_usage_error "unexpected argument: $1" ;;
esac

status=$(inflow_call GET /status | inflow_json)
names=$(inflow_call GET /connections | inflow_json | sed 's/^/connections/')

inflow_view "$status" 'END { print "scheduler: " v["scheduler"] " (since " instant(v["schedulerChangedAt"]) ")" }'

echo
echo "In progress:"
if [[ $(inflow_view "$status" 'END { print size("inProgress") }') == 0 ]]; then
  echo "  none"
else
  # PROGRESS and ETA: the whole run's, which the server gives once every stream left has an estimated total; until
  # then, those of the stream being read when it has one (its percent, and its estimated records left at the run's
  # records/second), followed by how many streams come after it
  inflow_view "$status"$'\n'"$names" '
  function progress(p,    r, prefix, key, stream, current, after, left, rate, eta) {
    PERCENT = v[p ".percent"] == "" ? "-" : v[p ".percent"] "%"
    ETA = v[p ".etaSeconds"] == "" ? "-" : duration(v[p ".etaSeconds"])
    if (PERCENT != "-") return
    r = p ".run"
    prefix = r ".streams."
    current = ""
    after = 0
    for (key in v) {
      if (substr(key, 1, length(prefix)) != prefix || key !~ /\.status$/) continue
      stream = substr(key, length(prefix) + 1, length(key) - length(prefix) - 7)
      if (v[key] == "running" && current == "") current = stream
      else if (v[key] != "succeeded") after++
    }
    if (current == "" || v[prefix current ".percent"] == "") return
    PERCENT = v[prefix current ".percent"] "% of " current
    left = v[prefix current ".estimatedTotal"] - v[prefix current ".done"]
    rate = v[r ".recordsPerSecond"] + 0
    if (rate <= 0) return
    eta = duration(int((left > 0 ? left : 0) / rate + 0.5))
    ETA = after == 0 ? eta : eta " + " after (after == 1 ? " stream" : " streams")
  }
  END {
    for (i = 0; i < size("connections"); i++) name[v["connections[" i "].id"]] = v["connections[" i "].name"]
    row("RUN", "CONNECTION", "MODE", "STATUS", "PROGRESS", "ETA", "RECORDS", "INSERTED", "UPDATED", "UNCHANGED",
        "FAILED", "DELETED", "STARTED")
    for (i = 0; i < size("inProgress"); i++) {
      p = "inProgress[" i "]"
      r = p ".run"
      records = v[r ".counts.inserted"] + v[r ".counts.updated"] + v[r ".counts.unchanged"] + v[r ".counts.failed"]
      progress(p)
      row(v[r ".id"], name[v[r ".connection"]], v[r ".mode"], v[r ".status"], PERCENT, ETA,
          group(records), group(v[r ".counts.inserted"]), group(v[r ".counts.updated"]),
          group(v[r ".counts.unchanged"]), group(v[r ".counts.failed"]), group(v[r ".counts.deleted"]),
          instant(val(r ".startedAt")))
    }
  }' | inflow_table | sed 's/^/  /'
  # a run whose calls wait on the upstream (a lock-out, a Retry-After, an open breaker) or on its daily quota
  inflow_view "$status" '
  END {
    for (i = 0; i < size("inProgress"); i++) {
      r = "inProgress[" i "].run"
      if (val(r ".waitingUntil") != "-")
        print "  run " v[r ".id"] " waits until " instant(v[r ".waitingUntil"]) ": " val(r ".waitingReason")
    }
  }'
fi

echo
echo "Last runs:"
if [[ $(inflow_view "$status" 'END { print size("lastRuns") }') == 0 ]]; then
  echo "  none"
else
  inflow_view "$status" '
  END {
    row("CONNECTION", "NAME", "RUN", "STATUS", "FINISHED", "DURATION", "INSERTED", "UPDATED", "UNCHANGED", "FAILED",
        "DELETED", "ERROR")
    for (i = 0; i < size("lastRuns"); i++) {
      p = "lastRuns[" i "]"
      r = p ".run"
      row(v[p ".connection"], val(p ".name"), v[r ".id"], v[r ".status"], instant(val(r ".finishedAt")),
          duration(val(r ".durationSeconds")), group(v[r ".counts.inserted"]), group(v[r ".counts.updated"]),
          group(v[r ".counts.unchanged"]), group(v[r ".counts.failed"]), group(v[r ".counts.deleted"]),
          clip(val(r ".error"), 60))
    }
  }' | inflow_table | sed 's/^/  /'
fi
