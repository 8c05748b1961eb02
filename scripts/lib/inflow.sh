# shellcheck shell=bash
# What the inflow-*.sh scripts share: calling the API with the key and turning its errors into messages and exit
# codes, reading its JSON without jq (json.awk flattens it to "path<TAB>value" lines), and printing tables.
#
# Environment: INFLOW_URL (default http://localhost:8080), INFLOW_API_KEY (sent as a bearer token when set).
# Exit codes of the scripts: 0 done, 1 a request or an import failed, 2 wrong usage.

INFLOW_URL=${INFLOW_URL:-http://localhost:8080}
INFLOW_URL=${INFLOW_URL%/}
INFLOW_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
INFLOW_VIEW_AWK=$(cat "$INFLOW_LIB/view.awk")

# Prints "error: ..." on stderr and exits 1.
inflow_fail() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Prints "error: ...", the calling script's usage (its usage function) on stderr, and exits 2.
inflow_usage_error() {
  printf 'error: %s\n' "$*" >&2
  usage >&2
  exit 2
}

# inflow_call METHOD PATH [JSON]: the answer's body on stdout. When the server cannot be reached, or answers an
# HTTP error, prints the reason (the server's {code, message, details}) on stderr and returns 1.
inflow_call() {
  local method=$1 path=$2 url="$INFLOW_URL/api/v1$2" answer status body reason rc=0
  local args=(--silent --show-error --connect-timeout 10 --max-time 120 -X "$method"
              -H 'Accept: application/json' --write-out '\n%{http_code}')
  if [[ $# -ge 3 ]]; then
    args+=(-H 'Content-Type: application/json' --data-binary "$3")
  fi
  # the key's header is read from a file descriptor, so the key does not show in the process list
  answer=$(curl "${args[@]}" -H @<(inflow_auth_header) "$url" 2>&1) || rc=$?
  status=${answer##*$'\n'}
  body=${answer%$'\n'*}
  [[ "$answer" == *$'\n'* ]] || body=""
  if [[ $rc -ne 0 ]]; then
    reason=$(printf '%s\n' "$answer" | sed -n 's/^curl: ([0-9]*) //p' | head -n 1)
    printf 'error: cannot reach Inflow at %s: %s\n' "$INFLOW_URL" "${reason:-curl failed with exit code $rc}" >&2
    printf '       is the server running? Set INFLOW_URL to where it listens.\n' >&2
    return 1
  fi
  if [[ ! $status =~ ^[0-9]+$ ]] || ((status >= 400)); then
    inflow_print_error "$method $path" "$status" "$body"
    return 1
  fi
  printf '%s\n' "$body"
}

# The Authorization header for INFLOW_API_KEY; nothing when it is not set.
inflow_auth_header() {
  [[ -z ${INFLOW_API_KEY:-} ]] || printf 'Authorization: Bearer %s\n' "$INFLOW_API_KEY"
}

# inflow_print_error WHAT STATUS BODY: the server's error on stderr, as "error: HTTP 404 code: message" and
# one line per detail; a body that is not a JSON error is shown as it is.
inflow_print_error() {
  local what=$1 status=$2 body=$3 flat message code
  flat=$(printf '%s' "$body" | inflow_json 2>/dev/null) || flat=""
  message=$(inflow_get "$flat" message)
  code=$(inflow_get "$flat" code)
  [[ ! $code =~ ^[0-9]*$ ]] || code=""
  if [[ -n $message ]]; then
    printf 'error: HTTP %s%s: %s\n' "$status" "${code:+ $code}" "$message" >&2
    printf '%s\n' "$flat" | LC_ALL=C awk -F'\t' '$1 ~ /^details\./ && $2 != "{}" { print "  " substr($1, 9) ": " $2 }' >&2
  else
    printf 'error: HTTP %s from %s %s\n' "$status" "$what" "$INFLOW_URL" >&2
    [[ -z $body ]] || printf '%s\n' "$body" | head -n 20 >&2
  fi
}

# Flattens the JSON on stdin into "path<TAB>value" lines (see json.awk); returns 3 when it is not JSON.
inflow_json() {
  LC_ALL=C awk -f "$INFLOW_LIB/json.awk"
}

# inflow_get FLAT PATH: the value at PATH in flattened JSON (empty when missing or null).
inflow_get() {
  # through the environment, not -v, which would read backslashes in it as escapes
  printf '%s\n' "$1" | INFLOW_PATH=$2 LC_ALL=C awk -F'\t' \
    '$1 == ENVIRON["INFLOW_PATH"] { print substr($0, length($1) + 2); exit }'
}

# inflow_view FLAT PROGRAM: runs an awk PROGRAM (its END block builds the output) on flattened JSON, with
# view.awk's helpers (v[path], size, val, group, instant, duration, clip, row). Pass it text through the
# environment (ENVIRON["NAME"]): awk -v would read backslashes as escapes.
inflow_view() {
  printf '%s\n' "$1" | LC_ALL=C awk -F'\t' "$INFLOW_VIEW_AWK"$'\n'"$2"
}

# Prints the tab-separated rows on stdin (header first) as an aligned table.
inflow_table() {
  LC_ALL=C awk -F'\t' -f "$INFLOW_LIB/table.awk"
}

# inflow_connection_id NAME_OR_ID: the id of the connection, by name through GET /connections unless it is a
# number already. Fails naming the known connections when no connection has that name.
inflow_connection_id() {
  local wanted=$1 flat id names
  if [[ $wanted =~ ^[0-9]+$ ]]; then
    printf '%s\n' "$wanted"
    return 0
  fi
  flat=$(inflow_call GET /connections | inflow_json) || return 1
  id=$(printf '%s\n' "$flat" | INFLOW_WANTED=$wanted LC_ALL=C awk -F'\t' '
    $1 ~ /^\[[0-9]+\]\.id$/ { id[substr($1, 1, index($1, "]"))] = $2 }
    $1 ~ /^\[[0-9]+\]\.name$/ && substr($0, length($1) + 2) == ENVIRON["INFLOW_WANTED"] { found = substr($1, 1, index($1, "]")) }
    END { if (found != "") print id[found] }')
  if [[ -z $id ]]; then
    names=$(printf '%s\n' "$flat" | LC_ALL=C awk -F'\t' '$1 ~ /^\[[0-9]+\]\.name$/ { printf "%s%s", sep, $2; sep = ", " }')
    printf "error: no connection is named '%s' (connections: %s)\n" "$wanted" "${names:-none}" >&2
    return 1
  fi
  printf '%s\n' "$id"
}
