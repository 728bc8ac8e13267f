#!/usr/bin/env bash
# Grouping quality on a generated alert storm: the same storm through the engine with grouping off, rule-based and
# intelligent, checked against each alert's known root cause (see bench/README.md). Arguments go to StormReport, e.g.
#   bench/storm.sh                                     # seed 1, 200 causes, 17 % noise
#   bench/storm.sh --seed 7 --causes 100 --noise-share 0.2
#   SKIP_BUILD=1 bench/storm.sh --seed 2               # reuse bench/jmh/target/benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -B -DskipTests install
  ./mvnw -q -B -f bench/jmh/pom.xml package
fi
exec java -cp bench/jmh/target/benchmarks.jar dev.quell.bench.StormReport "$@"
