"""The directory's part of the site skeleton (`manage.py setup_site`): its index page in pl, uk, en
and the registration workflow. Idempotent."""

from home.translation import translated_child

from .models import DirectoryIndexPage
from .registration import ensure_registration_workflow

INDEX = {
    "pl": {"title": "Katalog organizacji",
           "introduction": "Organizacje członkowskie Forum „Razem”: kto, gdzie i w czym pomaga."},
    "uk": {"title": "Каталог організацій",
           "introduction": "Організації-учасниці Форуму «Разом»: хто, де і як допомагає."},
    "en": {"title": "Directory of organisations",
           "introduction": "Member organisations of Forum “Razem”: who helps where, and how."},
}


def build(home, log=None):
    """The directory index under `home` (created with its translations if missing), with the workflow."""
    index = translated_child(home, DirectoryIndexPage, "katalog", INDEX, show_in_menus=True)
    ensure_registration_workflow()
    if log:
        log("directory page in pl, uk, en and the registration workflow")
    return index
