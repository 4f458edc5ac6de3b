#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what is missing (as root, from Debian's
# packages; Elasticsearch's JDK >= 21 is looked up by scripts/elasticsearch.sh), starts a real Elasticsearch for the engine-agreement tests, runs `mvn -B verify`, and stops
# Elasticsearch again whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

if [ ! -d ../shared/corpus ]; then
  echo "test.sh: ../shared/corpus is absent: interop tests on real data will be skipped"
fi

scripts/elasticsearch.sh start >/dev/null
trap 'scripts/elasticsearch.sh stop' EXIT
CI=true mvn -B verify
