// Small progressive enhancements. The pages work without JavaScript.
// No inline handlers: everything is wired here, so a strict CSP can forbid inline code.
(function () {
  "use strict";

  // Forms marked data-confirm ask before submitting (e.g. dismissing a flag).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // Filter forms marked data-autosubmit submit when a select changes.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.tagName === "SELECT" && field.form && field.form.hasAttribute("data-autosubmit")) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });

  // Inline formsets: "Add another attribution" clones the empty form template.
  function addFormsetRow(button) {
    var prefix = button.getAttribute("data-formset-prefix");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-empty-form");
    var target = document.getElementById(prefix + "-forms");
    if (!total || !template || !target) {
      return;
    }
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var wrapper = document.createElement("div");
    wrapper.innerHTML = html.trim();
    var row = wrapper.firstElementChild;
    target.appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("select, input, textarea");
    if (first) {
      first.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (button) {
      event.preventDefault();
      addFormsetRow(button);
    }
  });

  // Figure fields only matter for figure claims: show them when the kind is "figure".
  function syncFigureFields(kindSelect) {
    var figureBlock = document.querySelector("[data-figure-fields]");
    if (!figureBlock) {
      return;
    }
    figureBlock.hidden = kindSelect.value !== "figure" && !figureBlock.querySelector(".errorlist");
  }

  // On a phone, fold the header menu and the filters (marked data-collapse-narrow)
  // so the first screen shows the page's content; data-keep-open leaves filters
  // that are in use unfolded. Without JavaScript they simply stay open.
  function foldOnPhone() {
    if (!window.matchMedia || !window.matchMedia("(max-width: 40rem)").matches) {
      return;
    }
    document.querySelectorAll("details[data-collapse-narrow]").forEach(function (details) {
      if (!details.hasAttribute("data-keep-open")) {
        details.open = false;
      }
    });
  }

  // Resolving: "New status for that claim" only matters once a claim is chosen.
  function syncMarkStatus(select) {
    var status = select.form && select.form.querySelector("[name=mark_status]");
    var field = status && status.closest(".field");
    if (field) {
      field.hidden = !select.value;
    }
  }

  document.addEventListener("change", function (event) {
    if (event.target.name === "mark_claim_id") {
      syncMarkStatus(event.target);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    foldOnPhone();
    document.querySelectorAll("select[name=mark_claim_id]").forEach(syncMarkStatus);
    var kindSelect = document.querySelector("[data-claim-kind]");
    if (kindSelect) {
      syncFigureFields(kindSelect);
      kindSelect.addEventListener("change", function () {
        syncFigureFields(kindSelect);
      });
    }
  });
})();
