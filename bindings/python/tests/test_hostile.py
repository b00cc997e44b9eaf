# SPDX-License-Identifier: MIT
"""Hostile callers cannot crash the interpreter (issue 11, item 5).

Every public callable of the package is called with values a careless or
hostile caller passes: None, handles of the wrong class, a string with a
NUL, 2**64, -1, a 10 MB string, invalid UTF-8 bytes, and a closed object.
Each group of callables runs in a child process (this file run as a
script), so that a segfault shows as a signal and a hang as a timeout,
not as a lost test run. A call must return or raise an Exception; for
the arguments the binding checks, it must raise exactly the documented
one: TypeError naming the expected class, ValueError for a NUL,
OverflowError for an integer beyond its C type.
"""

import inspect
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import pytest

#: The groups of callables, one child process each.
GROUPS = ("Recorder", "Policy", "Org", "ImportResult", "functions", "plain")

GOOD = {"id": "a", "ts": "2026-03-02T09:15:00Z", "channel": "phone",
        "level": "frontline", "team": "north", "employee": "e-1", "csat": 5,
        "difficulties": ["customer_upset"], "resolution": "resolved"}
ORG = {"people": [{"id": "e-1", "level": "frontline", "team": "north"}]}


def _child(*args, timeout):
    """Run this file as a script in a child; (returncode, stdout, stderr)."""
    import cxm
    env = dict(os.environ)
    env["G_DEBUG"] = "fatal-criticals"  # a failed C precondition aborts
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(cxm.__file__)))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root,
                                                      env.get("PYTHONPATH")]))
    return subprocess.Popen([sys.executable, os.path.abspath(__file__), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env), timeout


def _finish(popen, timeout, what):
    try:
        out, err = popen.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        popen.kill()
        out, err = popen.communicate()
        last = out.strip().splitlines()[-1:] or ["(nothing)"]
        pytest.fail(f"{what}: hung (> {timeout} s) after {last[0]}")
    if popen.returncode != 0:
        last = out.strip().splitlines()[-1:] or ["(nothing)"]
        pytest.fail(f"{what}: exit status {popen.returncode} (a negative one is "
                    f"a signal) after {last[0]}\n{err[-2000:]}")
    return out


@pytest.fixture(scope="module")
def hostile_runs():
    """Every group's child, run two at a time (the machine's cores)."""
    outputs = {}
    for pair in (GROUPS[i:i + 2] for i in range(0, len(GROUPS), 2)):
        children = {group: _child("hostile", group, timeout=60) for group in pair}
        for group, (popen, timeout) in children.items():
            outputs[group] = _finish(popen, timeout, group)
    return outputs


@pytest.mark.parametrize("group", GROUPS)
def test_hostile_values_raise_never_crash(hostile_runs, group):
    lines = hostile_runs[group].splitlines()
    assert lines and lines[-1].startswith("DONE "), lines[-3:]
    _, callables, calls = lines[-1].split()
    failures = [line for line in lines if line.startswith("FAIL ")]
    assert not failures, "\n".join(failures[:20])
    # Every callable was reached, each with every hostile value.
    assert int(callables) >= {"Recorder": 30, "Policy": 9, "Org": 9,
                              "ImportResult": 7, "functions": 5, "plain": 10}[group]
    assert int(calls) >= int(callables)


def test_close_racing_eight_threads():
    popen, timeout = _child("race", timeout=60)
    out = _finish(popen, timeout, "race")
    lines = out.splitlines()
    assert lines[-1] == "DONE", lines[-5:]
    assert not [line for line in lines if line.startswith("FAIL ")], lines


def test_close_inside_own_call_is_refused_not_a_crash():
    import cxm
    recorder = cxm.Recorder()
    recorder.record(GOOD)

    class Closing(io.BytesIO):
        def write(self, data):
            recorder.close()  # from inside write_report's callback

    with pytest.raises(RuntimeError, match="inside one of its own calls"):
        recorder.write_report(Closing())
    assert recorder.n == 1  # still open: the report had it in use
    recorder.close()
    with pytest.raises(ValueError, match="the recorder is closed"):
        recorder.n


def test_dask_checks_its_handle_and_integer_arguments_first():
    import cxm
    dask = pytest.importorskip("cxm.dask")
    with pytest.raises(TypeError, match="result must be a cxm.ImportResult"):
        dask.import_jsonl([], result=cxm.Policy())
    with pytest.raises(OverflowError, match="max_errors"):
        dask.import_jsonl([], max_errors=1 << 64)


# ---- the child: hostile values ------------------------------------------

class _Closed:
    """Marks the case of a closed receiver."""


#: label -> value. "handle" is replaced by a handle of another class.
HOSTILE = {
    "None": None,
    "handle": "handle",
    "NUL": "a\0b",
    "2**64": 1 << 64,
    "-1": -1,
    "10MB": "x" * (10 << 20),
    "bad-utf8": b"\xff",
    "float": 1.5,
}

#: Parameters that take a handle, and its class.
HANDLE_PARAMS = {"other": "Recorder", "input": "ImportResult",
                 "result": "ImportResult", "policy": "Policy", "org": "Org"}
#: Parameters whose str goes to C: a NUL must raise ValueError.
STRING_PARAMS = {"key", "period", "person", "name", "format", "path", "source",
                 "value:name"}
#: Parameters whose integer goes to C: 2**64 must raise OverflowError.
INTEGER_PARAMS = {"x", "n", "positive", "negative", "max_errors", "threads",
                  "batch_records", "batch_ms", "unix_seconds", "value:max_groups", "width"}


def _wrong_handle(expected, cxm):
    """A live handle of another class than ``expected``."""
    return cxm.Recorder() if expected != "Recorder" else cxm.Policy()


def _valid(cls_name, method, param, cxm, tmp):
    """A value for ``param`` that does not fail by itself."""
    if param == "path":
        if method == "from_file":
            target = os.path.join(tmp, f"{cls_name}.json")
            with open(target, "w") as file:
                json.dump(ORG if cls_name == "Org" else {}, file)
            return target
        if method == "from_snapshot_file":
            target = os.path.join(tmp, "snap.jsonl")
            with open(target, "wb") as file:
                file.write(cxm.Recorder().to_snapshot())
            return target
        return tempfile.mktemp(dir=tmp, suffix=".jsonl")
    table = {
        "record": dict(GOOD), "snapshot": cxm.Recorder().to_snapshot(),
        "group": "teams", "kind": "day", "period": "2026-03-02",
        "person": "e-1", "other": cxm.Recorder(), "source": b"",
        "settings": {}, "x": 1, "n": 2, "positive": 1, "negative": 0,
        "z": 1.96, "unix_seconds": 0, "max_errors": 10, "mode": "batch",
        "sync": "batch", "batch_ms": 10,
        "file": io.BytesIO(), "format": "json", "groups": (),
        "cumulative": True, "type": None, "name": None, "key": None,
        "sort": None, "descending": False, "top": 0, "width": 0,
    }
    if cls_name == "Org" and method == "from_dict":
        return ORG
    if cls_name == "Policy" and param == "key":
        return "csat_positive_min"
    if param == "value" and method == "__setitem__":
        return 5
    return table.get(param)


def _expected(param, label, cls_name, method):
    """The exception a hostile value must raise, as (class, text in the
    message), or None when returning or any Exception will do."""
    if cls_name == "plain":  # never reaches C: returning will do
        return None
    if label == "handle" and param in HANDLE_PARAMS:
        if method == "from_dict":  # its org is a mapping
            return TypeError, "mapping"
        expected = HANDLE_PARAMS[param]
        if cls_name == "functions" and method == "classify":
            expected = "Policy"
        return TypeError, f"cxm.{expected}"
    if label == "NUL" and param in STRING_PARAMS:
        return ValueError, "NUL"
    if label == "2**64" and param in INTEGER_PARAMS:
        return OverflowError, ""
    if label == "-1" and param in INTEGER_PARAMS - {"unix_seconds"}:
        return ValueError, ""
    return None


def _receiver(cls_name, cxm, tmp):
    """A fresh open object of ``cls_name``."""
    if cls_name == "Org":
        return cxm.Org.from_dict(ORG)
    if cls_name == "Recorder":
        return cxm.Recorder(org=cxm.Org.from_dict(ORG))
    return getattr(cxm, cls_name)()


def _callables(group, cxm):
    """(owner, name, kind, function) of every public callable of ``group``:
    kind is "method", "classmethod", "get", "set" or "function"."""
    if group == "functions":
        for name in ("classify", "period_name", "wilson_interval", "net_score",
                     "library_version"):
            yield None, name, "function", getattr(cxm, name)
        return
    if group == "plain":  # pure Python: enums, errors, records of results
        for name in cxm.__all__:
            value = getattr(cxm, name)
            if inspect.isclass(value) and not hasattr(value, "_KIND"):
                yield None, name, "function", value
                for attr in ("from_name", "coerce"):
                    if hasattr(value, attr):
                        yield None, f"{name}.{attr}", "function", getattr(value, attr)
        return
    cls = getattr(cxm, group)
    yield None, "__init__", "function", cls
    for name in sorted(dir(cls)):
        if name.startswith("_") and name not in ("__len__", "__contains__",
                                                 "__getitem__", "__setitem__"):
            continue
        static = inspect.getattr_static(cls, name)
        if isinstance(static, property):
            yield cls, name, "get", static.fget
            if static.fset:
                yield cls, name, "set", static.fset
        elif isinstance(static, classmethod):
            yield cls, name, "classmethod", getattr(cls, name)
        elif callable(static):
            yield cls, name, "method", static


def _run_hostile(group):
    import cxm
    tmp = tempfile.mkdtemp(prefix="cxm-hostile-")
    os.chdir(tmp)  # relative hostile paths (b"\xff") are created here
    callables = calls = 0

    def attempt(label, thunk, expected):
        nonlocal calls
        calls += 1
        print(f"CALL {label}", flush=True)
        try:
            thunk()
        except Exception as e:  # anything but a crash; checked below
            if expected and not (isinstance(e, expected[0]) and expected[1] in str(e)):
                print(f"FAIL {label}: {type(e).__name__}: {str(e)[:200]}, "
                      f"expected {expected[0].__name__} with {expected[1]!r}")
            return
        if expected:
            print(f"FAIL {label}: returned, expected {expected[0].__name__}")

    for owner, name, kind, function in _callables(group, cxm):
        callables += 1
        if kind in ("get", "set"):
            params = ["value"] if kind == "set" else []
        else:
            try:
                signature = inspect.signature(function)
            except ValueError:  # a builtin without one
                signature = None
            params = [] if signature is None else [
                p.name for p in signature.parameters.values()
                if p.name not in ("self", "cls") and
                p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        method = name.split(".")[-1]

        def call(values, function=function, kind=kind, owner=owner,
                 receiver=None, name=name):
            if kind in ("function", "classmethod"):
                return function(**values)
            obj = receiver if receiver is not None else _receiver(group, cxm, tmp)
            if kind == "get":
                return function(obj)
            if kind == "set":
                return function(obj, values["value"])
            return function(obj, **values)

        def valid_values():
            return {p: _valid(group, method, p, cxm, tmp) for p in params}

        if kind in ("method", "get", "set"):  # a closed object: ValueError
            closed = _receiver(group, cxm, tmp)
            closed.close()
            attempt(f"{group}.{name} closed",
                    lambda: call(valid_values(), receiver=closed),
                    None if name == "close" else (ValueError, "closed"))
        if not params:
            attempt(f"{group}.{name}()", lambda: call({}), None)
        for param in params:
            key = f"value:{name}" if kind == "set" else param
            for label, hostile in HOSTILE.items():
                values = valid_values()
                if label == "handle":
                    hostile = _wrong_handle(HANDLE_PARAMS.get(param, "Recorder"), cxm)
                values[param] = hostile
                attempt(f"{group}.{name}({param}={label})",
                        lambda values=values: call(values),
                        _expected(key, label, group, method))
    os.chdir("/")
    shutil.rmtree(tmp)
    print(f"DONE {callables} {calls}", flush=True)


# ---- the child: close() racing eight threads ------------------------------

def _run_race():
    import cxm
    tmp = tempfile.mkdtemp(prefix="cxm-race-")
    for trial in range(6):
        recorder = cxm.Recorder()
        if trial % 2:
            recorder.open_journal(os.path.join(tmp, f"j{trial}.jsonl"),
                                  sync="os")
        started = threading.Barrier(9)
        outcomes = []

        def work(i, recorder=recorder, started=started, outcomes=outcomes):
            started.wait()
            try:
                for n in range(1 << 30):
                    record = dict(GOOD, id=f"{i}-{n}", team=f"t{n % 50}")
                    if i % 4 == 0:
                        recorder.record(record)
                    elif i % 4 == 1:
                        recorder.record_json(record)
                    elif i % 4 == 2:
                        recorder.report(groups=("teams", "periods:day"))
                    else:
                        recorder.indicators("totals")
                        recorder.to_snapshot()
            except ValueError as e:
                outcomes.append("closed" if "the recorder is closed" in str(e)
                                else f"ValueError {e}")
            except Exception as e:  # any other is a failure of the test
                outcomes.append(f"{type(e).__name__} {e}")

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        started.wait()
        time.sleep(0.05 + 0.02 * trial)
        recorder.close()
        for thread in threads:
            thread.join(20)
            if thread.is_alive():
                print(f"FAIL trial {trial}: a thread hangs", flush=True)
                os._exit(3)
        bad = [o for o in outcomes if o != "closed"]
        if len(outcomes) != 8 or bad:
            print(f"FAIL trial {trial}: {outcomes}", flush=True)
        else:
            print(f"trial {trial}: 8 threads stopped by close()", flush=True)
    shutil.rmtree(tmp)
    print("DONE", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "hostile":
        _run_hostile(sys.argv[2])
    else:
        _run_race()
