"""Moderators may manage workflows and their tasks in the admin (Settings → Workflows): that is
where a workflow is turned on for definitions or case studies, which none covers by default."""

from django.db import migrations

CODENAMES = [
    ("workflow", "add_workflow", "Can add workflow"),
    ("workflow", "change_workflow", "Can change workflow"),
    ("task", "add_task", "Can add task"),
    ("task", "change_task", "Can change task"),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None:
        return
    for model, codename, name in CODENAMES:
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        moderators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_groups_and_workflows")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
