/* Suggestions as you type in every search box (the header's, the home page's, the search page's);
   progressive enhancement: the forms work without it. Each is an ARIA combobox: the input controls a
   listbox of page titles from /<lang>/search/suggest/?q=. */
(function () {
  "use strict";
  if (!window.fetch) { return; }
  var forms = document.querySelectorAll("form[data-suggest-url]");
  for (var f = 0; f < forms.length; f++) { combobox(forms[f]); }

  function combobox(form) {
  var input = form.querySelector("input[role=combobox]");
  if (!input) { return; }
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var status = form.querySelector("[data-suggest-status]");
  var url = form.getAttribute("data-suggest-url");
  var timer = null, active = -1, items = [], lastQuery = "", controller = null;

  function close() {
    list.hidden = true;
    list.textContent = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1; items = [];
  }

  function setActive(index) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) { return; }
    active = (index + options.length) % options.length;
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === active ? "true" : "false");
    }
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function render(suggestions) {
    list.textContent = "";
    items = suggestions;
    suggestions.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("lang", item.language);
      var title = document.createElement("span");
      title.textContent = item.title;
      var meta = document.createElement("span");
      meta.className = "search-suggestions__meta";
      meta.textContent = item.language.toUpperCase() + " · " + item.type;
      li.appendChild(title);
      li.appendChild(meta);
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.href = item.url;
      });
      list.appendChild(li);
    });
    var open = suggestions.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    active = -1;
    if (status) {
      status.textContent = open
        ? status.getAttribute("data-some").replace("{count}", suggestions.length)
        : (input.value.trim().length >= 2 ? status.getAttribute("data-none") : "");
    }
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query === lastQuery) { return; }
    lastQuery = query;
    if (query.length < 2) { close(); return; }
    if (controller) { controller.abort(); }
    controller = window.AbortController ? new AbortController() : null;
    fetch(url + "?q=" + encodeURIComponent(query), {
      headers: { "Accept": "application/json" },
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.ok ? response.json() : { suggestions: [] };
    }).then(function (data) {
      if (input.value.trim() === query) { render(data.suggestions || []); }
    }).catch(function () { /* offline or aborted: the form still works */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); setActive(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); setActive(active - 1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0 && items[active]) {
      event.preventDefault();
      window.location.href = items[active].url;
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
  }
})();
