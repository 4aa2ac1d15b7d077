// Linli's few page behaviours, kept in this file rather than inline in the
// templates: the Content-Security-Policy allows scripts and styles only from
// our own static files (settings.CONTENT_SECURITY_POLICY).
(function () {
  "use strict";

  // <button data-print>: print the page (pick lists, passes, purchase orders).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });

  // <form data-submit-once>: a second tap on a slow connection sends nothing
  // more, and the form shows its "working" line (.htmx-indicator).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-submit-once")) {
      return;
    }
    form.querySelectorAll("button").forEach(function (b) {
      b.disabled = true;
    });
    form.classList.add("htmx-request");
  });

  // Upload progress for large rosters on slow connections. Listening on the
  // document keeps working after htmx swaps the form for one with errors.
  document.addEventListener("htmx:xhr:progress", function (event) {
    var bar = document.getElementById("roster-progress");
    if (bar && event.detail.total) {
      bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });

  // <span data-width="42">: a bar's length in per cent. Set through the style
  // object, which the policy allows, where a style="" attribute is refused.
  function sizeBars(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      var percent = parseFloat(el.getAttribute("data-width"));
      if (!isNaN(percent)) {
        el.style.width = Math.max(0, Math.min(100, percent)) + "%";
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    sizeBars(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    sizeBars(event.target);
  });
})();
