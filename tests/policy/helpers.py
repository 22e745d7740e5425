"""Acting on a page by each path, as a browser would (proof of work solved for anonymous visitors)."""

from django.urls import reverse
from wagtail.models import Revision

from editing import pow
from editing.fields import editable_fields, values_of
from wiki.models import EditMeta


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def revisions(page):
    return Revision.page_revisions.filter(object_id=str(page.pk))


def solved(target) -> dict:
    challenge = pow.issue(target)
    return {"challenge": challenge, "nonce": pow.solve(challenge)}


def edit_data(page, **changes) -> dict:
    """The site's edit form, filled in with the page's values and ``changes``."""
    data = {}
    for name, value in values_of(page, editable_fields(type(page))).items():
        if name == "sales_channels":
            data[name] = (value or "").split()
        else:
            data[name] = "" if value is None else str(value)
    data.update(base_revision=page.live_revision_id or "", summary="a change", save="1", **solved(page.pk))
    data.update(changes)
    return data


def site_edit(client, page, body):
    return client.post(page.url + "edit/", edit_data(page, body=body))


def site_restore(client, page, revision):
    return client.post(page.url + f"history/{revision.pk}/restore/", solved(page.pk))


def site_rollback(client, page):
    return client.post(page.url + "history/rollback/")


def site_create(client, title, body, language="en"):
    return client.post(f"/{language}/create/?title={title}", {
        "title": title, "short_definition": "Short.", "body": body, "sources": "", "summary": "new", "save": "1",
        **solved(f"create:{language}"),
    })


def talk_post(client, page, body):
    return client.post(reverse("talk:thread", args=[page.pk]), {"body": body, **solved(f"talk:{page.pk}")})


def meta_of_latest(page):
    return EditMeta.objects.filter(page_id=page.pk).order_by("-pk").first()
