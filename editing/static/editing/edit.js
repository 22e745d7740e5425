/* Proof of work for anonymous saves (editing/pow.py): find a nonce so that
   sha256(challenge + nonce) starts with the required number of zero bits.
   A small SHA-256 of our own, because crypto.subtle is missing on plain HTTP. */
(function () {
    "use strict";
    var K = new Int32Array([0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2]);
    var H0 = new Int32Array([0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19]);
    var W = new Int32Array(64), h = new Int32Array(8);

    function bytesOf(text) {
        var out = [], i, c;
        for (i = 0; i < text.length; i++) {
            c = text.charCodeAt(i);
            if (c < 128) { out.push(c); } else { return new TextEncoder().encode(text); }
        }
        return out;
    }

    var scratch = new Uint8Array(64);

    function sha256Head(bytes, length) {
        /* The digest as eight 32-bit words; bytes[0:length] is hashed. */
        var n = length === undefined ? bytes.length : length, size = ((n + 9 + 63) >> 6) * 64;
        var i, j, t, a, b, c, d, e, f, g, hh, s0, s1, t1, t2, x, buf;
        h.set(H0);
        if (scratch.length !== size) { scratch = new Uint8Array(size); }
        buf = scratch;
        for (i = 0; i < n; i++) { buf[i] = bytes[i]; }
        for (i = n; i < size; i++) { buf[i] = 0; }
        buf[n] = 0x80;
        x = n * 8;
        buf[buf.length - 1] = x & 255; buf[buf.length - 2] = (x >>> 8) & 255;
        buf[buf.length - 3] = (x >>> 16) & 255; buf[buf.length - 4] = (x >>> 24) & 255;
        for (j = 0; j < buf.length; j += 64) {
            for (t = 0; t < 16; t++) {
                i = j + t * 4;
                W[t] = (buf[i] << 24) | (buf[i + 1] << 16) | (buf[i + 2] << 8) | buf[i + 3];
            }
            for (t = 16; t < 64; t++) {
                x = W[t - 15]; s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
                x = W[t - 2]; s1 = ((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10);
                W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
            }
            a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; hh = h[7];
            for (t = 0; t < 64; t++) {
                s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
                t1 = (hh + s1 + ((e & f) ^ (~e & g)) + K[t] + W[t]) | 0;
                s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
                t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
                hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
            }
            h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
            h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + hh) | 0;
        }
        return h;
    }

    function zeroBits(h) {
        var first = Math.clz32(h[0]);
        return first < 32 ? first : 32 + Math.clz32(h[1]);
    }

    function bitsOf(challenge) {
        /* The difficulty is signed inside the challenge: base64url JSON before the first ":". */
        try {
            var part = challenge.split(":")[0].replace(/-/g, "+").replace(/_/g, "/");
            while (part.length % 4) { part += "="; }
            return JSON.parse(atob(part)).b || 0;
        } catch (err) { return 20; }
    }

    function solve(challenge, done) {
        var bits = bitsOf(challenge), nonce = 0, prefix = bytesOf(challenge), p = prefix.length;
        var bytes = new Uint8Array(p + 24);
        bytes.set(prefix);
        function chunk() {
            var end = nonce + 20000, digits, k;
            for (; nonce < end; nonce++) {
                digits = String(nonce);
                for (k = 0; k < digits.length; k++) { bytes[p + k] = digits.charCodeAt(k); }
                if (zeroBits(sha256Head(bytes, p + digits.length)) >= bits) { done(String(nonce)); return; }
            }
            setTimeout(chunk, 0);
        }
        chunk();
    }

    function start(form) {
        /* Solve the form's challenge at once, so the save is ready before the first keystroke ends. */
        if (!form || !form.elements.challenge || !form.elements.challenge.value) { return; }
        var status = form.querySelector(".pow-status"), solved = false, waiting = null;
        if (status) { status.textContent = status.dataset.working; }
        solve(form.elements.challenge.value, function (nonce) {
            form.elements.nonce.value = nonce;
            solved = true;
            if (status) { status.textContent = status.dataset.done; }
            if (waiting) { var submitter = waiting; waiting = null; form.requestSubmit(submitter); }
        });
        form.addEventListener("submit", function (event) {
            var submitter = event.submitter;
            if (solved || !submitter || submitter.name !== "save") { return; }
            event.preventDefault();
            waiting = submitter;
            if (status) { status.textContent = status.dataset.working; }
        });
    }

    window.editingPow = {solve: solve, sha256Head: sha256Head, zeroBits: zeroBits, start: start};
    if (typeof document === "undefined") { return; }
    start(document.getElementById("edit-form"));
})();
