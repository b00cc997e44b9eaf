# SPDX-License-Identifier: MIT
# Man pages: cxm(1) and one per command, written at build time from the
# tool's --help by doc/make-man.sh, so that they cannot drift from it.
# doc/test-man.sh fails when a command of `cxm --help` has no page here.
cxm_man_pages = \
	doc/cxm.1 \
	doc/cxm-report.1 \
	doc/cxm-record.1 \
	doc/cxm-snapshot.1 \
	doc/cxm-classify.1 \
	doc/cxm-validate.1
nodist_man1_MANS = $(cxm_man_pages)

# The command is the page's name after "cxm-" (none for cxm.1).
$(cxm_man_pages): tools/cxm$(EXEEXT) $(srcdir)/doc/make-man.sh
	$(AM_V_GEN)$(MKDIR_P) doc && command=`basename $@ .1 | sed 's/^cxm-\{0,1\}//'` && \
	$(SHELL) $(srcdir)/doc/make-man.sh tools/cxm$(EXEEXT) $$command > $@.tmp && \
	mv -f $@.tmp $@
CLEANFILES += $(cxm_man_pages)

TESTS += doc/test-man.sh
EXTRA_DIST += doc/make-man.sh doc/test-man.sh

# The formats, for the users of cxm (doc/README.md lists them).
EXTRA_DIST += doc/README.md doc/record-format.md doc/org-format.md \
	doc/policy-format.md doc/report-format.md
