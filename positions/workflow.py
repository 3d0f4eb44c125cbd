"""Publication of positions goes through the Secretariat: a position speaks for the whole Forum.

The workflow "Stanowisko Forum" has one task, the Secretariat's approval (shared with the
registration and library workflows). It is attached to the positions index (the Secretariat's
positions) and to each position drafted in a working group's space (the page's own workflow, so
the group's other pages are not affected). Coordinators draft and submit; only the Secretariat
publishes a position (wagtail_hooks removes the direct "Publish" of others).
"""

from accounts.keys import ensure_keyed, keyed
from accounts.roles import secretariat_approval_task

WORKFLOW_KEY, WORKFLOW_NAME = "positions-approval", "Stanowisko Forum"


def ensure_positions_workflow(**kwargs):
    """Create (or complete) the workflow and attach it where positions live (idempotent)."""
    from wagtail.models import Page, Workflow, WorkflowTask

    if Page.get_first_root_node() is None:
        return None
    workflow = ensure_keyed(Workflow, WORKFLOW_KEY, WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=secretariat_approval_task(),
                                       defaults={"sort_order": 0})
    from .models import PositionIndexPage, PositionPage

    index_paths = []
    for page in PositionIndexPage.objects.all():
        attach(page, workflow)
        index_paths.append(page.path)
    for page in PositionPage.objects.only("pk", "path"):
        if not page.path.startswith(tuple(index_paths)):
            attach(page, workflow)
    return workflow


def positions_workflow():
    """The positions' workflow (created when missing)."""
    from wagtail.models import Workflow

    return keyed(Workflow, WORKFLOW_KEY) or ensure_positions_workflow()


def attach(page, workflow=None):
    """Make `page` (and what lies below it) publish through the positions' workflow."""
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.get_or_create(page_id=page.pk, defaults={"workflow": workflow or positions_workflow()})
