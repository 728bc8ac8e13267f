#!/usr/bin/env bash
# JMH benchmarks of the writer path (engine + SQLite commit, no HTTP). Extra arguments go to JMH, e.g.
#   bench/jmh.sh                      # every benchmark, default settings
#   bench/jmh.sh -p syncEveryCommit=true -wi 2 -i 3
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install
./mvnw -q -B -f bench/jmh/pom.xml package
exec java -jar bench/jmh/target/benchmarks.jar "$@"
