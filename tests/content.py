"""Loading a few files of the starter content (both languages): quicker than all of it."""

import shutil

from wiki.content_loader import CONTENT_DIR, ContentLoader


def load_some_content(folder, names) -> None:
    """Copy these content files (paths under site/content) into ``folder`` and load them."""
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CONTENT_DIR / name, folder / name)
    ContentLoader(folder).load()
