"""The facet checkboxes of the search page (search.templatetags.search_facets), rendered in Python."""

from django.template import Context, Template

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
