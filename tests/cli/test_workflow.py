"""The CI workflow and the pre-commit hook of an office repository: valid YAML, and every `bcngv …`
command they run exists in the CLI with the options it uses."""

from __future__ import annotations

import shlex

import pytest
import typer
import yaml

from bcngv.cli import app
from conftest import PROJECT

WORKFLOW = PROJECT / ".github" / "workflows" / "reports.yml"
HOOKS = PROJECT / ".pre-commit-hooks.yaml"


def workflow() -> dict:
    return yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # 1.1 traps aside: all strings


# what the workflow's shell variables hold on a run day, so that options are parsed with real values
SHELL_VALUES = {"$today": "2022-07-29", "$last_month": "2022-06", "$month": "2022-07", "$year": "2022"}


def bcngv_commands(script: str) -> list[list[str]]:
    """Every `bcngv …` command line of a shell script, as words, its variables given their values."""
    lines = [line.strip() for line in script.splitlines()]
    commands = [shlex.split(line, comments=True)[1:] for line in lines if line.startswith("bcngv ")]
    return [[_filled(word) for word in words] for words in commands]


def _filled(word: str) -> str:
    for name, value in SHELL_VALUES.items():
        word = word.replace(name, value)
    return word


def workflow_commands() -> list[list[str]]:
    return [words for job in workflow()["jobs"].values() for step in job["steps"]
            for words in bcngv_commands(step.get("run", ""))]


def parses(words: list[str]) -> None:
    """Let click parse the command as it would at run time: an unknown command or option raises."""
    group = typer.main.get_command(app)
    name, *rest = words
    command = group.get_command(typer.Context(group), name)  # type: ignore[attr-defined]
    assert command is not None, f"bcngv has no command {name!r}"
    command.make_context(name, rest)


def test_the_workflow_runs_on_push_pull_request_and_every_month() -> None:
    triggers = workflow()["on"]
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    assert triggers["schedule"][0]["cron"].split()[2:] == ["1", "*", "*"]


def test_the_workflow_checks_with_annotations_then_builds_and_uploads_on_main() -> None:
    jobs = workflow()["jobs"]
    assert any(w[:1] == ["check"] and "--format" in w and w[w.index("--format") + 1] == "github"
               for w in bcngv_commands("\n".join(s.get("run", "") for s in jobs["check"]["steps"])))
    reports = jobs["reports"]
    assert "refs/heads/main" in reports["if"] and reports["needs"] == "check"
    built = bcngv_commands("\n".join(s.get("run", "") for s in reports["steps"]))
    assert all(w[0] == "build" and "--pdf" in w for w in built)
    # this month and the month just ended (the monthly run is on the 1st), and the year to date
    assert [w[w.index("--period") + 1] for w in built] == ["2022-07", "2022-06", "2022-01..2022-07", "2022"]
    assert any(s.get("uses", "").startswith("actions/upload-artifact@") for s in reports["steps"])


@pytest.mark.parametrize("words", workflow_commands(), ids=" ".join)
def test_every_command_of_the_workflow_exists_in_the_cli(words: list[str]) -> None:
    parses(words)


def test_a_misspelt_option_would_be_caught() -> None:
    with pytest.raises(Exception, match="No such option: --perod"):
        parses(["build", "--perod", "2024-06"])


def test_the_pre_commit_hook_runs_a_command_of_the_cli() -> None:
    hooks = yaml.load(HOOKS.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    (hook,) = hooks
    assert hook["id"] == "bcngv-check" and hook["language"] == "python" and hook["pass_filenames"] == "false"
    program, *words = shlex.split(hook["entry"])
    assert program == "bcngv" and words[0] == "check"
    parses(words)


@pytest.mark.parametrize("guide", ["docs/huong-dan.md", "src/bcngv/office/README.md"])
def test_every_command_the_staff_guides_show_exists_in_the_cli(guide: str) -> None:
    code = "\n".join(line.strip() for line in (PROJECT / guide).read_text(encoding="utf-8").splitlines()
                     if line.startswith("    bcngv "))
    commands = bcngv_commands(code)
    assert len(commands) >= 5
    for words in commands:
        parses(words)
