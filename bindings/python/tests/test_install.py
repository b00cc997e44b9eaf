# SPDX-License-Identifier: MIT
"""The package installs with pip into a venv (offline) and works there.

pip builds in the source directory, which is read-only under make distcheck,
so the package is copied to a temporary directory first.
"""
import importlib.util
import json
import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_DIR = os.path.dirname(HERE)

SCRIPT = r"""
import json, os, sys
import cxm
# The installed copy, not the source tree's, and without a build-tree libdir.
assert os.path.dirname(cxm.__file__).startswith(sys.prefix), cxm.__file__
assert not os.path.exists(os.path.join(os.path.dirname(cxm.__file__),
                                       "_build_config.py"))
# pyproject.toml's version is written by hand: it must be the library's.
import importlib.metadata
versions = (importlib.metadata.version("cxm"), cxm.__version__, cxm.library_version())
assert len(set(versions)) == 1, versions
with cxm.Recorder() as recorder:
    recorder.record({"id": "a", "ts": "2026-03-02T09:15:00Z",
                     "channel": "phone", "level": "frontline", "team": "north",
                     "employee": "e-1", "csat": 5,
                     "difficulties": ["customer_upset"],
                     "resolution": "resolved"})
    print(json.dumps({"n": recorder.n, "report": recorder.report()}))
"""


def _missing_tools():
    for module, package in (("venv", "python3-venv"), ("ensurepip",
                            "python3-venv"), ("setuptools",
                            "python3-setuptools")):
        if importlib.util.find_spec(module) is None:
            return f"{module} is missing (Debian: apt-get install {package})"
    return None


def test_pip_install_into_a_venv(tmp_path):
    missing = _missing_tools()
    if missing:
        pytest.skip(missing)
    source = tmp_path / "src"
    shutil.copytree(PACKAGE_DIR, source, ignore=shutil.ignore_patterns(
        "tests", "__pycache__", "_build_config.py", "build", "*.egg-info"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages",
                    str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet",
                    "--no-build-isolation", "--no-index", str(source)],
                   check=True)
    env = dict(os.environ, PYTHONPATH="")
    assert os.path.exists(env["CXM_LIBRARY"])  # set by run-pytest.py
    run = subprocess.run([python, "-c", SCRIPT], env=env, cwd=str(tmp_path),
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["n"] == 1
    # One momentum interaction: rate 1 with its 95 % Wilson interval.
    assert result["report"]["totals"]["momentum_rate"] == {
        "value": 1.0, "low": 0.2065, "high": 1.0}
