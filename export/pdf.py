"""Print HTML to PDF with the headless Debian chromium, and split a booklet per chain.

Starting chromium costs seconds, so the pack prints once: the booklet of every chain sheet
(:func:`chainkg.export.sheet.render_sheets` with a cover), whose cover links to each chain's
section. Chromium writes those link targets as the PDF's named destinations, which give the
page where each chain starts; :func:`split_pdf` cuts the booklet there with pypdf. No
chromium: no PDF, and the caller says so (the HTML sheets print from any browser).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from chainkg.errors import ChainkgError
from chainkg.views.browser import CHROMIUM_ARGS, chromium_path

PRINT_TIMEOUT_S = 120


@dataclass
class Printing:
    """A chromium printing one HTML file to PDF in the background (:func:`start_print`)."""

    browser: Path
    html: Path
    pdf: Path
    process: subprocess.Popen[str]
    profile: tempfile.TemporaryDirectory[str]
    timeout: float

    def wait(self) -> Path:
        """Wait for the PDF; ChainkgError when chromium fails, writes nothing or takes too long."""
        try:
            _, stderr = self.process.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            raise ChainkgError(f"{self.browser}: printing {self.html} to PDF took more than "
                               f"{self.timeout:.0f} s") from None
        finally:
            self.profile.cleanup()
        if self.process.returncode != 0 or not self.pdf.exists() or self.pdf.stat().st_size == 0:
            last = (stderr.strip().splitlines() or ["no message"])[-1]
            raise ChainkgError(f"{self.browser}: could not print {self.html} to PDF "
                               f"(exit {self.process.returncode}: {last})")
        return self.pdf


def start_print(html: Path, pdf: Path, timeout: float = PRINT_TIMEOUT_S) -> Printing | None:
    """Start printing the HTML file ``html`` to ``pdf`` (A4 as its CSS says, no browser header or
    footer) while the caller does other work; None when chromium is not installed."""
    browser = chromium_path()
    if browser is None:
        return None
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.unlink(missing_ok=True)
    profile = tempfile.TemporaryDirectory(prefix="chainkg-chromium-")
    args = [str(browser), *CHROMIUM_ARGS, f"--user-data-dir={profile.name}", "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}", html.resolve().as_uri()]
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": "disabled:"}  # no session bus to wait for
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    return Printing(browser, html, pdf, process, profile, timeout)


def print_pdf(html: Path, pdf: Path, timeout: float = PRINT_TIMEOUT_S) -> Path | None:
    """Print the HTML file ``html`` to ``pdf`` and wait; None when chromium is not installed."""
    printing = start_print(html, pdf, timeout)
    return None if printing is None else printing.wait()


def section_pages(pdf: Path) -> dict[str, int]:
    """Named destination -> page index (0-based) of a PDF chromium printed."""
    reader = PdfReader(pdf)
    return {str(name).lstrip("/"): reader.get_destination_page_number(dest)
            for name, dest in reader.named_destinations.items()}


def split_pdf(pdf: Path, targets: Mapping[str, Path]) -> dict[str, int]:
    """Write each section of ``pdf`` (anchor -> file) as its own PDF, from its first page to the
    page before the next section; the number of pages of each. ChainkgError naming an anchor the
    PDF does not have."""
    reader = PdfReader(pdf)
    starts = section_pages(pdf)
    missing = [a for a in targets if a not in starts]
    if missing:
        raise ChainkgError(f"{pdf}: no section {', '.join(missing)} (chromium wrote no destination for it)")
    order = sorted(starts.values()) + [len(reader.pages)]
    pages: dict[str, int] = {}
    for anchor, path in targets.items():
        first = starts[anchor]
        end = min(p for p in order if p > first)
        writer = PdfWriter()
        for i in range(first, end):
            writer.add_page(reader.pages[i])
        with open(path, "wb") as handle:
            writer.write(handle)
        pages[anchor] = end - first
    return pages
