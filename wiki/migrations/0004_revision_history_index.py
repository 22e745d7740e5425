"""An index for "the latest (or previous) revision of this page" on Wagtail's revision table.

Saving a page asks for its latest revision (wiki.revisions) and Wagtail's publish for the one
before it, both ordered by creation time. Wagtail's own index covers the page but not the order,
so each save read and sorted every revision of the page, content included, inside SQLite's
write lock, growing with the page's history. With this index it is one index step. RunSQL,
because the table belongs to wagtailcore.
"""

from django.db import migrations

INDEX = "wiki_revision_object_created_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("wiki", "0003_market_guide_key_fact_lines"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_revision "
            "(base_content_type_id, object_id, created_at, id)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
