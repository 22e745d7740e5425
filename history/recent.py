"""Recent changes across the wiki: every EditMeta row, newest first, with filters."""

from django import forms
from django.conf import settings
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from history.links import wiki_page_models
from wiki.models.editing import EditMeta, EditStatus


def page_type_choices():
    return [(model._meta.label, str(model._meta.verbose_name).capitalize()) for model in wiki_page_models()]


class RecentChangesFilter(forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False)
    page_type = forms.ChoiceField(label=_("Page type"), required=False)
    anonymous = forms.BooleanField(label=_("Anonymous edits only"), required=False)
    held = forms.BooleanField(label=_("Held for review only"), required=False)

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]
        self.fields["page_type"].choices = [("", _("All page types")), *page_type_choices()]

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("language"):
            queryset = queryset.filter(language=data["language"])
        if data.get("page_type"):
            queryset = queryset.filter(page_type=data["page_type"])
        if data.get("anonymous"):
            queryset = queryset.filter(user__isnull=True)
        if data.get("held"):
            queryset = queryset.filter(status=EditStatus.HELD)
        return queryset

    def query_string(self) -> str:
        """The filter as GET parameters, for pagination links and the feed."""
        from urllib.parse import urlencode

        data = getattr(self, "cleaned_data", {}) or {}
        params = {k: ("1" if v is True else v) for k, v in data.items() if v}
        return urlencode(params)


def recent_edits():
    """Every wiki edit, newest first, with the revision before it (for the diff link)."""
    previous = (
        Revision.page_revisions.filter(object_id=Cast(OuterRef("page_id"), CharField()), pk__lt=OuterRef("revision_id"))
        .order_by("-pk")
        .values("pk")[:1]
    )
    return (
        EditMeta.objects.select_related("page", "user", "revision")
        .annotate(previous_revision_id=Subquery(previous))
        .order_by("-created_at", "-pk")
    )
