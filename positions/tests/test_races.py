"""Two signatures for one organisation at the same moment: the unique constraint keeps one, the other
request is refused cleanly (two threads, two database connections)."""

import threading

import pytest
from django.db import connection

from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory
from directory.models import Membership
from positions.actions import Refused, sign
from positions.factories import PositionIndexPageFactory, PositionPageFactory, open_for_signature
from positions.models import Signature


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_signatures_leave_one(tx_home_page, user_factory):
    organisation = OrganisationPageFactory(parent=DirectoryIndexPageFactory(parent=tx_home_page), slug="org")
    managers = [user_factory(email=f"manager{i}@example.org") for i in range(2)]
    for manager in managers:
        MembershipFactory(organisation=organisation, user=manager, role=Membership.MANAGER)
    position = open_for_signature(PositionPageFactory(parent=PositionIndexPageFactory(parent=tx_home_page)))
    barrier, outcomes = threading.Barrier(2), []

    def attempt(manager):
        try:
            barrier.wait()
            sign(manager, position, organisation.pk)
            outcomes.append("signed")
        except Refused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(manager,)) for manager in managers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "signed"]
    assert Signature.objects.filter(organisation=organisation).count() == 1
