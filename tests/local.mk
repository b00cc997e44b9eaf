# SPDX-License-Identifier: MIT
# Tests run through automake's TAP driver: Criterion binaries print TAP on
# stdout with --tap=-; shell tests print TAP themselves.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
TEST_EXTENSIONS = .sh .py
# run-criterion.sh adds --tap=- and, with CXM_VALGRIND=1, valgrind.
LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/run-criterion.sh
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(top_srcdir)' top_builddir='$(top_builddir)' \
	CXM_TEST_DATA='$(top_srcdir)/tests/data' \
	CXM_TEST_CASES='$(top_srcdir)/tests/cases' \
	CXM_FUZZ_CORPUS='$(top_srcdir)/tests/fuzz/corpus' NM='$(NM)'; \
	export top_srcdir top_builddir CXM_TEST_DATA CXM_TEST_CASES CXM_FUZZ_CORPUS NM;

# The Criterion programs: each tests/test-NAME is built from tests/test-NAME.c
# (automake's default _SOURCES) and linked with LDADD, the default of every
# program without its own _LDADD: in this tree only these.
criterion_tests = \
	tests/test-enums \
	tests/test-interaction \
	tests/test-policy \
	tests/test-classify \
	tests/test-stats \
	tests/test-recorder \
	tests/test-import \
	tests/test-report \
	tests/test-rank \
	tests/test-org \
	tests/test-period \
	tests/test-scopes \
	tests/test-leadership \
	tests/test-journal \
	tests/test-crash \
	tests/test-snapshot \
	tests/test-limits \
	tests/test-cases \
	tests/test-html \
	tests/test-filter \
	tests/test-zone

if ENABLE_TESTS
check_PROGRAMS += $(criterion_tests) tests/test-threads
TESTS += $(criterion_tests) tests/test-threads tests/test-symbols.sh tests/test-cases-cli.sh tests/test-json-suite.sh
# The HTML report: html5lib's parse and sizes, then a headless browser's
# view (each skipped, 77, without html5lib or chromium).
if HAVE_PYTHON
TESTS += tests/test-html.py tests/test-html-browser.py
endif
endif

LDADD = lib/libcxm.la $(CRITERION_LIBS) $(GLIB_LIBS) $(JSONC_LIBS) $(LIBM)
# Their objects compile with Criterion's and json-c's flags too (a GNU make
# target-specific variable: automake's per-program _CFLAGS would take one
# more line per program).
criterion_objects = $(criterion_tests:=.$(OBJEXT))
$(criterion_objects): AM_CFLAGS += $(CRITERION_CFLAGS) $(JSONC_CFLAGS)

# Not Criterion: GLib threads and the library only.
tests_test_threads_LDADD = lib/libcxm.la $(GLIB_LIBS)

EXTRA_DIST += \
	tests/run-criterion.sh \
	tests/test-symbols.sh \
	tests/cxm.symbols \
	tests/data \
	tests/test-util.h \
	tests/cases \
	tests/test-cases-cli.sh \
	tests/test-json-suite.sh \
	tests/test-html.py \
	tests/test-html-data.py \
	tests/test-html-browser.py \
	bindings/python/tests/test_cases.py

include tests/cli.mk

# The browser test's pages, logs and screenshot (the CI's artefacts) go
# with make clean.
clean-local: clean-local-html
clean-local-html:
	-rm -rf tests/html-browser
.PHONY: clean-local-html
