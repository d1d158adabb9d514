// Proposed claims appear while the extractor reads a document: re-fetch the
// panel every few seconds until it says the extractor has finished.
(function () {
  "use strict";
  var INTERVAL_MS = 2000;
  var MAX_POLLS = 150; // five minutes; after that the editor reloads by hand

  function poll(panel, remaining) {
    if (panel.getAttribute("data-still-reading") !== "true" || remaining <= 0) {
      return;
    }
    window.setTimeout(function () {
      fetch(panel.getAttribute("data-poll-url"), {
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("[data-proposals-panel]");
          if (!fresh) {
            return;
          }
          panel.replaceWith(fresh);
          poll(fresh, remaining - 1);
        })
        .catch(function () {
          poll(panel, remaining - 1);
        });
    }, INTERVAL_MS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-proposals-panel]").forEach(function (panel) {
      poll(panel, MAX_POLLS);
    });
  });
})();
