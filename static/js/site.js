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
})();
