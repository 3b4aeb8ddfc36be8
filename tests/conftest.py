"""Shared fixtures.

Seeds (``seed_corpus``, ``seed_build``): the two seed documents are read from the shared corpus
($CHAINKG_CORPUS, else ../shared/corpus beside the repo), never copied here; ``seed_build`` runs
``chainkg build`` on them once per session into a temporary OUT.

Browser (``@pytest.mark.browser`` tests): headless Debian chromium through Playwright, see
``chainkg.views.browser``. Without /usr/bin/chromium the browser tests are skipped on a
developer machine and fail where the browser is required (``CHAINKG_REQUIRE_BROWSER=1``, set
by scripts/test.sh after installing it, or ``CI``).

Neo4j (``@pytest.mark.neo4j`` tests, fixture ``neo4j_settings``): the server named by NEO4J_URI …,
else the local one of ``chainkg neo4j start``; skipped without one, a failure in CI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from chainkg.views.browser import CHROMIUM, PageWatch, chromium_path, launch_chromium, watch_page

TEST_OUTPUT = Path(__file__).parent / "output"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def seed_corpus() -> Path:
    """The seed corpus folder; a missing corpus fails the test run rather than skipping it."""
    path = Path(os.environ.get("CHAINKG_CORPUS") or REPO.parent / "shared" / "corpus")
    if not path.is_dir():
        pytest.fail(f"the seed corpus is not at {path} (set CHAINKG_CORPUS)")
    return path


@pytest.fixture(scope="session")
def seed_build(seed_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    """``chainkg build`` of the seeds, once per session (a :class:`chainkg.pipeline.BuildResult`)."""
    from chainkg.pipeline import build

    return build(seed_corpus, tmp_path_factory.mktemp("seed-out"))


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


@pytest.fixture(scope="session")
def neo4j_settings():
    """Connection settings of the Neo4j to test against (NEO4J_URI …, else the local server of
    `chainkg neo4j start`): skipped on a developer machine without one, a failure in CI
    (``CI`` or ``CHAINKG_REQUIRE_NEO4J`` set)."""
    from chainkg.errors import ChainkgError
    from chainkg.graph.neo4j_store import connection_settings

    try:
        return connection_settings()
    except ChainkgError as exc:
        if os.environ.get("CI") or os.environ.get("CHAINKG_REQUIRE_NEO4J"):
            pytest.fail(str(exc))
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def driver(neo4j_settings):
    """A driver to the test Neo4j (``neo4j_settings``), one per test module."""
    from chainkg.graph.neo4j_store import connect

    with connect(neo4j_settings) as drv:
        yield drv


@pytest.fixture
def db(driver, neo4j_settings):
    """An empty database for one test: (driver, database name)."""
    from chainkg.graph.neo4j_store import delete_everything

    delete_everything(driver, neo4j_settings.database)
    yield driver, neo4j_settings.database
