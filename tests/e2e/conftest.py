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
DESKTOP = {"width": 1366, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]



def _real_database_name() -> str:
    from django.conf import settings

    return settings.DATABASES["default"]["NAME"]


# Read when pytest imports this file, before any test database replaces it.
_REAL_DATABASE_NAME = _real_database_name()


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


@pytest.fixture(scope="session")
def site(request, django_db_setup, django_db_blocker):
    """A live server over the starter content, loaded once for all the browser tests of a run.

    Loading the content takes seconds; pytest-django's ``live_server`` would flush the database
    after every test (it makes each test transactional), so every test would load it again.
    Instead the browser tests share one database state: they run after the database tests
    (pytest-django orders tests without database fixtures last), each journey writes to its own
    pages, and the test database is thrown away at the end of the run. The server listens on a free
    port of the --liveserver host.
    """
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.live_server_helper import LiveServer

    own_databases = None
    with django_db_blocker.unblock():
        # pytest-django creates the test database only when some collected test asks for a database
        # fixture; when only browser tests run, create it here. Never run against the real database.
        if connections["default"].settings_dict["NAME"] == _REAL_DATABASE_NAME:
            own_databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        assert connections["default"].settings_dict["NAME"] != _REAL_DATABASE_NAME, "not on a test database"
        # Earlier transactional tests may have flushed the tree; the loader rebuilds what is missing.
        call_command("load_content", verbosity=0)
        addr = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "127.0.0.1"
        server = LiveServer(addr.split(":")[0] + ":0")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()
    if own_databases is not None:
        with django_db_blocker.unblock():
            teardown_databases(own_databases, verbosity=0)


@pytest.fixture(autouse=True)
def _database_for_browser_tests(django_db_blocker):
    """The live server and the tests' own set-up use the shared database (no transaction around it)."""
    with django_db_blocker.unblock():
        yield


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


def assert_fits_the_screen(page):
    """Nothing sticks out sideways: the page never scrolls horizontally (phones)."""
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]}px wide on a {widths[1]}px screen"


def open_menu(page):
    """Open the header's menu (a disclosure on phones; standing open on wide screens)."""
    menu = page.locator("details.site-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()
    return menu


def switch_language(page, code: str):
    """Press the language switch's link to ``code`` (opening the header's menu first)."""
    open_menu(page).locator(f'.language-switcher a[hreflang="{code}"]').click()


def page_tool(page, name):
    """A page tool from the overflow menu beside Edit (the menu opened first)."""
    more = page.locator("details.page-tools__more").first
    if more.get_attribute("open") is None:
        more.locator("summary").click()
    return more.get_by_role("link", name=name).first
