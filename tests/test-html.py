#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The HTML report through an HTML5 parser (html5lib): no parse error on the
sample data, on keys that look like markup, and on a year of weeks x 60
teams (which must stay under 1 MB); the keys read back as the same text;
and Python's report(format="html") is the bytes the tool writes.

Run by `make check` (tests/local.mk) with top_srcdir and top_builddir set;
exit status 77 (skipped) without html5lib (Debian: python3-html5lib).
"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

try:
    import html5lib
except ImportError:
    print("html5lib is not installed (python3-html5lib): skipped")
    sys.exit(77)

top_srcdir = os.path.abspath(os.environ.get("top_srcdir", "."))
top_builddir = os.path.abspath(os.environ.get("top_builddir", "."))
tool = os.path.join(top_builddir, "tools", "cxm")
sample = os.path.join(top_srcdir, "examples", "data", "interactions.jsonl")
spec = importlib.util.spec_from_file_location(
    "html_data", os.path.join(top_srcdir, "tests", "test-html-data.py"))
data = importlib.util.module_from_spec(spec)
spec.loader.exec_module(data)

MAX_BYTES = 1_000_000


def report(path, groups, policy=None):
    args = [tool, "report", "--format", "html", "--group", groups]
    if policy:
        args += ["--policy", policy]
    run = subprocess.run(args + [path], capture_output=True, check=False)
    assert run.returncode in (0, 1), run.stderr.decode()
    return run.stdout


def parse(page):
    """The tree, asserting html5lib found no parse error."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    tree = parser.parse(page)
    errors = [f"{pos}: {code} {args}" for pos, code, args in parser.errors]
    assert not errors, "\n".join(errors[:10])
    return tree


def text(element):
    return "".join(element.itertext())


def test_sample_is_well_formed():
    tree = parse(report(sample, "teams,employees,channels,hotspots,periods:week"))
    all_ids = [e.get("id") for e in tree.iter() if e.get("id")]
    ids = set(all_ids)
    assert len(ids) == len(all_ids), "an id used twice"
    for section in ("levels", "trend", "teams", "teams-table", "channels", "difficulties",
                    "leadership", "comparison", "hotspots-table", "recovery-table",
                    "leadership-table"):
        assert section in ids, section
    for table in tree.iter("table"):
        assert table.find("caption") is not None
        assert all(th.get("scope") in ("col", "row") for th in table.iter("th"))


def test_scopes_and_days_are_well_formed():
    data_dir = os.path.join(top_srcdir, "tests", "data")
    run = subprocess.run([tool, "report", "--format", "html", "--org",
                          os.path.join(data_dir, "org-example.json"), "--group",
                          "scopes,employees,periods:day", os.path.join(data_dir, "scopes.jsonl")],
                         capture_output=True, check=True)
    tree = parse(run.stdout)
    ids = {e.get("id") for e in tree.iter() if e.get("id")}
    assert {"scopes", "scopes-table", "employees-table", "trend"} <= ids, ids
    assert text(tree.find(".//section[@id='trend']/h2")) == "Trend per day"


def test_an_empty_input_is_a_page_too(tmp):
    path = os.path.join(tmp, "empty.jsonl")
    open(path, "w").close()
    tree = parse(report(path, "teams,hotspots"))
    assert "No periods." in text(tree.find(".//section[@id='trend']"))
    assert tree.find(".//section[@id='leadership']") is None


def test_keys_that_look_like_markup_are_text(tmp):
    path = os.path.join(tmp, "nasty.jsonl")
    data.nasty(path)
    tree = parse(report(path, "teams,employees,hotspots", policy=path + ".policy.json"))
    assert not list(tree.iter("img")) and not list(tree.iter("b"))
    scripts = list(tree.iter("script"))
    assert len(scripts) == 2, len(scripts)
    meta = json.loads(text(scripts[0]))
    assert meta["policy"] == data.NASTY_POLICY
    assert text(tree.find("head/title")).endswith(data.NASTY_POLICY)
    rows = {text(th).removesuffix(" *") for th in tree.iter("th") if th.get("scope") == "row"}
    assert data.NASTY_TEAM in rows and data.NASTY_EMPLOYEE in rows, rows
    # Chart labels are cut to 24 characters.
    labels = {text(t) for t in tree.iter("{http://www.w3.org/2000/svg}text")}
    assert data.NASTY_TEAM[:23] + "…" in labels, labels


def test_a_year_of_60_teams_is_under_1_mb(tmp):
    path = os.path.join(tmp, "year.jsonl")
    data.year(path)
    page = report(path, "teams,channels,hotspots,periods:week")
    parse(page)
    print(f"# a year of weeks x 60 teams: {len(page)} bytes")
    assert len(page) < MAX_BYTES, len(page)


def test_python_writes_the_same_bytes():
    os.environ.setdefault("CXM_LIBRARY",
                          os.path.join(top_builddir, "lib", ".libs", "libcxm.so.0"))
    sys.path.insert(0, os.path.join(top_srcdir, "bindings", "python"))
    try:
        import cxm
    except Exception as e:  # the bindings not built (--disable-python)
        print(f"# Python bindings unavailable: {e}")
        return
    groups = ("teams", "channels", "hotspots", "periods:week")
    with cxm.Recorder() as recorder:
        result = recorder.import_jsonl(sample)
        page = recorder.report(groups=groups, input=result, format="html")
    assert page.encode("utf-8") == report(sample, ",".join(groups))


def main():
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, test in list(globals().items()):
            if not name.startswith("test_"):
                continue
            try:
                test(tmp) if test.__code__.co_argcount else test()
                print(f"ok {name}")
            except AssertionError as e:
                failed += 1
                print(f"FAIL {name}: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
