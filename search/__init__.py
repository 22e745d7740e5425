"""Search. Whoosh 2.7.4 (frozen) has invalid escape sequences in its regular expressions and calls
deprecated APIs: their warnings are ignored here, once per process, for Whoosh's own modules only
(compiled without .pyc files, a module's warnings name its file path, hence the path pattern).
This package is imported before any of its modules imports Whoosh. pytest applies its own filters
(pyproject.toml)."""

import warnings

for _category in (SyntaxWarning, DeprecationWarning):
    warnings.filterwarnings("ignore", category=_category, module=r"(.*[/\\])?whoosh([./\\]|$)")
