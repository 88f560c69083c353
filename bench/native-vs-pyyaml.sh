#!/usr/bin/env bash
# Start-up figure of issue #17: the native binary's `report --format json` on a directory against
# PyYAML's C loader merely parsing the same files (Debian's /usr/bin/python3, interpreter start
# included), and the JIT build for comparison. Prints the median wall and CPU (user + system)
# time of N runs of each and the ratios. Needs the native binary (.ci/run publishes it):
#   dotnet publish src/Cli -c Release -r linux-x64 -o artifacts/native
# Usage: bench/native-vs-pyyaml.sh [DIR] [RUNS]   (default testdata/demo, 11 runs)
# With --write as the first argument it also replaces its section of bench/RESULTS.md (between
# its markers; the harness's render drops the section, so run this again after one).
set -euo pipefail
cd "$(dirname "$0")/.."
write=0
if [ "${1:-}" = --write ]; then write=1; shift; fi
dir=${1:-testdata/demo}
runs=${2:-11}
native=artifacts/native/policylint
jit=src/Cli/bin/Release/net10.0/policylint.dll
[ -x "$native" ] || { echo "no $native: run dotnet publish src/Cli -c Release -r linux-x64 -o artifacts/native" >&2; exit 2; }
mapfile -t files < <(find "$dir" -type f \( -name '*.yaml' -o -name '*.yml' \) | sort)

# Median wall and CPU seconds of $runs runs (bash's `time`: millisecond resolution, children's rusage).
measure() {
  local TIMEFORMAT='%3R %3U %3S' samples=()
  for _ in $(seq "$runs"); do
    samples+=("$( { time "$@" > /dev/null 2>&1; } 2>&1 | awk '{printf "%.3f %.3f\n", $1, $2 + $3}')")
  done
  local wall cpu middle=$(( (runs + 1) / 2 ))
  wall=$(printf '%s\n' "${samples[@]}" | cut -d' ' -f1 | sort -n | sed -n "${middle}p")
  cpu=$(printf '%s\n' "${samples[@]}" | cut -d' ' -f2 | sort -n | sed -n "${middle}p")
  echo "$wall $cpu"
}

read -r py_wall py_cpu < <(measure /usr/bin/python3 -c 'import sys, yaml
for f in sys.argv[1:]:
    with open(f) as s: list(yaml.load_all(s, Loader=yaml.CSafeLoader))' "${files[@]}")
read -r native_wall native_cpu < <(measure "$native" report "$dir" --format json)
jit_line=""
if [ -f "$jit" ]; then
  read -r jit_wall jit_cpu < <(measure dotnet "$jit" report "$dir" --format json)
  jit_line=$(printf '| JIT build (`dotnet policylint.dll`) report --format json | %.0f | %.0f | %.2f× | %.2f× |' \
    "$(echo "$jit_wall*1000" | bc)" "$(echo "$jit_cpu*1000" | bc)" "$(echo "$jit_wall/$py_wall" | bc -l)" "$(echo "$jit_cpu/$py_cpu" | bc -l)")
fi
table() {
  echo "input: $dir (${#files[@]} files), $runs runs each, median; load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "| command | wall ms | CPU ms | wall vs PyYAML | CPU vs PyYAML |"
  echo "|---|---|---|---|---|"
  printf '| PyYAML CSafeLoader parse (/usr/bin/python3) | %.0f | %.0f | 1.00× | 1.00× |\n' "$(echo "$py_wall*1000" | bc)" "$(echo "$py_cpu*1000" | bc)"
  printf '| native policylint report --format json | %.0f | %.0f | %.2f× | %.2f× |\n' \
    "$(echo "$native_wall*1000" | bc)" "$(echo "$native_cpu*1000" | bc)" "$(echo "$native_wall/$py_wall" | bc -l)" "$(echo "$native_cpu/$py_cpu" | bc -l)"
  [ -n "$jit_line" ] && echo "$jit_line"
}

if [ "$write" = 0 ]; then table; exit 0; fi
begin='<!-- native start-up (bench/native-vs-pyyaml.sh): begin -->'
end='<!-- native start-up (bench/native-vs-pyyaml.sh): end -->'
section=$(
  echo "$begin"
  echo
  echo '## Native binary (start-up), by bench/native-vs-pyyaml.sh'
  echo
  echo 'The native (ahead-of-time) `policylint report --format json` against PyYAML'"'"'s C loader merely parsing the same files (interpreter start included) and the JIT build. Bash `time` (millisecond resolution, user + system of the child); when the load average is above the core count, compare the CPU columns. Target of issue #17: native ≤ 1.5× PyYAML on the demo.'
  echo
  table
  echo
  echo "$end"
)
results=bench/RESULTS.md
# Drop the old section (markers included), then append the new one.
awk -v b="$begin" -v e="$end" '$0 == b {skip = 1} !skip {print} $0 == e {skip = 0}' "$results" > "$results.tmp"
printf '%s\n' "$section" >> "$results.tmp"
mv "$results.tmp" "$results"
echo "wrote the native start-up section of $results"
