"""The command line: `iwobook check` and `iwobook build FORMAT`, with documented exit codes."""

from __future__ import annotations

import argparse
import signal
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from iwobook import __version__
from iwobook.diagnostics import InputError, OutputProblem, UsageProblem

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
EXIT_CANNOT_CREATE = 73
EXIT_INTERRUPTED = 130

FORMATS = ("pdf", "epub", "booklet", "large-print", "teacher", "html", "all")

_EPILOG = """\
exit codes:
  0   success
  1   the manuscript has problems (each printed as path:line: CODE message)
  2   wrong command-line usage, or a bad PAPER or SOURCE_DATE_EPOCH value
  73  an output cannot be written (a file or folder in the way, read-only, disk full)
  70  an internal error in iwobook (please report it with the traceback)
  130 interrupted (Ctrl-C or SIGTERM); dist/ is left as it was
"""


def port_number(text: str) -> int:
    """Return a TCP port number (0 to 65535) from the command line; raise ArgumentTypeError otherwise."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port number: '{text}' (use 0 to 65535)")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    """Return the argument parser."""
    parser = argparse.ArgumentParser(
        prog="iwobook",
        description="Compile a Markdown/YAML manuscript into a print-ready PDF and an accessible EPUB 3.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"iwobook {__version__}")
    parser.add_argument("-C", "--root", type=Path, default=Path("."), help="project folder (default: .)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("check", help="check the manuscript and print every problem")
    build = commands.add_parser("build", help="build an output into dist/")
    build.add_argument("format", choices=FORMATS, help="what to build")
    build.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: book.yaml, or $PAPER)")
    build.add_argument("--out", type=Path, help="output folder (default: dist/)")
    build.add_argument("-q", "--quiet", action="store_true", help="print no progress lines")
    build.add_argument("--force", action="store_true", help="build even when nothing changed since the last build")
    add_new_parser(commands)
    watch = commands.add_parser("watch", help="build, then build again whenever manuscript/ or assets/ change")
    watch.add_argument("format", nargs="?", default="pdf", choices=FORMATS, help="what to build (default: pdf)")
    watch.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: book.yaml, or $PAPER)")
    watch.add_argument("--out", type=Path, help="output folder (default: dist/)")
    watch.add_argument("-q", "--quiet", action="store_true", help="print no progress lines")
    serve = commands.add_parser("serve", help="serve the HTML edition on 127.0.0.1, rebuilt and reloaded on save")
    serve.add_argument(
        "--port", type=port_number, default=8000, help="port on 127.0.0.1 (default: 8000; 0: any free one)"
    )
    serve.add_argument("--out", type=Path, help="output folder (default: dist/)")
    serve.add_argument("-q", "--quiet", action="store_true", help="print no progress lines")
    return parser


def add_new_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `new` command: a small, complete book from a template, in a new or empty folder."""
    from iwobook.scaffold import TEMPLATES

    new = commands.add_parser("new", help="start a new book in a new or empty folder")
    new.add_argument("folder", type=Path, help="the folder to create (never overwritten)")
    new.add_argument("--template", choices=TEMPLATES, default=TEMPLATES[0], help="what to start from")
    new.add_argument("--title", help="the book's title (default: from the folder's name)")
    new.add_argument("--author", help="the author's name")
    new.add_argument("--language", default="en", help="the book's language, a BCP 47 tag (default: en)")


def run_new(args: argparse.Namespace) -> int:
    """Create the new book args ask for; print its files and the next step; return the exit code."""
    import os

    from iwobook.config import epoch_from_text
    from iwobook.scaffold import ScaffoldError, create_book, make_seed

    epoch_text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    epoch = epoch_from_text(epoch_text) if epoch_text else None
    folder: Path = args.root / args.folder
    try:
        written = create_book(folder, args.template, make_seed(folder, args.title, args.author, args.language, epoch))
    except (ScaffoldError, OSError) as error:
        print(f"iwobook: {error}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(path)
    print(f"iwobook: created a {args.template} book; next: iwobook -C {folder} build pdf", file=sys.stderr)
    return EXIT_OK


def _progress(quiet: bool) -> Callable[[str], None]:
    """Return a function that prints a progress line to stderr unless quiet."""
    start = time.monotonic()

    def say(message: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - start:5.1f}s] {message}", file=sys.stderr, flush=True)

    return say


def _report(error: InputError, suffix: str) -> int:
    """Print every diagnostic of error and a count to stderr; return the input-problem exit code."""
    for diagnostic in error.diagnostics:
        print(diagnostic, file=sys.stderr)
    print(f"iwobook: {len(error.diagnostics)} problem(s) found{suffix}", file=sys.stderr)
    return EXIT_INPUT


def _watch(args: argparse.Namespace) -> int:
    """Run `iwobook watch`: build, then rebuild on every change until Ctrl-C; return its exit code."""
    from iwobook.watch import Rebuilder, watch_outputs

    def report(error: InputError) -> None:
        _report(error, "; the last good outputs are kept")

    rebuilder = Rebuilder(args.root, args.format, args.paper, args.out, lambda: _progress(args.quiet), report)
    return watch_outputs(rebuilder)


def _serve(args: argparse.Namespace) -> int:
    """Run `iwobook serve`: serve the HTML edition, rebuilt on every change until Ctrl-C; return its exit code."""
    from iwobook.serve import ServingRebuilder, serve_edition

    def report(error: InputError) -> None:
        _report(error, "; the last good pages are served")

    rebuilder = ServingRebuilder(args.root, "html", None, args.out, lambda: _progress(args.quiet), report)
    return serve_edition(rebuilder, args.port)


def _check(args: argparse.Namespace) -> int:
    """Run `iwobook check`; return its exit code."""
    from iwobook.check import load_checked

    try:
        load_checked(args.root)
    except InputError as error:
        return _report(error, "")
    print("iwobook: the manuscript is clean", file=sys.stderr)
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    """Run `iwobook build FORMAT`; return its exit code."""
    from iwobook.freshness import Freshness

    say = _progress(args.quiet)
    freshness = Freshness.of_build(args.root, args.format, args.paper, args.out)
    fresh = None if args.force else freshness.fresh_outputs()
    if fresh is not None:
        say("up to date: nothing changed since the last build")
        for path in fresh:
            print(path)
        return EXIT_OK
    _ = freshness.content  # the inputs as they are before the build
    from iwobook.build import build_outputs

    try:
        written = build_outputs(args.root, args.format, args.paper, args.out, say)
    except InputError as error:
        return _report(error, "; nothing was written")
    freshness.record(written)
    for path in written:
        print(path)
    return EXIT_OK


# One handler per command; a new command adds its parser in _parser() and its handler here.
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "build": _build,
    "new": run_new,
    "watch": _watch,
    "serve": _serve,
}


def _interrupt(signum: int, _frame: object) -> None:
    """Turn SIGTERM into KeyboardInterrupt, so that temporary files are removed on the way out."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return COMMANDS[args.command](args)
    except UsageProblem as problem:
        print(f"iwobook: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except OutputProblem as problem:
        print(f"iwobook: {problem}; nothing was written", file=sys.stderr)
        return EXIT_CANNOT_CREATE
    except KeyboardInterrupt:
        print("iwobook: interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:
        traceback.print_exc()
        print(
            "iwobook: internal error. This is a bug in iwobook, not in your manuscript: "
            "please report it with the traceback above.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
