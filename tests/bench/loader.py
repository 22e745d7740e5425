"""Loading generated pages as real Wagtail pages, fast.

Page.add_child() costs several queries per page (locking, numchild, revisions), far too
slow for 50k pages. Here the tree paths are computed (treebeard's materialised path,
steps of 4 base-36 digits), the wagtailcore_page rows are bulk-created, the specific
tables (definitions, case studies, …) are written with executemany, and tags with
bulk_create; the parents' numchild is fixed at the end. Pages are live and published,
without revisions (the benchmark does not read them). No search index is written here:
building the index is timed separately.
"""

from __future__ import annotations

import uuid
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from home.models import HomePage
from wiki.models import (
    ArticlePage,
    CaseStudyIndexPage,
    CaseStudyPage,
    DefinitionIndexPage,
    DefinitionPage,
    MarketGuideIndexPage,
    MarketGuidePage,
)
from wiki.models.tags import WikiTag

from .corpus import PageSpec

MODELS = {
    "definition": (DefinitionPage, DefinitionIndexPage),
    "case_study": (CaseStudyPage, CaseStudyIndexPage),
    "market_guide": (MarketGuidePage, MarketGuideIndexPage),
    "article": (ArticlePage, HomePage),
}
BATCH = 2000


def _parents() -> dict[tuple[str, str], Page]:
    parents = {}
    for kind, (_model, parent_model) in MODELS.items():
        for page in parent_model.objects.select_related("locale"):
            parents[(kind, page.locale.language_code)] = Page.objects.get(pk=page.pk)
    return parents


def _next_step(parent: Page) -> int:
    last = parent.get_last_child()
    return Page._str2int(last.path[-Page.steplen:]) + 1 if last else 1


def _insert_specific(model, objects: list) -> None:
    """INSERT the model's own table rows (the parent Page rows exist already)."""
    fields = [f for f in model._meta.local_concrete_fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608


@transaction.atomic
def load_pages(specs: list[PageSpec]) -> dict[str, int]:
    """Create the pages; returns {spec.key: page id} for planted pages."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    parents = _parents()
    next_step = {key: _next_step(parent) for key, parent in parents.items()}
    added = defaultdict(int)
    content_types = {kind: ContentType.objects.get_for_model(model) for kind, (model, _p) in MODELS.items()}
    tags = {}
    now = timezone.now()
    planted: dict[str, int] = {}

    for start in range(0, len(specs), BATCH):
        batch = specs[start:start + BATCH]
        base_rows = []
        for spec in batch:
            parent = parents[(spec.kind, spec.language)]
            step = next_step[(spec.kind, spec.language)]
            next_step[(spec.kind, spec.language)] += 1
            added[parent.pk] += 1
            base_rows.append(Page(
                title=spec.title, draft_title=spec.title, slug=spec.slug,
                path=Page._get_path(parent.path, parent.depth + 1, step), depth=parent.depth + 1, numchild=0,
                url_path=f"{parent.url_path}{spec.slug}/", content_type=content_types[spec.kind],
                locale=locales[spec.language], translation_key=uuid.uuid4(), live=True,
                has_unpublished_changes=False, first_published_at=now, last_published_at=now,
                live_revision=None,
            ))
        Page.objects.bulk_create(base_rows)
        by_model = defaultdict(list)
        tag_rows = defaultdict(list)
        for spec, base in zip(batch, base_rows, strict=True):
            model = MODELS[spec.kind][0]
            obj = model(page_ptr_id=base.pk, body=spec.body, **spec.fields)
            by_model[model].append(obj)
            for name in spec.tags:
                if name not in tags:
                    tags[name] = WikiTag.objects.get_or_create(name=name, defaults={"slug": _slug(name)})[0]
                through = model.tags.through
                tag_rows[through].append(through(content_object_id=base.pk, tag=tags[name]))
            if spec.key:
                planted[spec.key] = base.pk
        for model, objects in by_model.items():
            _insert_specific(model, objects)
        for through, rows in tag_rows.items():
            through.objects.bulk_create(rows)
    for parent_id, count in added.items():
        Page.objects.filter(pk=parent_id).update(numchild=Page.objects.get(pk=parent_id).numchild + count)
    return planted


def _slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name, allow_unicode=True) or uuid.uuid4().hex[:8]
