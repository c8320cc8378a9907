"""The command line: `iwobook check`, `build FORMAT`, `output-path FORMAT`, `new`, `watch`, with documented exit
codes; the book is found by walking up from the working folder."""

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
from iwobook.listing import LISTING_FORMATS, format_listing

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


def _global_options(inherited: bool) -> argparse.ArgumentParser:
    """Return the options every command takes, before or after its name; inherited leaves the top level's
    values alone when a command does not repeat them."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if inherited else value

    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "-C", "--root", type=Path, default=default(None), help="start looking for the book here (default: .)"
    )
    options.add_argument("-q", "--quiet", action="store_true", default=default(False), help="no progress lines")
    options.add_argument(
        "--format",
        dest="listing",
        choices=LISTING_FORMATS,
        default=default("text"),
        help="how problems are listed: text (path:line: CODE message, on stderr), json or github (on stdout)",
    )
    return options


def _parser() -> argparse.ArgumentParser:
    """Return the argument parser."""
    parser = argparse.ArgumentParser(
        prog="iwobook",
        description="Compile a Markdown/YAML manuscript into a print-ready PDF and an accessible EPUB 3.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_global_options(inherited=False)],
    )
    parser.add_argument("--version", action="version", version=f"iwobook {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    inherited = [_global_options(inherited=True)]
    commands.add_parser("check", help="check the manuscript and print every problem", parents=inherited)
    build = commands.add_parser("build", help="build an output into dist/", parents=inherited)
    build.add_argument("format", choices=FORMATS, help="what to build")
    build.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: book.yaml, or $PAPER)")
    build.add_argument("--out", type=Path, help="output folder (default: dist/)")
    build.add_argument("--force", action="store_true", help="build even when nothing changed since the last build")
    where = commands.add_parser("output-path", help="print the file a build writes", parents=inherited)
    where.add_argument("format", choices=FORMATS, help="which output")
    where.add_argument("--out", type=Path, help="output folder (default: dist/)")
    add_new_parser(commands, inherited)
    watch = commands.add_parser(
        "watch", help="build, then build again whenever manuscript/ or assets/ change", parents=inherited
    )
    watch.add_argument("format", nargs="?", default="pdf", choices=FORMATS, help="what to build (default: pdf)")
    watch.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: book.yaml, or $PAPER)")
    watch.add_argument("--out", type=Path, help="output folder (default: dist/)")
    serve = commands.add_parser(
        "serve", help="serve the HTML edition on 127.0.0.1, rebuilt and reloaded on save", parents=inherited
    )
    serve.add_argument(
        "--port", type=port_number, default=8000, help="port on 127.0.0.1 (default: 8000; 0: any free one)"
    )
    serve.add_argument("--out", type=Path, help="output folder (default: dist/)")
    return parser


def add_new_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], inherited: list[argparse.ArgumentParser]
) -> None:
    """Add the `new` command: a small, complete book from a template, in a new or empty folder."""
    from iwobook.scaffold import TEMPLATES

    new = commands.add_parser("new", help="start a new book in a new or empty folder", parents=inherited)
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
    folder: Path = (args.root or Path(".")) / args.folder
    try:
        written = create_book(folder, args.template, make_seed(folder, args.title, args.author, args.language, epoch))
    except (ScaffoldError, OSError) as error:
        print(f"iwobook: {error}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(path)
    if not args.quiet:
        print(f"iwobook: created a {args.template} book; next: iwobook -C {folder} build pdf", file=sys.stderr)
    return EXIT_OK


def locate_book(start: Path | None) -> Path:
    """Return the project folder of the book at or above start (default: the working folder): the nearest
    folder holding manuscript/book.yaml, or the parent of a manuscript/ folder holding book.yaml; start itself
    when it has a manuscript/ folder (so that check can say what is missing from it)."""
    here = (start or Path(".")).resolve()
    if (here / "manuscript").is_dir():
        return here
    for folder in (here, *here.parents):
        if (folder / "manuscript" / "book.yaml").is_file():
            return folder
        if folder.name == "manuscript" and (folder / "book.yaml").is_file():
            return folder.parent
    raise UsageProblem(
        f"no book here: neither {here} nor a folder above it has manuscript/book.yaml "
        "(start one with `iwobook new FOLDER`, or name it with -C FOLDER)"
    )


def _progress(quiet: bool) -> Callable[[str], None]:
    """Return a function that prints a progress line to stderr unless quiet."""
    start = time.monotonic()

    def say(message: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - start:5.1f}s] {message}", file=sys.stderr, flush=True)

    return say


def _report(error: InputError, suffix: str, listing: str) -> int:
    """List every diagnostic of error (text on stderr, json or github on stdout) and a count on stderr; return
    the input-problem exit code."""
    listed = format_listing(error.diagnostics, listing)
    (sys.stderr if listing == "text" else sys.stdout).write(listed)
    print(f"iwobook: {len(error.diagnostics)} problem(s) found{suffix}", file=sys.stderr)
    return EXIT_INPUT


def _report_clean(listing: str) -> None:
    """List no problems: an empty JSON array for json, nothing for text and github."""
    if listing == "json":
        sys.stdout.write(format_listing([], listing))


def _watch(args: argparse.Namespace) -> int:
    """Run `iwobook watch`: build, then rebuild on every change until Ctrl-C; return its exit code."""
    from iwobook.watch import Rebuilder, watch_outputs

    def report(error: InputError) -> None:
        _report(error, "; the last good outputs are kept", args.listing)

    rebuilder = Rebuilder(
        locate_book(args.root), args.format, args.paper, args.out, lambda: _progress(args.quiet), report
    )
    return watch_outputs(rebuilder)


def _serve(args: argparse.Namespace) -> int:
    """Run `iwobook serve`: serve the HTML edition, rebuilt on every change until Ctrl-C; return its exit code."""
    from iwobook.serve import ServingRebuilder, serve_edition

    def report(error: InputError) -> None:
        _report(error, "; the last good pages are served", args.listing)

    rebuilder = ServingRebuilder(locate_book(args.root), "html", None, args.out, lambda: _progress(args.quiet), report)
    return serve_edition(rebuilder, args.port)


def _check(args: argparse.Namespace) -> int:
    """Run `iwobook check`; return its exit code."""
    from iwobook.check import load_checked

    try:
        load_checked(locate_book(args.root))
    except InputError as error:
        return _report(error, "", args.listing)
    _report_clean(args.listing)
    print("iwobook: the manuscript is clean", file=sys.stderr)
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    """Run `iwobook build FORMAT`; return its exit code."""
    from iwobook.freshness import Freshness

    say = _progress(args.quiet)
    root = locate_book(args.root)
    freshness = Freshness.of_build(root, args.format, args.paper, args.out)
    fresh = None if args.force else freshness.fresh_outputs()
    if fresh is not None:
        say("up to date: nothing changed since the last build")
        _report_clean(args.listing)
        if args.listing != "json":
            for path in fresh:
                print(path)
        return EXIT_OK
    _ = freshness.content  # the inputs as they are before the build
    from iwobook.build import build_outputs

    try:
        written = build_outputs(root, args.format, args.paper, args.out, say)
    except InputError as error:
        return _report(error, "; nothing was written", args.listing)
    freshness.record(written)
    _report_clean(args.listing)
    if args.listing != "json":  # stdout is the JSON listing; the paths are in the progress lines
        for path in written:
            print(path)
    return EXIT_OK


def _output_path(args: argparse.Namespace) -> int:
    """Run `iwobook output-path FORMAT`: print the file(s) a build of FORMAT writes; return the exit code."""
    from iwobook.build import output_paths

    try:
        paths = output_paths(locate_book(args.root), args.format, args.out)
    except InputError as error:
        return _report(error, "", args.listing)
    for path in paths:
        print(path)
    return EXIT_OK


# One handler per command; a new command adds its parser in _parser() and its handler here.
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "build": _build,
    "output-path": _output_path,
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
