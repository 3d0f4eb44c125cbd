"""Discussions are found only by those who may read them; shown member updates by everyone."""

import pytest
from django.contrib.auth.models import AnonymousUser

from community import discussions
from community import updates as service
from community.models import OrganisationUpdate, Thread
from search import indexing
from search.audience import reader_tokens
from search.tests.conftest import engine, es, no_es  # noqa: F401 — fixtures
from search.tests.helpers import titles

pytestmark = pytest.mark.django_db


def test_threads_and_updates_in_search(engine, thread, group, coordinator, member, outsider, organisation,
                                       member_factory, django_capture_on_commit_callbacks):
    open_thread = discussions.start_thread(coordinator, group, "Otwarta rozmowa o mieszkaniach",
                                           "Szukamy mieszkań dla rodzin z Charkowa",
                                           visibility=Thread.Visibility.REGISTERED)
    discussions.reply(member, thread, "Kursy wieczorowe w Lublinie")
    author = member_factory()
    update = service.post_update(author, organisation, OrganisationUpdate.Kind.CHALLENGE,
                                 "Brakuje tłumaczy przysięgłych w Lublinie", "pl")
    indexing.rebuild()

    anonymous, stranger, insider = (reader_tokens(AnonymousUser()), reader_tokens(outsider), reader_tokens(member))
    # The update's type is a label beside the hit (in the reader's language), not part of its title.
    assert titles("Lublinie", audience=anonymous) == [organisation.title]
    assert titles("kursy wieczorowe", audience=stranger) == []  # members-only thread, its reply included
    assert titles("kursy wieczorowe", audience=insider) == [thread.title]
    assert titles("mieszkań", audience=anonymous) == []  # open to registered members: login needed
    assert titles("mieszkań", audience=stranger) == [open_thread.title]

    # Hiding the update and restricting the open thread take them out at once.
    with django_capture_on_commit_callbacks(execute=True):
        hidden = OrganisationUpdate.objects.get(pk=update.pk)
        hidden.hidden = True
        hidden.save()
        discussions.set_flags(coordinator, open_thread, visibility=Thread.Visibility.MEMBERS)
    assert titles("tłumaczy", audience=anonymous) == []
    assert titles("mieszkań", audience=stranger) == []
    assert titles("mieszkań", audience=insider) == [open_thread.title]
