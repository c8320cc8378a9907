"""`iwobook serve`: the HTML edition on http://127.0.0.1:PORT/, built again on every save, open pages reloaded.

The server is the standard library's (http.server), bound to the loopback address only. The rebuilding is
`iwobook watch html` (watch.py: the same change detection and warm builds). Pages are served as they are on
disk, except that each HTML page gets a small script before </body> that asks the server every second which
build it holds and reloads the page after a new one; the pages themselves need no JavaScript.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from iwobook.watch import Rebuilder, watch_outputs

HOST = "127.0.0.1"
VERSION_PATH = "/.iwobook/build"
RELOAD_SCRIPT = (
    "<script>(function(){var seen=null;function ask(){fetch('" + VERSION_PATH + "',{cache:'no-store'})"
    ".then(function(r){return r.text();}).then(function(v){if(seen!==null&&v!==seen){location.reload();}seen=v;})"
    ".catch(function(){}).then(function(){setTimeout(ask,1000);});}ask();})();</script>"
)


@dataclass
class Builds:
    """The edition's folder once built, and how many builds there were (the number reloading pages compare)."""

    folder: Path | None = None
    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, folder: Path) -> None:
        """Count one more finished build of the edition, written to folder."""
        with self.lock:
            self.folder, self.count = folder, self.count + 1

    def current(self) -> tuple[Path | None, str]:
        """Return the folder and the current build's number as text."""
        with self.lock:
            return self.folder, str(self.count)


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the edition's folder; adds the reload script to HTML pages and answers the build number."""

    def __init__(self, *args: Any, builds: Builds, **kwargs: Any) -> None:
        self.builds = builds
        folder, self.build_number = builds.current()
        self.built = folder is not None
        super().__init__(*args, directory=str(folder or Path.cwd()), **kwargs)

    def do_GET(self) -> None:
        """Answer the build number, an HTML page with the reload script, or any other file as it is."""
        path = urlsplit(self.path).path
        if path == VERSION_PATH:
            self.send_bytes(self.build_number.encode(), "text/plain; charset=utf-8")
            return
        if not self.built:
            self.send_error(HTTPStatus.SERVICE_UNAVAILABLE, "The HTML edition is being built; try again in a moment.")
            return
        local = Path(self.translate_path(self.path))
        if path.endswith("/") and local.is_dir():
            local = local / "index.html"
        if local.suffix == ".html" and local.is_file():
            page = local.read_bytes().replace(b"</body>", RELOAD_SCRIPT.encode() + b"\n</body>", 1)
            self.send_bytes(page, "text/html; charset=utf-8")
            return
        super().do_GET()

    def send_bytes(self, data: bytes, media_type: str) -> None:
        """Send data as a fresh (never cached) 200 response."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing: the console is for build progress and diagnostics."""


@dataclass
class ServingRebuilder(Rebuilder):
    """A rebuilder of the HTML edition that counts each good build for the reloading pages."""

    builds: Builds = field(default_factory=Builds)

    def build(self) -> list[Path] | None:
        """Build once; count the build when it wrote the edition."""
        paths = super().build()
        if paths:
            self.builds.record(paths[0])
        return paths


def start_server(port: int, builds: Builds) -> ThreadingHTTPServer:
    """Return a server of the built edition on the loopback address at port (0: any free port), in a thread."""
    handler = partial(PreviewHandler, builds=builds)
    server = ThreadingHTTPServer((HOST, port), handler)
    threading.Thread(target=server.serve_forever, name="iwobook-serve", daemon=True).start()
    return server


def serve_edition(rebuilder: ServingRebuilder, port: int) -> int:
    """Serve the HTML edition rebuilder writes and rebuild it on every save until Ctrl-C; return the exit code
    (1 when the port cannot be had)."""
    try:
        server = start_server(port, rebuilder.builds)
    except OSError as error:
        print(f"iwobook: cannot serve on {HOST}:{port}: {error.strerror or error}", file=sys.stderr)
        return 1
    url = f"http://{HOST}:{server.server_address[1]}/"
    print(f"iwobook: serving the HTML edition at {url} (Ctrl-C stops)", file=sys.stderr, flush=True)
    try:
        return watch_outputs(rebuilder)
    finally:
        server.shutdown()
        server.server_close()
