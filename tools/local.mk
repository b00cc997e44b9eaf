# SPDX-License-Identifier: MIT
bin_PROGRAMS += tools/cxm
tools_cxm_SOURCES = \
	tools/cli.h \
	tools/main.c \
	tools/cli.c \
	tools/progress.c \
	tools/sources.c \
	tools/cmd-report.c \
	tools/cmd-record.c \
	tools/cmd-snapshot.c \
	tools/cmd-classify.c \
	tools/cmd-validate.c
tools_cxm_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
tools_cxm_LDADD = lib/libcxm.la $(GLIB_LIBS) $(JSONC_LIBS) $(LIBM)
