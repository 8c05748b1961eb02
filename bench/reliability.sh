#!/usr/bin/env bash
# The reliability suite: node kills mid-import, a PostgreSQL restart mid-run, two nodes under an every-second
# schedule with one killed repeatedly, REST fuzzing, bad plugin jars. Runs the e2e Reliability*Test classes in
# their full form (CI's `mvn verify` runs the short form of some and leaves out those tagged reliability-only), then merges their figures into
#   bench/results/reliability-<date>-<commit>.json, bench/results/reliability-latest.json, bench/results/reliability.md
#
# Usage: bench/reliability.sh [--short] [-Dreliability.seed=N] [-Dreliability.kills=N] [-Dreliability.fuzzRequests=N]
#                             [-Dreliability.scheduleSeconds=N] [-Dreliability.nodeRestarts=N] [-Dtest=ReliabilityFuzzTest]
#        bench/reliability.sh --merge-only [--short]   (merges the figures of the last run again, runs nothing)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
form=full
merge_only=false
args=()
for arg in "$@"; do
  case "$arg" in
    --short) form=short ;;
    --merge-only) merge_only=true ;;
    *) args+=("$arg") ;;
  esac
done
tests='Reliability*Test'
for arg in "${args[@]+"${args[@]}"}"; do
  [[ "$arg" == -Dtest=* ]] && tests="${arg#-Dtest=}"
done

figures="$root/e2e/target/reliability"
mkdir -p "$root/bench/results"
cd "$root"
started=$(date +%s)
status=0
$merge_only || rm -rf "$figures"
# -De2e.excludedGroups=none: the scenarios tagged reliability-only, which mvn verify leaves out, run here; the full
# form's scenarios run longer than mvn verify's per-test timeout
$merge_only || mvn -B -pl e2e -am verify -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false -De2e.excludedGroups=none \
  -De2e.testTimeout="60 m" \
  -Dreliability.full="$([[ $form == full ]] && echo true || echo false)" \
  -Dreliability.results.dir="$figures" "${args[@]+"${args[@]}"}" || status=$?
took=$(( $(date +%s) - started ))

commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
stamp="$(date -u +%Y%m%d-%H%M%S)"
out="$root/bench/results/reliability-$stamp-$commit.json"
python3 - "$figures" "$out" "$root/bench/results/reliability.md" "$commit" "$form" "$took" "$status" <<'PY'
import glob, json, os, sys, datetime
folder, out, md, commit, form, took, status = sys.argv[1:]
scenarios = {}
for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
    with open(path) as f:
        figures = json.load(f)
    scenarios[figures.pop("scenario")] = figures
def total(key):
    return sum(int(s.get(key, 0)) for s in scenarios.values() if isinstance(s.get(key, 0), (int, float)))
summary = {
    "faultsInjected": total("faultsInjected"),
    "runsResumed": total("runsResumed"),
    "recordsCompared": total("recordsCompared"),
    "badRequestsSent": total("badRequestsSent"),
    "responses5xx": total("responses5xx"),
}
merged = {"commit": commit, "date": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"), "form": form,
          "seconds": int(took), "mavenExit": int(status), "summary": summary, "scenarios": scenarios}
text = json.dumps(merged, indent=2)
for target in (out, os.path.join(os.path.dirname(out), "reliability-latest.json")):
    with open(target, "w") as f:
        f.write(text + "\n")
lines = [f"Reliability suite, {form} form, commit {commit}, {merged['date']} ({took} s, maven exit {status})", "",
         "| figure | value |", "|---|---|"]
lines += [f"| {k} | {v} |" for k, v in summary.items()]
lines += ["", "| scenario | figures |", "|---|---|"]
for name, figures in scenarios.items():
    shown = ", ".join(f"{k}: {json.dumps(v, separators=(',', ':'))}" for k, v in figures.items())
    lines.append(f"| {name} | {shown} |")
with open(md, "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
print("\nwritten:", out)
PY
exit "$status"
