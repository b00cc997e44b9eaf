# SPDX-License-Identifier: MIT
"""The data-driven cases of tests/cases/ (tests/cases/README.md) through
the cxm package's public API: the checks of tests/test-cases.c, one test a
case. A case with a file ``known`` is a known bug: its outcome today is
checked, and the test reported as an expected failure."""

import os

import pytest

import cxm

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.environ.get("CXM_TEST_CASES") or os.path.join(
    os.environ.get("top_srcdir", os.path.join(HERE, "..", "..", "..")), "tests", "cases")

GOOD1 = b'{"id":"g1","ts":"2026-03-02T09:15:00Z","channel":"web","team":"t","csat":5}'
GOOD2 = b'{"id":"g2","ts":"2026-03-02T09:16:00Z","channel":"phone","team":"t","csat":2}'
ALL_GROUPS = ("teams", "employees", "channels")

# The CxmError names of the expect files, and their exceptions.
ERRORS = {
    "INVALID_ARGUMENT": cxm.InvalidArgumentError, "IO": cxm.FileError,
    "INVALID_JSON": cxm.InvalidJSONError, "INVALID_UTF8": cxm.InvalidUTF8Error,
    "TOO_LONG": cxm.TooLongError, "TOO_DEEP": cxm.TooDeepError,
    "NOT_OBJECT": cxm.NotObjectError, "MISSING": cxm.MissingKeyError,
    "TYPE": cxm.WrongTypeError, "RANGE": cxm.RangeError, "ENUM": cxm.EnumError,
    "DUPLICATE": cxm.DuplicateError, "FORMAT": cxm.FormatError,
    "POLICY": cxm.PolicyError, "POLICY_MISMATCH": cxm.PolicyMismatchError,
    "NOT_FOUND": cxm.NotFoundError, "ORG": cxm.OrgError, "LIMIT": cxm.LimitError,
    "SNAPSHOT": cxm.SnapshotError, "BUSY": cxm.BusyError,
    "DUPLICATE_ID": cxm.DuplicateIdError,
}


def matches(pattern, text):
    """``text`` is ``pattern``, in which "*" matches any run of characters."""
    parts = pattern.split("*")
    if len(parts) == 1:
        return text == pattern
    if not text.startswith(parts[0]):
        return False
    pos = len(parts[0])
    for part in parts[1:-1]:
        found = text.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return len(text) - pos >= len(parts[-1]) and text.endswith(parts[-1])


class Expect:
    """What an expect file says."""

    def __init__(self, text, classify):
        assert text.endswith("\n"), "expect does not end with a line end"
        lines = text[:-1].split("\n")
        words = lines[0].split(" ")
        self.accepted = classify or words[0] == "accepted"
        self.leadership = words[1:] == ["leadership"]
        self.cls = self.reason = self.error = self.refusal = None
        if classify:
            assert len(lines) == 1 and len(words) == 2
            self.cls, self.reason = words
        elif not self.accepted:
            assert len(lines) == 2, "an error is two lines, CODE KEY and the message"
            self.error = self.parse_error(lines)
        elif self.leadership:
            assert len(lines) in (1, 3)
            if len(lines) == 3:
                self.refusal = self.parse_error(lines[1:])
        else:
            assert len(lines) == 1 and len(words) in (1, 3)
            if len(words) == 3:
                self.cls, self.reason = words[1:]

    @staticmethod
    def parse_error(lines):
        code, key = lines[0].split(" ")
        return ERRORS[code], None if key == "-" else key, lines[1]


def check_error(what, exc, error, prefix=""):
    cls, key, message = error
    assert type(exc) is cls, f"{what}: {type(exc).__name__}, expected {cls.__name__}"
    assert matches(prefix + message, exc.message), \
        f"{what}: message {exc.message!r}, expected {prefix + message!r}"
    assert exc.key == key, f"{what}: key {exc.key!r}, expected {key!r}"
    assert exc.line is None, f"{what}: line {exc.line}"


def check_class(what, got, expect):
    assert (got.cls.json_name, got.reason.json_name) == (expect.cls, expect.reason), \
        f"{what}: {got.cls.json_name} {got.reason.json_name}, expected {expect.cls} {expect.reason}"


def run_record(path, line, expect):
    # GOOD1, the line, GOOD2: only the line may be rejected, on line 2, as
    # expected, changing no aggregate
    with cxm.Recorder() as rec:
        result = rec.import_jsonl(GOOD1 + b"\n" + line + b"\n" + GOOD2 + b"\n")
        counts = (result.records, result.accepted, result.rejected, result.leadership)
        if expect.accepted:
            assert result.errors == [], f"import: rejected: {result.errors[0]}"
            assert counts == (3, 3, 0, 1 if expect.leadership else 0), f"import: {counts}"
            assert rec.n == (2 if expect.leadership else 3)
            assert rec.leadership_count() == (1 if expect.leadership else 0)
        else:
            assert counts == (3, 2, 1, 0), f"import: {counts}"
            assert len(result.errors) == 1
            rejection = result.errors[0]
            assert rejection.line == 2, f"import: line {rejection.line}"
            assert matches(expect.error[2], rejection.message), \
                f"import: message {rejection.message!r}, expected {expect.error[2]!r}"
            assert rejection.key == expect.error[1], f"import: key {rejection.key!r}"
            assert rejection.source is None
            assert rec.n == 2
            with cxm.Recorder() as good:
                good.import_jsonl(GOOD1 + b"\n" + GOOD2 + b"\n", strict=True)
                assert rec.report(ALL_GROUPS) == good.report(ALL_GROUPS), \
                    "import: the rejected line changed the aggregates"
        imported = rec.report(ALL_GROUPS)

    # record_json: the same error and nothing recorded, or what the import did
    with cxm.Recorder() as rec:
        if expect.accepted:
            rec.import_jsonl(GOOD1 + b"\n", strict=True)
            assert rec.record_json(line)
            rec.import_jsonl(GOOD2 + b"\n", strict=True)
            assert rec.report(ALL_GROUPS) == imported, \
                "record_json and the import disagree on the aggregates"
        else:
            with pytest.raises(cxm.Error) as caught:
                rec.record_json(line)
            check_error("record_json", caught.value, expect.error)
            # the import's code is the exception's
            assert rejection.code == caught.value.code
            with cxm.Recorder() as empty:
                assert rec.report(ALL_GROUPS) == empty.report(ALL_GROUPS)

    # cxm.classify and Recorder.record read it as an interaction
    if expect.accepted and not expect.leadership:
        got = cxm.classify(line)
        if expect.cls is not None:
            check_class("classify", got, expect)
            with cxm.Recorder() as rec:
                check_class("record", rec.record(line), expect)
        return
    with pytest.raises(cxm.Error) as caught:
        cxm.classify(line)
    if expect.leadership:
        assert type(caught.value) is cxm.InvalidArgumentError
        if expect.refusal is not None:
            check_error("classify", caught.value, expect.refusal)
    else:
        check_error("classify", caught.value, expect.error)


def run_classify(path, line, expect):
    policy_path = os.path.join(path, "policy")
    policy = cxm.Policy.from_file(policy_path) if os.path.exists(policy_path) else None
    check_class("classify", cxm.classify(line, policy), expect)
    with cxm.Recorder(policy) as rec:
        check_class("record", rec.record(line), expect)


def run_document(kind, path, data, expect):
    input_path = os.path.join(path, "input")
    load = {
        "policy": lambda: cxm.Policy.from_file(input_path),
        "org": lambda: cxm.Org.from_file(input_path),
        "snapshot": lambda: cxm.Recorder.from_snapshot(data),
    }[kind]
    if expect.accepted:
        load().close()
        return
    with pytest.raises(cxm.Error) as caught:
        load()
    # from_file names the file in its messages
    prefix = "" if kind == "snapshot" else input_path + ": "
    check_error(kind, caught.value, expect.error, prefix)


def case_params():
    params = []
    for kind in sorted(os.listdir(CASES)):
        if not os.path.isdir(os.path.join(CASES, kind)):
            continue
        for name in sorted(os.listdir(os.path.join(CASES, kind))):
            path = os.path.join(CASES, kind, name)
            params.append(pytest.param(kind, path, id=f"{kind}/{name}"))
    return params


@pytest.mark.parametrize("kind, path", case_params())
def test_case(kind, path):
    with open(os.path.join(path, "input"), "rb") as f:
        data = f.read()
    with open(os.path.join(path, "expect")) as f:
        expect = Expect(f.read(), kind == "classify")
    # a known bug: its first line says which, the rest what happens today
    known = None
    if os.path.exists(os.path.join(path, "known")):
        with open(os.path.join(path, "known")) as f:
            known, today = f.read().split("\n", 1)
        expect = Expect(today, kind == "classify")
    line = data[:-1] if data.endswith(b"\n") else data
    if kind == "records":
        assert b"\n" not in line, "input is more than one line"
        run_record(path, line, expect)
    elif kind == "classify":
        run_classify(path, line, expect)
    else:
        assert kind in ("policy", "org", "snapshot"), f"unknown kind {kind!r}"
        assert not expect.leadership and expect.cls is None
        run_document(kind, path, data, expect)
    if known is not None:
        pytest.xfail(f"known bug: {known}")


def test_every_kind_has_cases():
    for kind in ("records", "classify", "policy", "org", "snapshot"):
        assert len(os.listdir(os.path.join(CASES, kind))) >= 10, kind
