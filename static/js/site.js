// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Submit filter forms as soon as a facet changes, keeping the URL shareable.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
  });
})();
