"""export_data / import_data: the round trip (export, wipe, import, same content), idempotence, errors."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Locale, Page, Site

from home.models import FooterText, HomePage, HomePageHighlight, NewsPage, Sector, SiteSettings, StandardPage, Voivodeship
from home.models.taxonomy import VOCABULARIES


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
    return home


def group_content(home):
    """A working group (its space: permission groups and collection) with a meeting and an action item."""
    from groups.factories import GroupIndexPageFactory, MeetingIndexPageFactory, MeetingPageFactory, WorkingGroupPageFactory
    from groups.models import ActionItem

    group = WorkingGroupPageFactory(parent=GroupIndexPageFactory(parent=home), title="Grupa ds. mieszkalnictwa",
                                    slug="mieszkalnictwo")
    meeting = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=group), slug="spotkanie-1")
    meeting.action_items = [ActionItem(what="Zebrać wzory umów", who="Fundacja X")]
    meeting.save_revision().publish()


def library_content(home):
    """A resource with topics, taxonomy and a file in a members-only collection, and a curated collection."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, CollectionViewRestriction

    from library.factories import LibraryIndexPageFactory, ResourcePageFactory, document
    from library.models import ResourceCollection

    members = Collection.get_first_root_node().add_child(name="Dla członków")
    restriction = CollectionViewRestriction.objects.create(
        collection=members, restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.create(name="Członkowie grupy mieszkaniowej")])
    file = document("najem.pdf", title="Umowa najmu — wzór")
    file.collection = members
    file.save()
    library = LibraryIndexPageFactory(parent=home)
    resource = ResourcePageFactory(parent=library, title="Najem krok po kroku", slug="najem")
    resource.sectors.set(Sector.objects.filter(code__in=["housing", "legal-aid"]))
    resource.topics.add("mieszkanie", "najem")
    resource.attachments.create(document=file, title="Wzór umowy")
    resource.save_revision().publish()
    collection = ResourceCollection(title="Na dobry początek", slug="start", locale=home.locale)
    collection.items.create(resource=resource)
    collection.save()


def export(path, **options):
    call_command("export_data", str(path), verbosity=0, **options)
    return json.loads(path.read_text())


def run_import(path, **options):
    out = []

    class Out:
        def write(self, text):
            out.append(text)

        def flush(self):
            pass

    call_command("import_data", str(path), verbosity=0, stdout=Out(), **options)
    return "".join(out)


def wipe():
    """Delete everything the export holds that the database can live without."""
    for page in Page.objects.filter(depth=2):
        page.delete()  # with its subtree; the site goes with its root page
    FooterText.objects.all().delete()
    SiteSettings.objects.all().delete()
    for model in VOCABULARIES:
        model.objects.all().delete()
    from django.contrib.auth.models import Group
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from library.models import ResourceCollection, Topic

    from groups.models import GroupSpace

    spaces = list(GroupSpace.objects.all())
    GroupSpace.objects.all().delete()
    for space in spaces:
        space.coordinators.delete()
        space.members.delete()
    ResourceCollection.objects.all().delete()
    get_document_model().objects.all().delete()
    Topic.objects.all().delete()
    for collection in Collection.objects.filter(depth=2):
        collection.delete()
    Group.objects.filter(name="Członkowie grupy mieszkaniowej").delete()


@pytest.mark.django_db
def test_round_trip_restores_the_same_content(content, tmp_path, client):
    before = export(tmp_path / "before.json")
    kinds = {record["model"] for record in before["objects"]}
    assert {"home.homepage", "home.standardpage", "home.newspage", "home.newsindexpage", "wagtailcore.site",
            "home.footertext", "home.sitesettings", "home.sector", "home.voivodeship", "wagtailcore.locale",
            "library.resourcepage", "library.topic", "library.resourcecollection", "wagtaildocs.document",
            "wagtailcore.collection", "wagtailcore.collectionviewrestriction", "auth.group"} <= kinds

    wipe()
    assert Page.objects.count() == 1 and not Site.objects.exists() and not Sector.objects.exists()

    created, updated, unchanged = (int(part.split()[0]) for part in run_import(tmp_path / "before.json").split(","))
    # What migrations make (locales, permissions, the groups of the roles) was never wiped.
    assert updated == 0 and created + unchanged == len(before["objects"]) and created > 100
    after = export(tmp_path / "after.json")
    assert after["objects"] == before["objects"]

    home = HomePage.objects.get(locale__language_code="pl")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert [h.title for h in home.highlights.all()] == ["Dołącz do Forum <script>", "Kontakt"]
    assert home.highlights.first().link_page.specific.slug == "o-nas"
    assert home.get_translation(Locale.objects.get(language_code="uk")).title == "Forum Razem uk"
    assert not NewsPage.objects.get(slug="szkic").live
    assert Sector.objects.get(code="housing").position == 99
    assert SiteSettings.load().contact_email == "kontakt@forum-razem.pl"
    from library.models import ResourceCollection, ResourcePage

    resource = ResourcePage.objects.get(slug="najem")
    assert sorted(resource.topics.names()) == ["mieszkanie", "najem"]
    assert sorted(resource.sectors.values_list("code", flat=True)) == ["housing", "legal-aid"]
    attachment = resource.attachments.get()
    assert (attachment.title, attachment.document.title) == ("Wzór umowy", "Umowa najmu — wzór")
    # The file stays members-only: its collection and that collection's restriction came back.
    assert attachment.document.collection.name == "Dla członków"
    assert [g.name for g in attachment.document.collection.get_view_restrictions().get().groups.all()] == [
        "Członkowie grupy mieszkaniowej"]
    assert [item.resource.pk for item in ResourceCollection.objects.get(slug="start").items.all()] == [resource.pk]

    from wagtail.models import GroupCollectionPermission

    from groups.models import GroupSpace, MeetingPage, WorkingGroupPage

    group = WorkingGroupPage.objects.get(slug="mieszkalnictwo")
    space = GroupSpace.objects.get()  # the file's space, not a second one made when the page came back
    assert space.translation_key == group.translation_key and space.collection.name == "Grupa ds. mieszkalnictwa"
    assert GroupCollectionPermission.objects.filter(group=space.coordinators, collection=space.collection).exists()
    assert space.coordinators.permissions.filter(codename="access_admin").exists()
    assert [item.what for item in MeetingPage.objects.get(slug="spotkanie-1").action_items.all()] == [
        "Zebrać wzory umów"]
    # The restored site serves its pages, escaped.
    response = client.get("/pl/")
    assert response.status_code == 200
    assert "Dołącz do Forum &lt;script&gt;" in response.content.decode()
    assert client.get("/uk/").status_code == 200

    # A second import changes nothing, not even a page revision.
    revisions = {page.pk: page.latest_revision_id for page in Page.objects.all()}
    assert run_import(tmp_path / "before.json") == f"0 created, 0 updated, {len(before['objects'])} unchanged.\n"
    assert {page.pk: page.latest_revision_id for page in Page.objects.all()} == revisions


@pytest.mark.django_db
def test_import_updates_changed_objects_and_adopts_a_fresh_home_page(home_page, tmp_path):
    Sector.objects.filter(code="housing").update(position=99)
    export(tmp_path / "data.json")
    wipe()
    # A fresh installation: its migration made a placeholder home page in the same place.
    placeholder = HomePage(title="Welcome", slug="home", locale=home_page.locale)
    Page.get_first_root_node().add_child(instance=placeholder)
    Sector.objects.create(code="housing", position=1)

    summary = run_import(tmp_path / "data.json")
    assert " 2 updated" in summary  # the placeholder and the sector
    assert HomePage.objects.filter(locale=home_page.locale).get().pk == placeholder.pk
    placeholder.refresh_from_db()
    assert (placeholder.title, placeholder.translation_key) == (home_page.title, home_page.translation_key)
    assert Sector.objects.get(code="housing").position == 99


@pytest.mark.django_db
def test_dry_run_writes_nothing(home_page, tmp_path):
    export(tmp_path / "data.json")
    wipe()
    assert run_import(tmp_path / "data.json", dry_run=True).startswith("Dry run, nothing written:")
    assert Page.objects.count() == 1 and not Voivodeship.objects.exists()


@pytest.mark.django_db
def test_only_some_models(tmp_path):
    data = export(tmp_path / "taxonomy.json", models=["home.Sector", "home.Voivodeship"])
    assert {record["model"] for record in data["objects"]} == {"home.sector", "home.voivodeship"}
    with pytest.raises(CommandError, match="Unknown model in --models"):
        export(tmp_path / "x.json", models=["home.nothing"])


@pytest.mark.django_db
def test_a_broken_file_imports_nothing_and_says_why(home_page, tmp_path):
    data = export(tmp_path / "data.json")
    wipe()
    # Without the home page, the site refers to a page the file does not hold.
    data["objects"] = [record for record in data["objects"] if record["model"] != "home.homepage"]
    (tmp_path / "broken.json").write_text(json.dumps(data))
    with pytest.raises(CommandError, match=r"Nothing was imported: .*no wagtailcore.page with key"):
        run_import(tmp_path / "broken.json")
    assert not Voivodeship.objects.exists(), "the taxonomy imported before the error was rolled back"

    (tmp_path / "text.json").write_text("not json")
    with pytest.raises(CommandError, match="is not a JSON file"):
        run_import(tmp_path / "text.json")
    (tmp_path / "other.json").write_text(json.dumps({"objects": []}))
    with pytest.raises(CommandError, match="not a file written by export_data"):
        run_import(tmp_path / "other.json")
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(tmp_path / "missing.json")
    data["objects"] = [{"model": "home.sector", "key": ["x"], "fields": {"colour": "red"}}]
    (tmp_path / "field.json").write_text(json.dumps(data))
    with pytest.raises(CommandError, match="unknown field 'colour'"):
        run_import(tmp_path / "field.json")


def test_every_registered_model_has_a_natural_key():
    from django.apps import apps

    from home import backup

    for entry in backup.registered_entries():
        if entry.label == backup.PAGES:
            continue
        model = apps.get_model(entry.label)
        assert backup.key_fields(model, entry) is not None, entry.label
        # Its required references point at registered models, so that an import can rebuild them.
        assert backup.carried(model), entry.label
