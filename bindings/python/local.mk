# SPDX-License-Identifier: MIT
# The Python package (ctypes over libcxm) and its pytest suite.
if HAVE_PYTHON
cxmpythondir = $(pythondir)/cxm
cxmpython_PYTHON = \
	bindings/python/cxm/__init__.py \
	bindings/python/cxm/_enums.py \
	bindings/python/cxm/_errors.py \
	bindings/python/cxm/_handle.py \
	bindings/python/cxm/_import.py \
	bindings/python/cxm/_native.py \
	bindings/python/cxm/_org.py \
	bindings/python/cxm/_policy.py \
	bindings/python/cxm/_recorder.py \
	bindings/python/cxm/_stats.py \
	bindings/python/cxm/dask.py
nodist_cxmpython_PYTHON = bindings/python/cxm/_build_config.py
# PEP 561: the package ships its type hints.
dist_cxmpython_DATA = bindings/python/cxm/py.typed
endif

# Expanded by make, not configure, so that it holds the final libdir.
bindings/python/cxm/_build_config.py: $(srcdir)/bindings/python/cxm/_build_config.py.in Makefile
	$(AM_V_GEN)$(MKDIR_P) bindings/python/cxm && \
	sed -e 's|@libdir[@]|$(libdir)|g' $(srcdir)/bindings/python/cxm/_build_config.py.in > $@.tmp && \
	mv -f $@.tmp $@
CLEANFILES += bindings/python/cxm/_build_config.py

EXTRA_DIST += \
	bindings/python/cxm/_build_config.py.in \
	bindings/python/pyproject.toml \
	bindings/python/tests/conftest.py \
	bindings/python/tests/run-pytest.py \
	bindings/python/tests/test_cases.py \
	bindings/python/tests/test_cxm.py \
	bindings/python/tests/test_data.py \
	bindings/python/tests/test_dask.py \
	bindings/python/tests/test_filter.py \
	bindings/python/tests/test_hostile.py \
	bindings/python/tests/test_install.py \
	bindings/python/tests/test_journal.py \
	bindings/python/tests/test_snapshot.py \
	bindings/python/tests/test_threads.py \
	bindings/python/tests/test_time_zone.py \
	examples/python/report.py

if ENABLE_PYTHON_TESTS
TESTS += bindings/python/tests/run-pytest.py
endif
PY_LOG_DRIVER = $(SHELL) $(top_srcdir)/build-aux/test-driver
PY_LOG_COMPILER = $(PYTHON)
