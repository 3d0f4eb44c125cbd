// Progressive enhancement of the directory filters: update facets and results in place.
// Without this script the form is an ordinary GET form with shareable URLs.
(function () {
  "use strict";
  var form = document.querySelector("form[data-directory-filters]");
  if (!form || !window.fetch || !window.DOMParser) { return; }
  var busy = null;

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    ["#directory-results", ".facets"].forEach(function (selector) {
      var fresh = doc.querySelector(selector), current = form.querySelector(selector);
      if (fresh && current) { current.innerHTML = fresh.innerHTML; }
    });
  }

  function load(url, push) {
    if (busy) { busy.abort(); }
    busy = new AbortController();
    form.setAttribute("aria-busy", "true");
    fetch(url, { signal: busy.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        swap(html);
        if (push) { history.pushState({ directory: true }, "", url); }
      })
      .catch(function () { /* aborted or offline: the next submit reloads normally */ })
      .finally(function () { form.removeAttribute("aria-busy"); });
  }

  function currentUrl() {
    var params = new URLSearchParams(new FormData(form));
    params.delete("page");
    for (var [key, value] of Array.from(params.entries())) { if (value === "") { params.delete(key); } }
    return (form.getAttribute("action") || location.pathname) + "?" + params.toString();
  }

  form.addEventListener("change", function () { load(currentUrl(), true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); load(currentUrl(), true); });
  form.addEventListener("click", function (event) {
    var link = event.target.closest(".pagination a");
    if (link) { event.preventDefault(); load(link.href, true); }
  });
  window.addEventListener("popstate", function () { load(location.href, false); });
})();
