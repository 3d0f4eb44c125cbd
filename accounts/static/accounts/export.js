// The privacy page while an export is prepared: ask its status every few seconds and reload the
// page once it is ready or failed (the page then shows the download links). Without this file the
// page has a "Refresh" link, and the person gets an e-mail when the export is ready.
(function () {
  "use strict";
  var pending = document.querySelector("[data-export-pending]");
  if (!pending || !window.fetch) { return; }
  var url = pending.getAttribute("data-export-pending");
  var tries = 0;
  function check() {
    tries += 1;
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.status !== "pending") { window.location.reload(); }
        else if (tries < 120) { window.setTimeout(check, 3000); }
      })
      .catch(function () { if (tries < 120) { window.setTimeout(check, 5000); } });
  }
  window.setTimeout(check, 2000);
})();
