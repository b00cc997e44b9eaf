lib_LTLIBRARIES += lib/libcxm.la

cxmincludedir = $(includedir)/cxm
cxminclude_HEADERS = \
	include/cxm/cxm.h \
	include/cxm/common.h \
	include/cxm/types.h \
	include/cxm/interaction.h \
	include/cxm/policy.h \
	include/cxm/stats.h \
	include/cxm/recorder.h \
	include/cxm/import.h \
	include/cxm/journal.h \
	include/cxm/snapshot.h \
	include/cxm/report.h \
	include/cxm/org.h \
	include/cxm/period.h
nodist_cxminclude_HEADERS = include/cxm/version.h

lib_libcxm_la_SOURCES = \
	lib/cxm-private.h \
	lib/common.c \
	lib/enums.c \
	lib/timestamp.c \
	lib/interaction.c \
	lib/policy.c \
	lib/classify.c \
	lib/agg.c \
	lib/stats.c \
	lib/org.c \
	lib/period.c \
	lib/recorder.c \
	lib/journal.c \
	lib/snapshot.c \
	lib/record-json.c \
	lib/import.c \
	lib/hotspots.c \
	lib/report.c
lib_libcxm_la_CPPFLAGS = $(AM_CPPFLAGS) -DG_LOG_DOMAIN=\"cxm\"
lib_libcxm_la_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS) -fvisibility=hidden
lib_libcxm_la_LIBADD = $(GLIB_LIBS) $(JSONC_LIBS) $(LIBM)
lib_libcxm_la_LDFLAGS = -version-info $(CXM_LT_VERSION_INFO) -no-undefined $(CXM_LIB_LDFLAGS)
