"""The moderators' panel on the Wagtail dashboard: edits held for review, with links to review them."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from wiki.models.editing import EditMeta, EditStatus
from wiki.permissions import is_moderator

from .views.admin import previous_revision_id

PANEL_ROWS = 10


def held_edits():
    return EditMeta.objects.filter(status=EditStatus.HELD).select_related("page", "user", "revision")


class HeldEditsPanel(Component):
    name = "held_edits"
    title = _("Edits held for review")
    order = 90  # above Wagtail's own panels (workflow, pages awaiting moderation)
    template_name = "moderation/admin/held_edits_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        held = held_edits()
        rows = [(meta, previous_revision_id(meta)) for meta in held[:PANEL_ROWS]]
        context.update({"request": self.request, "rows": rows, "total": held.count(), "title": self.title})
        return context


def add_held_edits_panel(request, panels):
    if is_moderator(request.user):
        panels.append(HeldEditsPanel(request))
