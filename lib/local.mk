# SPDX-License-Identifier: MIT
lib_LTLIBRARIES += lib/libcxm.la

cxmincludedir = $(includedir)/cxm
cxminclude_HEADERS = \
	include/cxm/cxm.h \
	include/cxm/common.h \
	include/cxm/enums.h \
	include/cxm/interaction.h \
	include/cxm/policy.h \
	include/cxm/classify.h \
	include/cxm/stats.h \
	include/cxm/recorder.h \
	include/cxm/import.h \
	include/cxm/journal.h \
	include/cxm/snapshot.h \
	include/cxm/report.h \
	include/cxm/org.h \
	include/cxm/period.h \
	include/cxm/filter.h
nodist_cxminclude_HEADERS = include/cxm/version.h

lib_libcxm_la_SOURCES = \
	lib/agg.h \
	lib/classify-private.h \
	lib/enums-private.h \
	lib/error-private.h \
	lib/import-private.h \
	lib/interaction-private.h \
	lib/journal-file.h \
	lib/json-text.h \
	lib/limits.h \
	lib/org-private.h \
	lib/period-private.h \
	lib/policy-private.h \
	lib/recorder-private.h \
	lib/stats-private.h \
	lib/timestamp.h \
	lib/utf8.h \
	lib/utf8.c \
	lib/json-text.c \
	lib/common.c \
	lib/enums.c \
	lib/timestamp.c \
	lib/interaction.c \
	lib/policy.c \
	lib/zone.c \
	lib/zone.h \
	lib/classify.c \
	lib/agg.c \
	lib/stats.c \
	lib/org.c \
	lib/period.c \
	lib/leadership.c \
	lib/leadership.h \
	lib/recorder.c \
	lib/recorder-record.c \
	lib/journal-file.c \
	lib/recorder-journal.c \
	lib/recorder-merge.c \
	lib/recorder-query.c \
	lib/scopes.c \
	lib/snapshot-private.h \
	lib/snapshot.c \
	lib/snapshot-read.c \
	lib/snapshot-v1.c \
	lib/snapshot-write.c \
	lib/record-json.h \
	lib/record-json.c \
	lib/record-parse.h \
	lib/record-parse.cc \
	lib/org-parse.h \
	lib/org-parse.cc \
	lib/filter.c \
	lib/import-result.c \
	lib/import-scan.c \
	lib/import.c \
	lib/hotspots.c \
	lib/figures.h \
	lib/figures.c \
	lib/sink.h \
	lib/sink.c \
	lib/json-writer.h \
	lib/json-writer.c \
	lib/stats-json.h \
	lib/stats-json.c \
	lib/report-private.h \
	lib/report.c \
	lib/report-json.c \
	lib/report-table.c \
	lib/report-csv.c \
	lib/report-html.h \
	lib/report-html.c \
	lib/report-html-draw.c
lib_libcxm_la_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN=\"cxm\"
lib_libcxm_la_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS) -fvisibility=hidden
# No exceptions or RTTI: simdjson reports errors as codes, and nothing of
# C++ must leak through the C interface.
lib_libcxm_la_CXXFLAGS = $(CXX17_FLAGS) $(CXM_WARN_CXXFLAGS) $(GLIB_CFLAGS) \
	$(SIMDJSON_CFLAGS) -DSIMDJSON_EXCEPTIONS=0 -fno-exceptions -fno-rtti \
	-fvisibility=hidden -fvisibility-inlines-hidden
lib_libcxm_la_LIBADD = $(GLIB_LIBS) $(JSONC_LIBS) $(SIMDJSON_LIBS) $(LIBM)
lib_libcxm_la_LDFLAGS = -version-info $(CXM_LT_VERSION_INFO) -no-undefined $(CXM_LIB_LDFLAGS)
lib_libcxm_la_DEPENDENCIES = $(srcdir)/lib/libcxm.map
EXTRA_DIST += lib/libcxm.map
