"""The facet checkboxes and hits of the search page (search.templatetags.search_facets), rendered in Python."""

from django.template import Context, Template
from django.utils.safestring import mark_safe

from search.engines import Hit

FACET = {"name": "sector", "param": "sector", "title": "Sector", "options": [
    {"value": "housing", "label": "Housing & <shelter>", "count": 12, "selected": True},
    {"value": "educ\"ation", "label": "Education", "count": 3, "selected": False},
]}


def test_each_option_is_a_labelled_checkbox_with_its_count_and_values_escaped():
    html = Template("{% load search_facets %}{% facet_options facet %}").render(Context({"facet": FACET}))
    assert ('<input type="checkbox" id="f-sector-1" name="sector" value="housing" checked>' in html)
    assert '<label for="f-sector-1" class="inline-label">Housing &amp; &lt;shelter&gt; <span class="meta">(12)</span>' in html
    assert 'id="f-sector-2" name="sector" value="educ&quot;ation">' in html  # not checked, quote escaped
    assert html.count("<div>") == 2 and "<shelter>" not in html


def test_a_large_count_is_localised_like_the_template_would():
    facet = {**FACET, "options": [{**FACET["options"][0], "count": 12345}]}
    html = Template("{% load search_facets %}{% facet_options facet %}").render(Context({"facet": facet}))
    expected = Template("{{ count }}").render(Context({"count": 12345}))
    assert f'<span class="meta">({expected})</span>' in html


def test_each_hit_is_escaped_except_its_marked_snippet():
    hit = Hit("news", "7", 'Pomoc & <b>"prawna"</b>', "/pl/a?b=1&c=2", mark_safe("Pomoc <mark>prawna</mark> &amp; więcej"),
              "uk")
    hit.kind_label, hit.language_label = "Aktualność <i>", "ukraiński"
    plain = Hit("page", "8", "Bez streszczenia", "/pl/b/", "", "pl")
    plain.kind_label, plain.language_label = "Strona", "polski"
    html = Template("{% load search_facets %}{% search_hits hits 'pl' %}").render(Context({"hits": [hit, plain]}))
    assert '<li lang="uk">' in html and '<li lang="pl">' in html
    assert '<h3><a href="/pl/a?b=1&amp;c=2">Pomoc &amp; &lt;b&gt;&quot;prawna&quot;&lt;/b&gt;</a></h3>' in html
    assert "<p>Pomoc <mark>prawna</mark> &amp; więcej</p>" in html
    assert '<use href="#icon-news"></use></svg> Aktualność &lt;i&gt; · <span lang="pl">ukraiński</span>' in html
    assert html.count("<p>") == 1  # no empty snippet paragraph
