// Title suggestions for search boxes (progressive enhancement: without this file the form
// simply submits). ARIA 1.2 combobox with a listbox popup: the input keeps focus, the arrow
// keys move aria-activedescendant, Enter opens the chosen title, Escape closes the list.
// Inputs opt in with data-autocomplete="<API URL>"; no inline script (CSP).
(function () {
  "use strict";
  var DELAY = 200;
  var MIN_LENGTH = 2;

  function setup(input, index) {
    var url = input.getAttribute("data-autocomplete");
    var listId = (input.id || "search-" + index) + "-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var timer = null;
    var active = -1;
    var items = [];
    var request = 0;

    list.id = listId;
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent.trim() : input.name);
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    var wrapper = document.createElement("div");
    wrapper.className = "autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    wrapper.appendChild(status);

    function close() {
      list.hidden = true;
      list.textContent = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(position) {
      active = position;
      items.forEach(function (item, i) { item.element.setAttribute("aria-selected", i === position ? "true" : "false"); });
      if (position >= 0) {
        input.setAttribute("aria-activedescendant", items[position].element.id);
        items[position].element.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(results) {
      list.textContent = "";
      items = results.map(function (result, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = result.title;  // text, never HTML: titles are untrusted
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { go(i); });
        list.appendChild(option);
        return { element: option, url: result.url };
      });
      active = -1;
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      status.textContent = items.length
        ? (input.getAttribute("data-autocomplete-status") || String(items.length))
        : (input.getAttribute("data-autocomplete-none") || "");
    }

    function go(position) {
      var target = items[position] && items[position].url;
      // Only same-site paths: a stored URL can never send the reader elsewhere.
      if (target && target.charAt(0) === "/" && target.charAt(1) !== "/") {
        window.location.assign(target);
      }
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text.length < MIN_LENGTH) { close(); return; }
      var mine = ++request;
      // hl: titles and links in the page's language (the API would otherwise follow Accept-Language).
      var hl = (document.documentElement.lang || "").slice(0, 2);
      fetch(url + "?q=" + encodeURIComponent(text) + (hl ? "&hl=" + encodeURIComponent(hl) : ""), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (mine === request && document.activeElement === input) { render(data.results || []); } })
        .catch(function () { close(); });  // no suggestions: the form still works
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) { return; }
        event.preventDefault();
        // Positions -1 (the typed text) … last option, wrapping around.
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next >= items.length) { next = -1; } else if (next < -1) { next = items.length - 1; }
        highlight(next);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        go(active);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(setup);
})();
