"""The public search page."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from . import querylog
from .engines import MAX_PAGE, THIN_RESULTS, search
from .limits import seconds_to_wait
from .registry import browse_links
from .service import facet_labels, labelled_facets, request_from_get

PAGE_SIZE = 20


@require_GET
def search_page(request):
    """Search with facets, highlighted snippets and pagination; plain GET forms, no JS needed."""
    search_request = request_from_get(request, PAGE_SIZE)
    results = None
    page_obj = None
    if search_request.text or search_request.filters:
        # Only a request that searches counts against the rate: the empty form is always there.
        wait = seconds_to_wait(request)
        if wait:
            return too_many_searches(request, wait)
        results = search(search_request)
        if search_request.text and search_request.page == 1:
            querylog.record(search_request.text, search_request.language, results.count)
        # A range stands for the hits: the paginator only needs their number.
        paginator = Paginator(range(min(results.count, PAGE_SIZE * MAX_PAGE)), PAGE_SIZE)
        page_obj = paginator.get_page(search_request.page)
        kinds, languages = facet_labels("kind"), facet_labels("language")
        for hit in results.hits:
            hit.kind_label = kinds.get(hit.kind, hit.kind)
            hit.language_label = languages.get(hit.language, hit.language)
    return render(request, "search/search.html", {
        "query": search_request.text,
        "search_request": search_request,
        "results": results,
        "facets": labelled_facets(results, search_request) if results else [],
        "page_obj": page_obj,
        "help": thin_results_help(search_request, results),
    })


def thin_results_help(search_request, results):
    """What a reader whose search found little can do next: the listings to browse with the same
    words and filters, and the search without its filters; None when the results are enough."""
    if results is None or results.count >= THIN_RESULTS or not search_request.text:
        return None
    without_filters = ""
    if search_request.filters:
        without_filters = f"{reverse('search')}?{urlencode({'q': search_request.text})}"
    return {"browse": browse_links(search_request.language, search_request.text, search_request.filters),
            "without_filters": without_filters}



def too_many_searches(request, wait):
    """The 429 page: the client searched more often than its rate allows (shared with the API)."""
    response = render(request, "search/too_many.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response
