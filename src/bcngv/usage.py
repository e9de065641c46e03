"""The command line in the reader's language: help pages, the usage line, and the mistakes of a
command line (an unknown command or option, a missing one, a bad value), which typer and the click
it vendors write in English.

typer takes the classes of the group and of its commands as `cls`, its public hook for this:
`Group` and `Command` write the usage line, the sections and their rows themselves, from the
parameters' public attributes (opts, metavar, help, default, required), every word from
bcngv.words. `Group.main` runs typer's main out of its standalone mode, so that a usage error comes
back here to be worded rather than printed by click.

The help texts of options and commands are settled at start-up (cli.py); the words here follow the
language when they are printed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from difflib import get_close_matches
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup

# typer ≥ 0.29 vendors click: its exceptions are reachable only there (typer exports BadParameter)
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)

from bcngv.words import did_you_mean, number, set_language, startup_language, text

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter, Parameter


def _name(param: Parameter | None) -> str:
    """How a message names a parameter: its long option (`--period`), or an argument's metavar."""
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return param.metavar or (param.name or "").upper()
    return next((o for o in param.opts if o.startswith("--")), param.opts[0])


def _usage_piece(argument: Parameter) -> str:
    piece = _name(argument) + ("..." if argument.nargs != 1 else "")
    return piece if argument.required else f"[{piece}]"


def _shown(param: Parameter) -> str:
    """The left column of a row: `-q, --quiet`, `--period KỲ`, `TỆP`."""
    if param.param_type_name == "argument":
        return _usage_piece(param).strip("[]")
    names = ", ".join(sorted([*param.opts, *param.secondary_opts], key=lambda o: o.startswith("--")))
    takes_value = not getattr(param, "is_flag", False) and param.metavar
    return f"{names} {param.metavar}" if takes_value else names


def _default(param: Parameter) -> str:
    value = param.default
    if value is None or getattr(param, "is_flag", False) or not getattr(param, "show_default", True):
        return ""
    shown = number(value) if isinstance(value, (int, float)) else str(value)
    return text("cli.default", value=shown)


# the options typer adds for shell completion come with help in English
_COMPLETION_HELP = {"install_completion": "opt.install_completion", "show_completion": "opt.show_completion"}


def _row(param: Parameter) -> tuple[str, str]:
    extras = [_default(param), text("cli.required") if param.required else ""]
    said = "; ".join(extra for extra in extras if extra)
    ours = _COMPLETION_HELP.get(param.name or "")
    help_text = text(ours) if ours else getattr(param, "help", None) or ""
    return _shown(param), f"{help_text}  [{said}]".strip() if said else help_text


class _Worded:
    """What the group and the commands share: the usage line, the help option, the rows of the
    arguments and options."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]
        except UsageError as problem:
            problem.ctx = problem.ctx or ctx  # click's parser leaves `--pdf=1` without its command
            raise

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=text("cli.usage") + " ")

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        arguments = [p for p in self.get_params(ctx) if p.param_type_name == "argument"]  # type: ignore[attr-defined]
        return [text("cli.options_metavar"), *map(_usage_piece, arguments)]

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = text("cli.help_option")
        return option

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        shown = [p for p in self.get_params(ctx) if not getattr(p, "hidden", False)]  # type: ignore[attr-defined]
        for title, kind in (("cli.arguments", "argument"), ("cli.options", "option")):
            rows = [_row(p) for p in shown if p.param_type_name == kind]
            if rows:
                with formatter.section(text(title)):
                    formatter.write_dl(rows)


class Command(_Worded, TyperCommand):
    # extra words are refused here rather than by click, to say so in the reader's language
    allow_extra_args = True

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            ctx.fail(text("cli.extra_arguments", words=_printable(" ".join(rest))))
        return rest


class Group(_Worded, TyperGroup):
    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        # the language of the whole run, from `--lang` before or after the command: the help and
        # the mistakes of any option, read before it or after it, are worded in it
        set_language(startup_language(args))
        return super().parse_args(ctx, args)

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return [*super().collect_usage_pieces(ctx), text("cli.command_metavar")]

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        commands = [(name, c) for name in self.list_commands(ctx) if (c := self.get_command(ctx, name)) and not c.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section(text("cli.commands")):
                formatter.write_dl([(name, c.get_short_help_str(limit)) for name, c in commands])

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        name = args[0]
        if self.get_command(ctx, name) is None and not ctx.resilient_parsing and not name.startswith("-"):
            names = self.list_commands(ctx)
            ctx.fail(text("cli.no_such_command", name=_printable(name), commands=", ".join(names),
                          suggestion=did_you_mean(get_close_matches(name, names))))
        return super().resolve_command(ctx, args)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """typer's main, with the mistakes of the command line worded here; the exit code as typer's."""
        try:
            code = super().main(args=args, prog_name=prog_name, complete_var=complete_var, standalone_mode=False,
                                **extra)
        except ClickException as problem:
            code = show(problem)
        except typer.Abort:
            print(text("cli.aborted"), file=sys.stderr)
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def _printable(words: str) -> str:
    from bcngv.diagnostics_output import printable  # on a mistake only: `--help` starts fast

    return printable(words)


def sentence(problem: ClickException) -> str:
    """What went wrong, in the reader's language."""
    if isinstance(problem, NoSuchOption):
        close = did_you_mean(sorted(problem.possibilities or ()))
        return text("cli.no_such_option", option=_printable(problem.option_name), suggestion=close).rstrip()
    if isinstance(problem, MissingParameter):
        key = "cli.missing_argument" if problem.param and problem.param.param_type_name == "argument" else "cli.missing_option"
        return text(key, name=_name(problem.param))
    if isinstance(problem, BadParameter) and problem.param is not None:
        return text("cli.bad_value", name=_name(problem.param), problem=problem.message)
    if isinstance(problem, BadOptionUsage) and problem.ctx is not None:
        params = problem.ctx.command.get_params(problem.ctx)
        flag = any(problem.option_name in p.opts and getattr(p, "is_flag", False) for p in params)
        return text("cli.takes_no_value" if flag else "cli.needs_value", option=_printable(problem.option_name))
    return problem.message


def show(problem: ClickException) -> int:
    """The usage line, where to read more and the mistake, on stderr; the exit code it deserves."""
    if isinstance(problem, NoArgsIsHelpError):  # `bcngv` alone: the help is the answer
        problem.show()
        return problem.exit_code
    lines = []
    if isinstance(problem, UsageError) and problem.ctx is not None:
        lines += [problem.ctx.get_usage(), text("cli.try_help", command=problem.ctx.command_path), ""]
    lines.append(text("cli.error", problem=sentence(problem)))
    print("\n".join(lines), file=sys.stderr, flush=True)
    return problem.exit_code
