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
	CXM_TEST_DATA='$(top_srcdir)/tests/data' NM='$(NM)'; \
	export top_srcdir top_builddir CXM_TEST_DATA NM;

if ENABLE_TESTS
test_programs = \
	tests/test-enums \
	tests/test-interaction \
	tests/test-policy \
	tests/test-classify \
	tests/test-stats \
	tests/test-recorder \
	tests/test-import \
	tests/test-report \
	tests/test-org \
	tests/test-period \
	tests/test-scopes \
	tests/test-threads \
	tests/test-journal \
	tests/test-crash \
	tests/test-snapshot \
	tests/test-limits
check_PROGRAMS += $(test_programs)
TESTS += $(test_programs) tests/test-symbols.sh
endif

tests_cflags = $(AM_CFLAGS) $(CRITERION_CFLAGS) $(JSONC_CFLAGS)
tests_ldadd = lib/libcxm.la $(CRITERION_LIBS) $(GLIB_LIBS) $(JSONC_LIBS) $(LIBM)
tests_test_enums_SOURCES = tests/test-enums.c
tests_test_enums_CFLAGS = $(tests_cflags)
tests_test_enums_LDADD = $(tests_ldadd)
tests_test_interaction_SOURCES = tests/test-interaction.c
tests_test_interaction_CFLAGS = $(tests_cflags)
tests_test_interaction_LDADD = $(tests_ldadd)
tests_test_policy_SOURCES = tests/test-policy.c
tests_test_policy_CFLAGS = $(tests_cflags)
tests_test_policy_LDADD = $(tests_ldadd)
tests_test_classify_SOURCES = tests/test-classify.c
tests_test_classify_CFLAGS = $(tests_cflags)
tests_test_classify_LDADD = $(tests_ldadd)
tests_test_stats_SOURCES = tests/test-stats.c
tests_test_stats_CFLAGS = $(tests_cflags)
tests_test_stats_LDADD = $(tests_ldadd)
tests_test_recorder_SOURCES = tests/test-recorder.c
tests_test_recorder_CFLAGS = $(tests_cflags)
tests_test_recorder_LDADD = $(tests_ldadd)
tests_test_import_SOURCES = tests/test-import.c
tests_test_import_CFLAGS = $(tests_cflags)
tests_test_import_LDADD = $(tests_ldadd)
tests_test_org_SOURCES = tests/test-org.c
tests_test_org_CFLAGS = $(tests_cflags)
tests_test_org_LDADD = $(tests_ldadd)
tests_test_period_SOURCES = tests/test-period.c
tests_test_period_CFLAGS = $(tests_cflags)
tests_test_period_LDADD = $(tests_ldadd)
tests_test_scopes_SOURCES = tests/test-scopes.c
tests_test_scopes_CFLAGS = $(tests_cflags)
tests_test_scopes_LDADD = $(tests_ldadd)
tests_test_report_SOURCES = tests/test-report.c
tests_test_report_CFLAGS = $(tests_cflags)
tests_test_report_LDADD = $(tests_ldadd)
tests_test_threads_SOURCES = tests/test-threads.c
tests_test_threads_CFLAGS = $(AM_CFLAGS)
tests_test_threads_LDADD = lib/libcxm.la $(GLIB_LIBS)
tests_test_journal_SOURCES = tests/test-journal.c
tests_test_journal_CFLAGS = $(tests_cflags)
tests_test_journal_LDADD = $(tests_ldadd)
tests_test_crash_SOURCES = tests/test-crash.c
tests_test_crash_CFLAGS = $(tests_cflags)
tests_test_crash_LDADD = $(tests_ldadd)
tests_test_snapshot_SOURCES = tests/test-snapshot.c
tests_test_snapshot_CFLAGS = $(tests_cflags)
tests_test_snapshot_LDADD = $(tests_ldadd)
tests_test_limits_SOURCES = tests/test-limits.c
tests_test_limits_CFLAGS = $(tests_cflags)
tests_test_limits_LDADD = $(tests_ldadd)

EXTRA_DIST += tests/run-criterion.sh tests/test-symbols.sh tests/cxm.symbols tests/data tests/test-util.h

include tests/cli.mk
