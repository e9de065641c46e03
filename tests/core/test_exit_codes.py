"""One rule turns a run's problems into its exit code: 0 ok, 1 data problems, 2 usage or
configuration (or the machine). The same problem exits the same way whatever route found it."""

from __future__ import annotations

import pickle

import pytest

from bcngv.diagnostics import EXIT_DATA, EXIT_OK, EXIT_USAGE, Diagnostic, diag, exit_code

D = diag
CASES = [
    ([], False, EXIT_OK),
    ([D("partner-alias", "records/a.yaml", value="x", name="y", id="z")], False, EXIT_OK),
    ([D("partner-alias", "records/a.yaml", value="x", name="y", id="z")], True, EXIT_DATA),  # --strict
    ([D("invalid-value", "records/a.yaml", key="persons", value="x", problem="x", expected_vi="a", expected_en="a")], False, EXIT_DATA),
    ([D("yaml-syntax", "records/a.yaml", problem="x")], False, EXIT_DATA),
    ([D("yaml-syntax", "bcngv.yaml", problem="x")], False, EXIT_USAGE),  # any problem of bcngv.yaml
    ([D("link-outside", "bcngv.yaml", target="/etc/passwd")], False, EXIT_USAGE),
    ([D("link-outside", "records/a.yaml", target="/etc/passwd")], False, EXIT_DATA),
    ([D("template-error", "bcngv.yaml", 14, problem="x")], False, EXIT_DATA),  # a summary line that ran
    ([D("template-error", "templates/thang.md.j2", 3, problem="x")], False, EXIT_DATA),
    ([D("template-missing", "bcngv.yaml", 12, value="x")], False, EXIT_USAGE),
    ([D("include-missing", "templates/thang.md.j2", 3, value="x")], False, EXIT_DATA),
    ([D("invalid-period", "--period", value="x", forms="y")], False, EXIT_USAGE),
    ([D("unknown-kind", "KIND", value="x", kinds="doan_ra")], False, EXIT_USAGE),  # an argument, not a file
    ([D("unknown-kind", "records/a.yaml", value="x", kinds="doan_ra")], False, EXIT_DATA),
    ([D("output-not-writable", "build/x.docx", problem="x")], False, EXIT_USAGE),  # the machine
    ([D("libreoffice-missing", "--pdf")], False, EXIT_USAGE),
    # a usage problem outranks data problems found in the same run
    ([D("yaml-syntax", "records/a.yaml", problem="x"), D("config-missing", "bcngv.yaml")], False, EXIT_USAGE),
]


@pytest.mark.parametrize(("found", "strict", "expected"), CASES, ids=[f"{c[0][0].code}@{c[0][0].path}{'-strict' if c[1] else ''}" if c[0] else "none" for c in CASES])
def test_the_exit_code_of_a_run(found, strict, expected) -> None:
    assert exit_code(found, strict) == expected


def test_a_value_that_is_a_mapping_is_reported_not_a_traceback(repo, cli) -> None:
    """`kind: {a: b}` reaches the unknown-kind message as the value it is, and check says so."""
    repo.write("records/2022/07/x.yaml", "kind: {a: b}\ndate: 2022-07-01\n")
    result = cli("check")
    assert result.exit_code == 1 and "records/2022/07/x.yaml:1:7: error unknown-kind" in result.output


def test_a_diagnostic_comes_back_from_the_cache_whole() -> None:
    """The cache pickles diagnostics through their constructor: every field comes back in its place."""
    found = Diagnostic("invalid-value", "records/2022/07/a.yaml", 7, 12, (("field", "persons"), ("value", "12,5")))
    assert pickle.loads(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)) == found
