"""The page cache's rules, on hand-made requests and responses (no database)."""

import pytest
from django.contrib.messages import add_message, constants
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory

from caching import generation, policy
from caching.middleware import PageCacheMiddleware

factory = RequestFactory()


def anonymous(path="/en/definitions/konkollega/", **extra):
    request = factory.get(path, **extra)
    request.session = SessionStore()
    return request


def run(request, view):
    """The request through the page cache, CSRF and messages, as the real stack would."""
    return PageCacheMiddleware(CsrfViewMiddleware(MessageMiddleware(view)))(request)


def page(request):
    return HttpResponse("<p>page</p>")


def test_a_plain_page_is_stored_and_then_served(page_cache):
    assert run(anonymous(), page)["X-Cache"] == "miss"
    assert run(anonymous(), page)["X-Cache"] == "hit"


def test_a_page_that_used_a_csrf_token_is_not_stored(page_cache):
    def form(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    first = run(anonymous(), form)
    assert first["X-Cache"] == "bypass" and "csrftoken" in first.cookies
    second = run(anonymous(), form)
    assert second["X-Cache"] == "bypass"


def test_a_page_that_set_a_cookie_or_showed_a_message_is_not_stored(page_cache):
    def with_cookie(request):
        response = page(request)
        response.set_cookie("seen", "1")
        return response

    def with_message(request):
        add_message(request, constants.INFO, "Saved")
        return page(request)

    for view in (with_cookie, with_message):
        assert run(anonymous(), view)["X-Cache"] == "bypass"
        assert run(anonymous(), view)["X-Cache"] == "bypass"


@pytest.mark.parametrize(
    "cache_control,vary",
    [("private", ""), ("no-store", ""), ("no-cache", ""), ("", "User-Agent"), ("", "Cookie, X-Forwarded-For")],
)
def test_responses_that_forbid_shared_caching_are_not_stored(page_cache, cache_control, vary):
    def view(request):
        response = page(request)
        if cache_control:
            response["Cache-Control"] = cache_control
        if vary:
            response["Vary"] = vary
        return response

    assert run(anonymous(), view)["X-Cache"] == "bypass"


def test_other_statuses_are_not_stored(page_cache):
    for status in (201, 301, 302, 404, 500):
        view = lambda request, status=status: HttpResponse("x", status=status)  # noqa: E731
        assert run(anonymous(), view)["X-Cache"] == "bypass"


def test_keys_differ_by_host_scheme_path_and_search_query(page_cache, settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    keys = {
        policy.rule_for(anonymous(HTTP_HOST="a.example")).key,
        policy.rule_for(anonymous(HTTP_HOST="b.example")).key,
        policy.rule_for(anonymous(HTTP_HOST="a.example", secure=True)).key,
        policy.rule_for(anonymous("/da/definitions/konkollega/", HTTP_HOST="a.example")).key,
        policy.rule_for(anonymous("/en/search/?q=a", HTTP_HOST="a.example")).key,
        policy.rule_for(anonymous("/en/search/?q=b", HTTP_HOST="a.example")).key,
    }
    assert len(keys) == 6
    assert policy.rule_for(anonymous("/en/search/?q=a", HTTP_HOST="a.example")).seconds == settings.SEARCH_CACHE_SECONDS
    assert policy.rule_for(anonymous(HTTP_HOST="evil.example")) is None


def test_unprefixed_paths_and_authorised_requests_bypass(page_cache):
    for request in (anonymous("/"), anonymous("/api/v2/pages/"), anonymous(HTTP_AUTHORIZATION="Basic eDp5")):
        assert policy.rule_for(request) is None


def test_file_generation_changes_on_every_bump(tmp_path):
    store = generation.FileGeneration(tmp_path / "gen")
    first = store.current()
    assert store.current() == first
    assert store.bump() != first
    assert store.current() != first
    assert list(tmp_path.iterdir()) == [tmp_path / "gen"]  # no temporary files left behind


def test_a_request_reads_the_generation_once_and_follows_its_own_bumps(page_cache, monkeypatch):
    reads = []
    store_current = generation.FileGeneration.current
    monkeypatch.setattr(generation.FileGeneration, "current", lambda store: reads.append(1) or store_current(store))
    with generation.read_once():
        first = generation.current()
        assert generation.current() == generation.key_for("search").split(".")[0] == first
        assert len(reads) == 1
        bumped = generation.bump()  # a change the request made itself
        assert bumped != first and generation.current() == bumped
        assert len(reads) == 1
    # Outside a request every ask reads the store, which another process may have bumped.
    generation.current()
    generation.current()
    assert len(reads) == 3


def test_shared_cache_generation(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "g1"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "g2"},
    }
    store = generation.CacheGeneration("pages")
    first = store.current()
    assert store.current() == first
    assert store.bump() != first and store.current() != first


@pytest.mark.django_db
def test_a_change_bumps_now_and_again_after_commit(page_cache, django_capture_on_commit_callbacks):
    from caching.signals import content_changed

    before = generation.current()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        content_changed()
        during = generation.current()
    assert during != before
    assert len(callbacks) == 1
    assert generation.current() not in (before, during)


def test_a_change_outside_a_transaction_bumps_once(page_cache, transactional_db, monkeypatch):
    from caching.signals import content_changed

    bumps = []
    real_bump = generation.bump
    monkeypatch.setattr(generation, "bump", lambda: bumps.append(1) or real_bump())
    content_changed()
    assert bumps == [1]


def test_memo_holds_until_the_content_generation_changes(page_cache, settings):
    from caching.memo import per_generation

    settings.CONTENT_MEMO = True
    calls = []

    @per_generation
    def lookup(language):
        calls.append(language)
        return len(calls)

    assert lookup("en") == lookup("en") == 1
    assert lookup("da") == 2
    generation.bump()
    assert lookup("en") == 3
    settings.CONTENT_MEMO = False
    assert lookup("en") == 4 and lookup("en") == 5


def test_file_scopes_change_only_their_own_token(tmp_path):
    store = generation.FileGeneration(tmp_path / "gen")
    page_a, page_b = generation.page_scope("/en/a/"), generation.page_scope("/en/b/")
    assert store.scope(page_a) == store.scope(page_b) == generation.UNBUMPED_SCOPE
    store.bump_scopes([page_a])
    first = store.scope(page_a)
    assert first != generation.UNBUMPED_SCOPE and store.scope(page_b) == generation.UNBUMPED_SCOPE
    store.bump_scopes([page_a])
    assert store.scope(page_a) not in (first, generation.UNBUMPED_SCOPE)
    assert len(list(store.scopes.iterdir())) == 1  # no temporary files left behind


def test_shared_cache_scopes(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s1"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s2"},
    }
    store = generation.CacheGeneration("pages")
    page_a, page_b = generation.page_scope("/en/a/"), generation.page_scope("/en/b/")
    a, b = store.scope(page_a), store.scope(page_b)
    assert store.scope(page_a) == a and a != b  # a missing scope gets a random token, kept
    store.bump_scopes([page_a])
    assert store.scope(page_a) != a and store.scope(page_b) == b


@pytest.mark.django_db
def test_a_confined_change_bumps_its_page_alone_and_any_other_write_everything(page_cache):
    from django.db import transaction

    from caching.signals import changes_confined_to, content_changed

    scope = generation.page_scope("/en/definitions/x/")
    before_all, before_page = generation.current(), generation.scope_token(scope)
    with changes_confined_to(["/en/definitions/x/"], lambda instance: instance == "the page"):
        content_changed(instance="the page")
        assert generation.current() == before_all
        assert generation.scope_token(scope) != before_page
        content_changed(instance="another page")
        assert generation.current() != before_all
    during = generation.current()
    with transaction.atomic():  # (one bump per savepoint: the test's own block has one pending)
        content_changed(instance="the page")  # outside the confinement: everything
    assert generation.current() != during
