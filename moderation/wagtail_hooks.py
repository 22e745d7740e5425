from django.middleware.csrf import get_token
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from wiki.models import WikiPage
from wiki.permissions import is_moderator
from wiki.policy import Action

from . import admin_policy, admin_urls, audit, dashboard
from .blocks import block_refusal


@hooks.register("register_log_actions")
def register_moderation_actions(actions):
    audit.register(actions)


@hooks.register("wiki_write_refusal")
def refuse_blocked_contributors(request, user):
    return block_refusal(request, user)


# --- The wiki's policy in the admin (moderation.admin_policy) ---

@hooks.register("before_edit_page")
def policy_before_edit(request, page):
    return admin_policy.check(request, Action.EDIT, page)


@hooks.register("before_create_page")
def policy_before_create(request, parent_page, page_class):
    return admin_policy.check(request, Action.CREATE, parent_page)


@hooks.register("before_copy_page")
def policy_before_copy(request, page):
    return admin_policy.check(request, Action.CREATE, page)


@hooks.register("before_publish_page")
def policy_before_publish(request, page):
    return admin_policy.check(request, Action.PUBLISH, page)


@hooks.register("before_unpublish_page")
def policy_before_unpublish(request, page):
    return admin_policy.check(request, Action.UNPUBLISH, page)


@hooks.register("before_move_page")
def policy_before_move(request, page, destination):
    return admin_policy.check(request, Action.MOVE, page)


hooks.register("before_delete_page", admin_policy.before_delete_page)
hooks.register("before_bulk_action", admin_policy.before_bulk_action)


hooks.register("construct_homepage_panels", dashboard.add_held_edits_panel)


@hooks.register("register_admin_urls")
def moderation_admin_urls():
    return [path("moderation/", include(admin_urls, namespace="moderation_admin"))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


patrol_menu = Menu(
    items=[
        ModeratorMenuItem(_("Edits to patrol"), "/admin/moderation/patrol/", name="patrol-edits",
                          icon_name="view", order=100),
        ModeratorMenuItem(_("Blocks"), "/admin/moderation/blocks/", name="patrol-blocks", icon_name="lock",
                          order=200),
        ModeratorMenuItem(_("Protected pages"), "/admin/moderation/protections/", name="patrol-protections",
                          icon_name="lock", order=300),
    ]
)


@hooks.register("register_admin_menu_item")
def register_patrol_menu():
    return SubmenuMenuItem(_("Patrol"), patrol_menu, name="patrol", icon_name="view", order=250)


class ProtectionMenuItem(PageMenuItem):
    icon_name = "lock"

    def is_shown(self, user):
        return is_moderator(user) and issubclass(self.page.specific_class or object, WikiPage)

    @property
    def url(self):
        return reverse("moderation_admin:protect", args=[self.page.pk])


@hooks.register("register_page_header_buttons")
def protection_header_button(page, user, view_name, next_url=None):
    yield ProtectionMenuItem(label=_("Protect or unprotect"), page=page, priority=62)


@hooks.register("register_page_listing_more_buttons")
def protection_listing_button(page, user, next_url=None):
    yield ProtectionMenuItem(label=_("Protect or unprotect"), page=page, priority=45)


@hooks.register("history_recent_change_actions")
def patrol_button_in_recent_changes(request, edit):
    """Recent changes (history app): moderators mark an unpatrolled edit patrolled from its row."""
    if request is None or edit.patrolled or not is_moderator(request.user):
        return None
    return format_html(
        '<form method="post" action="{}" class="inline-form">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}">'
        '<button type="submit" class="button-small">{}</button></form>',
        reverse("moderation_admin:mark_patrolled", args=[edit.pk]),
        get_token(request),
        request.get_full_path(),
        _("Mark patrolled"),
    )
