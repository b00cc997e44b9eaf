# SPDX-License-Identifier: MIT
"""Runs the Python bindings' pytest suite for `make check`.

Points the package at the build tree's libcxm (CXM_LIBRARY) and the source
tree's Python files, so that nothing needs to be installed.
"""
import os
import sys

import pytest

here = os.path.dirname(os.path.abspath(__file__))
top_builddir = os.path.abspath(os.environ.get("top_builddir", "."))
os.environ.setdefault("CXM_LIBRARY",
                      os.path.join(top_builddir, "lib", ".libs", "libcxm.so.0"))
os.environ.setdefault("CXM_TOOL", os.path.join(top_builddir, "tools", "cxm"))
sys.path.insert(0, os.path.dirname(here))

# The guard: worker processes that multiprocessing spawns (the Dask tests)
# import this module again as their main; they must not run the suite.
if __name__ == "__main__":
    # -p no:cacheprovider: the source tree may be read-only (make distcheck).
    sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", here]))
