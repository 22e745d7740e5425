from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import hooks

register = template.Library()

# Other apps add per-row actions to recent changes (patrol buttons, say) with this Wagtail hook:
# fn(request, edit_meta) -> HTML (built with format_html) or None.
RECENT_CHANGE_ACTIONS_HOOK = "history_recent_change_actions"


@register.filter
def size_change(delta):
    """+12 / -7 / 0, with a class for colour and a label for screen readers."""
    if delta is None:
        return ""
    if delta > 0:
        return format_html('<span class="size-change size-up" title="{}">+{}</span>', _("characters added"), delta)
    if delta < 0:
        return format_html('<span class="size-change size-down" title="{}">{}</span>', _("characters removed"), delta)
    return mark_safe('<span class="size-change">0</span>')


@register.simple_tag(takes_context=True)
def recent_change_actions(context, edit):
    request = context.get("request")
    parts = [fn(request, edit) for fn in hooks.get_hooks(RECENT_CHANGE_ACTIONS_HOOK)]
    return format_html_join("", "{}", ((part,) for part in parts if part))
