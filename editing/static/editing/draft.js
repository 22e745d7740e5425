/* Words survive the fair's Wi-Fi (progressive enhancement of the edit form; without it the form posts as usual).

   - What is typed is kept in this browser's localStorage as it is typed, under
     "wiki-draft:<page>:<section>:<base revision>".
   - Save sends the form with fetch: when the connection drops, nothing is lost and nothing navigates away;
     a message says so and "Send again" sends the same form (same base revision, so the server's merge applies).
   - Reopening the form restores the newest unsent draft of this page and section (and its base revision),
     with a notice and a way to discard it. A successful save clears the page's drafts.
   - In a conflict, choosing theirs/yours/both for a clash rewrites that clash in the text at once. */
(function () {
    "use strict";
    var PREFIX = "wiki-draft:";
    var SKIP = {csrfmiddlewaretoken: 1, challenge: 1, nonce: 1, contact_email: 1, base_revision: 1};
    var CLASH = /^<<<<<<< [^\n]*\((\d+)\)\n([\s\S]*?)^=======\n([\s\S]*?)^>>>>>>> [^\n]*\(\1\)(?:\n|$)/gm;

    function storage() {
        try { var s = window.localStorage; s.getItem(PREFIX); return s; } catch (err) { return null; }
    }

    function fields(form) {
        return Array.prototype.filter.call(form.elements, function (el) {
            return el.name && !SKIP[el.name] && !/^clash-/.test(el.name) &&
                (el.tagName === "TEXTAREA" || el.tagName === "SELECT" ||
                 (el.tagName === "INPUT" && /^(text|url|number|checkbox)$/.test(el.type)));
        });
    }

    function valuesOf(form) {
        var out = {};
        fields(form).forEach(function (el) {
            if (el.type === "checkbox") { out[el.name + "=" + el.value] = el.checked; } else { out[el.name] = el.value; }
        });
        return out;
    }

    function setValues(form, values) {
        fields(form).forEach(function (el) {
            if (el.type === "checkbox") {
                var key = el.name + "=" + el.value;
                if (key in values) { el.checked = values[key]; }
            } else if (el.name in values) {
                el.value = values[el.name];
            }
        });
    }

    function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

    function keysFor(store, prefix) {
        var keys = [], i;
        for (i = 0; i < store.length; i++) {
            if (store.key(i).indexOf(prefix) === 0) { keys.push(store.key(i)); }
        }
        return keys;
    }

    function init(form) {
        var store = storage();
        if (!form || !form.dataset.draftKey) { return; }
        var page = form.dataset.draftKey.split(":")[0];
        var base = form.elements.base_revision ? form.elements.base_revision.value : "";
        var prefix = PREFIX + form.dataset.draftKey + ":";
        var initial = valuesOf(form);

        function key() { return prefix + (form.elements.base_revision ? form.elements.base_revision.value : base); }
        function clearPage() { if (store) { keysFor(store, PREFIX + page + ":").forEach(function (k) { store.removeItem(k); }); } }
        function keep() {
            if (!store) { return; }
            var values = valuesOf(form);
            try {
                if (same(values, initial)) { store.removeItem(key()); return; }
                store.setItem(key(), JSON.stringify({saved: Date.now(), values: values}));
            } catch (err) { /* storage full or refused: the form still works */ }
        }

        if (store && form.dataset.fresh) {
            restore(form, store, prefix, initial);
        } else if (store) {
            // The server sent the form back (a conflict, an error): what it shows is the visitor's text now.
            clearPage();
            initial = {};
            keep();
        }
        form.addEventListener("input", keep);
        form.addEventListener("change", function (event) {
            if (/^clash-/.test(event.target.name)) { applyClash(form, event.target); }
            keep();
        });
        form.addEventListener("submit", function (event) {
            if (event.defaultPrevented || !event.submitter || event.submitter.name !== "save" || !window.fetch) { return; }
            event.preventDefault();
            keep();
            send(form, event.submitter, clearPage);
        });
    }

    function restore(form, store, prefix, initial) {
        var newest = null, newestKey = null;
        keysFor(store, prefix).forEach(function (k) {
            try {
                var draft = JSON.parse(store.getItem(k));
                if (draft && draft.values && (!newest || draft.saved > newest.saved)) { newest = draft; newestKey = k; }
            } catch (err) { store.removeItem(k); }
        });
        if (!newest || same(newest.values, initial)) { return; }
        var originalBase = form.elements.base_revision ? form.elements.base_revision.value : "";
        setValues(form, newest.values);
        // The draft was written against its own base revision: saving it merges from there.
        if (form.elements.base_revision) { form.elements.base_revision.value = newestKey.slice(prefix.length); }
        var notice = document.querySelector(".draft-notice");
        if (!notice) { return; }
        var time = new Date(newest.saved).toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"});
        notice.textContent = notice.dataset.restored.replace("%(time)s", time) + " ";
        var discard = document.createElement("button");
        discard.type = "button";
        discard.className = "button-secondary draft-discard";
        discard.textContent = notice.dataset.discard;
        discard.addEventListener("click", function () {
            store.removeItem(newestKey);
            setValues(form, initial);
            if (form.elements.base_revision) { form.elements.base_revision.value = originalBase; }
            notice.textContent = notice.dataset.discarded;
        });
        notice.appendChild(discard);
        notice.hidden = false;
    }

    function send(form, submitter, onSaved) {
        var status = document.querySelector(".send-status");
        var data = new FormData(form, submitter);
        var buttons = form.querySelectorAll("button[type=submit]");
        function busy(on) { Array.prototype.forEach.call(buttons, function (b) { b.disabled = on; }); }
        function tell(text, again) {
            if (!status) { return; }
            status.textContent = text + " ";
            status.hidden = false;
            if (again) {
                var button = document.createElement("button");
                button.type = "button";
                button.className = "button-primary send-again";
                button.textContent = status.dataset.again;
                button.addEventListener("click", function () { send(form, submitter, onSaved); });
                status.appendChild(button);
            }
        }
        busy(true);
        if (status && status.dataset.sending) { tell(status.dataset.sending, false); }
        fetch(form.getAttribute("action") || window.location.href, {
            method: "POST", body: data, credentials: "same-origin", headers: {"X-Edit-Form": "fetch"}
        }).then(function (response) {
            var type = response.headers.get("Content-Type") || "";
            if (response.ok && type.indexOf("application/json") === 0) {
                return response.json().then(function (answer) { onSaved(); window.location.assign(answer.location); });
            }
            return response.text().then(function (html) { replaceMain(html); });
        }, function () {
            busy(false);
            tell(status ? status.dataset.offline : "", true);
            window.addEventListener("online", function () {
                if (status && !status.hidden) { status.firstChild.textContent = status.dataset.online + " "; }
            }, {once: true});
        });
    }

    function replaceMain(html) {
        /* The server answered with the form again (a conflict, an error): show it in place. */
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector("main"), main = document.querySelector("main");
        if (!fresh || !main) { document.open(); document.write(html); document.close(); return; }
        main.innerHTML = fresh.innerHTML;
        document.title = doc.title;
        var form = document.getElementById("edit-form");
        if (form && window.editingPow && form.querySelector(".pow-status")) { window.editingPow.start(form); }
        init(form);
        main.focus();
        window.scrollTo(0, 0);
    }

    function applyClash(form, radio) {
        var fieldset = radio.closest(".clash"), textarea = form.elements[fieldset.dataset.field];
        if (!textarea) { return; }
        var number = fieldset.dataset.clash, done = false;
        textarea.value = textarea.value.replace(CLASH, function (whole, n, theirs, yours) {
            if (n !== number) { return whole; }
            done = true;
            return {theirs: theirs, yours: yours, both: theirs + yours}[radio.value];
        });
        if (!done) { return; }
        Array.prototype.forEach.call(fieldset.querySelectorAll("input[type=radio]"), function (r) { r.disabled = true; });
        var note = fieldset.querySelector(".clash-applied");
        if (note) { note.hidden = false; }
    }

    init(document.getElementById("edit-form"));
})();
