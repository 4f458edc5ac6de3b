#!/usr/bin/env bash
# The city-scale benchmarks in one command, on a machine left to them:
#
#   bench/run.sh                 # N = 1,000,000 records, every benchmark that can run here
#   bench/run.sh 100000          # another N
#   bench/run.sh 1000000 --cluster=off --threads=1,16
#
# Builds the modules the runner needs (offline when the local repository has everything, else online), then
# runs `all` with a 1 GB heap (the issue's bound for ingest). Start Elasticsearch first
# (scripts/elasticsearch.sh start) to include the comparison with it. Tables go to stdout and to
# bench/target/results-n<N>.md; generated files and indexes to $TMPDIR/shangdang-bench/n<N>-s<seed>
# (about 3 GB of files and 4 GB of indexes per million records).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

N="${1:-1000000}"
if [[ $# -gt 0 ]]; then shift; fi
MODULES="record,fixtures,connectors,indexer,routes,catalog-api,bench"

if ! mvn -B -q -o install -DskipTests -pl "${MODULES}"; then
  mvn -B -q install -DskipTests -pl "${MODULES}"
fi
java -Xmx1g -XX:+UseG1GC -jar bench/target/shangdang-bench.jar all --n="${N}" "$@" | tee "bench/target/results-n${N}.md"
