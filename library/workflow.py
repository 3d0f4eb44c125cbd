"""The "Library review" workflow: editor review, then Secretariat approval, and its groups.

`ensure_review_workflow` runs after every migrate (idempotent); `attach_library` assigns
the workflow and the editors' page permissions to a library index page when it is created.
"""

from django.utils.translation import gettext_noop

from accounts.roles import SECRETARIAT

LIBRARY_EDITORS = "Library editors"
WORKFLOW_NAME = "Library review"
EDITOR_TASK = "Library editor review"
SECRETARIAT_TASK = "Secretariat approval"
gettext_noop("Library editors")

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMISSIONS = ["add_document", "change_document", "choose_document"]


def ensure_review_workflow(**kwargs):
    """Create (or complete) the Library editors group, the two review tasks and the workflow."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupApprovalTask, GroupCollectionPermission, Workflow, WorkflowTask

    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    # Our post_migrate runs before auth's (app order): make this app's permissions first.
    create_permissions(apps.get_app_config("library"), verbosity=0)
    editors, _ = Group.objects.get_or_create(name=LIBRARY_EDITORS)
    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT)
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))
    editors.permissions.add(*Permission.objects.filter(
        content_type__app_label="library",
        codename__in=["add_resourcecollection", "change_resourcecollection", "delete_resourcecollection",
                      "view_resourcecollection", "view_documenttext", "change_documenttext",
                      "view_resourcesubmission"]))
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for permission in Permission.objects.filter(content_type__app_label="wagtaildocs",
                                                    codename__in=EDITOR_COLLECTION_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(group=editors, collection=root_collection,
                                                            permission=permission)

    editor_task = GroupApprovalTask.objects.filter(name=EDITOR_TASK).first()
    if editor_task is None:
        editor_task = GroupApprovalTask.objects.create(name=EDITOR_TASK)
    editor_task.groups.add(editors)
    secretariat_task = GroupApprovalTask.objects.filter(name=SECRETARIAT_TASK).first()
    if secretariat_task is None:
        secretariat_task = GroupApprovalTask.objects.create(name=SECRETARIAT_TASK)
    secretariat_task.groups.add(secretariat)

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created or not workflow.workflow_tasks.exists():
        WorkflowTask.objects.create(workflow=workflow, task=editor_task, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=secretariat_task, sort_order=1)

    from .models import LibraryIndexPage

    for library in LibraryIndexPage.objects.all():
        attach_library(library, workflow=workflow, editors=editors)
    return workflow


def review_workflow():
    """The "Library review" workflow (created when missing)."""
    from wagtail.models import Workflow

    return Workflow.objects.filter(name=WORKFLOW_NAME).first() or ensure_review_workflow()


def attach_library(library, workflow=None, editors=None):
    """Let the library's resources go through the review workflow; give library editors their permissions."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, WorkflowPage

    workflow = workflow or review_workflow()
    editors = editors or Group.objects.get_or_create(name=LIBRARY_EDITORS)[0]
    WorkflowPage.objects.get_or_create(page_id=library.pk, defaults={"workflow": workflow})
    for permission in Permission.objects.filter(content_type__app_label="wagtailcore",
                                                codename__in=EDITOR_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=editors, page_id=library.pk, permission=permission)


def library_saved(sender, instance, created, **kwargs):
    """post_save of LibraryIndexPage: a new library gets the workflow and permissions."""
    if created and not kwargs.get("raw"):
        attach_library(instance)
