"""Shared fixtures.

Browser (``@pytest.mark.browser`` tests): headless Debian chromium through Playwright, see
``chainkg.views.browser``. Without /usr/bin/chromium the browser tests are skipped on a
developer machine and fail where the browser is required (``CHAINKG_REQUIRE_BROWSER=1``, set
by scripts/test.sh after installing it, or ``CI``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from chainkg.views.browser import CHROMIUM, PageWatch, chromium_path, launch_chromium, watch_page

TEST_OUTPUT = Path(__file__).parent / "output"


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian chromium for the session."""
    if chromium_path() is None:
        message = f"{CHROMIUM} is missing: run scripts/test.sh (it installs chromium and fonts-noto-cjk)"
        if os.environ.get("CHAINKG_REQUIRE_BROWSER") or os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium) -> Iterator[PageWatch]:
    """A 1280x800 page that records outside requests, console errors and dialogs; none may occur."""
    watch = watch_page(chromium)
    yield watch
    problems = watch.problems()
    watch.close()
    assert not problems, "the page misbehaved:\n" + "\n".join(problems)


@pytest.fixture(scope="session")
def test_output() -> Path:
    """tests/output/ (git-ignored): screenshots and pages for people to look at."""
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT
