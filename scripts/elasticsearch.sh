#!/usr/bin/env bash
# Runs a real, single-node Elasticsearch for the tests and for local scale-out experiments.
#
#   scripts/elasticsearch.sh start   fetch (once) and start Elasticsearch; idempotent
#   scripts/elasticsearch.sh stop    stop it and wait until it is gone; idempotent
#   scripts/elasticsearch.sh url     print its URL (exit 1 when it is not running)
#   scripts/elasticsearch.sh status  say whether it runs and is healthy
#
# The distribution is Maven Central's minimal one (core analyzers only), fetched through Maven, unpacked
# under target/elasticsearch/ and run as an unprivileged user (Elasticsearch refuses root) with a JDK >= 21
# found under /usr/lib/jvm (or ES_JAVA_HOME). The URL is written to target/elasticsearch/url, where the
# indexer's tests look for it. Environment: ES_VERSION (default 9.5.0), ES_USER (default shangdang-es),
# ES_HEAP (default 512m), ES_START_TIMEOUT seconds (default 120).
set -euo pipefail

ES_VERSION="${ES_VERSION:-9.5.0}"
ES_USER="${ES_USER:-shangdang-es}"
ES_HEAP="${ES_HEAP:-512m}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-120}"
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.11.0"
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="${REPO_ROOT}/target/elasticsearch"
# Elasticsearch runs as an unprivileged user, who may not be able to enter the clone's directory (a
# clone under /root, say): as root, the installation, data and logs live under /var/tmp instead, one
# folder per clone.
if [[ "$(id -u)" == 0 ]]; then
  RUN_BASE="/var/tmp/shangdang-elasticsearch/$(printf '%s' "${REPO_ROOT}" | md5sum | cut -c1-12)"
else
  RUN_BASE="${BASE}"
fi
HOME_DIR="${RUN_BASE}/elasticsearch-${ES_VERSION}"
DATA_DIR="${RUN_BASE}/data"
LOG_DIR="${RUN_BASE}/logs"
PID_FILE="${BASE}/es.pid"
URL_FILE="${BASE}/url"
CONSOLE_LOG="${LOG_DIR}/console.log"

die() {
  echo "elasticsearch.sh: $*" >&2
  exit 1
}

is_running() {
  [[ -f "${PID_FILE}" ]] && kill -0 "$(cat "${PID_FILE}")" 2>/dev/null
}

# Prints the health status (green/yellow/red) of the cluster at $1, or nothing when it does not answer.
health_of() {
  { curl -s --max-time 5 "$1/_cluster/health" 2>/dev/null || true; } | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p'
}

# The java major version of a JDK home, or 0.
java_major() {
  local release="$1/release"
  [[ -f "${release}" ]] || { echo 0; return; }
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "${release}" | head -n1
}

find_jdk() {
  if [[ -n "${ES_JAVA_HOME:-}" ]]; then
    [[ -x "${ES_JAVA_HOME}/bin/java" ]] || die "ES_JAVA_HOME=${ES_JAVA_HOME} has no bin/java"
    (( $(java_major "${ES_JAVA_HOME}") >= 21 )) || die "ES_JAVA_HOME=${ES_JAVA_HOME} is older than Java 21"
    echo "${ES_JAVA_HOME}"
    return
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*; do
    [[ -x "${dir}/bin/java" && ! -L "${dir}" ]] || continue
    major="$(java_major "${dir}")"
    if [[ -n "${major}" ]] && (( major >= 21 && major > best_major )); then
      best="${dir}"
      best_major="${major}"
    fi
  done
  [[ -n "${best}" ]] || die "Elasticsearch ${ES_VERSION} needs a JDK >= 21 and none was found under /usr/lib/jvm;
install one (e.g. apt-get install -y openjdk-21-jdk-headless, or Temurin 21+) or set ES_JAVA_HOME"
  echo "${best}"
}

fetch_distribution() {
  [[ -x "${HOME_DIR}/bin/elasticsearch" ]] && return
  command -v mvn >/dev/null || die "mvn is needed to fetch ${ARTIFACT}"
  command -v unzip >/dev/null || die "unzip is needed to unpack ${ARTIFACT} (apt-get install -y unzip)"
  mkdir -p "${BASE}/download"
  echo "elasticsearch.sh: fetching ${ARTIFACT} through Maven" >&2
  # Run outside the project so Maven does not load the reactor; copy keeps the zip, unzip keeps file modes.
  (cd "${BASE}/download" && mvn -B -q "${DEPENDENCY_PLUGIN}:copy" -Dartifact="${ARTIFACT}" \
      -DoutputDirectory="${BASE}/download" -Dmdep.overWriteIfNewer=true) \
    || die "Maven could not fetch ${ARTIFACT}"
  rm -rf "${HOME_DIR}.partial"
  mkdir -p "${HOME_DIR}.partial"
  unzip -q "${BASE}/download/elasticsearch-${ES_VERSION}.zip" -d "${HOME_DIR}.partial"
  # Rename only when complete, so an interrupted unpack is never mistaken for a distribution.
  mv "${HOME_DIR}.partial/elasticsearch-${ES_VERSION}" "${HOME_DIR}"
  rmdir "${HOME_DIR}.partial"
}

ensure_user() {
  if ! id -u "${ES_USER}" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "${ES_USER}" \
      || die "cannot create the unprivileged user ${ES_USER} (run start as root, or create the user yourself)"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
      echo "${port}"
      return
    fi
  done
  die "no free loopback port found"
}

start() {
  command -v curl >/dev/null || die "curl is needed to check Elasticsearch's health"
  if is_running && [[ -f "${URL_FILE}" ]] && [[ -n "$(health_of "$(cat "${URL_FILE}")")" ]]; then
    echo "elasticsearch.sh: already running at $(cat "${URL_FILE}")" >&2
    cat "${URL_FILE}"
    return
  fi
  is_running && stop
  # A node of this installation left over by an interrupted run would hold the data directory's lock.
  if pgrep -f -- "-Des.path.home=${HOME_DIR}" >/dev/null; then
    echo "elasticsearch.sh: stopping a leftover Elasticsearch of this installation" >&2
    pkill -TERM -f -- "-Des.path.home=${HOME_DIR}" || true
    for _ in $(seq 1 30); do
      pgrep -f -- "-Des.path.home=${HOME_DIR}" >/dev/null || break
      sleep 1
    done
    pkill -KILL -f -- "-Des.path.home=${HOME_DIR}" || true
  fi
  rm -f "${URL_FILE}"
  local jdk port url
  jdk="$(find_jdk)"
  fetch_distribution
  mkdir -p "${BASE}" "${DATA_DIR}" "${LOG_DIR}"
  chmod 755 "$(dirname "${RUN_BASE}")" "${RUN_BASE}" 2>/dev/null || true
  local run_as=()
  if [[ "$(id -u)" == 0 ]]; then
    ensure_user
    chown -R "${ES_USER}:" "${HOME_DIR}" "${DATA_DIR}" "${LOG_DIR}"
    run_as=(setpriv --reuid="${ES_USER}" --regid="$(id -g "${ES_USER}")" --init-groups --)
  fi
  port="$(free_port)"
  url="http://127.0.0.1:${port}"
  echo "elasticsearch.sh: starting Elasticsearch ${ES_VERSION} on ${url} with ${jdk}" >&2
  (
    cd "${RUN_BASE}"
    exec env ES_JAVA_HOME="${jdk}" ES_JAVA_OPTS="-Xms${ES_HEAP} -Xmx${ES_HEAP}" HOME="${RUN_BASE}" \
      "${run_as[@]}" "${HOME_DIR}/bin/elasticsearch" \
      -E discovery.type=single-node \
      -E xpack.security.enabled=false \
      -E network.host=127.0.0.1 \
      -E http.port="${port}" \
      -E cluster.routing.allocation.disk.threshold_enabled=false \
      -E path.data="${DATA_DIR}" \
      -E path.logs="${LOG_DIR}" \
      >"${CONSOLE_LOG}" 2>&1 </dev/null
  ) &
  echo $! >"${PID_FILE}"
  local deadline=$(( SECONDS + ES_START_TIMEOUT )) status=""
  while (( SECONDS < deadline )); do
    if ! is_running; then
      tail -n 40 "${CONSOLE_LOG}" >&2 || true
      rm -f "${PID_FILE}"
      die "Elasticsearch exited during start-up (log above, full log in ${LOG_DIR})"
    fi
    status="$(health_of "${url}")"
    if [[ "${status}" == green || "${status}" == yellow ]]; then
      echo "${url}" >"${URL_FILE}"
      echo "elasticsearch.sh: ready (${status}) at ${url}" >&2
      echo "${url}"
      return
    fi
    sleep 2
  done
  tail -n 40 "${CONSOLE_LOG}" >&2 || true
  stop
  die "Elasticsearch was not healthy after ${ES_START_TIMEOUT} s (last status: ${status:-no answer}; log above)"
}

stop() {
  rm -f "${URL_FILE}"
  if ! is_running; then
    rm -f "${PID_FILE}"
    return
  fi
  local pid
  pid="$(cat "${PID_FILE}")"
  # The recorded pid is the setpriv/exec'd Elasticsearch launcher; TERM lets it stop the server JVM cleanly.
  kill -TERM "${pid}" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "${pid}" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "${pid}" 2>/dev/null; then
    echo "elasticsearch.sh: Elasticsearch (pid ${pid}) did not stop in 60 s; killing it" >&2
    kill -KILL "${pid}" 2>/dev/null || true
  fi
  # The server JVM is a child of the launcher; wait until nothing of this installation is left.
  for _ in $(seq 1 30); do
    pgrep -f -- "-Des.path.home=${HOME_DIR}" >/dev/null || break
    sleep 1
  done
  rm -f "${PID_FILE}"
  echo "elasticsearch.sh: stopped" >&2
}

url() {
  if is_running && [[ -f "${URL_FILE}" ]]; then
    cat "${URL_FILE}"
  else
    die "Elasticsearch is not running (scripts/elasticsearch.sh start)"
  fi
}

status() {
  if is_running && [[ -f "${URL_FILE}" ]]; then
    echo "running at $(cat "${URL_FILE}"), health: $(health_of "$(cat "${URL_FILE}")")"
  else
    echo "not running"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  status) status ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
