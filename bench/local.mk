# A benchmark program, not a test: `make bench` builds and runs it (see
# bench/README.md). It is not built by `make` or `make check`.
EXTRA_PROGRAMS = bench/cxm-bench bench/cxm-bench-durable
bench_cxm_bench_SOURCES = bench/cxm-bench.c
bench_cxm_bench_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
bench_cxm_bench_LDADD = lib/libcxm.la $(GLIB_LIBS) $(JSONC_LIBS)
bench_cxm_bench_durable_SOURCES = bench/cxm-bench-durable.c
bench_cxm_bench_durable_LDADD = lib/libcxm.la $(GLIB_LIBS)
CLEANFILES += bench/cxm-bench$(EXEEXT) bench/cxm-bench-durable$(EXEEXT) \
	bench/bench-1m.jsonl bench/bench-1m.jsonl.tmp
EXTRA_DIST += bench/README.md

# The import input: 1,000,000 records from the examples' generator, made
# once in the build tree and kept (delete it, or `make clean`, to remake it).
BENCH_JSONL = bench/bench-1m.jsonl
# Extra options for the bench, e.g. `make bench BENCH_FLAGS='--repeat 5'`.
BENCH_FLAGS =

# Order-only on the generator: a rebuilt generator does not remake the data.
$(BENCH_JSONL): | examples/generate$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) bench && \
	$(builddir)/examples/generate$(EXEEXT) --count 1000000 --seed 7 --output $@.tmp && \
	mv -f $@.tmp $@

.PHONY: bench bench-durable
bench: bench/cxm-bench$(EXEEXT) $(BENCH_JSONL)
	$(builddir)/bench/cxm-bench$(EXEEXT) --jsonl $(BENCH_JSONL) $(BENCH_FLAGS)

# Threads, journal sync modes and snapshots; journals go to the build tree.
bench-durable: bench/cxm-bench-durable$(EXEEXT) $(BENCH_JSONL)
	$(builddir)/bench/cxm-bench-durable$(EXEEXT) --dir $(builddir)/bench \
	  --jsonl $(BENCH_JSONL) $(BENCH_FLAGS)

# The Python bindings' import rate next to C's (issue: ratio >= 0.9).
.PHONY: bench-python
bench-python: bench/cxm-bench$(EXEEXT) $(BENCH_JSONL)
	CXM_LIBRARY=$(abs_top_builddir)/lib/.libs/libcxm.so.0 \
	PYTHONPATH=$(abs_top_srcdir)/bindings/python \
	  $(PYTHON) $(srcdir)/bench/python-bench.py --jsonl $(BENCH_JSONL) \
	  --c-bench $(builddir)/bench/cxm-bench$(EXEEXT)
EXTRA_DIST += bench/python-bench.py
