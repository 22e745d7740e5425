// Layout helpers. Everything here is an enhancement: without JavaScript the menus are plain <details>.
(function () {
  "use strict";

  // A <summary> that names its panel states aria-expanded, kept in step with the disclosure.
  function syncExpanded(details) {
    var summary = details.querySelector(":scope > summary[aria-expanded]");
    if (summary) summary.setAttribute("aria-expanded", details.open ? "true" : "false");
  }
  var disclosures = document.querySelectorAll("details.site-menu, details.page-tools__more");
  disclosures.forEach(function (details) {
    syncExpanded(details);
    details.addEventListener("toggle", function () { syncExpanded(details); });
  });

  // The header's menu stands open, without its button, where the screen has room for it.
  var menu = document.querySelector("details.site-menu");
  if (menu && window.matchMedia && menu.dataset.inlineFrom) {
    var wide = window.matchMedia("(min-width: " + menu.dataset.inlineFrom + ")");
    var place = function () {
      menu.classList.toggle("site-menu--inline", wide.matches);
      menu.open = wide.matches;
    };
    place();
    wide.addEventListener("change", place);
  }

  function closeFloating(except) {
    disclosures.forEach(function (details) {
      if (details !== except && details.open && !details.classList.contains("site-menu--inline")) details.open = false;
    });
  }
  document.addEventListener("click", function (event) {
    var inside = event.target.closest && event.target.closest("details.site-menu, details.page-tools__more");
    closeFloating(inside);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.activeElement && document.activeElement.closest("details[open]");
    closeFloating(null);
    if (open) {
      var summary = open.querySelector(":scope > summary");
      if (summary && summary.offsetParent !== null) summary.focus();
    }
  });

  // A table wider than its column scrolls in its own box; keyboards can reach it only when it is focusable.
  function markScrollingTables() {
    document.querySelectorAll(".prose table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) table.setAttribute("tabindex", "0");
      else table.removeAttribute("tabindex");
    });
  }
  markScrollingTables();
  window.addEventListener("resize", markScrollingTables);
})();
