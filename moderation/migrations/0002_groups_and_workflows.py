"""Editors and Moderators, the market guide review workflow, and no default workflow on the root.

Wagtail's own migrations create the "Editors" and "Moderators" groups and a "Moderators
approval" workflow attached to the root page (so it would catch every page). Here:

- Editors: admin access; add and change (edit, submit for moderation) every page, on the tree
  root so both language trees and every page type, market guides included. No publishing.
- Moderators: admin access; add, change, publish, lock and unlock every page. They also
  patrol, roll back, protect and block (checked by group in wiki.permissions / moderation).
- "Market guide review": one Moderators approval task, attached to each market guide index
  (new indexes get it from moderation.signals).
- The default workflow is detached from the root (it stays, inactive on nothing, for an
  editor to attach where they want it).
"""

from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW = "Market guide review"
TASK = "Moderator approval"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def forwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    ContentType = apps.get_model("contenttypes.ContentType")
    MarketGuideIndexPage = apps.get_model("wiki", "MarketGuideIndexPage")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    editors.permissions.add(access_admin)
    moderators.permissions.add(access_admin)

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        for group, codenames in ((editors, EDITOR_PAGE_PERMISSIONS), (moderators, MODERATOR_PAGE_PERMISSIONS)):
            # Editors must not publish: drop anything beyond their list.
            GroupPagePermission.objects.filter(group=group, page=root).exclude(
                permission__codename__in=codenames
            ).delete()
            for codename in codenames:
                permission = _permission(apps, "wagtailcore", "page", codename, codename.replace("_", " "))
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
        # Wagtail's default workflow must not catch definitions and case studies.
        WorkflowPage.objects.filter(page=root).delete()

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([moderators])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for index in MarketGuideIndexPage.objects.all():
        if not WorkflowPage.objects.filter(page_id=index.pk).exists():
            WorkflowPage.objects.create(workflow=workflow, page_id=index.pk)


def backwards(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore.Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow.objects.filter(name=WORKFLOW).delete()
    GroupApprovalTask.objects.filter(name=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wiki", "0003_market_guide_key_fact_lines"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
