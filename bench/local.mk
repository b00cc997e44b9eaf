# A benchmark program, not a test: `make bench` builds and runs it (see
# bench/README.md). It is not built by `make` or `make check`.
EXTRA_PROGRAMS = bench/cxm-bench
bench_cxm_bench_SOURCES = bench/cxm-bench.c
bench_cxm_bench_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
bench_cxm_bench_LDADD = lib/libcxm.la $(GLIB_LIBS) $(JSONC_LIBS)
CLEANFILES += bench/cxm-bench$(EXEEXT) bench/bench-1m.jsonl bench/bench-1m.jsonl.tmp
EXTRA_DIST += bench/README.md

# The import input: 1,000,000 records from the examples' generator, made
# once in the build tree and kept (delete it, or `make clean`, to remake it).
BENCH_JSONL = bench/bench-1m.jsonl
# Extra options for the bench, e.g. `make bench BENCH_FLAGS='--repeat 5'`.
BENCH_FLAGS =

.PHONY: bench
bench: bench/cxm-bench$(EXEEXT) examples/generate$(EXEEXT)
	@$(MKDIR_P) bench
	@if test ! -f $(BENCH_JSONL); then \
	  echo "  GEN      $(BENCH_JSONL)"; \
	  $(builddir)/examples/generate$(EXEEXT) --count 1000000 --seed 7 \
	    --output $(BENCH_JSONL).tmp && \
	  mv -f $(BENCH_JSONL).tmp $(BENCH_JSONL) || exit 1; \
	fi
	$(builddir)/bench/cxm-bench$(EXEEXT) --jsonl $(BENCH_JSONL) $(BENCH_FLAGS)
