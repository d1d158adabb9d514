// The exports page: follow each export still being written and reload the
// page when one is ready, so its download link appears. No inline code (CSP).
(function () {
  "use strict";

  var POLL_MS = 2000;

  function follow(row) {
    var url = row.getAttribute("data-export-status-url");
    var bar = row.querySelector("progress");
    var label = row.querySelector("[data-export-status]");
    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) {
            return;
          }
          if (bar && data.progress !== null) {
            bar.value = Math.round(data.progress * 100);
            bar.textContent = bar.value + "%";
          }
          if (data.status === "done" || data.status === "failed") {
            var notice = document.querySelector("[data-export-notice]");
            if (notice) {
              notice.textContent = "Export #" + data.id + (data.status === "done" ? " is ready." : " failed.");
            }
            if (label) {
              label.textContent = data.status === "done" ? "Ready" : "Failed";
            }
            window.location.reload();
            return;
          }
          window.setTimeout(poll, POLL_MS);
        })
        .catch(function () { window.setTimeout(poll, POLL_MS * 5); });
    }
    window.setTimeout(poll, POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-export-status-url]").forEach(follow);
  });
})();
