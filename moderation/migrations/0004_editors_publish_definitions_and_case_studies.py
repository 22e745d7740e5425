"""Editors publish definitions and case studies (open to anyone from the site) without a
workflow: "publish" on the existing definition and case study indexes (new ones get it from
moderation.signals). Market guides still go through the market guide review."""

from django.db import migrations


def forwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    publish, _ = Permission.objects.get_or_create(
        content_type=page_type, codename="publish_page", defaults={"name": "Can publish any page"}
    )
    for model in ("DefinitionIndexPage", "CaseStudyIndexPage"):
        for index in apps.get_model("wiki", model).objects.all():
            GroupPagePermission.objects.get_or_create(group=editors, page_id=index.pk, permission=publish)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_moderators_manage_workflows")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
