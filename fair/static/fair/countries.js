/* The country picker: several countries in one field, separated by commas. A datalist suggests whole
   values, so while a name is being typed after a comma, the suggestions are rewritten to carry the
   names already chosen in front ("Norway, Swe" -> "Norway, Sweden"). Without JavaScript the field
   still takes names typed out in full. */
(function () {
    "use strict";
    var list = document.getElementById("country-names");
    if (!list) { return; }
    var names = Array.prototype.map.call(list.options, function (o) { return o.value; });
    function suggest(input) {
        var value = input.value, cut = value.lastIndexOf(",");
        var chosen = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
        var typed = value.slice(cut + 1).trim().toLowerCase();
        var own = document.getElementById(input.id + "-names");
        if (!own) {
            own = document.createElement("datalist");
            own.id = input.id + "-names";
            input.parentNode.appendChild(own);
            input.setAttribute("list", own.id);
        }
        own.textContent = "";
        if (!typed) { return; }
        names.filter(function (n) { return n.toLowerCase().indexOf(typed) === 0; }).slice(0, 12).forEach(function (n) {
            var option = document.createElement("option");
            option.value = chosen + n;
            own.appendChild(option);
        });
    }
    document.querySelectorAll("input.country-picker").forEach(function (input) {
        input.addEventListener("input", function () { suggest(input); });
    });
})();
