#!/bin/sh
# SPDX-License-Identifier: MIT
# Quick start for a fresh Debian 12 machine (run as root, or with sudo):
#   ./dev.sh report   install what is missing, build, report on the sample data
#   ./dev.sh check    install what is missing, build, run every test
#   ./dev.sh deb      install the build dependencies of debian/control, build
#                     the Debian packages into _deb/
# Builds out of tree in _build/ so that the source tree stays clean.
set -eu
cd "$(dirname "$0")"

packages="build-essential g++ autoconf automake libtool autoconf-archive pkg-config
libglib2.0-dev libjson-c-dev libsimdjson-dev libcriterion-dev valgrind python3 python3-pytest python3-venv python3-pip python3-setuptools
python3-html5lib chromium python3-dask python3-distributed python3-pandas mypy tzdata"

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

# Builds the binary packages from a copy of the tree in _deb/ (its tracked and
# untracked files, not the ignored ones), so that dpkg-buildpackage writes
# nothing outside it and leaves the checkout's own build alone. The build
# runs the tests unless DEB_BUILD_OPTIONS has nocheck.
deb() {
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  if ! command -v dpkg-buildpackage >/dev/null || ! dpkg-checkbuilddeps 2>/dev/null; then
    echo "dev.sh: installing the build dependencies of debian/control"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq dpkg-dev
    DEBIAN_FRONTEND=noninteractive $sudo apt-get build-dep -y -qq ./
  fi
  rm -rf _deb
  mkdir -p _deb/src/cxm
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard |
      tar --null --ignore-failed-read -T - -cf - | tar -xf - -C _deb/src/cxm
  else # not a git checkout: everything but the build trees
    tar --exclude=./.git --exclude=./_deb --exclude='./_build*' -cf - . | tar -xf - -C _deb/src/cxm
  fi
  (cd _deb/src/cxm && dpkg-buildpackage -us -uc -b -Jauto)
  mv _deb/src/*.deb _deb/src/*.changes _deb/src/*.buildinfo _deb/
  rm -rf _deb/src
  echo "dev.sh: packages in _deb/; install them with:"
  echo "  apt-get install ./_deb/*.deb"
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
deb)
  deb
  ;;
*)
  echo "usage: $0 report|check|deb" >&2
  exit 2
  ;;
esac
