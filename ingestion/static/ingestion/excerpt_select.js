// Correcting a proposal: select the excerpt's words in the passage with the
// mouse, and the form gets the exact words and their offsets in the
// document. Offsets are counted in code points, as the server counts them.
(function () {
  "use strict";

  function codePoints(text) {
    return Array.from(text).length;
  }

  function selectionIn(passage) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return null;
    }
    var range = selection.getRangeAt(0);
    var text = passage.firstChild;
    if (!text || range.startContainer !== text || range.endContainer !== text) {
      return null;
    }
    var whole = text.data;
    var before = whole.slice(0, range.startOffset);
    var chosen = whole.slice(range.startOffset, range.endOffset);
    // Leave out spaces caught at either end of a mouse selection.
    var lead = chosen.length - chosen.replace(/^\s+/, "").length;
    chosen = chosen.trim();
    if (!chosen) {
      return null;
    }
    var base = parseInt(passage.getAttribute("data-offset"), 10) || 0;
    var start = base + codePoints(before) + codePoints(whole.slice(range.startOffset, range.startOffset + lead));
    return { start: start, end: start + codePoints(chosen), words: chosen };
  }

  function init() {
    var passage = document.querySelector("[data-excerpt-passage]");
    var words = document.querySelector("[data-excerpt-text]");
    var start = document.querySelector("input[name=excerpt_start]");
    var end = document.querySelector("input[name=excerpt_end]");
    var position = document.querySelector("[data-excerpt-position]");
    if (!passage || !words || !start || !end) {
      return;
    }
    function take() {
      var chosen = selectionIn(passage);
      if (!chosen) {
        return;
      }
      words.value = chosen.words;
      start.value = String(chosen.start);
      end.value = String(chosen.end);
      if (position) {
        position.textContent = "Characters " + chosen.start + "–" + chosen.end + " of the document.";
      }
    }
    passage.addEventListener("mouseup", take);
    passage.addEventListener("keyup", take);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
