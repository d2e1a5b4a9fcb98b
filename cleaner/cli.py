"""The ``cleaner`` command: a Unix filter and a thin shell over ``Cleaner``.

Everything it does to text is the library's; this module only reads bytes, builds a Config, writes
results (atomically for -o) and maps errors to one line on stderr with an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .api import Cleaner
from .atomic import write_atomic
from .errors import CleanerError, InputError
from .options import STDIO, add_config_args, config_from_args, read_input
from .types import Cleaned

SUBCOMMANDS = {"batch": ("cleaner.batch", "main"), "learn": ("cleaner.batch", "learn_main"),
               "review": ("cleaner.review", "main")}
EXPLAIN_WIDTH = 60  # characters of block text quoted by --explain

EPILOG = """\
inputs and outputs:
  no FILE, or FILE '-'    read standard input
  one FILE                the body goes to standard output, or to OUT with -o OUT ('-': stdout)
  several FILEs           on standard output each result follows a '==> FILE <==' header line
                          (with --format json: one JSON object a line, with an "input" key);
                          with -o DIR (an existing directory) each goes to DIR/<name>.txt
                          (.json with --format json), <name> being the input's name without suffix
  -o never overwrites an input and writes through a temporary file in the same directory, so an
  output file is either complete or absent. Output is UTF-8; a non-empty body ends with one newline.

subcommands (see 'cleaner batch --help'):
  cleaner batch ...       clean many documents (directories, JSONL) in parallel
  cleaner learn ...       learn site rules from a corpus
  cleaner review ...      one HTML page showing what was removed from each document, and why
  (a file named 'batch', 'learn' or 'review' can be given as ./batch)

exit status:
  0 success (an empty or whitespace-only input is an empty body, not an error)
  2 an error: bad rule file, unreadable, binary or undecodable input, timeout, usage;
    one line 'cleaner: error: ...' on stderr; with several inputs the others are still cleaned
  130 interrupted; 141 output pipe closed
"""


@dataclass(frozen=True)
class Job:
    """One input and where its result goes (None: standard output)."""

    source: str
    target: Path | None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleaner", description="Print the article body of web page dumps: site chrome removed.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="*", metavar="FILE", help="page dumps to clean ('-' or none: stdin)")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT (a directory for several FILEs)")
    p.add_argument("--explain", action="store_true",
                   help="print every block as KEEP/DROP, the reason and the quoted text, not the body")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="text: the body; json: text, title and every block with label, reason, offsets")
    add_config_args(p)
    p.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    return p


def version() -> str:
    from importlib import metadata

    try:
        return metadata.version("cleaner")
    except metadata.PackageNotFoundError:  # a source checkout: read it from pyproject.toml
        import tomllib

        try:
            pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
            return str(tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"])
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in SUBCOMMANDS:
            return _subcommand(args[0], args[1:])
        return run(build_parser().parse_args(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 141
    except (CleanerError, OSError) as exc:
        return error(describe(exc))
    except Exception as exc:  # a bug: still one line, never a traceback
        return error(f"internal error: {type(exc).__name__}: {describe(exc)}")


def _subcommand(name: str, argv: list[str]) -> int:
    module_name, function = SUBCOMMANDS[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise CleanerError(f"'{name}' needs the module {exc.name!r}, which is not installed") from None
        raise CleanerError(f"the '{name}' subcommand is not available in this build") from None
    return int(getattr(module, function)(argv) or 0)


def run(args: argparse.Namespace) -> int:
    if args.explain and args.format == "json":
        raise CleanerError("--explain prints text; --format json already holds every decision")
    cleaner = Cleaner(config_from_args(args))
    jobs = plan(args.inputs or [STDIO], args.output, ".json" if args.format == "json" else ".txt")
    status = 0
    for job in jobs:
        try:
            data = read_input(job.source, cleaner.config.max_bytes)
            result = render(cleaner.clean(data), args, job, several=len(jobs) > 1)
            write_output(result, job.target)
        except BrokenPipeError:
            raise
        except (CleanerError, OSError) as exc:
            status = error(describe(exc, job.source))
    return status


def plan(inputs: list[str], output: str | None, suffix: str) -> list[Job]:
    """Where each input's result goes; refuses before any work is done if an input would be overwritten."""
    if output is None or output == STDIO:
        return [Job(src, None) for src in inputs]
    out = Path(output)
    if out.is_dir():
        jobs = [Job(src, out / _output_name(src, suffix)) for src in inputs]
    elif len(inputs) > 1:
        raise CleanerError(f"{output}: with several inputs, -o must name an existing directory")
    else:
        jobs = [Job(inputs[0], out)]
    _check_targets(jobs, inputs)
    return jobs


def _output_name(src: str, suffix: str) -> str:
    if src == STDIO:
        raise CleanerError("-o DIR needs named inputs (stdin has no name); give -o a file path")
    return Path(src).stem + suffix


def _check_targets(jobs: list[Job], inputs: list[str]) -> None:
    seen: dict[Path, str] = {}
    for job in jobs:
        assert job.target is not None
        key = job.target.resolve()
        if key in seen:
            raise CleanerError(f"{job.target}: both {seen[key]} and {job.source} would be written there")
        seen[key] = job.source
        if any(_same_file(job.target, src) for src in inputs):
            raise CleanerError(f"{job.target}: refusing to overwrite an input file")


def _same_file(target: Path, src: str) -> bool:
    try:
        if src == STDIO:
            mine, theirs = os.stat(target), os.fstat(sys.stdin.fileno())
            return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)
        return os.path.samefile(target, src)
    except (OSError, ValueError):  # the target does not exist yet, or stdin is closed
        return target.resolve() == Path(src).resolve() if src != STDIO else False


def render(cleaned: Cleaned, args: argparse.Namespace, job: Job, several: bool) -> str:
    """The text written for one result."""
    header = several and job.target is None
    if args.format == "json":
        data = cleaned.to_json()
        if header:
            data = {"input": job.source, **data}
        return json.dumps(data, ensure_ascii=False) + "\n"
    body = explain(cleaned) if args.explain else _with_newline(cleaned.text)
    return f"==> {job.source} <==\n{body}" if header else body


def _with_newline(text: str) -> str:
    return text + "\n" if text else ""


def explain(cleaned: Cleaned) -> str:
    """One line a block: ``KEEP``/``DROP``, the reason, the text quoted and shortened."""
    lines = [f"{'KEEP' if d.kept else 'DROP'}  {d.reason}  \"{shorten(d.block.text)}\""
             for d in cleaned.decisions]
    return "".join(line + "\n" for line in lines)


def shorten(text: str, width: int = EXPLAIN_WIDTH) -> str:
    """Whitespace runs as one space, cut to ``width`` characters with an ellipsis.

    >>> shorten("About   Ellen\\nLewandowski")
    'About Ellen Lewandowski'
    >>> shorten("x" * 100, 10)
    'xxxxxxxxx…'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def write_output(text: str, target: Path | None) -> None:
    data = text.encode("utf-8", errors="surrogateescape")
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(target, data, durable=True)


def describe(exc: BaseException, source: str | None = None) -> str:
    """A one-line message, naming the input when the error is about it."""
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, InputError) and source is not None:
        return f"{'<stdin>' if source == STDIO else source}: {text}"
    return text


def error(message: str) -> int:
    sys.stderr.write(f"cleaner: error: {message}\n")
    sys.stderr.flush()
    return 2


def _silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
