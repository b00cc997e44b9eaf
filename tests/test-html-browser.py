#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The HTML report in a real browser: headless Chromium opens the pages for
the sample data, for keys that look like markup and for a year of weeks x
60 teams, and each must log no console message (a script error, a CSP
refusal, a failed load all log one) and attempt no network request (from
Chromium's net log: requests a document started); the rendered DOM must
hold the charts and tables and show that the sort script ran, and sorting
by a column must order it. A control page that does both wrong proves the
two detectors see what they look for.

Artefacts in $top_builddir/tests/html-browser/: the pages, their DOMs and
net logs, and report.png, a screenshot of the sample's page (also written
to $CXM_SCREENSHOT when set: `make check` leaves doc/ alone).

Exit status 77 (skipped) without chromium (Debian: chromium).
"""
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

browser = shutil.which("chromium") or shutil.which("chromium-browser")
if browser is None:
    print("chromium is not installed: skipped")
    sys.exit(77)

top_srcdir = os.path.abspath(os.environ.get("top_srcdir", "."))
top_builddir = os.path.abspath(os.environ.get("top_builddir", "."))
tool = os.path.join(top_builddir, "tools", "cxm")
sample = os.path.join(top_srcdir, "examples", "data", "interactions.jsonl")
out = os.path.join(top_builddir, "tests", "html-browser")
spec = importlib.util.spec_from_file_location(
    "html_data", os.path.join(top_srcdir, "tests", "test-html-data.py"))
data = importlib.util.module_from_spec(spec)
spec.loader.exec_module(data)

MAX_READY_MS = 1000
SECTIONS = ("levels", "trend", "teams", "channels", "difficulties", "leadership")
TABLES = ("levels-table", "trend-table", "comparison", "teams-table", "channels-table",
          "hotspots-table", "recovery-table", "leadership-table")


def report(path, groups, name, policy=None):
    args = [tool, "report", "--format", "html", "--group", groups]
    if policy:
        args += ["--policy", policy]
    page = os.path.join(out, name + ".html")
    # The sample is named as a user in a checkout would name it (the page
    # lists its first rejections by file), not by this machine's path.
    if path.startswith(top_srcdir + os.sep):
        path = os.path.relpath(path, top_srcdir)
    with open(page, "wb") as f:
        run = subprocess.run(args + [path], stdout=f, stderr=subprocess.PIPE, check=False,
                             cwd=top_srcdir)
    assert run.returncode in (0, 1), run.stderr.decode()
    return page


def open_page(page, screenshot=None):
    """(DOM, console lines, page requests, seconds) of @page in Chromium."""
    netlog = page + ".netlog.json"
    with tempfile.TemporaryDirectory() as profile:
        args = [browser, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
                "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={profile}",
                "--enable-logging=stderr", "--v=0", f"--log-net-log={netlog}",
                # Nothing resolves: a request that got through CSP fails fast.
                "--host-resolver-rules=MAP * ~NOTFOUND"]
        if screenshot:
            args += ["--window-size=1280,2000", f"--screenshot={screenshot}"]
        else:
            args += ["--dump-dom"]
        # Not the sanitizer runtimes .ci/run preloads for libcxm's Python tests.
        env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")}
        start = time.monotonic()
        run = subprocess.run(args + ["file://" + page], capture_output=True, timeout=120,
                             check=False, env=env)
        seconds = time.monotonic() - start
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
    console = [line for line in run.stderr.decode(errors="replace").splitlines()
               if ":CONSOLE" in line]
    return run.stdout.decode(), console, page_requests(netlog), seconds


def page_requests(netlog):
    """The URLs of requests a document started: the browser's own (updates,
    the clock) have no initiator and an isolation key that is not a file's."""
    with open(netlog) as f:
        text = f.read()
    if not text.rstrip().endswith("}"):  # cut short at exit: close it
        text = text.rstrip().rstrip(",") + "]}"
    log = json.loads(text)
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params", {})
        if event["type"] != start or "url" not in params:
            continue
        if params.get("initiator", "not an origin") != "not an origin" or \
                "file://" in params.get("network_isolation_key", ""):
            if not params["url"].startswith(("file:", "data:")):
                urls.append(params["url"])
    return urls


def test_the_detectors_see_errors_and_requests():
    page = os.path.join(out, "control.html")
    with open(page, "w") as f:
        f.write("<!DOCTYPE html><title>control</title><img src=\"http://example.com/x.png\">"
                "<script>console.error('boom')</script>")
    _, console, requests, _ = open_page(page)
    assert any("boom" in line for line in console), console
    assert requests == ["http://example.com/x.png"], requests


def clean(page):
    dom, console, requests, seconds = open_page(page)
    assert not console, console
    assert not requests, requests
    with open(page + ".dom.html", "w") as f:
        f.write(dom)
    return dom, seconds


def ids(dom):
    return set(re.findall(r'\bid="([^"]+)"', dom))


def test_sample_renders_its_charts_and_tables():
    page = report(sample, "teams,channels,hotspots", "sample")
    dom, _ = clean(page)
    found = ids(dom)
    for wanted in SECTIONS + TABLES:
        assert wanted in found, wanted
    tables = dom.count('<table class="sortable"')
    assert f'data-sortable="{tables}"' in dom, "the sort script did not run"
    assert dom.count("<svg") >= 9, dom.count("<svg")
    assert dom.count("<figure>") == dom.count("<svg")
    png = os.path.join(out, "report.png")
    open_page(page, screenshot=png)
    assert os.path.getsize(png) > 10000
    if os.environ.get("CXM_SCREENSHOT"):
        shutil.copyfile(png, os.environ["CXM_SCREENSHOT"])


def test_markup_in_keys_stays_text():
    path = os.path.join(out, "nasty.jsonl")
    data.nasty(path)
    dom, _ = clean(report(path, "teams,employees,hotspots", "nasty", path + ".policy.json"))
    assert "<img" not in dom and "<b>" not in dom
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in dom
    assert dom.count("<script") == 2


def test_clicking_a_header_sorts_its_column():
    # The page with a script that clicks n's header twice, and without its
    # CSP (which would refuse that script).
    with open(os.path.join(out, "sample.html")) as f:
        page = f.read()
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    probe = ("<script>var th=document.querySelector('#teams-table thead th:nth-child(3)');"
             "function col(){return Array.prototype.map.call(document.querySelectorAll("
             "'#teams-table tbody td:nth-child(3)'),function(c){return c.getAttribute('data-v');})"
             ".join(' ');}th.click();document.body.setAttribute('data-up',col()+'/'+"
             "th.getAttribute('aria-sort'));th.click();document.body.setAttribute("
             "'data-down',col()+'/'+th.getAttribute('aria-sort'));</script></body>")
    probed = os.path.join(out, "sort-probe.html")
    with open(probed, "w") as f:
        f.write(page.replace("</body>", probe))
    dom, _ = clean(probed)
    up, up_sort = re.search(r'data-up="([^"]*)"', dom).group(1).split("/")
    down, down_sort = re.search(r'data-down="([^"]*)"', dom).group(1).split("/")
    numbers = [int(n) for n in up.split()]
    assert len(numbers) == 12 and numbers == sorted(numbers), up
    assert [int(n) for n in down.split()] == sorted(numbers, reverse=True), down
    assert (up_sort, down_sort) == ("ascending", "descending")


def test_a_year_of_60_teams_is_ready_within_a_second():
    path = os.path.join(out, "year.jsonl")
    data.year(path)
    page = report(path, "teams,channels,hotspots,periods:week", "year")
    dom, seconds = clean(page)
    ready = int(re.search(r'data-ready-ms="(\d+)"', dom).group(1))
    print(f"# year x 60 teams: {os.path.getsize(page)} bytes, parsed and scripted in "
          f"{ready} ms; the whole headless run {seconds:.2f} s")
    assert ready < MAX_READY_MS, ready


def main():
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    failed = 0
    for name, test in list(globals().items()):
        if name.startswith("test_"):
            try:
                test()
                print(f"ok {name}")
            except (AssertionError, subprocess.TimeoutExpired) as e:
                failed += 1
                print(f"FAIL {name}: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
