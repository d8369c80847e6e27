# Shared set-up steps for scripts/demo and scripts/test; each installs only what is missing.
# shellcheck shell=bash

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "error: need root (or sudo) to run: $*" >&2; return 1
  fi
}

apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: $* missing and this is not a Debian/Ubuntu machine; install them yourself" >&2
    return 1
  fi
  if [ -z "${NEWSGRAPH_APT_UPDATED:-}" ]; then
    as_root apt-get update -qq
    export NEWSGRAPH_APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_uv() {
  export PATH="$HOME/.local/bin:$PATH"
  if ! command -v uv >/dev/null 2>&1; then
    echo "-- installing uv from PyPI"
    python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  fi
  uv --version
}

ensure_java_and_maven() {
  # Neo4j 5.26 runs on Java 17 or 21; Maven fetches its jars from Maven Central once.
  if [ -n "${NEO4J_URI:-}" ]; then return 0; fi  # an external server needs neither
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "-- installing ${missing[*]}"
    apt_install "${missing[@]}"
  fi
}

ensure_browser() {
  # Debian's Chromium and its driver for the browser tests, and an Arabic font for the labels.
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  # grep reads all of fc-list: with -q it would exit early and pipefail would see SIGPIPE.
  fc-list 2>/dev/null | grep "Noto Naskh Arabic" >/dev/null || missing+=(fonts-noto-core)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "-- installing ${missing[*]}"
    apt_install "${missing[@]}"
  fi
}

ensure_python_deps() {
  uv sync --frozen --quiet
}
