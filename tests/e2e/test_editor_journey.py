"""Journey 3: an editor writes a market guide in the Wagtail admin and submits it to the "Market guide
review" workflow; a moderator approves it; it is live on the site and found by its search."""

import importlib
import re

import pytest

from .conftest import SLOW, assert_fits_the_screen, axe_problems, goto, screenshot

PASSWORD = "a-long-test-password-4821"
TITLE = "Nordic markets"
SUMMARY = "Selling from a small firm to Norway, Sweden, Finland and Iceland: what to expect."


@pytest.fixture
def people():
    """An editor and a moderator, and the groups and workflow the editors' migration sets up.

    Earlier transactional tests may have flushed the database (groups, page permissions and
    workflows included), so the migration's data step runs again; it is idempotent.
    """
    from django.apps import apps
    from django.contrib.auth.models import Group, User

    importlib.import_module("moderation.migrations.0002_groups_and_workflows").forwards(apps, None)
    users = {}
    for username, group in (("erik-editor", "Editors"), ("mona-moderator", "Moderators")):
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.com"})
        user.set_password(PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=group)])
        users[group] = username
    return users


def market_guide_index():
    from wiki.models import MarketGuideIndexPage

    return MarketGuideIndexPage.objects.get(locale__language_code="en")


def admin_field(page, label: str):
    """A text field of the Wagtail admin's page form by its label (required ones end in "*")."""
    return page.get_by_role("textbox", name=re.compile(rf"^\s*{label}\s*\*?\s*$"))


def log_in(page, site, username):
    goto(page, site.url + "/admin/login/")
    page.get_by_label(re.compile(r"^\s*Username")).fill(username)
    page.get_by_label(re.compile(r"^\s*Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site.url + "/admin/", timeout=SLOW)


def test_editor_writes_a_market_guide_a_moderator_approves_it_and_readers_find_it(site, browser, desktop, phone, people):
    index = market_guide_index()

    # The editor writes the guide under the market guide index and submits it for review.
    log_in(desktop, site, people["Editors"])
    goto(desktop, f"{site.url}/admin/pages/{index.pk}/")
    desktop.get_by_role("link", name=re.compile("Add child page")).first.click()
    desktop.wait_for_url("**/admin/pages/add/wiki/marketguidepage/**", timeout=SLOW)
    admin_field(desktop, "Title").fill(TITLE)
    admin_field(desktop, "Summary").fill(SUMMARY)
    admin_field(desktop, "Region").fill("Nordic countries")
    desktop.locator("[name=overview]").fill(
        "The Nordic countries are close to the UK, rich, and at home online: a good first export market "
        "for a micro-business. Read about [[Reactive exporting]] before the first order arrives.")
    desktop.locator("[name=logistics_customs]").fill("Norway and Iceland are outside the EU: plan for customs.")
    screenshot(desktop, "editor-desktop-1-new-market-guide")
    desktop.get_by_role("button", name="More actions").click()
    actions = desktop.locator("footer").get_by_role("button").all_inner_texts()
    assert "Publish" not in actions, actions  # editors cannot publish
    desktop.get_by_role("button", name="Submit to Market guide review").click()
    desktop.wait_for_url(f"**/admin/pages/{index.pk}/", timeout=SLOW)
    assert "submitted for moderation" in desktop.locator(".messages").inner_text()
    screenshot(desktop, "editor-desktop-2-submitted")

    # Not live yet: a reader cannot open it.
    from wiki.models import MarketGuidePage

    guide = MarketGuidePage.objects.get(title=TITLE)
    assert not guide.live
    assert phone.goto(site.url + guide.get_url()).status == 404

    # The moderator finds it awaiting review and approves it, which publishes it.
    moderator = browser.new_context(viewport=desktop.viewport_size, locale="en-GB")
    try:
        admin = moderator.new_page()
        admin.set_default_timeout(SLOW)
        log_in(admin, site, people["Moderators"])
        review = admin.get_by_role("region", name="Awaiting your review")
        review.get_by_role("link", name=TITLE).first.click()
        admin.wait_for_url(f"**/admin/pages/{guide.pk}/edit/", timeout=SLOW)
        screenshot(admin, "editor-desktop-3-moderator-reviews")
        admin.get_by_role("button", name="More actions").click()
        admin.locator("footer").get_by_role("button", name="Approve and Publish", exact=True).click()
        admin.wait_for_url(f"**/admin/pages/{index.pk}/", timeout=SLOW)
        screenshot(admin, "editor-desktop-4-approved")
    finally:
        moderator.close()

    guide.refresh_from_db()
    assert guide.live

    # Readers find it with the site's search, and open it on a phone.
    goto(desktop, site.url + "/en/search/?q=Nordic+markets")
    titles = desktop.locator("ol.search-results, ol.results").get_by_role("heading").all_inner_texts()
    assert TITLE in titles, titles
    screenshot(desktop, "editor-desktop-5-guide-in-search")
    desktop.locator("ol.search-results, ol.results").get_by_role("link", name=TITLE, exact=True).click()
    desktop.get_by_role("heading", level=1, name=TITLE).wait_for(timeout=SLOW)
    guide_url = desktop.url

    goto(phone, guide_url)
    assert phone.get_by_role("heading", level=1, name=TITLE).is_visible()
    assert phone.get_by_role("link", name="Reactive exporting").first.is_visible()
    assert_fits_the_screen(phone)
    screenshot(phone, "editor-phone-6-published-guide")
    assert axe_problems(phone, "published guide") == []
