# SPDX-License-Identifier: MIT
# Examples are built by `make` (noinst) so that they never rot.
noinst_PROGRAMS += examples/minimal examples/import-report examples/generate
examples_minimal_SOURCES = examples/minimal.c
examples_minimal_LDADD = lib/libcxm.la $(GLIB_LIBS)
examples_import_report_SOURCES = examples/import-report.c
examples_import_report_LDADD = lib/libcxm.la $(GLIB_LIBS)
examples_generate_SOURCES = examples/generate.c
examples_generate_LDADD = $(GLIB_LIBS)
EXTRA_DIST += examples/data/interactions.jsonl examples/data/org.json examples/data/policy.json
