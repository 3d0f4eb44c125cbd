"""The library review workflow: editor review, then Secretariat approval, and its groups.

`ensure_review_workflow` runs after every migrate (idempotent); `attach_library` assigns
the workflow and the editors' page permissions to a library index page when it is created.
The group, workflow and tasks carry Polish display names and are found by stable keys
(accounts.keys). The editor step is assigned to the library editors AND the Secretariat, so a
proposal never waits on an empty group.
"""

from accounts.keys import ensure_keyed, keyed
from accounts.roles import secretariat_approval_task, secretariat_group

LIBRARY_EDITORS_KEY, LIBRARY_EDITORS = "library-editors", "Redakcja biblioteki"
WORKFLOW_KEY, WORKFLOW_NAME = "library-review", "Recenzja zasobów biblioteki"
EDITOR_TASK_KEY, EDITOR_TASK = "library-editor-review", "Recenzja redakcji biblioteki"
LEGACY_NAMES = {
    LIBRARY_EDITORS_KEY: ["Library editors"], WORKFLOW_KEY: ["Library review"], EDITOR_TASK_KEY: ["Library editor review"],
}

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMISSIONS = ["add_document", "change_document", "choose_document"]


def ensure_review_workflow(**kwargs):
    """Create (or complete) the library editors group, the two review tasks and the workflow."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupApprovalTask, GroupCollectionPermission, Workflow, WorkflowTask

    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    # Our post_migrate runs before auth's (app order): make this app's permissions first.
    create_permissions(apps.get_app_config("library"), verbosity=0)
    editors = library_editors()
    secretariat = secretariat_group()
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

    editor_task = ensure_keyed(GroupApprovalTask, EDITOR_TASK_KEY, EDITOR_TASK, legacy_names=LEGACY_NAMES[EDITOR_TASK_KEY])
    editor_task.groups.add(editors, secretariat)
    secretariat_task = secretariat_approval_task()

    workflow = ensure_keyed(Workflow, WORKFLOW_KEY, WORKFLOW_NAME, legacy_names=LEGACY_NAMES[WORKFLOW_KEY])
    if not workflow.workflow_tasks.exists():
        WorkflowTask.objects.create(workflow=workflow, task=editor_task, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=secretariat_task, sort_order=1)

    from .models import LibraryIndexPage

    for library in LibraryIndexPage.objects.all():
        attach_library(library, workflow=workflow, editors=editors)
    return workflow


def review_workflow():
    """The library review workflow (created when missing)."""
    from wagtail.models import Workflow

    return keyed(Workflow, WORKFLOW_KEY) or ensure_review_workflow()


def library_editors():
    """The library editors' permission group (created when missing, found by its key)."""
    from django.contrib.auth.models import Group

    return ensure_keyed(Group, LIBRARY_EDITORS_KEY, LIBRARY_EDITORS, legacy_names=LEGACY_NAMES[LIBRARY_EDITORS_KEY])


def attach_library(library, workflow=None, editors=None):
    """Let the library's resources go through the review workflow; give library editors their permissions."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission, WorkflowPage

    workflow = workflow or review_workflow()
    editors = editors or library_editors()
    WorkflowPage.objects.get_or_create(page_id=library.pk, defaults={"workflow": workflow})
    for permission in Permission.objects.filter(content_type__app_label="wagtailcore",
                                                codename__in=EDITOR_PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=editors, page_id=library.pk, permission=permission)


def library_saved(sender, instance, created, **kwargs):
    """post_save of LibraryIndexPage: a new library gets the workflow and permissions."""
    if created and not kwargs.get("raw"):
        attach_library(instance)
