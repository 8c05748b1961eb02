#!/usr/bin/env bash
# The import history, newest first (GET /api/v1/imports), filtered by connection and status.
set -euo pipefail
# shellcheck source=lib/inflow.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/inflow.sh"

usage() {
  cat <<'USAGE'
Usage: inflow-history.sh [CONNECTION] [--limit N] [--status S]

  CONNECTION   a connection's name or numeric id (default: every connection)
  --limit N    at most N runs, newest first (default 50, at most 500)
  --status S   only runs with this status: queued, running, waiting, cancelling, succeeded, failed,
               cancelled or interrupted

Environment: INFLOW_URL (default http://localhost:8080), INFLOW_API_KEY.
USAGE
}

connection=""
limit=""
status=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --limit) [[ $# -ge 2 ]] || inflow_usage_error "--limit needs a number"; limit=$2; shift 2 ;;
    --limit=*) limit=${1#--limit=}; shift ;;
    --status) [[ $# -ge 2 ]] || inflow_usage_error "--status needs a value"; status=$2; shift 2 ;;
    --status=*) status=${1#--status=}; shift ;;
    -*) inflow_usage_error "unknown option: $1" ;;
    *) [[ -z $connection ]] || inflow_usage_error "one connection at most, got '$connection' and '$1'"
       connection=$1; shift ;;
  esac
done
[[ -z $limit || $limit =~ ^[1-9][0-9]*$ ]] || inflow_usage_error "--limit must be a positive number, was '$limit'"
[[ $status =~ ^[a-z]*$ ]] || inflow_usage_error "--status must be a status such as failed, was '$status'"

query=""
if [[ -n $connection ]]; then
  query+="&connection=$(inflow_connection_id "$connection")"
fi
[[ -z $limit ]] || query+="&limit=$limit"
[[ -z $status ]] || query+="&status=$status"
query=${query#&}

page=$(inflow_call GET "/imports${query:+?$query}" | inflow_json)
names=$(inflow_call GET /connections | inflow_json | sed 's/^/connections/')

if [[ $(inflow_view "$page" 'END { print size("runs") }') == 0 ]]; then
  echo "no import runs"
  exit 0
fi
inflow_view "$page"$'\n'"$names" '
END {
  for (i = 0; i < size("connections"); i++) name[v["connections[" i "].id"]] = v["connections[" i "].name"]
  row("RUN", "CONNECTION", "TRIGGER", "MODE", "STATUS", "CREATED", "DURATION", "INSERTED", "UPDATED", "UNCHANGED",
      "FAILED", "DELETED", "ERROR")
  for (i = 0; i < size("runs"); i++) {
    r = "runs[" i "]"
    c = v[r ".connection"]
    row(v[r ".id"], (c in name) ? name[c] : c, v[r ".trigger"], v[r ".mode"], v[r ".status"],
        instant(v[r ".createdAt"]), duration(val(r ".durationSeconds")), group(v[r ".counts.inserted"]),
        group(v[r ".counts.updated"]), group(v[r ".counts.unchanged"]), group(v[r ".counts.failed"]),
        group(v[r ".counts.deleted"]), clip(val(r ".error"), 60))
  }
}' | inflow_table
if [[ -n $(inflow_get "$page" nextCursor) ]]; then
  echo "(older runs exist: raise --limit to see them)"
fi
