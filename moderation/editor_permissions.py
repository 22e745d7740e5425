"""Editors publish definitions and case studies themselves (anyone may change those from the site);
market guides (and other pages) they submit for moderation. So Editors get "publish" on the
definition and case study index pages of each language tree."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from wiki.permissions import EDITORS_GROUP


def grant_editors_publish(index_page) -> None:
    editors = Group.objects.filter(name=EDITORS_GROUP).first()
    if editors is None:
        return
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.get_or_create(group=editors, page_id=index_page.pk, permission=publish)
