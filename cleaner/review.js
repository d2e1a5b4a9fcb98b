// cleaner review: draws the page from the JSON in #data (review_model.py says its shape).
// Every text of the input goes into the page through textContent or an attribute, never as markup.
// Documents are drawn when they come near the viewport, so 1,000 of them open at once.
"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("data").textContent);
  const FOLD_MIN = Number(document.body.dataset.foldMin);
  const CHART_ROWS = 12;
  const REMOVED = 0, KEPT = 1, HEADLINE_KEPT = 2, HEADLINE_REMOVED = 3;
  const reasons = DATA.reasons;
  const docs = DATA.docs;
  const state = { query: "", minShare: 0, reason: null };

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  const fmt = (n) => n.toLocaleString("en");
  const pct = (part, whole) => (whole ? Math.round((100 * part) / whole) : 0);
  const removed = (flag) => flag === REMOVED || flag === HEADLINE_REMOVED;
  const words = (text) => (text.match(/\S+/g) || []).length;
  const plural = (n, one, many) => `${fmt(n)} ${n === 1 ? one : many}`;
  // Bidirectional controls (an RTL override turns "evil\u202etxt.exe" into "evilexe.txt") are shown
  // as their code points: a review must show what is there, not what it pretends to be.
  const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  const visible = (text) => text.replace(BIDI, (c) => `\u27e6U+${c.charCodeAt(0).toString(16).toUpperCase()}\u27e7`);

  // --- summary ---------------------------------------------------------------------------------
  function summary() {
    const out = DATA.wordsIn - DATA.wordsOut;
    const failed = DATA.failed ? ` (${fmt(DATA.failed)} could not be cleaned)` : "";
    document.getElementById("totals").textContent =
      `${plural(docs.length, "document", "documents")}${failed} · words in ${fmt(DATA.wordsIn)} · words out ` +
      `${fmt(DATA.wordsOut)} · removed ${fmt(out)} (${pct(out, DATA.wordsIn)}%)`;
    const top = reasons.map((r, i) => [r, i]).filter(([r]) => r.w > 0).sort((a, b) => b[0].w - a[0].w);
    const chart = document.getElementById("chart");
    const most = top.length ? top[0][0].w : 1;
    for (const [r] of top.slice(0, CHART_ROWS)) {
      const row = el("a", "bar-row");
      row.href = "#reason=" + encodeURIComponent(r.k);
      row.title = `${r.k}: ${r.c}`;
      row.append(el("span", "bar-label", r.l));
      const track = el("span", "bar-track");
      const bar = el("span", "bar");
      bar.style.width = `${Math.max(0.5, (100 * r.w) / most)}%`;
      track.append(bar);
      row.append(track, el("span", "bar-num", `${plural(r.w, "word", "words")} · ${plural(r.d, "doc", "docs")}`));
      chart.append(row);
    }
    if (top.length > CHART_ROWS) chart.append(el("p", "more", `and ${top.length - CHART_ROWS} more reasons`));
  }

  // --- one document ------------------------------------------------------------------------------
  function block(b) {
    const [text, flag, ri, full, para, hidden] = b;
    const r = reasons[ri];
    const node = el("div", "blk" + (removed(flag) ? " rm" : "") + (flag >= HEADLINE_KEPT ? " hl" : "") +
      (para ? " para" : "") + (state.reason === r.k ? " hit" : ""));
    node.dataset.reason = r.k;
    const txt = el("span", "txt", visible(text));
    txt.dir = "auto";
    if (hidden) txt.append(el("span", "cut", ` … ${fmt(hidden)} more characters not shown`));
    const why = el("span", "why", removed(flag) ? r.l : flag === HEADLINE_KEPT ? "headline" : "");
    why.title = `${full || r.k}\n${r.c}`;
    node.append(txt, why);
    return node;
  }

  function foldLabel(run) {
    const by = new Map();
    for (const b of run) by.set(b[2], (by.get(b[2]) || 0) + words(b[0]) + 1);
    const keys = [...by.entries()].sort((a, b) => b[1] - a[1]).map(([ri]) => reasons[ri].l);
    const more = keys.length > 2 ? ` and ${keys.length - 2} more` : "";
    return `${run.length} lines removed: ${keys.slice(0, 2).join(", ")}${more}`;
  }

  function fold(run) {
    const box = el("div", "fold");
    const button = el("button", "fold-toggle", foldLabel(run));
    button.type = "button";
    const inner = el("div", "fold-body");
    for (const b of run) inner.append(block(b));
    if (state.reason !== null && run.some((b) => reasons[b[2]].k === state.reason)) box.classList.add("open");
    button.addEventListener("click", () => box.classList.toggle("open"));
    box.append(button, inner);
    return box;
  }

  function draw(doc, body) {
    body.textContent = "";
    if (doc.e) body.append(el("p", "err", `could not be cleaned: ${doc.e}`));
    const blocks = doc.b;
    for (let i = 0; i < blocks.length; ) {
      let j = i;
      while (j < blocks.length && removed(blocks[j][1])) j++;
      if (j - i >= FOLD_MIN) {
        body.append(fold(blocks.slice(i, j)));
        i = j;
      } else {
        body.append(block(blocks[i]));
        i++;
      }
    }
    body.dataset.drawn = "1";
    body.style.minHeight = "";
  }

  function header(doc, i) {
    const h = el("h2");
    const a = el("a", "name", visible(doc.n));
    a.href = `#d${i}`;
    const gone = doc.wi - doc.wo;
    const counts = doc.e ? "not cleaned" :
      `${plural(doc.b.length, "block", "blocks")} · ${fmt(doc.wo)} words kept · ${fmt(gone)} removed (${pct(gone, doc.wi)}%)`;
    h.append(a, el("span", "counts", counts));
    return h;
  }

  // --- all documents, drawn lazily ---------------------------------------------------------------
  const sections = [];
  const seen = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const section = entry.target;
      draw(docs[section.dataset.i], section.querySelector(".body"));
      seen.unobserve(section);
    }
  }, { rootMargin: "1200px 0px" });

  function observe(section) {
    const body = section.querySelector(".body");
    if (body.dataset.drawn) {
      body.dataset.drawn = "";
      body.textContent = "";
    }
    body.style.minHeight = `${Math.min(40, docs[section.dataset.i].b.length) * 1.2}em`;
    seen.observe(section);
  }

  function documents() {
    const main = document.getElementById("docs");
    docs.forEach((doc, i) => {
      const section = el("section", "doc");
      section.id = `d${i}`;
      section.dataset.i = i;
      section.append(header(doc, i), el("div", "body"));
      main.append(section);
      sections.push(section);
      observe(section);
    });
  }

  // --- filters: search, share removed, reason ----------------------------------------------------
  const haystacks = [];
  function haystack(i) {
    if (haystacks[i] === undefined) {
      haystacks[i] = (docs[i].n + "\n" + docs[i].b.map((b) => b[0]).join("\n")).toLowerCase();
    }
    return haystacks[i];
  }

  function matches(doc, i) {
    if (state.minShare > 0 && pct(doc.wi - doc.wo, doc.wi) <= state.minShare) return false;
    if (state.reason !== null && !doc.b.some((b) => removed(b[1]) && reasons[b[2]].k === state.reason)) {
      return false;
    }
    return !state.query || haystack(i).includes(state.query);
  }

  function apply(redraw) {
    let shown = 0;
    docs.forEach((doc, i) => {
      const section = sections[i];
      section.hidden = !matches(doc, i);
      if (!section.hidden) shown++;
      if (redraw) observe(section);
    });
    document.getElementById("shown").textContent = `showing ${fmt(shown)} of ${fmt(docs.length)} documents`;
    const active = document.getElementById("reason-filter");
    active.hidden = state.reason === null;
    document.getElementById("reason-name").textContent = state.reason || "";
  }

  function fromHash() {
    const m = /^#reason=(.*)$/.exec(location.hash);
    const reason = m ? decodeURIComponent(m[1]) : null;
    if (reason === state.reason) return;
    state.reason = reason;
    apply(true);
  }

  function controls() {
    let timer = 0;
    document.getElementById("search").addEventListener("input", (ev) => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.query = ev.target.value.trim().toLowerCase(); apply(false); }, 150);
    });
    document.getElementById("min-share").addEventListener("input", (ev) => {
      state.minShare = Number(ev.target.value) || 0;
      apply(false);
    });
    document.getElementById("clear-reason").addEventListener("click", () => {
      history.replaceState(null, "", location.pathname + location.search);
      fromHash();
    });
    window.addEventListener("hashchange", fromHash);
  }

  summary();
  documents();
  controls();
  state.reason = null;
  fromHash();
  apply(false);
})();
