# SPDX-License-Identifier: MIT
# A benchmark program, not a test: `make bench` builds and runs it (see
# bench/README.md). It is not built by `make` or `make check`.
EXTRA_PROGRAMS = bench/cxm-bench bench/cxm-bench-durable
bench_cxm_bench_SOURCES = bench/cxm-bench.c bench/simdjson-parse.h bench/simdjson-parse.cc
bench_cxm_bench_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
bench_cxm_bench_CXXFLAGS = $(CXX17_FLAGS) $(GLIB_CFLAGS) $(SIMDJSON_CFLAGS) -O2
bench_cxm_bench_LDADD = lib/libcxm.la $(GLIB_LIBS) $(JSONC_LIBS) $(SIMDJSON_LIBS) -lpthread
bench_cxm_bench_durable_SOURCES = bench/cxm-bench-durable.c
bench_cxm_bench_durable_LDADD = lib/libcxm.la $(GLIB_LIBS)
CLEANFILES += bench/cxm-bench$(EXEEXT) bench/cxm-bench-durable$(EXEEXT) \
	bench/bench-1m.jsonl bench/bench-1m.jsonl.tmp bench/bench-5m.jsonl \
	bench/bench-5m.jsonl.tmp
EXTRA_DIST += bench/README.md bench/duckdb-peer.cjs

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

# The larger input, for the whole process's peak memory: 5,000,000 records.
BENCH_JSONL_BIG = bench/bench-5m.jsonl
$(BENCH_JSONL_BIG): | examples/generate$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) bench && \
	$(builddir)/examples/generate$(EXEEXT) --count 5000000 --seed 11 --output $@.tmp && \
	mv -f $@.tmp $@

# The peer: DuckDB from npm (@duckdb/node-api), installed once in the build
# tree when npm is there; without it the peer's figures are left out.
BENCH_PEER_MODULES = bench/peer/node_modules
$(BENCH_PEER_MODULES):
	-$(AM_V_GEN)command -v npm >/dev/null && $(MKDIR_P) bench/peer && \
	npm install --silent --no-audit --no-fund --prefix bench/peer @duckdb/node-api

# The whole process is timed on the program itself, as installed, not on
# libtool's wrapper script around it in a shared build (a shell and an
# exec more, about 10 ms a run); the wrapper of cxm-bench has already put
# the uninstalled library on LD_LIBRARY_PATH for it.
.PHONY: bench bench-durable
bench: bench/cxm-bench$(EXEEXT) tools/cxm$(EXEEXT) $(BENCH_JSONL) $(BENCH_JSONL_BIG) \
		$(BENCH_PEER_MODULES)
	peer=""; \
	if test -d $(BENCH_PEER_MODULES)/@duckdb && command -v node >/dev/null; then \
	  peer="env NODE_PATH=$(abs_builddir)/$(BENCH_PEER_MODULES) node $(abs_srcdir)/bench/duckdb-peer.cjs"; \
	fi; \
	cxm=$(builddir)/tools/cxm$(EXEEXT); \
	test -x $(builddir)/tools/.libs/cxm$(EXEEXT) && cxm=$(builddir)/tools/.libs/cxm$(EXEEXT); \
	$(builddir)/bench/cxm-bench$(EXEEXT) --jsonl $(BENCH_JSONL) \
	  --jsonl-big $(BENCH_JSONL_BIG) --cxm $$cxm \
	  $${peer:+--peer "$$peer"} $(BENCH_FLAGS)

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

# cxm.dask on a 2-worker LocalCluster next to one process (needs
# python3-distributed): 10,000,000 records in 20 files, written once under
# BENCH_DASK_DIR (2.5 GB, outside the build tree).
BENCH_DASK_DIR = /tmp/cxm-dask-bench
.PHONY: bench-dask
bench-dask: examples/generate$(EXEEXT)
	CXM_LIBRARY=$(abs_top_builddir)/lib/.libs/libcxm.so.0 \
	PYTHONPATH=$(abs_top_srcdir)/bindings/python \
	  $(PYTHON) $(srcdir)/bench/dask-bench.py --dir $(BENCH_DASK_DIR) \
	  --generate $(builddir)/examples/generate$(EXEEXT) $(BENCH_FLAGS)
EXTRA_DIST += bench/dask-bench.py

# The large reports of issue 11 (300,000 employees; a 1,000,000-person org
# as a chain and flat), their inputs written once under BENCH_LARGE_DIR.
BENCH_LARGE_DIR = /tmp/cxm-large-bench
.PHONY: bench-large
bench-large: tools/cxm$(EXEEXT)
	$(SHELL) $(srcdir)/bench/large-reports.sh $(builddir)/tools/cxm$(EXEEXT) $(BENCH_LARGE_DIR)
EXTRA_DIST += bench/large-reports.sh
