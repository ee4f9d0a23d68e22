// Our only script: starts the design system and keeps autosaved text safe.
// No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  var DRAFT_PREFIX = "ledertrivsel-draft:";

  function draftKey(form) {
    return DRAFT_PREFIX + form.getAttribute("action");
  }

  function versionOf(form) {
    var input = form.querySelector("input[name=version]");
    return input ? input.value : "";
  }

  function status(form, message) {
    var element = form.querySelector(".autosave-status");
    if (element) element.textContent = message;
  }

  // Every keystroke is kept in this browser until the server has it, so an expired
  // session or a lost connection never loses what was written.
  function rememberDraft(form) {
    var textarea = form.querySelector("textarea");
    try {
      window.localStorage.setItem(draftKey(form), JSON.stringify({
        text: textarea.value, version: versionOf(form)
      }));
    } catch (error) { /* private mode: nothing to keep */ }
  }

  function forgetDraft(form) {
    try { window.localStorage.removeItem(draftKey(form)); } catch (error) { /* ignore */ }
  }

  function restoreDrafts() {
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
      var stored;
      try { stored = JSON.parse(window.localStorage.getItem(draftKey(form)) || "null"); }
      catch (error) { stored = null; }
      if (!stored) return;
      var textarea = form.querySelector("textarea");
      if (stored.text === textarea.value) { forgetDraft(form); return; }
      if (stored.version === versionOf(form)) {
        // Nobody saved since this draft was written: it is simply newer. Save it now.
        textarea.value = stored.text;
        status(form, form.dataset.restoredMessage || document.body.dataset.draftRestored);
        if (window.htmx) window.htmx.trigger(form, "submit");
      } else {
        var notice = document.createElement("div");
        notice.className = "alert alert-warning draft-notice";
        notice.setAttribute("role", "alert");
        var body = document.createElement("div");
        body.className = "alert-body";
        var text = document.createElement("p");
        text.className = "alert-text";
        text.textContent = document.body.dataset.draftConflict;
        var copy = document.createElement("pre");
        copy.textContent = stored.text;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button-secondary button-small";
        button.textContent = document.body.dataset.draftUse;
        button.addEventListener("click", function () {
          textarea.value = stored.text;
          notice.remove();
          forgetDraft(form);
          textarea.dispatchEvent(new Event("input", { bubbles: true }));
        });
        body.append(text, copy, button);
        notice.append(body);
        form.prepend(notice);
      }
    });
  }

  // A table wider than a phone scrolls sideways; keyboard users must be able to reach
  // that scroll too, so the scrolling box becomes a named, focusable region.
  function scrollableTablesFocusable() {
    document.querySelectorAll(".table--responsive-scroll").forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth;
      box.classList.toggle("is-scrollable", wide);
      if (wide) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        var heading = caption ? caption.textContent.trim() : "";
        box.setAttribute("aria-label", heading || document.title);
      }
      // Said in words as well as by the shadow at the edge: more of the table lies to
      // the side (issue 23).
      var hint = box.previousElementSibling;
      var hasHint = hint && hint.classList.contains("scroll-hint");
      if (wide && !hasHint && document.body.dataset.scrollHint) {
        var text = document.createElement("p");
        text.className = "scroll-hint";
        text.textContent = document.body.dataset.scrollHint;
        box.parentNode.insertBefore(text, box);
      } else if (!wide && hasHint) {
        hint.remove();
      }
    });
  }

  // Tables marked data-sortable: each column heading with data-sort-type becomes a
  // button that sorts the rows by that column (by data-sort-value when a cell has one).
  function sortableTables() {
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      var headings = table.querySelectorAll("thead th[data-sort-type]");
      headings.forEach(function (heading) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort-button";
        while (heading.firstChild) button.appendChild(heading.firstChild);
        heading.appendChild(button);
        button.addEventListener("click", function () {
          var column = Array.prototype.indexOf.call(heading.parentNode.children, heading);
          var ascending = heading.getAttribute("aria-sort") !== "ascending";
          var numeric = heading.dataset.sortType === "number";
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[column], y = b.cells[column];
            var p = x.dataset.sortValue !== undefined ? x.dataset.sortValue : x.textContent.trim();
            var q = y.dataset.sortValue !== undefined ? y.dataset.sortValue : y.textContent.trim();
            var order = numeric ? parseFloat(p) - parseFloat(q) : p.localeCompare(q, document.documentElement.lang);
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
          headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
          heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        });
      });
    });
  }

  // A search box marked data-person-adder (hidden without scripts) adds the e-mail
  // address of the person chosen among its suggestions to the list it names.
  function personAdders() {
    document.querySelectorAll("[data-person-adder]").forEach(function (box) {
      var input = box.querySelector("input");
      var list = document.getElementById(box.dataset.personAdder);
      if (!input || !list) return;
      box.hidden = false;
      input.addEventListener("input", function () {
        var options = document.getElementById(input.getAttribute("list")).options;
        var chosen = Array.prototype.some.call(options, function (option) {
          return option.value === input.value;
        });
        if (!chosen) return;
        var present = list.value.split(/[\s,;]+/).filter(Boolean);
        if (present.indexOf(input.value) === -1) {
          list.value = present.concat([input.value]).join("\n");
        }
        input.value = "";
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    sortableTables();
    personAdders();
    if (window.DKFDS && typeof window.DKFDS.init === "function") {
      window.DKFDS.init();
    }
    scrollableTablesFocusable();
    window.addEventListener("resize", scrollableTablesFocusable);
    // Tables that htmx swaps in (the own map after each autosave) too.
    document.body.addEventListener("htmx:afterSettle", scrollableTablesFocusable);
    document.body.addEventListener("submit", function (event) {
      var button = event.submitter;
      var message = (button && button.dataset.confirm) || event.target.dataset.confirm;
      if (message && !window.confirm(message)) {
        event.preventDefault();
      }
    });
    document.body.addEventListener("input", function (event) {
      var form = event.target.closest("form[data-autosave]");
      if (form && event.target.tagName === "TEXTAREA") {
        rememberDraft(form);
        status(form, document.body.dataset.unsaved);
      }
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      var form = event.detail.elt.closest && event.detail.elt.closest("form[data-autosave]");
      if (!form) return;
      if (event.detail.successful && !event.detail.xhr.responseText.includes("alert-warning")) {
        forgetDraft(form);
      } else if (!event.detail.successful) {
        status(form, event.detail.xhr.status === 401 || event.detail.xhr.status === 403
          ? document.body.dataset.loggedOut : document.body.dataset.offline);
      }
    });
    document.body.addEventListener("htmx:sendError", function (event) {
      var form = event.detail.elt.closest && event.detail.elt.closest("form[data-autosave]");
      if (form) status(form, document.body.dataset.offline);
    });
    restoreDrafts();
    openDetailsOfTarget();
    window.addEventListener("hashchange", openDetailsOfTarget);
    startTimers();
    document.body.addEventListener("htmx:afterSwap", startTimers);
  });

  // A link to a field inside a closed <details> (the wheel's directions) opens it, in
  // browsers that do not already do so on their own.
  function openDetailsOfTarget() {
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    var details = target && target.closest("details");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  // The meeting's clocks tick on the page between the server's updates: a point counts
  // down to its planned time (amber from its lower bound, red when over), the whole
  // meeting counts up against its two hours. Durations read as "12 min 5 s", never "12:05".
  function duration(seconds, formats) {
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var kind = h ? (m ? "hm" : "h") : (m ? "ms" : "s");
    return formats[kind].replace("%(h)s", h).replace("%(m)s", m).replace("%(s)s", s);
  }

  function startTimers() {
    document.querySelectorAll(".timer[data-elapsed]").forEach(function (timer) {
      if (timer.dataset.ticking) return;
      timer.dataset.ticking = "1";
      var elapsed = parseInt(timer.dataset.elapsed, 10) || 0;
      var planned = parseInt(timer.dataset.planned, 10) || 0;
      var soft = parseInt(timer.dataset.soft, 10) || planned;
      var down = timer.dataset.count === "down";
      var formats = JSON.parse(timer.dataset.formats || "{}");
      var value = timer.querySelector(".timer-value");
      var word = timer.querySelector(".timer-word");
      function show() {
        var over = planned > 0 && elapsed > planned;
        if (formats.s) {
          if (down) {
            value.textContent = duration(Math.abs(planned - elapsed), formats);
            if (word) word.textContent = over ? word.dataset.over : word.dataset.left;
          } else {
            value.textContent = duration(elapsed, formats);
          }
        }
        timer.classList.toggle("over", over);
        timer.classList.toggle("near", down && !over && elapsed >= soft);
      }
      show();
      if (timer.dataset.running === "1") {
        var interval = window.setInterval(function () {
          if (!document.body.contains(timer)) { window.clearInterval(interval); return; }
          elapsed += 1;
          show();
        }, 1000);
      }
    });
  }
})();
