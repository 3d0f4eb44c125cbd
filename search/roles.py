"""What the Secretariat may do with search in the admin: keep the synonyms."""

from accounts.roles import grant, secretariat_group

SECRETARIAT_MODEL_PERMISSIONS = ["add_synonym", "change_synonym", "delete_synonym", "view_synonym"]


def ensure_secretariat_rights(**kwargs):
    """Let the Secretariat keep the search synonyms (post_migrate; idempotent)."""
    grant(secretariat_group(), "search", SECRETARIAT_MODEL_PERMISSIONS)
