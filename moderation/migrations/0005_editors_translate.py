"""Editors and Moderators may create the other language's version of a page they may edit: the
permission of wagtail.contrib.simple_translation (its "Translate" action in the admin). Which pages is
still the wiki's policy (moderation.admin_policy asks ``decide`` for CREATE) and Wagtail's page permissions."""

from django.db import migrations


def forwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="simple_translation", model="simpletranslation")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    for group in Group.objects.filter(name__in=("Editors", "Moderators")):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_editors_publish_definitions_and_case_studies"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
