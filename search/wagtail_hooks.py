from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_order = 500
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]
    add_to_admin_menu = False


register_snippet(SynonymGroupViewSet)
