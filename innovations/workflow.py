"""The review of submitted innovations: one step, the Secretariat's approval (the task the registration
and library workflows share), then publication. Found by stable keys (accounts.keys)."""

from accounts.keys import ensure_keyed, keyed
from accounts.roles import grant, secretariat_approval_task, secretariat_group

WORKFLOW_KEY, WORKFLOW_NAME = "innovations-review", "Recenzja innowacji"
# Secretariat: change the catalogue's pages' recommendation, read interests and submissions.
SECRETARIAT_PERMISSIONS = [
    "view_innovationsubmission", "view_replicationinterest", "change_replicationinterest",
    "view_scalingrecommendation", "add_scalingrecommendation", "change_scalingrecommendation",
    "delete_scalingrecommendation",
]


def ensure_review_workflow(**kwargs):
    """post_migrate: the review workflow (Secretariat approval), attached to every catalogue; the
    Secretariat's permissions on this app's models (idempotent)."""
    from wagtail.models import Workflow, WorkflowTask

    grant(secretariat_group(), "innovations", SECRETARIAT_PERMISSIONS)
    workflow = ensure_keyed(Workflow, WORKFLOW_KEY, WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=secretariat_approval_task(), defaults={"sort_order": 0})
    from .models import InnovationIndexPage

    for catalogue in InnovationIndexPage.objects.all():
        attach_catalogue(catalogue, workflow)
    return workflow


def review_workflow():
    """The innovations review workflow (created when missing)."""
    from wagtail.models import Workflow

    return keyed(Workflow, WORKFLOW_KEY) or ensure_review_workflow()


def attach_catalogue(catalogue, workflow=None):
    """Let the innovations under `catalogue` go through the review workflow."""
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.get_or_create(page_id=catalogue.pk, defaults={"workflow": workflow or review_workflow()})


def catalogue_saved(sender, instance, created, **kwargs):
    """post_save of InnovationIndexPage: a new catalogue gets the workflow."""
    if created and not kwargs.get("raw"):
        attach_catalogue(instance)
