"""Apps form layers: wiki (the page models) imports no feature app; feature apps depend on wiki."""

import ast
from pathlib import Path

from django.conf import settings

FEATURE_APPS = {"editing", "history", "moderation", "caching", "home", "talk", "accounts", "search"}


def imported_modules(path: Path) -> set[str]:
    """Every module a Python file imports, at any depth (inside functions too)."""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_the_feature_apps_are_installed_apps():
    # The list below names real apps: a renamed app would otherwise pass unnoticed.
    assert FEATURE_APPS <= set(settings.INSTALLED_APPS)


def test_wiki_imports_no_feature_app():
    wiki = Path(settings.BASE_DIR) / "wiki"
    offenders = {
        f"{path.relative_to(wiki.parent)}: {module}"
        for path in wiki.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in FEATURE_APPS
    }
    assert not offenders, sorted(offenders)


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from editing.views import edit_page\n")
    assert "editing.views" in imported_modules(sample)
