// Triage from the queue, and keyboard shortcuts on the queue and a conflict page.
// Everything here is added by script to rows marked data-flag-id inside a
// [data-triage] queue, so it works whatever a row's own markup is; without
// JavaScript an editor opens the conflict and acts there. See docs/ui.md, "Triage".
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  // A status line outside the live-updated part of the page, read out by screen readers.
  function statusLine(anchor) {
    var line = document.getElementById("triage-status");
    if (!line) {
      line = document.createElement("p");
      line.id = "triage-status";
      line.className = "message triage-status";
      line.setAttribute("role", "status");
      line.hidden = true;
      anchor.parentNode.insertBefore(line, anchor);
    }
    return line;
  }

  function say(anchor, text, isError) {
    var line = statusLine(anchor);
    line.textContent = text;
    line.hidden = false;
    line.classList.toggle("message--error", Boolean(isError));
  }

  function post(url, fields) {
    var data = new FormData();
    Object.keys(fields).forEach(function (name) {
      [].concat(fields[name]).forEach(function (value) {
        data.append(name, value);
      });
    });
    data.append("csrfmiddlewaretoken", csrfToken());
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      return response.json().catch(function () {
        return { ok: false, message: "The server did not answer (" + response.status + ")." };
      });
    });
  }

  // The queue ----------------------------------------------------------------

  var queue = document.querySelector("[data-triage]");
  // What the editor has ticked or typed per row survives the live refresh,
  // which re-renders the rows: {flagId: {checked, reason, open}}.
  var state = {};

  function rows() {
    return queue ? Array.prototype.slice.call(queue.querySelectorAll("[data-flag-id]")) : [];
  }

  function rowState(id) {
    state[id] = state[id] || { checked: false, reason: "", open: false };
    return state[id];
  }

  function actionUrl(id, action) {
    return queue.getAttribute("data-triage-action-url").replace("/0/", "/" + id + "/").replace("ACTION", action);
  }

  function act(id, action, fields) {
    return post(actionUrl(id, action), fields || {}).then(function (answer) {
      say(queue, answer.message || (answer.ok ? "Done." : "That did not work."), !answer.ok);
      return answer;
    });
  }

  function button(label, name, extraClass) {
    var made = document.createElement("button");
    made.type = "button";
    made.className = "button button--secondary button--small " + (extraClass || "");
    made.textContent = label;
    made.setAttribute("data-triage-do", name);
    return made;
  }

  // The row's buttons, as the server lists them (claims/flag_actions.py,
  // triage_row_actions): the conflict page's actions, with the same labels.
  var actionSpecs = null;

  function rowActions() {
    if (actionSpecs === null) {
      var data = document.getElementById("triage-actions");
      actionSpecs = data ? JSON.parse(data.textContent) : [];
    }
    return actionSpecs;
  }

  function rowShortcut(key) {
    return rowActions().filter(function (spec) {
      return spec.shortcut === key;
    })[0];
  }

  function buildToolbar(row) {
    var id = row.getAttribute("data-flag-id");
    var saved = rowState(id);
    var bar = document.createElement("div");
    bar.className = "triage-row";
    bar.setAttribute("data-triage-toolbar", id);

    var pick = document.createElement("label");
    pick.className = "triage-pick";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.setAttribute("data-triage-select", id);
    box.checked = saved.checked;
    pick.appendChild(box);
    pick.appendChild(document.createTextNode(" Select"));
    var hiddenName = document.createElement("span");
    hiddenName.className = "visually-hidden";
    hiddenName.textContent = " conflict #" + id;
    pick.appendChild(hiddenName);
    bar.appendChild(pick);

    rowActions().forEach(function (spec) {
      // An action that asks for a reason opens the reason field first.
      var made = button(spec.label, spec.reason_required ? spec.action + "-open" : spec.action);
      made.setAttribute("aria-label", spec.label.replace("…", "") + " conflict #" + id);
      bar.appendChild(made);
    });

    var dismiss = document.createElement("form");
    dismiss.className = "triage-dismiss";
    dismiss.setAttribute("data-triage-dismiss", id);
    dismiss.setAttribute("data-flag-form", id);
    dismiss.hidden = !saved.open;
    var label = document.createElement("label");
    label.setAttribute("for", "triage-reason-" + id);
    label.textContent = "Why conflict #" + id + " is not a real conflict";
    var reason = document.createElement("input");
    reason.type = "text";
    reason.id = "triage-reason-" + id;
    reason.name = "reason";
    reason.required = true;
    reason.value = saved.reason;
    var send = document.createElement("button");
    send.type = "submit";
    send.className = "button button--small";
    send.textContent = "Dismiss";
    dismiss.appendChild(label);
    dismiss.appendChild(reason);
    dismiss.appendChild(send);
    bar.appendChild(dismiss);
    return bar;
  }

  function buildBulkBar(list) {
    var bar = document.createElement("div");
    bar.className = "triage-bulk card";
    bar.setAttribute("data-triage-bulk", "");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Act on the selected conflicts");
    var count = document.createElement("span");
    count.setAttribute("data-triage-count", "");
    bar.appendChild(count);
    var all = button("Select all", "select-all");
    bar.appendChild(all);
    // The actions show once something is selected, keeping the bar small.
    var actions = document.createElement("div");
    actions.className = "triage-bulk__actions";
    actions.setAttribute("data-triage-bulk-actions", "");
    actions.hidden = true;
    actions.appendChild(button("Assign selected to me", "bulk-assign"));
    actions.appendChild(button("Acknowledge selected", "bulk-acknowledge"));
    var label = document.createElement("label");
    label.setAttribute("for", "triage-bulk-reason");
    label.textContent = "Reason";
    var reason = document.createElement("input");
    reason.type = "text";
    reason.id = "triage-bulk-reason";
    reason.value = state.bulkReason || "";
    actions.appendChild(label);
    actions.appendChild(reason);
    actions.appendChild(button("Dismiss selected", "bulk-dismiss"));
    bar.appendChild(actions);
    var help = button("Keyboard shortcuts (?)", "help", "button--link triage-help");
    bar.appendChild(help);
    list.parentNode.insertBefore(bar, list);
    return bar;
  }

  function selected() {
    return Object.keys(state).filter(function (id) {
      return /^\d+$/.test(id) && state[id].checked && queue.querySelector('[data-flag-id="' + id + '"]');
    });
  }

  function updateCount() {
    var counter = queue.querySelector("[data-triage-count]");
    if (counter) {
      var n = selected().length;
      counter.textContent = n === 1 ? "1 conflict selected" : n + " conflicts selected";
      var actions = queue.querySelector("[data-triage-bulk-actions]");
      if (actions) {
        actions.hidden = n === 0;
      }
    }
  }

  var current = null;

  function decorate() {
    if (!queue) {
      return;
    }
    var found = rows();
    if (found.length && !queue.querySelector("[data-triage-bulk]")) {
      buildBulkBar(found[0].parentNode);
    }
    found.forEach(function (row) {
      if (!row.querySelector("[data-triage-toolbar]")) {
        row.appendChild(buildToolbar(row));
      }
      row.classList.toggle("is-current", row.getAttribute("data-flag-id") === current);
    });
    updateCount();
  }

  function refreshSoon() {
    // The live stream refetches the queue on its own; this covers a page
    // whose stream is down.
    document.dispatchEvent(new CustomEvent("triage:changed"));
  }

  function bulk(action) {
    var ids = selected();
    if (!ids.length) {
      say(queue, "Select one or more conflicts first.", true);
      return;
    }
    var reason = (queue.querySelector("#triage-bulk-reason") || {}).value || "";
    post(queue.getAttribute("data-triage-bulk-url"), { action: action, flags: ids, reason: reason }).then(function (answer) {
      say(queue, answer.message, !answer.ok);
      if (answer.ok) {
        (answer.done || []).forEach(function (id) {
          delete state[id];
        });
        state.bulkReason = "";
        var input = queue.querySelector("#triage-bulk-reason");
        if (input) {
          input.value = "";
        }
        refreshSoon();
      }
    });
  }

  function openDismiss(id) {
    var form = queue.querySelector('[data-triage-dismiss="' + id + '"]');
    if (form) {
      rowState(id).open = true;
      form.hidden = false;
      form.querySelector("input").focus();
    }
  }

  // The live refresh re-renders the rows: remember which injected control had
  // focus and give it back afterwards.
  var focusMemo = null;

  function rememberFocus() {
    var active = document.activeElement;
    focusMemo = null;
    if (!active || !queue.contains(active)) {
      return;
    }
    var row = active.closest("[data-flag-id]");
    focusMemo = {
      id: row ? row.getAttribute("data-flag-id") : null,
      selector: active.id ? "#" + active.id : active.hasAttribute("data-triage-do") ? '[data-triage-do="' + active.getAttribute("data-triage-do") + '"]' : active.hasAttribute("data-triage-select") ? "[data-triage-select]" : "a[href]",
    };
  }

  function restoreFocus() {
    if (!focusMemo) {
      return;
    }
    var root = focusMemo.id ? queue.querySelector('[data-flag-id="' + focusMemo.id + '"]') : queue;
    var target = root && root.querySelector(focusMemo.selector);
    if (target && document.activeElement !== target) {
      target.focus();
    }
    focusMemo = null;
  }

  if (queue) {
    decorate();
    document.addEventListener("live:beforeupdate", rememberFocus);
    document.addEventListener("live:updated", function () {
      decorate();
      restoreFocus();
    });

    queue.addEventListener("click", function (event) {
      var control = event.target.closest("[data-triage-do]");
      if (!control) {
        return;
      }
      var row = control.closest("[data-flag-id]");
      var id = row ? row.getAttribute("data-flag-id") : null;
      var what = control.getAttribute("data-triage-do");
      if (what === "acknowledge" || what === "assign") {
        var fields = what === "assign" ? { assignee: queue.getAttribute("data-triage-user") } : {};
        act(id, what, fields).then(refreshSoon);
      } else if (what === "dismiss-open") {
        openDismiss(id);
      } else if (what === "select-all") {
        rows().forEach(function (each) {
          rowState(each.getAttribute("data-flag-id")).checked = true;
          var box = each.querySelector("[data-triage-select]");
          if (box) {
            box.checked = true;
          }
        });
        updateCount();
      } else if (what.indexOf("bulk-") === 0) {
        bulk(what.slice(5));
      } else if (what === "help") {
        showHelp();
      }
    });

    queue.addEventListener("change", function (event) {
      var box = event.target.closest("[data-triage-select]");
      if (box) {
        rowState(box.getAttribute("data-triage-select")).checked = box.checked;
        updateCount();
      }
    });

    queue.addEventListener("input", function (event) {
      var form = event.target.closest("[data-triage-dismiss]");
      if (form) {
        rowState(form.getAttribute("data-triage-dismiss")).reason = event.target.value;
      }
      if (event.target.id === "triage-bulk-reason") {
        state.bulkReason = event.target.value;
      }
    });

    queue.addEventListener("submit", function (event) {
      var form = event.target.closest("[data-triage-dismiss]");
      if (!form) {
        return;
      }
      event.preventDefault();
      var id = form.getAttribute("data-triage-dismiss");
      var reason = form.querySelector("input").value;
      act(id, "dismiss", { reason: reason }).then(function (answer) {
        if (answer.ok) {
          delete state[id];
          refreshSoon();
        }
      });
    });
  }

  // Keyboard shortcuts -------------------------------------------------------

  var page = document.querySelector("[data-shortcuts]");
  var kind = page ? page.getAttribute("data-shortcuts") : "";

  var QUEUE_KEYS = [
    ["j", "Next conflict"],
    ["k", "Previous conflict"],
    ["o or Enter", "Open the conflict"],
    ["a", "Assign it to me"],
    ["c", "Acknowledge it"],
    ["r", "Resolve it (opens it at the resolution note)"],
    ["d", "Dismiss it (asks for the reason)"],
    ["x", "Select it for a bulk action"],
    ["?", "Show these shortcuts"],
  ];
  var CONFLICT_KEYS = [
    ["r", "Write the resolution note"],
    ["d", "Write the dismissal reason"],
    ["a", "Assign it to me"],
    ["c", "Acknowledge it"],
    ["u", "Back to the queue"],
    ["?", "Show these shortcuts"],
  ];

  var dialog = null;

  function showHelp() {
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "shortcut-help";
      dialog.setAttribute("aria-labelledby", "shortcut-help-heading");
      var heading = document.createElement("h2");
      heading.id = "shortcut-help-heading";
      heading.textContent = "Keyboard shortcuts";
      dialog.appendChild(heading);
      var list = document.createElement("dl");
      list.className = "facts";
      (kind === "queue" ? QUEUE_KEYS : CONFLICT_KEYS).forEach(function (pair) {
        var key = document.createElement("dt");
        var kbd = document.createElement("kbd");
        kbd.textContent = pair[0];
        key.appendChild(kbd);
        var what = document.createElement("dd");
        what.textContent = pair[1];
        list.appendChild(key);
        list.appendChild(what);
      });
      dialog.appendChild(list);
      var close = document.createElement("button");
      close.type = "button";
      close.className = "button";
      close.textContent = "Close";
      close.addEventListener("click", function () {
        dialog.close();
      });
      dialog.appendChild(close);
      document.body.appendChild(dialog);
    }
    dialog.showModal();
    dialog.querySelector("button").focus();
  }

  function currentRow() {
    return current && queue ? queue.querySelector('[data-flag-id="' + current + '"]') : null;
  }

  function move(step) {
    var all = rows();
    if (!all.length) {
      return;
    }
    var index = all.indexOf(currentRow());
    index = index === -1 ? (step > 0 ? 0 : all.length - 1) : Math.min(Math.max(index + step, 0), all.length - 1);
    current = all[index].getAttribute("data-flag-id");
    decorate();
    var link = all[index].querySelector("a[href]");
    if (link) {
      link.focus();
    }
  }

  function clickIn(root, selector) {
    var found = root && root.querySelector(selector);
    if (found) {
      found.click();
    }
  }

  function focusField(id) {
    var field = document.getElementById(id);
    if (field) {
      field.scrollIntoView({ block: "center" });
      field.focus();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (!kind || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
      return;
    }
    if (dialog && dialog.open) {
      return;
    }
    var key = event.key;
    if (key === "?") {
      event.preventDefault();
      showHelp();
      return;
    }
    if (kind === "queue") {
      // Keep "current" on the row that has focus, however it got there.
      var focusedRow = document.activeElement && document.activeElement.closest ? document.activeElement.closest("[data-flag-id]") : null;
      if (focusedRow) {
        current = focusedRow.getAttribute("data-flag-id");
      }
      var row = currentRow();
      if (key === "j" || key === "k") {
        event.preventDefault();
        move(key === "j" ? 1 : -1);
      } else if (!row) {
        return;
      } else if (key === "o") {
        clickIn(row, "a[href]");
      } else if (rowShortcut(key)) {
        var spec = rowShortcut(key);
        if (spec.reason_required) {
          event.preventDefault();
          openDismiss(current);
        } else {
          clickIn(row, '[data-triage-do="' + spec.action + '"]');
        }
      } else if (key === "x") {
        var box = row.querySelector("[data-triage-select]");
        if (box) {
          box.click();
        }
      } else if (key === "r") {
        var link = row.querySelector("a[href]");
        if (link) {
          window.location.href = link.href + "#resolve";
        }
      }
    } else if (kind === "conflict") {
      if (key === "r") {
        event.preventDefault();
        focusField("resolve_note");
      } else if (key === "d") {
        event.preventDefault();
        focusField("dismiss_reason");
      } else if (key === "a") {
        clickIn(document, '[data-shortcut="a"]');
      } else if (key === "c") {
        clickIn(document, '[data-shortcut="c"]');
      } else if (key === "u") {
        var back = document.querySelector(".breadcrumbs a");
        if (back) {
          window.location.href = back.href;
        }
      }
    }
  });

  if (kind === "conflict" && window.location.hash === "#resolve") {
    focusField("resolve_note");
  }
})();
