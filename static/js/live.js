// The live desk: pages update themselves when someone else changes what they show,
// and say who else is on a conflict. Without JavaScript the pages work as before.
//
// How: the page lists the topics it shows (data-live-topics, e.g. "flags claims"
// or "flag:3 claim:7 claim:9"). An EventSource on /live/events/ receives a notice
// for every committed change with its topics; when one matches, the page fetches
// itself again and swaps in its [data-live-region] parts. What the editor typed
// into a field in a swapped part is carried over, and a part marked
// data-live-hold-if-dirty is not swapped while it holds unsent text.
// See docs/ui.md, "Live updates".
(function () {
  "use strict";

  var body = document.body;
  var streamUrl = body.getAttribute("data-live-stream");
  if (!streamUrl || !window.EventSource || !window.fetch) {
    return;
  }
  var presenceUrl = body.getAttribute("data-presence-url");
  var heartbeatMs = 1000 * parseInt(body.getAttribute("data-presence-heartbeat") || "15", 10);

  function pageTopics() {
    var topics = {};
    document.querySelectorAll("[data-live-topics]").forEach(function (element) {
      element.getAttribute("data-live-topics").split(/\s+/).forEach(function (topic) {
        if (topic) {
          topics[topic] = true;
        }
      });
    });
    return topics;
  }

  function matches(notice) {
    var topics = pageTopics();
    return (notice.topics || []).some(function (topic) {
      return topics[topic];
    });
  }

  // Typed text --------------------------------------------------------------

  function fieldKey(field) {
    var form = field.form;
    var where = form ? form.getAttribute("action") || "" : "";
    return where + "|" + (field.name || field.id);
  }

  function isDirty(field) {
    if (field.type === "hidden" || field.type === "submit" || field.type === "button") {
      return false;
    }
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    }
    return field.value !== field.defaultValue;
  }

  function fieldsIn(root) {
    return root.querySelectorAll("input, textarea, select");
  }

  function hasDirtyFields(root) {
    return Array.prototype.some.call(fieldsIn(root), isDirty);
  }

  function carryOver(oldRegion, newRegion) {
    var typed = {};
    fieldsIn(oldRegion).forEach(function (field) {
      if (isDirty(field)) {
        typed[fieldKey(field)] = field.type === "checkbox" || field.type === "radio" ? field.checked : field.value;
      }
    });
    var focused = document.activeElement;
    var focusKey = focused && oldRegion.contains(focused) && focused.name ? fieldKey(focused) : null;
    var selection = focusKey && typeof focused.selectionStart === "number" ? [focused.selectionStart, focused.selectionEnd] : null;
    oldRegion.replaceChildren.apply(oldRegion, Array.prototype.slice.call(newRegion.childNodes));
    fieldsIn(oldRegion).forEach(function (field) {
      var key = fieldKey(field);
      if (Object.prototype.hasOwnProperty.call(typed, key)) {
        if (field.type === "checkbox" || field.type === "radio") {
          field.checked = typed[key];
        } else {
          field.value = typed[key];
        }
      }
      if (focusKey && key === focusKey) {
        field.focus();
        if (selection) {
          try {
            field.setSelectionRange(selection[0], selection[1]);
          } catch (ignored) {
            // Not a text field: nothing to restore.
          }
        }
      }
    });
  }

  // Refetching --------------------------------------------------------------

  var refreshing = false;
  var again = false;
  var timer = null;

  function swapRegions(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    document.dispatchEvent(new CustomEvent("live:beforeupdate"));
    document.querySelectorAll("[data-live-region]").forEach(function (region) {
      var name = region.getAttribute("data-live-region");
      var replacement = fresh.querySelector('[data-live-region="' + name + '"]');
      if (!replacement) {
        return;
      }
      if (region.hasAttribute("data-live-hold-if-dirty") && hasDirtyFields(region)) {
        // Keep the editor's unsent text where it is; say the page moved on.
        var notice = region.querySelector("[data-live-stale]");
        if (notice) {
          notice.hidden = false;
        }
        return;
      }
      carryOver(region, replacement);
      region.setAttribute("data-live-updated", String(Date.now()));
    });
    // The topics can change too (a new claim on an event's timeline).
    document.querySelectorAll("[data-live-topics][id]").forEach(function (element) {
      var replacement = fresh.getElementById(element.id);
      if (replacement && replacement.hasAttribute("data-live-topics")) {
        element.setAttribute("data-live-topics", replacement.getAttribute("data-live-topics"));
      }
    });
    document.dispatchEvent(new CustomEvent("live:updated"));
  }

  function refresh() {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Live-Refresh": "1" } })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html) {
          swapRegions(html);
        }
      })
      .catch(function () {
        // Offline for a moment: the next notice or reconnect tries again.
      })
      .then(function () {
        refreshing = false;
        if (again) {
          again = false;
          scheduleRefresh();
        }
      });
  }

  // Several notices in a burst (a claim, its flag, its history) cost one refetch.
  function scheduleRefresh() {
    if (timer === null) {
      timer = window.setTimeout(function () {
        timer = null;
        refresh();
      }, 150);
    }
  }

  // Presence ----------------------------------------------------------------

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // Flags this page shows: queue rows (data-flag-id) and a conflict page (data-presence-for).
  function shownFlags(selector) {
    var ids = {};
    document.querySelectorAll(selector || "[data-flag-id], [data-presence-for]").forEach(function (element) {
      var id = element.getAttribute("data-presence-for") || element.getAttribute("data-flag-id");
      if (/^\d+$/.test(id)) {
        ids[id] = true;
      }
    });
    return Object.keys(ids);
  }

  // The conflict this editor is writing a decision on: unsent text in one of its forms.
  function workingOn() {
    var found = "";
    document.querySelectorAll("form[data-flag-form]").forEach(function (form) {
      if (!found && hasDirtyFields(form)) {
        found = form.getAttribute("data-flag-form");
      }
    });
    return found;
  }

  var lastReport = "";

  // Only a conflict's own page counts as viewing it; a row in the queue does not.
  function report(force) {
    var flags = shownFlags("[data-presence-for]");
    var working = workingOn();
    if (!presenceUrl || (!flags.length && !working && !lastReport)) {
      return;
    }
    var summary = flags.join(",") + "|" + working;
    if (!force && summary === lastReport) {
      return;
    }
    lastReport = summary;
    var data = new FormData();
    data.append("viewing", flags.join(","));
    data.append("working", working);
    data.append("csrfmiddlewaretoken", csrfToken());
    fetch(presenceUrl, { method: "POST", body: data, credentials: "same-origin" }).catch(function () {});
  }

  function describe(people) {
    return people
      .map(function (person) {
        return person.user + (person.working ? " is writing a decision" : " is viewing");
      })
      .join(" · ");
  }

  function showPresence(found) {
    document.querySelectorAll("[data-flag-id], [data-presence-for]").forEach(function (element) {
      var id = element.getAttribute("data-presence-for") || element.getAttribute("data-flag-id");
      var people = found[id] || [];
      var badge = element.hasAttribute("data-presence-for") ? element : element.querySelector(":scope > [data-presence]");
      if (!badge) {
        if (!people.length) {
          return;
        }
        badge = document.createElement("p");
        badge.className = "presence";
        badge.setAttribute("data-presence", "");
        element.appendChild(badge);
      }
      badge.textContent = people.length ? describe(people) : "";
      badge.hidden = !people.length;
    });
  }

  function loadPresence() {
    var flags = shownFlags();
    if (!presenceUrl || !flags.length) {
      return;
    }
    fetch(presenceUrl + "?flags=" + flags.join(","), { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (found) {
        if (found) {
          showPresence(found);
        }
      })
      .catch(function () {});
  }

  // The stream --------------------------------------------------------------

  var source = null;
  var dropped = false;
  // The last notice seen: a new connection starts after it (at first, where
  // the log stood when the page was rendered).
  var lastSeen = body.getAttribute("data-live-since") || "";

  function connect() {
    var since = lastSeen;
    source = new EventSource(streamUrl + (since ? "?since=" + encodeURIComponent(since) : ""));
    source.addEventListener("open", function () {
      body.setAttribute("data-live-connected", "true");
      if (dropped) {
        // Back after a drop: the stream replays what it still has from our
        // last id; a refetch covers anything older than that.
        dropped = false;
        scheduleRefresh();
        loadPresence();
        report(true);
      }
    });
    source.addEventListener("change", function (event) {
      var notice;
      if (event.lastEventId) {
        lastSeen = event.lastEventId;
      }
      try {
        notice = JSON.parse(event.data);
      } catch (ignored) {
        return;
      }
      if (!matches(notice)) {
        return;
      }
      if (notice.kind === "presence") {
        loadPresence();
      } else {
        scheduleRefresh();
      }
    });
    source.addEventListener("error", function () {
      body.setAttribute("data-live-connected", "false");
      dropped = true;
      // EventSource reconnects by itself (the server asks for 1 s) unless the
      // server refused outright; then try again a little later.
      if (source.readyState === EventSource.CLOSED) {
        window.setTimeout(connect, 3000);
      }
    });
  }

  // Another script changed something (an in-row action in the queue): refetch
  // now rather than wait for the notice, in case the stream is down.
  document.addEventListener("triage:changed", scheduleRefresh);

  // Tests and tools can drop the connection on purpose (tests/e2e/test_live.py).
  window.claimtrackLive = {
    drop: function () {
      if (source) {
        source.close();
        dropped = true;
        body.setAttribute("data-live-connected", "false");
      }
    },
    reconnect: function () {
      connect();
    },
  };

  if (pageTopics() && Object.keys(pageTopics()).length) {
    connect();
  }
  if (shownFlags().length) {
    report(true);
    loadPresence();
    window.setInterval(function () {
      report(true);
    }, heartbeatMs);
    document.addEventListener("input", function () {
      report(false);
    });
    document.addEventListener("live:updated", function () {
      report(false);
      loadPresence();
    });
    window.addEventListener("pagehide", function () {
      if (navigator.sendBeacon) {
        var data = new FormData();
        data.append("viewing", shownFlags("[data-presence-for]").concat(workingOn() ? [workingOn()] : []).join(","));
        data.append("leave", "on");
        data.append("csrfmiddlewaretoken", csrfToken());
        navigator.sendBeacon(presenceUrl, data);
      }
    });
  }
})();
