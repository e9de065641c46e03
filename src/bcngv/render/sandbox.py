"""Templates from a pull request run bounded: in time, in memory, in the size of every value and of
the output, in depth, and reading only template files inside the repository.

Jinja's own sandbox stops a template from reaching Python's internals, but not from asking for
`10**(10**10)`, `'a' * 10**10` or two nested loops of 100 000 turns: those hang CI or exhaust its
memory. Here:

- every operation that could make a huge value (`*`, `**`, `+`, `%`, `~`, `str.format`, `ljust`,
  `replace`, `join`, the filters) estimates the size of its result first and refuses past
  `MAX_VALUE` characters (or `MAX_INT_BITS` for a number), before computing anything;
- a watchdog thread stops the render after `TIME_LIMIT` seconds or once the process has grown by
  `MEMORY_LIMIT` bytes, by raising an exception inside the rendering thread (any Python-level loop,
  in the main thread or in a worker thread);
- `run` counts the output as it is produced and stops past `MAX_OUTPUT` characters;
- macros calling macros stop at `MAX_DEPTH`;
- `ConfinedLoader` reads only plainly named regular files inside the repository (bcngv's own
  built-in templates, searched after the office's, are read by `BuiltinLoader`, by plain name too).

Each limit is a `LimitReached` whose `code` is the diagnostic to report.
"""

from __future__ import annotations

import math
import os
import re
import threading
import time
import types
from collections.abc import Callable, Generator, Iterable, Mapping
from functools import wraps
from pathlib import Path
from string import Formatter
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2 import filters as jinja_filters
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.runtime import Context, Macro
from jinja2.sandbox import SandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from markupsafe import Markup

from bcngv.confine import read_inside, read_regular
from bcngv.metrics import Figure
from bcngv.repository import plain_template_name
from bcngv.sourcetext import first_control_character

if TYPE_CHECKING:
    from bcngv.render.compiled import CompiledTemplates

MAX_VALUE = 2_000_000  # characters (or items) in one value: a whole report is under 100 000
MAX_OUTPUT = 10_000_000  # characters one render may produce
MAX_INT_BITS = 64_000  # a number past this has nothing to do with a report (2**64 000)
MAX_DEPTH = 100  # macros called inside macros
TIME_LIMIT = 10.0  # seconds per render; the longest real report renders in a tenth of that
MEMORY_LIMIT = 512 << 20  # bytes the process may grow by during one render
MAX_TEMPLATE_BYTES = 1 << 20
_POLL = 0.02  # seconds between the watchdog's looks; at most a few MB are made in that time

_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.)", re.S)
_DIGITS = re.compile(r"\d+")


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# each limit as its message shows it, read when reported (tests lower the limits)
_SHOWN: dict[str, Callable[[], str]] = {
    "template-value-limit": lambda: _thousands(MAX_VALUE),
    "template-time-limit": lambda: f"{TIME_LIMIT:g}",
    "template-memory-limit": lambda: str(MEMORY_LIMIT >> 20),
    "template-output-limit": lambda: _thousands(MAX_OUTPUT),
    "template-depth-limit": lambda: str(MAX_DEPTH),
}


class LimitReached(Exception):
    """A bound was reached; `code` is the diagnostic, `limit` the bound as the message shows it.
    One class per bound: the watchdog raises a class, not an instance, in the rendering thread."""

    code = "template-value-limit"

    @property
    def limit(self) -> str:
        return _SHOWN[self.code]()


class TimeLimit(LimitReached):
    code = "template-time-limit"


class MemoryLimit(LimitReached):
    code = "template-memory-limit"


class OutputLimit(LimitReached):
    code = "template-output-limit"


class DepthLimit(LimitReached):
    code = "template-depth-limit"


# the deadline and macro depth of the render running in this thread (a web server renders in several)
_state = threading.local()


def _check_time() -> None:
    if time.monotonic() > getattr(_state, "deadline", math.inf):
        _state.watchdog.stand_down()  # so it cannot raise a second time while this one is handled
        raise TimeLimit()


def _need(size: int, limit: int = MAX_VALUE) -> None:
    """Refuse an operation whose result would hold more than `limit` characters or items."""
    if size > limit:
        raise LimitReached()


# --- sizes -----------------------------------------------------------------------------------
def printed_size(value: Any, limit: int = MAX_VALUE) -> int:
    """About how many characters `str(value)` makes (never fewer); counting stops past `limit`.

    Containers count their items' text: a list holding one long text a thousand times prints it a
    thousand times. Iterative, so a deeply nested list cannot overflow the stack."""
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, list | tuple | set | frozenset | dict):
            total += 2 + 2 * len(item)
            if total <= limit:
                stack.extend(item.items() if isinstance(item, dict) else item)
        else:
            total += 1  # a number (bounded by MAX_INT_BITS) or an object printing its own short text
    return total


def _length(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return 0


def _int(value: Any, default: int = 0) -> int:
    return value if isinstance(value, int) else default


def _check_product(left: Any, right: Any) -> None:
    """`'a' * n`, `[x] * n`, `n * m`, checked before they are made (a Figure by its value: scaling
    a count by a huge number makes the same huge number)."""
    left, right = (v.value if isinstance(v, Figure) else v for v in (left, right))
    if isinstance(left, int) and not isinstance(right, int):
        left, right = right, left
    if isinstance(left, int) and isinstance(right, int):
        _need(left.bit_length() + right.bit_length(), MAX_INT_BITS)
    elif isinstance(left, str | list | tuple) and isinstance(right, int):
        _need(printed_size(left) * max(right, 0))


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        _need(math.ceil(exponent * math.log2(abs(base))), MAX_INT_BITS)


def _check_sum(left: Any, right: Any) -> None:
    if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
        _need(printed_size(left) + printed_size(right))


def _check_printf(template: Any, args: Any) -> None:
    """`'%1500000000d' % 1`: every width and precision counts, and every value printed."""
    if not isinstance(template, str):
        return
    values = list(args.values()) if isinstance(args, Mapping) else list(args) if isinstance(args, tuple) else [args]
    size = len(template) + sum(printed_size(v) for v in values)
    for found in _PRINTF.finditer(template):
        for part in found.group(1, 2):
            if part == "*":  # the width is taken from the values: count the largest
                size += max((abs(v) for v in values if isinstance(v, int)), default=0)
            elif part:
                size += int(part)
    _need(size)


BINARY_CHECKS: dict[str, Callable[[Any, Any], None]] = {
    "*": _check_product,
    "**": _check_power,
    "+": _check_sum,
    "%": _check_printf,
}


# --- str and container methods ---------------------------------------------------------------
def _padded(text: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    return max(len(text), _int(args[0] if args else kwargs.get("width")))


def _tabs(text: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    return len(text) + text.count("\t") * max(_int(args[0] if args else kwargs.get("tabsize"), 8), 1)


def _replaced(text: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    if len(args) < 2 or not all(isinstance(a, str) for a in args[:2]):
        return len(text)
    old, new = args[:2]
    count = _int(args[2] if len(args) > 2 else kwargs.get("count"), -1)
    times = text.count(old) if old else len(text) + 1
    times = times if count < 0 else min(times, count)
    return len(text) + times * max(len(new) - len(old), 0)


def _translated(text: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    table = args[0] if args else None
    longest = max((len(v) for v in table.values() if isinstance(v, str)), default=1) if isinstance(table, Mapping) else 1
    return len(text) * max(longest, 1)


STR_METHODS: dict[str, Callable[[str, tuple[Any, ...], dict[str, Any]], int]] = {
    "ljust": _padded,
    "rjust": _padded,
    "center": _padded,
    "zfill": _padded,
    "expandtabs": _tabs,
    "replace": _replaced,
    "translate": _translated,
}


def joined(separator: str, items: Iterable[Any]) -> list[Any]:
    """The items of a join, read once and measured: refused if the joined text would be too long."""
    _need(_length(items))
    listed = list(items)
    _need(len(listed))
    _need(sum(printed_size(i) for i in listed) + len(separator) * max(len(listed) - 1, 0))
    return listed


def _guarded_args(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Check a call of a str or container method before it runs; a join's input is read into a list
    so it is measured and used once."""
    owner, name = getattr(obj, "__self__", None), getattr(obj, "__name__", "")
    if isinstance(owner, str):
        if name == "join" and args:
            return (joined(owner, args[0]), *args[1:])
        if name in STR_METHODS:
            _need(STR_METHODS[name](owner, args, kwargs))
    elif isinstance(owner, list | dict | set) and name in ("extend", "update"):
        _need(len(owner) + sum(_length(a) for a in args))
    return args


def _checked(value: Any) -> Any:
    """A result that is too large is refused before the template can keep or grow it."""
    if isinstance(value, str | list | tuple | dict | set):
        _need(len(value))
    return value


# --- str.format --------------------------------------------------------------------------------
class _MeasuredFields:
    """Formatter part: every field's width, precision and value are counted before it is formatted."""

    made = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        self.made += printed_size(value) + sum(int(d) for d in _DIGITS.findall(format_spec))
        _need(self.made)
        return super().format_field(value, format_spec)  # type: ignore[misc]


class _BoundedFormatter(_MeasuredFields, SandboxedFormatter):
    pass


class _BoundedEscapeFormatter(_MeasuredFields, SandboxedEscapeFormatter):
    pass


# --- filters -----------------------------------------------------------------------------------
def _center(value: str, width: int = 80) -> str:
    _need(max(len(str(value)), _int(width)))
    return jinja_filters.do_center(value, width)


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    step = len(width) if isinstance(width, str) else _int(width)
    _need(printed_size(s) + (str(s).count("\n") + 1) * step)
    return jinja_filters.do_indent(s, width, first, blank)


@jinja2.pass_environment
def _wordwrap(environment: jinja2.Environment, s: str, width: int = 79, break_long_words: bool = True,
              wrapstring: str | None = None, break_on_hyphens: bool = True) -> str:
    # at worst a line break after every character
    _need(printed_size(s) * (1 + len(wrapstring if wrapstring is not None else environment.newline_sequence)))
    return jinja_filters.do_wordwrap(environment, s, width, break_long_words, wrapstring, break_on_hyphens)


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_printf(str(value), kwargs or args)
    return jinja_filters.do_format(value, *args, **kwargs)


@jinja2.pass_eval_context
def _replace(eval_ctx: Any, s: str, old: str, new: str, count: int | None = None) -> str:
    text = str(s)
    _need(_replaced(text, (str(old), str(new), -1 if count is None else count), {}))
    return jinja_filters.do_replace(eval_ctx, s, old, new, count)


@jinja2.pass_eval_context
def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: str | int | None = None) -> str:
    listed = joined(d, value)
    if attribute is not None:  # measured again once the attribute is taken
        listed = joined(d, map(jinja_filters.make_attrgetter(eval_ctx.environment, attribute), listed))
    return jinja_filters.sync_do_join(eval_ctx, listed, d)


GUARDED_FILTERS: dict[str, Callable[..., Any]] = {
    "center": _center,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "format": _format,
    "replace": _replace,
    "join": _join,
}


def _measured(function: Callable[..., Any]) -> Callable[..., Any]:
    """A Jinja filter whose input is measured before (`string`, `pprint`, `tojson` print a whole
    list in one step) and whose result is measured after."""
    skip = 1 if getattr(function, "jinja_pass_arg", None) else 0  # context, eval context or environment

    @wraps(function)
    def measured(*args: Any, **kwargs: Any) -> Any:
        if len(args) > skip:
            _need(printed_size(args[skip]))
        return _checked(function(*args, **kwargs))

    return measured


# --- the environment ---------------------------------------------------------------------------
class _CheckedConcat(CodeGenerator):
    """`a ~ b` joins through the environment, so the joined text is measured before it is made."""

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.join_checked((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, with every operation that can make a large value measured first."""

    code_generator_class = _CheckedConcat
    intercepted_binops = frozenset(BINARY_CHECKS)

    def __init__(self, *args: Any, compiled: CompiledTemplates | None = None, **kwargs: Any) -> None:
        finalize = kwargs.pop("finalize", None)
        super().__init__(*args, finalize=self._printing(finalize), **kwargs)
        self.filters.update({name: _measured(f) for name, f in self.filters.items()})
        self.filters.update(GUARDED_FILTERS)
        self.compiled = compiled  # where compiled templates are kept (render/compiled.py); None: nowhere

    def compile(self, source: Any, name: str | None = None, filename: str | None = None, raw: bool = False,
                defer_init: bool = False) -> Any:
        """Jinja's compile, taking the code kept from compiling the same source before when there is."""
        if self.compiled is None or raw or defer_init or not isinstance(source, str):
            return super().compile(source, name, filename, raw, defer_init)
        return self.compiled.code(source, name, filename, lambda: super(BoundedEnvironment, self).compile(source, name, filename))

    @staticmethod
    def _printing(finalize: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
        def measured(value: Any) -> Any:
            _need(printed_size(value))
            return value if finalize is None else finalize(value)

        return measured

    @staticmethod
    def concat(parts: Iterable[str]) -> str:  # type: ignore[override]
        """The text of a `{% set %}` block, a macro or a `{% call %}`: measured before it is joined."""
        return "".join(joined("", parts))

    @staticmethod
    def join_checked(parts: tuple[Any, ...]) -> str:
        return "".join(map(str, joined("", parts)))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_time()
        BINARY_CHECKS[operator](left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _check_time()
        args = _guarded_args(__obj, args, kwargs)
        if not isinstance(__obj, Macro):
            return _checked(super().call(__context, __obj, *args, **kwargs))
        depth = getattr(_state, "depth", 0)
        if depth >= MAX_DEPTH:
            raise DepthLimit()
        _state.depth = depth + 1
        try:
            return _checked(super().call(__context, __obj, *args, **kwargs))
        finally:
            _state.depth = depth

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`'{:>1500000000}'.format(1)` is measured field by field (Jinja's own wrapper, with a
        formatter that counts)."""
        if not isinstance(value, types.MethodType | types.BuiltinMethodType) or value.__name__ not in ("format", "format_map"):
            return None
        if not isinstance(value.__self__, str):
            return None
        text: str = value.__self__
        formatter: Formatter = (_BoundedEscapeFormatter(self, escape=text.escape) if isinstance(text, Markup)
                                else _BoundedFormatter(self))

        @wraps(value)
        def wrapper(*args: Any, **kwargs: Any) -> str:
            if value.__name__ == "format_map":
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                args, kwargs = (), args[0]
            return type(text)(formatter.vformat(text, args, kwargs))

        return wrapper


# --- running a render ---------------------------------------------------------------------------
def _resident() -> int:
    """The process's resident memory in bytes, where the system tells it cheaply (else 0)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _interrupt(thread: int, exception: type[BaseException] | None) -> None:
    """Raise `exception` in `thread` at its next Python instruction (None: cancel a pending one)."""
    import ctypes  # only a render that runs out of time or memory needs it

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(exception) if exception else None)


class _Watchdog:
    """Stops the thread that enters it once time runs out or memory grows past the limit.

    It never fires after the render has ended: firing and ending take the same lock, and an
    exception fired but not yet delivered is cancelled on the way out."""

    def __init__(self) -> None:
        self._thread = threading.get_ident()
        self._deadline = time.monotonic() + TIME_LIMIT
        self._baseline = _resident()
        self._lock = threading.Lock()
        self._ended = threading.Event()
        self._fired = False

    def __enter__(self) -> None:
        _state.deadline, _state.depth, _state.watchdog = self._deadline, 0, self
        threading.Thread(target=self._watch, name="bcngv-template-watchdog", daemon=True).start()

    def __exit__(self, *exc: object) -> None:
        self.stand_down()

    def stand_down(self) -> None:
        with self._lock:
            self._ended.set()
            fired = self._fired
        _state.deadline = math.inf
        if fired:
            _interrupt(self._thread, None)

    def _watch(self) -> None:
        while not self._ended.wait(_POLL):
            if time.monotonic() > self._deadline:
                return self._fire(TimeLimit)
            if self._baseline and _resident() - self._baseline > MEMORY_LIMIT:
                return self._fire(MemoryLimit)
        return None

    def _fire(self, exception: type[LimitReached]) -> None:
        with self._lock:
            if not self._ended.is_set():
                self._fired = True
                _interrupt(self._thread, exception)


def run(pieces: Callable[[], Generator[str, None, None]]) -> str:
    """The text `pieces()` yields, within the time, memory and output limits (else LimitReached)."""
    made, size = [], 0
    try:
        with _Watchdog():
            produced = pieces()
            for piece in produced:
                size += len(piece)
                if size > MAX_OUTPUT:
                    produced.throw(OutputLimit())  # raised at the template line that printed it
                made.append(piece)
    # a template including itself; memory the estimates did not foresee: keep the template's frames
    except RecursionError as err:
        raise DepthLimit().with_traceback(err.__traceback__) from None
    except MemoryError as err:
        raise MemoryLimit().with_traceback(err.__traceback__) from None
    return "".join(made)


# --- loading -------------------------------------------------------------------------------------
class ConfinedLoader(jinja2.BaseLoader):
    """Templates from `folder`, read only when their name is plain and the file is a regular file
    inside the repository `root` (bcngv.confine: a link out of it, a FIFO or a device is refused with
    its own diagnostic); each read is bounded."""

    def __init__(self, root: Path, folder: Path) -> None:
        self.root = root
        self.folder = folder

    def list_templates(self) -> list[str]:
        """Every plain name under the folder, links included (reading one says why it is refused),
        folders reached through a link left out."""
        found = []
        for folder, _, files in os.walk(self.folder):
            relative = Path(folder).relative_to(self.folder)
            found += [(relative / name).as_posix() for name in files]
        return sorted(name for name in found if plain_template_name(name))

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if not plain_template_name(template):
            raise jinja2.TemplateNotFound(template)
        path = self.folder / template
        if not path.is_symlink() and not path.exists():
            raise jinja2.TemplateNotFound(template)
        source = self._read(path).decode("utf-8")
        control = first_control_character(source)
        if control is not None:  # a right-to-left override or an escape would reach the report
            raise ControlCharacter(control[2], template, control[0], control[1])
        stamp = _stamp(path)
        return source, str(path), lambda: _stamp(path) == stamp

    def _read(self, path: Path) -> bytes:
        return read_inside(self.root, path, MAX_TEMPLATE_BYTES)


class BuiltinLoader(ConfinedLoader):
    """bcngv's own templates (bcngv.builtin), last on the search path. They are trusted package
    files, installed outside any office (in site-packages, or the checkout for an editable install),
    so read directly rather than confined to a repository. Names stay plain and reads bounded, as an
    office's: a name like '../x' never reaches a file beside them."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, folder)

    def _read(self, path: Path) -> bytes:
        return read_regular(path.resolve(), MAX_TEMPLATE_BYTES)  # bounded, as confine reads a file


def search_loader(root: Path, office: Path, built_in: Path) -> jinja2.ChoiceLoader:
    """The template search path (Repository.template_path): the office's folder first, confined to
    the repository `root`, then bcngv's built-in templates. An office template that is refused (a
    link out, a FIFO) is reported, never passed over for the built-in one of its name."""
    return jinja2.ChoiceLoader([ConfinedLoader(root, office), BuiltinLoader(built_in)])


class ControlCharacter(Exception):
    """A control character in a template's text (`name`, `line`, `col`) or in a value it prints
    (no name: the place is the template line that printed it)."""

    def __init__(self, char: str, name: str | None = None, line: int = 1, col: int = 1) -> None:
        super().__init__(char)
        self.char, self.name, self.line, self.col = char, name, line, col


def refuse_control_characters(text: str) -> str:
    """A printed value as it is, unless it holds a control character (raised as ControlCharacter)."""
    control = first_control_character(text)
    if control is not None:
        raise ControlCharacter(control[2])
    return text


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when the file does (for Jinja's cache of loaded templates)."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size, found.st_ino
