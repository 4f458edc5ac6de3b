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
# Real clients and tools the tests drive: OAI-PMH harvesters, yaz (SRU client, MARC dump), headless
# Chromium for the web pages, Tesseract with Chinese models for OCR, CJK fonts and ImageMagick for scans.
command -v oai_pmh >/dev/null 2>&1 || missing+=(libhttp-oai-perl)
command -v catmandu >/dev/null 2>&1 || missing+=(libcatmandu-oai-perl)
command -v yaz-client >/dev/null 2>&1 || missing+=(yaz)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
for lang in chi_sim chi_tra; do
  [ -n "$(find /usr/share/tesseract-ocr -name "$lang.traineddata" 2>/dev/null | head -1)" ] \
    || missing+=("tesseract-ocr-${lang//_/-}")
done
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
[ -x /usr/bin/convert ] || missing+=(imagemagick)
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
