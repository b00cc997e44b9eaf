bin_PROGRAMS += tools/cxm
tools_cxm_SOURCES = tools/cxm.c
tools_cxm_LDADD = lib/libcxm.la $(GLIB_LIBS) $(LIBM)
