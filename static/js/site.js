// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Submit filter forms as soon as a facet changes, keeping the URL shareable.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
  });

  // The menus are <details> elements (they open with a tap, Enter or Space without this file).
  // Here: Escape closes the innermost open one and gives focus back to its button, and a click
  // outside the account menu closes it, as people expect from a menu.
  var menus = "details[data-site-menu][open], details[data-account-menu][open]";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) { return; }
    var open = Array.prototype.slice.call(document.querySelectorAll(menus));
    var menu = open.filter(function (m) { return m.contains(document.activeElement); }).pop() || open.pop();
    if (!menu) { return; }
    menu.open = false;
    menu.querySelector("summary").focus();
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details[data-account-menu][open]").forEach(function (menu) {
      if (!menu.contains(event.target)) { menu.open = false; }
    });
  });

  // Wagtail's userbar, for those who may edit this page, comes after the page (home/userbar.py).
  // Scripts put in with innerHTML do not run: each is added again, in order, as Wagtail's markup has them.
  var slot = document.querySelector("[data-userbar-src]");
  if (slot && window.fetch) {
    fetch(slot.getAttribute("data-userbar-src"), { credentials: "same-origin" })
      .then(function (response) { return response.status === 200 ? response.text() : ""; })
      .then(function (html) {
        if (!html) { return; }
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var scripts = Array.prototype.slice.call(holder.querySelectorAll("script[src]"));
        scripts.forEach(function (script) { script.remove(); });
        slot.replaceWith.apply(slot, Array.prototype.slice.call(holder.childNodes));
        scripts.reduce(function (previous, old) {
          return previous.then(function () {
            return new Promise(function (resolve) {
              var script = document.createElement("script");
              Array.prototype.forEach.call(old.attributes, function (a) { script.setAttribute(a.name, a.value); });
              script.onload = script.onerror = resolve;
              document.body.appendChild(script);
            });
          });
        }, Promise.resolve());
      })
      .catch(function () { /* no bar: the page itself is whole */ });
  }
})();
