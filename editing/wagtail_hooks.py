from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from editing.models import BlockedWord


class BlockedWordViewSet(SnippetViewSet):
    model = BlockedWord
    icon = "warning"
    list_display = ["word", "note", "created_at"]
    search_fields = ["word", "note"]
    add_to_admin_menu = True
    menu_order = 800


register_snippet(BlockedWordViewSet)
