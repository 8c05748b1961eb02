#!/usr/bin/env bash
# Proves the API guard (japicmp in plugin-api/pom.xml) works: builds scratch copies of plugin-api, each with one
# change, and expects the build to fail on every breaking change and pass on the additive one.
#   bash plugin-api/baseline/check-guard.sh        (about a minute; needs the Maven repository the build uses)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="$(mktemp -d)"
trap '[[ ${KEEP:-} ]] || rm -rf "$scratch"' EXIT
api=io/inflow/api

# name | file under src/main/java | perl substitution | expected outcome
cases=(
  "a method removed|$api/Checkpoint.java|s/public Checkpoint without\(String key\) \{\n        return with\(key, null\);\n    \}//s|fails"
  "an abstract method added to Connector|$api/Connector.java|s/(    void check\(ConnectorContext context\))/    String owner();\n\n\1/|fails"
  "a record component added without the old constructor|$api/record/Record.java|s/String payload, Instant sourceUpdatedAt\)/String payload, Instant sourceUpdatedAt, String etag)/; s/return new Record\(stream, externalId, payload, null\)/return new Record(stream, externalId, payload, null, null)/; s/return new Record\(stream, externalId, payload, updatedAt\)/return new Record(stream, externalId, payload, updatedAt, etag)/|fails"
  "a default method added to Connector|$api/Connector.java|s/(    void check\(ConnectorContext context\))/    default String owner() {\n        return \"\";\n    }\n\n\1/|passes"
)

failures=0
for case in "${cases[@]}"; do
  IFS='|' read -r name file change expected <<<"$case"
  copy="$scratch/$(echo "$name" | tr ' ' '-')"
  mkdir -p "$copy"
  cp "$root/pom.xml" "$copy/pom.xml"
  cp -r "$root/plugin-api" "$copy/plugin-api"
  rm -rf "$copy/plugin-api/target"
  before="$(md5sum < "$copy/plugin-api/src/main/java/$file")"
  perl -0pi -e "$change" "$copy/plugin-api/src/main/java/$file"
  if [[ "$(md5sum < "$copy/plugin-api/src/main/java/$file")" == "$before" ]]; then
    echo "SETUP ERROR  $name: the change did not apply to $file"; failures=$((failures + 1)); continue
  fi
  if mvn -B -o -q -f "$copy/plugin-api/pom.xml" verify -Dmaven.test.skip=true >"$copy/build.log" 2>&1; then outcome=passes; else outcome=fails; fi
  if [[ "$outcome" == fails ]] && ! grep -q "japicmp" "$copy/build.log"; then
    outcome="fails before the guard (see $copy/build.log)"
  fi
  if [[ "$outcome" == "$expected" ]]; then verdict=OK; else verdict=WRONG; failures=$((failures + 1)); fi
  printf '%-6s %-55s the build %s (expected: %s)\n' "$verdict" "$name" "$outcome" "$expected"
  [[ "$verdict" == OK && "$outcome" == fails ]] && grep -m1 -o "There is at least one incompatibility.*" "$copy/build.log" | cut -c1-160 | sed 's/^/       /'
done
exit $failures
