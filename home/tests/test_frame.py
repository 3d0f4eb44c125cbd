"""The page frame and the home page: bounded SQL, cached parts that never go stale or leak.

Cached frame parts (menu, language links, footer, home sections) are dropped on every
publication, so what an editor publishes shows on the very next request; sections that
depend on who reads them are cached for anonymous visitors only.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from groups.factories import MeetingIndexPageFactory, MeetingPageFactory
from home import versions
from home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory, UserFactory
from home.models import FooterText, NewsPage, StandardPage
from home.translation import ensure_translation
from library.factories import LibraryIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

# The developers' guide's bar for every listing and detail page.
PAGE_QUERY_BAR = 25


def queries(client, url, **kwargs):
    """(response, number of SQL queries) of one GET."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response, len(captured.captured_queries)


@pytest.fixture
def site_tree(home_pages):
    """A frame like the real one: menu pages, news, a library, meetings, in pl/uk/en."""
    home = home_pages["pl"]
    pages = {"about": StandardPageFactory(parent=home, slug="o-nas", title="O nas", show_in_menus=True)}
    pages["news_index"] = NewsIndexPageFactory(parent=home, slug="aktualnosci", show_in_menus=True)
    pages["news"] = [NewsPageFactory(parent=pages["news_index"], slug=f"n{n}", title=f"Wiadomość {n}")
                     for n in range(4)]
    pages["library"] = LibraryIndexPageFactory(parent=home, slug="biblioteka", title="Biblioteka",
                                               show_in_menus=True)
    pages["resources"] = [ResourcePageFactory(parent=pages["library"], slug=f"r{n}", title=f"Zasób {n}")
                          for n in range(3)]
    pages["meetings"] = MeetingIndexPageFactory(parent=home, show_in_menus=True)
    pages["meeting"] = MeetingPageFactory(parent=pages["meetings"], slug="walne", title="Walne zebranie")
    for code in ("uk", "en"):
        ensure_translation(pages["about"], code, title=f"About [{code}]")
        ensure_translation(pages["news_index"], code, title=f"News [{code}]")
    FooterText.objects.create(locale=home.locale, body="<p>Stopka Forum Razem</p>")
    return pages


def more_news(index, count):
    for n in range(count):
        NewsPageFactory(parent=index, slug=f"extra-{n}", title=f"Dodatkowa wiadomość {n}")


@pytest.mark.parametrize("frame_cache", [False, True])
def test_frame_pages_stay_within_the_query_bar_whatever_the_amount_of_news(client, settings, site_tree,
                                                                            frame_cache):
    settings.FRAME_CACHE = frame_cache
    urls = ["/pl/", site_tree["news_index"].url, site_tree["news"][0].url]
    client.get("/pl/")  # the process's first request (content types, site root paths)
    before = {url: queries(client, url)[1] for url in urls}
    more_news(site_tree["news_index"], 15)
    client.get("/pl/")  # the publication dropped the cached parts: refill them once
    for url in urls:
        _response, count = queries(client, url)
        assert count <= PAGE_QUERY_BAR, (url, count)
        assert count == before[url], (url, before[url], count)


def test_cached_frame_costs_fewer_queries_than_uncached(client, settings, site_tree):
    url = site_tree["news"][0].url
    settings.FRAME_CACHE = False
    client.get(url)
    _response, uncached = queries(client, url)
    settings.FRAME_CACHE = True
    client.get(url)
    _response, cached = queries(client, url)
    assert cached < uncached


def test_a_publication_shows_on_the_next_request(client, site_tree, home_pages):
    html = client.get("/pl/").content.decode()
    assert "Walne zebranie" in html and "O nas" in html
    # A new menu page, published through Wagtail's revisions, appears at once in the menu.
    contact = StandardPage(title="Kontakt z Forum", slug="kontakt", show_in_menus=True, live=False)
    home_pages["pl"].add_child(instance=contact)
    assert "Kontakt z Forum" not in client.get("/pl/").content.decode()
    contact.save_revision().publish()
    assert "Kontakt z Forum" in client.get("/pl/").content.decode()
    assert "Kontakt z Forum" in client.get(site_tree["news_index"].url).content.decode()
    # A news item published now tops the home page's news.
    item = NewsPage(title="Najnowsza wiadomość", slug="najnowsza", live=False)
    site_tree["news_index"].add_child(instance=item)
    item.save_revision().publish()
    assert "Najnowsza wiadomość" in client.get("/pl/").content.decode()
    # Unpublishing removes it as fast.
    contact.refresh_from_db()
    contact.unpublish()
    item.refresh_from_db()
    item.unpublish()
    html = client.get("/pl/").content.decode()
    assert "Kontakt z Forum" not in html and "Najnowsza wiadomość" not in html


def test_renamed_moved_and_translated_pages_update_menu_and_language_links(client, site_tree, home_pages):
    about = site_tree["about"]
    client.get(about.url)
    about.title = "O Forum"
    about.save_revision().publish()
    assert ">O Forum</a>" in client.get("/pl/").content.decode()
    news = site_tree["news"][1]
    html = client.get(news.url).content.decode()
    assert 'hreflang="uk" href=' not in html  # no Ukrainian translation yet
    translated = ensure_translation(news, "uk", title="Новина")
    html = client.get(news.url).content.decode()
    assert f'hreflang="uk" href="http://testserver{translated.url}"' in html
    # Moving a page out of the menu's level takes it out of the menu.
    site_tree["news_index"].move(site_tree["about"], pos="last-child")
    assert ">Aktualności</a>" not in client.get("/pl/").content.decode()


def test_footer_and_settings_saves_show_at_once(client, site_tree):
    assert "Stopka Forum Razem" in client.get("/pl/").content.decode()
    footer = FooterText.objects.get()
    footer.body = "<p>Nowa stopka</p>"
    footer.save()
    html = client.get(site_tree["news_index"].url).content.decode()
    assert "Nowa stopka" in html and "Stopka Forum Razem" not in html


def test_members_only_items_never_reach_anonymous_visitors_through_the_cache(client, site_tree):
    members_only = site_tree["meeting"]
    PageViewRestriction.objects.create(page=members_only, restriction_type=PageViewRestriction.LOGIN)
    member = UserFactory()
    client.force_login(member)
    assert "Walne zebranie" in client.get("/pl/").content.decode()  # the member sees it
    client.logout()
    for _ in range(2):  # filled by the anonymous request, then read from the cache
        assert "Walne zebranie" not in client.get("/pl/").content.decode()
    client.force_login(member)
    assert "Walne zebranie" in client.get("/pl/").content.decode()
    # A restricted menu page disappears from everyone's menu as soon as it is restricted.
    client.logout()
    assert ">O nas</a>" in client.get("/pl/").content.decode()
    PageViewRestriction.objects.create(page=site_tree["about"], restriction_type=PageViewRestriction.LOGIN)
    assert ">O nas</a>" not in client.get("/pl/").content.decode()


def test_frame_parts_follow_the_language(client, site_tree, home_pages):
    pl = client.get("/pl/").content.decode()
    en = client.get(home_pages["en"].url).content.decode()
    assert "About [en]" in en and "About [en]" not in pl
    assert '<a class="brand" href="/en/">' in en and '<a class="brand" href="/pl/">' in pl


def test_locale_lookups_are_memoised_within_a_request(client, site_tree):
    with CaptureQueriesContext(connection) as captured:
        client.get(site_tree["news"][0].url)
    locale_queries = [q for q in captured.captured_queries if 'FROM "wagtailcore_locale"' in q["sql"]]
    assert len(locale_queries) <= 1


def test_sections_the_same_for_everyone_are_cached_for_members_too(client, site_tree):
    member = UserFactory()
    client.force_login(member)
    client.get("/pl/")
    _response, first = queries(client, "/pl/")
    # The library's section (SAME_FOR_EVERYONE) comes from the cache; a new resource shows at once.

    ResourcePageFactory(parent=site_tree["library"], slug="nowy", title="Nowy zasób w bibliotece")
    response, _count = queries(client, "/pl/")
    assert "Nowy zasób w bibliotece" in response.content.decode()
    _response, again = queries(client, "/pl/")
    assert again == first <= PAGE_QUERY_BAR


def test_a_members_only_library_lists_nothing_on_the_home_page(client, site_tree):
    assert "Zasób 0" in client.get("/pl/").content.decode()
    PageViewRestriction.objects.create(page=site_tree["library"], restriction_type=PageViewRestriction.LOGIN)
    assert "Zasób 0" not in client.get("/pl/").content.decode()


def test_restricted_news_and_their_subtrees_stay_off_the_home_page(client, site_tree):
    html = client.get("/pl/").content.decode()
    assert "Wiadomość 3" in html
    PageViewRestriction.objects.create(page=site_tree["news"][3], restriction_type=PageViewRestriction.LOGIN)
    assert "Wiadomość 3" not in client.get("/pl/").content.decode()
    # A restriction on the news index hides every item below it.
    PageViewRestriction.objects.create(page=site_tree["news_index"], restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/pl/").content.decode()
    assert not any(f"Wiadomość {n}" in html for n in range(4))


def test_a_cached_frame_costs_no_site_query_and_one_version_read(client, settings, site_tree, monkeypatch):
    """The menu, home URL and footer of a view that Wagtail does not serve (the search form) come from
    the cache under the request's host and ONE read of the frame version, with no Site lookup."""
    settings.FRAME_CACHE = True
    client.get("/pl/search/")  # fills the cache
    reads = []
    current = versions.current
    monkeypatch.setattr(versions, "current", lambda *names: reads.append(names) or current(*names))
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/pl/search/").content.decode()
    assert "O nas" in html and "Stopka Forum Razem" in html  # the frame is there
    assert not [q for q in captured.captured_queries if "wagtailcore_site" in q["sql"]]
    # One round trip for the request's versions: the frame's with any other this process reads (synonyms…).
    assert len(reads) == 1 and "frame" in reads[0]


def test_the_process_keeps_frame_values_and_reads_the_shared_cache_only_for_the_version(client, settings, site_tree,
                                                                                       monkeypatch):
    settings.FRAME_CACHE = True
    client.get("/pl/search/")  # fills the shared cache and this process's copies
    reads = []
    get, get_many = cache.get, cache.get_many
    monkeypatch.setattr(cache, "get", lambda key, *args, **kwargs: reads.append(key) or get(key, *args, **kwargs))
    monkeypatch.setattr(cache, "get_many", lambda keys, *args, **kwargs: reads.extend(keys) or get_many(keys, *args,
                                                                                                           **kwargs))
    assert "Stopka Forum Razem" in client.get("/pl/search/").content.decode()
    assert reads and all(key.startswith("version:") for key in reads)
    # A new version (a footer saved) makes new keys: the process's copies are not used any more.
    footer = FooterText.objects.get()
    footer.body = "<p>Nowa stopka</p>"
    footer.save()
    assert "Nowa stopka" in client.get("/pl/search/").content.decode()


def test_the_readers_groups_are_each_readers_own_with_the_statement_compiled_once(home_pages):
    """`frame.user_groups` runs one statement, compiled once per process, with each reader's id:
    two readers asked in turn get their own groups, page permissions, admin access and role keys."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from accounts.roles import SECRETARIAT_KEY, secretariat_group
    from home import frame

    editors = Group.objects.create(name="Redakcja testu")
    editors.permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    GroupPagePermission.objects.create(group=editors, page=home_pages["pl"], permission_type="change")
    editor, secretary, reader = UserFactory(), UserFactory(), UserFactory()
    editor.groups.add(editors)
    secretary.groups.add(secretariat_group())
    frame._statements.clear()

    mine = frame.user_groups(editor)
    with CaptureQueriesContext(connection) as captured:
        theirs = frame.user_groups(secretary)
        nobody = frame.user_groups(reader)
    assert len(captured.captured_queries) == 2  # one each, nothing compiled or looked up again
    assert (mine.ids, mine.editable_paths, mine.admin_access, mine.keys) == (
        {editors.pk}, (home_pages["pl"].path,), True, frozenset())
    assert (theirs.ids, theirs.keys) == ({secretariat_group().pk}, {SECRETARIAT_KEY})
    assert (nobody.ids, nobody.editable_paths, nobody.admin_access, nobody.keys) == (set(), (), False, frozenset())


def test_the_compiled_statement_still_finds_role_keys_after_content_types_are_made_anew():
    """Content types made anew (a flushed test database, a restored dump) get new ids: the statement
    kept by the process names Group by app label and model, so the Secretariat is still recognised."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Max

    from accounts.roles import SECRETARIAT_KEY, secretariat_group
    from home import frame

    secretary = UserFactory()
    secretary.groups.add(secretariat_group())
    frame._statements.clear()
    assert frame.user_groups(secretary).keys == {SECRETARIAT_KEY}  # compiled here, with today's ids

    old = ContentType.objects.get(app_label="auth", model="group").pk
    new = ContentType.objects.aggregate(top=Max("pk"))["top"] + 100
    ContentType.objects.filter(pk=old).update(id=new)
    for relation in ContentType._meta.get_fields(include_hidden=True):  # permissions, keys, log entries…
        if relation.one_to_many:
            relation.related_model._base_manager.filter(**{relation.field.attname: old}).update(
                **{relation.field.attname: new})
    ContentType.objects.clear_cache()

    secretary = type(secretary).objects.get(pk=secretary.pk)  # a new request's user object
    assert frame.user_groups(secretary).keys == {SECRETARIAT_KEY}
