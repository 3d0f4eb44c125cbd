"""Backups with the standard tools: scripts/backup.sh and scripts/restore.sh, for real.

pg_dump and pg_restore run against this test run's PostgreSQL database (the content is
committed: a transactional test), tar against its media folder. The round trip: back up,
damage (pages deleted, a file removed, an account added), restore, and every row of every
table and every media file is as it was, including what a content export never held
(accounts, memberships, revisions) and the ids that rich-text links point to.
"""

import hashlib
import io
import json
import os
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory
from directory.models import DirectoryIndexPage
from groups.factories import GroupIndexPageFactory, MeetingIndexPageFactory, MeetingPageFactory, WorkingGroupPageFactory
from groups.models import ActionItem, GroupIndexPage
from home.factories import UserFactory
from home.models import HomePage, HomePageHighlight, NewsPage, Sector, SiteSettings, StandardPage
from library.factories import LibraryIndexPageFactory, ResourcePageFactory, document
from library.models import LibraryIndexPage, ResourceCollection

ROOT = Path(__file__).resolve().parents[2]
# pg_dump sees committed rows only: the content is written outside a test transaction.
committed = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content(home_pages):
    """The demo frame in pl/uk/en, plus a highlight, settings and an unpublished draft."""
    call_command("load_demo_data", "--only", "home", stdout=open("/dev/null", "w"))
    home = HomePage.objects.get(pk=home_pages["pl"].pk)  # fresh: the demo loader added children
    about = StandardPage.objects.get(slug="o-nas", locale=home.locale)
    home.highlights = [HomePageHighlight(title="Dołącz do Forum <script>", text="‮RTL", link_page=about),
                       HomePageHighlight(title="Kontakt", link_url="mailto:kontakt@forum-razem.pl")]
    home.save_revision().publish()
    settings = SiteSettings.load()
    settings.contact_email = "kontakt@forum-razem.pl"
    settings.save()
    news_index = about.get_parent().get_children().get(slug="aktualnosci").specific
    draft = NewsPage(title="Szkic: ogłoszenie", slug="szkic", live=False, introduction="Jeszcze nie.")
    news_index.add_child(instance=draft)
    draft.save_revision()
    Sector.objects.filter(code="housing").update(position=99)
    library_content(home)
    group_content(home)
    member_content(home)
    return home


def group_content(home):
    """A working group (its space: permission groups and collection) with a meeting and an action item."""
    # setup_site (run by load_demo_data) may already have made the groups' index.
    index = home.get_children().type(GroupIndexPage).specific().first() or GroupIndexPageFactory(parent=home)
    group = WorkingGroupPageFactory(parent=index, title="Grupa ds. mieszkalnictwa",
                                    slug="mieszkalnictwo")
    meeting = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=group), slug="spotkanie-1")
    meeting.action_items = [ActionItem(what="Zebrać wzory umów", who="Fundacja X")]
    meeting.save_revision().publish()


def library_content(home):
    """A resource with topics, taxonomy and a file in a members-only collection, and a curated collection."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, CollectionViewRestriction

    members = Collection.get_first_root_node().add_child(name="Dla członków")
    restriction = CollectionViewRestriction.objects.create(
        collection=members, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.create(name="Członkowie grupy mieszkaniowej")])
    file = document("najem.pdf", title="Umowa najmu — wzór")
    file.collection = members
    file.save()

    # setup_site (run by load_demo_data) may already have made the library's index.
    library = home.get_children().type(LibraryIndexPage).specific().first() or LibraryIndexPageFactory(parent=home)
    resource = ResourcePageFactory(parent=library, title="Najem krok po kroku", slug="najem")
    resource.sectors.set(Sector.objects.filter(code__in=["housing", "legal-aid"]))
    resource.topics.add("mieszkanie", "najem")
    resource.attachments.create(document=file, title="Wzór umowy")
    resource.save_revision().publish()
    collection = ResourceCollection(title="Na dobry początek", slug="start", locale=home.locale)
    collection.items.create(resource=resource)
    collection.save()


def member_content(home):
    """A person, their membership of a registered organisation: what a content export left out."""
    # setup_site (run by load_demo_data) may already have made the directory's index.
    index = home.get_children().type(DirectoryIndexPage).specific().first() or DirectoryIndexPageFactory(parent=home)
    organisation = OrganisationPageFactory(parent=index, title="Fundacja Ocalenie",
                                           slug="fundacja-ocalenie")
    MembershipFactory(user=UserFactory(email="olena@example.org"), organisation=organisation)


def run(script, backup_dir, settings):
    """Run scripts/<script> as an operator would, against this test's database and media folder."""
    params = connection.settings_dict
    database_url = (f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST'] or '127.0.0.1'}:"
                    f"{params['PORT'] or 5432}/{params['NAME']}")
    env = {key: value for key, value in os.environ.items() if key != "AWS_STORAGE_BUCKET_NAME"}
    env.update(DATABASE_URL=database_url, MEDIA_ROOT=str(settings.MEDIA_ROOT))
    connection.close()  # pg_restore drops and recreates the tables this connection may have cached plans for
    return subprocess.run([str(ROOT / "scripts" / script), str(backup_dir)], env=env, capture_output=True,
                          text=True, timeout=300)


def every_row():
    """Every row of every table, by primary key (dumpdata of all apps); a many-to-many list is sorted:
    its order is the query plan's (an index before the restore, the table's order after), not data."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    rows = json.loads(out.getvalue())
    for row in rows:
        for field in apps.get_model(row["model"])._meta.many_to_many:
            if isinstance(row["fields"].get(field.name), list):
                row["fields"][field.name] = sorted(row["fields"][field.name], key=json.dumps)
    return json.dumps(rows, sort_keys=True)


def media_files(root):
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in Path(root).rglob("*") if path.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def damage(media):
    """What a bad deploy or a wrong click does: pages and a file gone, a stray account, a changed term."""
    for page in Page.objects.filter(depth=3):
        page.delete()
    next(path for path in Path(media).rglob("*.pdf")).unlink()
    (Path(media) / "stray.txt").write_text("not in the backup")
    UserFactory(email="intruz@example.org")
    Sector.objects.filter(code="housing").update(position=1)


@committed
def test_round_trip_restores_every_row_and_every_file(media, content, tmp_path, settings):
    rows, files = every_row(), media_files(media)
    assert any(name.endswith(".pdf") for name in files)
    assert '"model": "directory.membership"' in rows and '"model": "accounts.user"' in rows

    backup = run("backup.sh", tmp_path / "backup", settings)
    assert backup.returncode == 0, backup.stderr
    assert {path.name for path in (tmp_path / "backup").iterdir()} == {"database.dump", "media.tar.gz"}

    damage(media)
    assert every_row() != rows and media_files(media) != files

    restore = run("restore.sh", tmp_path / "backup", settings)
    assert restore.returncode == 0, restore.stderr
    assert every_row() == rows
    assert media_files(media) == files

    home = HomePage.objects.get(locale__language_code="pl")
    assert home.highlights.first().link_page.specific.slug == "o-nas"  # links keep their page ids
    assert not NewsPage.objects.get(slug="szkic").live
    assert SiteSettings.load().contact_email == "kontakt@forum-razem.pl"


@committed
def test_a_broken_dump_restores_nothing(media, content, tmp_path, settings):
    assert run("backup.sh", tmp_path / "backup", settings).returncode == 0
    dump = tmp_path / "backup" / "database.dump"
    dump.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])  # cut off mid-way, as by a full disk
    Sector.objects.filter(code="housing").update(position=7)
    rows, files = every_row(), media_files(media)

    restore = run("restore.sh", tmp_path / "backup", settings)
    assert restore.returncode != 0
    assert every_row() == rows  # one transaction: nothing was dropped
    assert media_files(media) == files  # the media are restored only after the database


def test_backup_needs_a_database_url(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    result = subprocess.run([str(ROOT / "scripts" / "backup.sh"), str(tmp_path)], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0 and "DATABASE_URL must name the PostgreSQL database" in result.stderr
