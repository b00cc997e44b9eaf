# SPDX-License-Identifier: MIT
# libFuzzer targets (tests/fuzz/README.md). Each target is built either
#  - with --enable-fuzzing (clang): with libFuzzer, ASan and UBSan, against
#    a copy of the library's objects instrumented the same way; `make`
#    builds them and tests/fuzz/run-fuzzers.sh fuzzes them; or
#  - otherwise: with replay-main.c as its main(), against libcxm.la, as a
#    check program.
# Either way `make check` replays every seed corpus through its target
# (tests/fuzz/replay.sh, TAP).
fuzz_targets = \
	tests/fuzz/fuzz-record \
	tests/fuzz/fuzz-policy \
	tests/fuzz/fuzz-org \
	tests/fuzz/fuzz-snapshot \
	tests/fuzz/fuzz-json-diff

if ENABLE_FUZZING
noinst_PROGRAMS += $(fuzz_targets)
# The library's sources compiled again with the fuzzing instrumentation
# (static, so its hidden symbols need no export).
noinst_LIBRARIES = tests/fuzz/libcxm-fuzz.a
tests_fuzz_libcxm_fuzz_a_SOURCES = $(lib_libcxm_la_SOURCES)
tests_fuzz_libcxm_fuzz_a_CPPFLAGS = $(lib_libcxm_la_CPPFLAGS)
tests_fuzz_libcxm_fuzz_a_CFLAGS = $(lib_libcxm_la_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_libcxm_fuzz_a_CXXFLAGS = $(lib_libcxm_la_CXXFLAGS) $(FUZZ_CFLAGS)
fuzz_main =
# The C++ part of the sanitizers, for the record parser.
fuzz_ldflags = $(FUZZ_LDFLAGS) -fsanitize-link-c++-runtime
# The library's record parser is C++: its runtime comes too.
fuzz_ldadd = tests/fuzz/libcxm-fuzz.a $(GLIB_LIBS) $(JSONC_LIBS) $(SIMDJSON_LIBS) \
	-lstdc++ $(LIBM)
else
check_PROGRAMS += $(fuzz_targets)
fuzz_main = tests/fuzz/replay-main.c
fuzz_ldflags =
fuzz_ldadd = lib/libcxm.la $(GLIB_LIBS) $(JSONC_LIBS) $(LIBM)
endif
TESTS += tests/fuzz/replay.sh

fuzz_cflags = $(AM_CFLAGS) $(JSONC_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_record_SOURCES = tests/fuzz/fuzz-record.c tests/fuzz/fuzz.h $(fuzz_main)
tests_fuzz_fuzz_record_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_record_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_record_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_policy_SOURCES = tests/fuzz/fuzz-policy.c tests/fuzz/fuzz.h $(fuzz_main)
tests_fuzz_fuzz_policy_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_policy_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_policy_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_org_SOURCES = tests/fuzz/fuzz-org.c tests/fuzz/fuzz.h $(fuzz_main)
tests_fuzz_fuzz_org_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_org_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_org_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_snapshot_SOURCES = tests/fuzz/fuzz-snapshot.c tests/fuzz/fuzz.h $(fuzz_main)
tests_fuzz_fuzz_snapshot_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_snapshot_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_snapshot_LDADD = $(fuzz_ldadd)
tests_fuzz_fuzz_json_diff_SOURCES = tests/fuzz/fuzz-json-diff.c tests/fuzz/fuzz.h $(fuzz_main)
tests_fuzz_fuzz_json_diff_CFLAGS = $(fuzz_cflags)
tests_fuzz_fuzz_json_diff_LDFLAGS = $(fuzz_ldflags)
tests_fuzz_fuzz_json_diff_LDADD = $(fuzz_ldadd)

EXTRA_DIST += \
	tests/fuzz/README.md \
	tests/fuzz/replay.sh \
	tests/fuzz/run-fuzzers.sh \
	tests/fuzz/cxm.dict \
	tests/fuzz/known-crashes \
	tests/fuzz/corpus
