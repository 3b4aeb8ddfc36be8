"""Print HTML files to PDF with one headless Debian chromium, driven over its DevTools pipe.

Starting chromium costs a second or more, so the pack starts it once (:class:`Printer`) and
prints every sheet in it: chromium runs with ``--remote-debugging-pipe`` (commands on its file
descriptor 3, replies on 4, each a JSON message ending in NUL) and for each file the printer
navigates one tab to it, waits for the load event and asks ``Page.printToPDF`` with the page's
own CSS page size (A4) and backgrounds. The pack queues the prints on a worker thread while it
writes the workbooks (:mod:`chainkg.export.pack`). No chromium installed: :func:`open_printer`
gives None and the caller says so (the HTML sheets print from any browser).
"""

from __future__ import annotations

import base64
import io
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from chainkg.errors import ChainkgError
from chainkg.views.browser import CHROMIUM_ARGS, chromium_path

STEP_TIMEOUT_S = 60.0
"""Longest wait for chromium to start, load a page or print it."""


class Printer:
    """One headless chromium printing files to PDF, one at a time (not thread-safe: use it from
    one thread). Close it (or use ``with``) to end the browser."""

    def __init__(self, browser: Path, timeout: float = STEP_TIMEOUT_S) -> None:
        self.browser, self.timeout = browser, timeout
        self.profile = tempfile.mkdtemp(prefix="chainkg-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def pipes_as_3_and_4() -> None:  # in the child, before exec
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": "disabled:"}  # no session bus to wait for
        self.process = subprocess.Popen(
            [str(browser), *CHROMIUM_ARGS, "--remote-debugging-pipe", f"--user-data-dir={self.profile}", "about:blank"],
            pass_fds=(3, 4), preexec_fn=pipes_as_3_and_4, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, env=env)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer, self._next = b"", 0
        try:
            target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
            self._session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            self._call("Page.enable", session=True)
        except BaseException:
            self.close()
            raise

    def _fail(self, what: str) -> ChainkgError:
        return ChainkgError(f"{self.browser}: {what}")

    def _send(self, method: str, params: dict[str, Any] | None, session: bool) -> int:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        try:
            os.write(self._to_child, json.dumps(message).encode("utf-8") + b"\0")
        except OSError as exc:
            raise self._fail(f"the browser stopped ({exc})") from None
        return self._next

    def _receive(self, wanted: Any, what: str) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if wanted(message):
                    return message
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                raise self._fail(f"{what} took more than {self.timeout:.0f} s")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise self._fail(f"the browser stopped during {what}")
            self._buffer += chunk

    def _call(self, method: str, params: dict[str, Any] | None = None, session: bool = False) -> dict[str, Any]:
        sent = self._send(method, params, session)
        reply = self._receive(lambda m: m.get("id") == sent, method)
        if "error" in reply:
            raise self._fail(f"{method} failed: {reply['error'].get('message', reply['error'])}")
        return reply.get("result", {})

    def print_pdf(self, html: Path, pdf: Path) -> int:
        """Print the HTML file ``html`` to ``pdf`` (its CSS page size, no browser header or
        footer, backgrounds kept); the number of pages."""
        self._call("Page.navigate", {"url": Path(html).resolve().as_uri()}, session=True)
        self._receive(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == self._session,
                      f"loading {html}")
        result = self._call("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True,
                                                "displayHeaderFooter": False}, session=True)
        data = base64.b64decode(result["data"])
        pdf.parent.mkdir(parents=True, exist_ok=True)
        tmp = pdf.with_name(f".{pdf.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, pdf)
        return len(PdfReader(io.BytesIO(data)).pages)

    def close(self) -> None:
        """End the browser (politely, then by force) and remove its profile."""
        try:
            if self.process.poll() is None:
                try:
                    self._send("Browser.close", None, False)
                    self.process.wait(timeout=10)
                except (ChainkgError, subprocess.TimeoutExpired):
                    self.process.kill()
                    self.process.wait()
        finally:
            for fd in (self._to_child, self._from_child):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Printer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_printer(timeout: float = STEP_TIMEOUT_S) -> Printer | None:
    """A started :class:`Printer`, or None when chromium is not installed."""
    browser = chromium_path()
    return None if browser is None else Printer(browser, timeout)

