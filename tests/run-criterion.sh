#!/bin/sh
# Runs one Criterion test binary with TAP on stdout, under $CXM_TEST_WRAPPER
# when it is set (e.g. "valgrind --error-exitcode=1 ...").
test="$1"
shift
# libtool puts the real binary in .libs/ behind a wrapper script; run the
# wrapper through libtool so that valgrind sees the real program.
if [ -n "$CXM_TEST_WRAPPER" ]; then
  exec "${top_builddir:-.}/libtool" --mode=execute $CXM_TEST_WRAPPER "$test" --tap=- -q -j1 "$@"
fi
exec "$test" --tap=- -q "$@"
