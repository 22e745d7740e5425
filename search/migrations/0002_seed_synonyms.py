"""Seed the synonym groups from the glossary (site/content/glossary.toml, from FACTS.md)."""

import tomllib
from pathlib import Path

from django.db import migrations

GLOSSARY = Path(__file__).resolve().parent.parent.parent / "site" / "content" / "glossary.toml"

# The glossary seed from FACTS.md, used when the content folder is not shipped.
FALLBACK = [
    ["micro-business", "micro-enterprise", "mikrovirksomhed"],
    ["small business", "lille virksomhed"],
    ["entrepreneur", "iværksætter"],
    ["export", "eksport"],
    ["growth", "vækst"],
    ["partnership", "partnerskab"],
    ["network", "netværk"],
    ["trade fair", "messe"],
    ["market", "marked"],
    ["south america", "sydamerika"],
    ["shoes", "sko"],
    ["jewellery", "smykker"],
    ["children's clothes", "børnetøj"],
    ["exchange rate", "valutakurs"],
]


def glossary_groups():
    try:
        groups = tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))["synonyms"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return FALLBACK
    return [[str(term).strip().lower() for term in group if str(term).strip()] for group in groups]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    SynonymGroup.objects.bulk_create(
        [SynonymGroup(terms=", ".join(group), note="glossary") for group in glossary_groups() if len(group) >= 2]
    )


def unseed(apps, schema_editor):
    apps.get_model("search", "SynonymGroup").objects.filter(note="glossary").delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
