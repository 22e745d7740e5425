"""Browser tests: Playwright driving the system's Chromium against a live server.

Without Chromium they are skipped with the reason printed; with E2E_REQUIRED=1
(set by .ci/run) a missing browser fails the run instead.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]



def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _missing_reason() -> str | None:
    if chromium_path() is None:
        return "no Chromium found (install the Debian package 'chromium' or set CHROMIUM=/path)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing_reason()
    if reason is None:
        return
    e2e = [item for item in items if "tests/e2e/" in str(item.fspath)]
    if not e2e:
        return
    if os.environ.get("E2E_REQUIRED"):
        raise pytest.UsageError(f"E2E_REQUIRED is set but browser tests cannot run: {reason}")
    for item in e2e:
        item.add_marker(pytest.mark.skip(reason=f"browser test skipped: {reason}"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM (used by
    # fixtures) refuses to run beside one unless told it is safe, which it is here.
    # Set only while the browser runs, so that subprocesses of other tests
    # (check --deploy) never inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server, transactional_db):
    call_command("load_content", verbosity=0)
    return live_server


def _page(browser, viewport, locale):
    context = browser.new_context(viewport=viewport, locale=locale, is_mobile=viewport is PHONE,
                                  has_touch=viewport is PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def phone(browser):
    context, page = _page(browser, PHONE, "da-DK")
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context, page = _page(browser, DESKTOP, "en-GB")
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Keep a full-page screenshot as a test artifact for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- Helpers shared by the journeys -------------------------------------------------------------

# Playwright waits up to this long for a page to answer or an element to appear: generous, because
# the machine is shared and the live server is single-threaded.
SLOW = 30_000


def axe_problems(page, label: str = "") -> list[str]:
    """The serious and critical axe-core violations on the page as it is now, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    where = label or page.url
    problems = []
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            nodes = [node["target"] for node in violation["nodes"][:3]]
            problems.append(f"{where}: {violation['id']} ({violation['impact']}) {nodes}")
    return problems


def goto(page, url: str):
    """Open a URL and insist on a 200."""
    response = page.goto(url, wait_until="domcontentloaded")
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
    return response
