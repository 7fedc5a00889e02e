// The desk's one script. Every page works without it; it only helps:
// pointing at a value read from a form lights the cell it came from (and
// the heading it was read under), and pointing at a cell lights what was
// read from it; the year chosen shows at once; the receipt copies with a
// button.
"use strict";
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => {
  const places = new Map(); // a place ("調査票!C6") → the elements that show it
  for (const el of document.querySelectorAll("[data-where]")) {
    const w = el.dataset.where;
    if (!places.has(w)) places.set(w, []);
    places.get(w).push(el);
  }
  let lit = [];
  const light = (el) => {
    for (const e of lit) e.classList.remove("hl", "hh");
    lit = [];
    const mark = (where, cls) => {
      for (const e of places.get(where) || []) {
        e.classList.add(cls);
        lit.push(e);
      }
    };
    mark(el.dataset.where, "hl");
    if (el.dataset.heading) mark(el.dataset.heading, "hh");
    // Bring the others into view, each within its own pane.
    for (const e of places.get(el.dataset.where) || []) {
      if (e !== el && e.closest(".pane") !== el.closest(".pane")) reveal(e);
    }
  };
  const reveal = (e) => {
    const pane = e.closest(".pane");
    if (!pane) return;
    const p = pane.getBoundingClientRect(), r = e.getBoundingClientRect();
    if (r.top < p.top || r.bottom > p.bottom || r.left < p.left || r.right > p.right) {
      e.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  };
  const point = (ev) => {
    const el = ev.target.closest && ev.target.closest("[data-where]");
    if (el) light(el);
  };
  document.addEventListener("pointerover", point);
  document.addEventListener("focusin", point);

  for (const s of document.querySelectorAll("select[data-autosubmit]")) {
    s.addEventListener("change", () => s.form.submit());
  }
  for (const b of document.querySelectorAll("button[data-copy]")) {
    const text = document.getElementById(b.dataset.copy);
    b.hidden = false;
    b.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text.value);
      } catch {
        text.select();
        document.execCommand("copy"); // an unencrypted connection has no clipboard API
      }
      b.textContent = "コピーしました";
    });
  }
});
