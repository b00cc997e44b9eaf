# SPDX-License-Identifier: MIT
import os

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP_SRCDIR = os.path.abspath(os.environ.get("top_srcdir",
                                            os.path.join(HERE, "..", "..", "..")))


@pytest.fixture
def sample_path():
    """The 4,000-record sample with a dozen bad lines."""
    return os.path.join(TOP_SRCDIR, "examples", "data", "interactions.jsonl")


@pytest.fixture
def policy_path():
    return os.path.join(TOP_SRCDIR, "examples", "data", "policy.json")
