"""Open pages in the system's Debian chromium through Playwright, for tests and benchmarks.

Never a browser downloaded by ``playwright install``: the project's set-up installs Debian's
``chromium`` (scripts/test.sh) and this module drives that binary, with the background
services (updates, sync, safe-browsing lists) that would talk to the network switched off.
:func:`watch_page` opens a page that records what a view must never do: ask for anything
outside ``file://`` (such requests are also aborted, as on an offline intranet), log a
console error, throw, or open a dialog (``alert`` from injected markup).
Playwright is a test dependency, imported only by callers that launch a browser.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from chainkg.errors import ChainkgError

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_path() -> Path | None:
    """The Debian chromium binary if installed (``/usr/bin/chromium``, else ``chromium`` on PATH)."""
    if CHROMIUM.exists():
        return CHROMIUM
    found = shutil.which("chromium")
    return Path(found) if found else None


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch headless Debian chromium with Playwright; a clear error when it is not installed."""
    path = chromium_path()
    if path is None:
        raise ChainkgError(
            f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium fonts-noto-cjk, "
            "as scripts/test.sh does); the browser checks never download a browser"
        )
    return playwright.chromium.launch(executable_path=str(path), headless=True, args=list(CHROMIUM_ARGS))


@dataclass
class PageWatch:
    """A page and the record of everything it did that a view page must not do."""

    context: BrowserContext
    page: Page
    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: Path) -> Page:
        """Load the file at ``path`` from ``file://`` and return the page."""
        self.page.goto(path.resolve().as_uri())
        return self.page

    def problems(self) -> list[str]:
        """One line per request outside file://, console error or uncaught error, and dialog."""
        return ([f"request outside file://: {url}" for url in self.outside_requests]
                + [f"console error: {text}" for text in self.console_errors]
                + [f"dialog opened: {text!r}" for text in self.dialogs])

    def close(self) -> None:
        self.context.close()


def watch_page(browser: Browser, width: int = 1280, height: int = 800) -> PageWatch:
    """A fresh context and page of the given viewport that records (and aborts) outside requests."""
    context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
    watch = PageWatch(context, context.new_page())

    def on_request(request) -> None:
        if not request.url.startswith("file://"):
            watch.outside_requests.append(request.url)

    def offline(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    def on_dialog(dialog) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    context.route("**/*", offline)
    watch.page.on("request", on_request)
    watch.page.on("console", lambda message: watch.console_errors.append(message.text)
                  if message.type == "error" else None)
    watch.page.on("pageerror", lambda error: watch.console_errors.append(f"uncaught: {error}"))
    watch.page.on("dialog", on_dialog)
    return watch


def iframe_host(folder: Path, src: str, name: str, width: int = 480, height: int = 360) -> Path:
    """Write ``folder/name``: a page holding ``src`` (relative to ``folder``) in one framed
    ``width`` x ``height`` iframe, as another page embedding a view would; returns its path."""
    host = folder / name
    host.write_text('<!doctype html><meta charset="utf-8"><title>iframe host</title>'
                    f'<iframe src="{src}" width="{width}" height="{height}" style="border:1px solid #999"></iframe>',
                    encoding="utf-8")
    return host
