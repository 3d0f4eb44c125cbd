"""The innovations catalogue: the index page, innovation records, their submissions, interests and
the Secretariat's recommendations for scaling."""

from .interests import ReplicationInterest, ScalingRecommendation
from .pages import COST_BANDS, EVALUATIONS, STAGES, InnovationAttachment, InnovationIndexPage, InnovationPage
from .submissions import InnovationSubmission

__all__ = [
    "COST_BANDS", "EVALUATIONS", "STAGES", "InnovationAttachment", "InnovationIndexPage", "InnovationPage",
    "InnovationSubmission", "ReplicationInterest", "ScalingRecommendation",
]
