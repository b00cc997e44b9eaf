#!/bin/sh
# Quick start for a fresh Debian 12 machine (run as root, or with sudo):
#   ./dev.sh report   install what is missing, build, report on the sample data
#   ./dev.sh check    install what is missing, build, run every test
# Builds out of tree in _build/ so that the source tree stays clean.
set -eu
cd "$(dirname "$0")"

packages="build-essential g++ autoconf automake libtool autoconf-archive pkg-config
libglib2.0-dev libjson-c-dev libsimdjson-dev libcriterion-dev valgrind python3 python3-pytest
python3-html5lib chromium python3-dask python3-distributed"

install_missing() {
  missing=""
  for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "dev.sh: installing$missing"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
}

build() {
  [ -x configure ] || ./autogen.sh
  mkdir -p _build
  cd _build
  [ -f Makefile ] || ../configure
  make -j"$(nproc)"
  cd ..
}

case "${1:-}" in
report)
  install_missing
  build
  # Exit status 1 only says that the sample data's deliberately bad lines
  # were rejected (they are listed on standard error).
  _build/tools/cxm report --format table examples/data/interactions.jsonl || [ $? -eq 1 ]
  ;;
check)
  install_missing
  build
  make -C _build -j"$(nproc)" check
  ;;
*)
  echo "usage: $0 report|check" >&2
  exit 2
  ;;
esac
