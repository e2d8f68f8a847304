// The search page. It reads the index `build` writes into search-index/ (see
// src/render/search.rs for its files): a table of contents first, then only the word
// files of the query's words and the filters chosen. Results are ranked here; the
// excerpt and the paragraph a result links to come from the result's own page, fetched
// when the result is shown (the browser then has it when the reader follows the link).
// Filters narrow by topic, official, outlet and year; the count is announced to screen
// readers.
const form = document.getElementById("search");
const base = form.dataset.base;
const index = `${base}search-index/`;
const input = document.getElementById("q");
const sort = document.getElementById("sort");
const status = document.getElementById("status");
const list = document.getElementById("results");
const more = document.getElementById("more");
const selects = [...form.querySelectorAll("select[data-filter]")];

/** Results shown at a time; the excerpts of the first few are fetched at once. */
const SHOWN = 20;
const EXCERPTS_AT_ONCE = 5;

const fetched = new Map();
function load(url, as) {
  if (!fetched.has(url)) {
    fetched.set(
      url,
      fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${url}: ${r.status}`);
        return r[as]();
      }),
    );
  }
  return fetched.get(url);
}

const meta = await load(`${index}meta.json`, "json");
for (const select of selects) {
  for (const [value, count] of meta.filters[select.dataset.filter] ?? []) {
    select.add(new Option(`${value} (${count})`, value));
  }
}

// The tokenizer: the same rules as `words` in src/render/search.rs.
const WORD = /[\p{Alphabetic}\p{N}]/u;
const LETTER = /\p{Alphabetic}/u;
const DIGIT = /[0-9]/;
function words(text) {
  const out = [];
  const chars = [...text];
  let word = "";
  let apostropheAt = -1;
  const flush = () => {
    if (apostropheAt === word.length - 1 && word.endsWith("s")) word = word.slice(0, -1);
    if ([...word].length <= 40) out.push(word);
    word = "";
    apostropheAt = -1;
  };
  chars.forEach((c, i) => {
    if (WORD.test(c)) {
      word += c.toLowerCase();
      return;
    }
    if (!word) return;
    const before = chars[i - 1] ?? "";
    const after = chars[i + 1] ?? "";
    if ((c === "'" || c === "\u2019") && LETTER.test(before) && LETTER.test(after)) apostropheAt = word.length;
    else if (c === "." && DIGIT.test(before) && DIGIT.test(after)) word += ".";
    else if (!(c === "," && DIGIT.test(before) && DIGIT.test(after))) flush();
  });
  if (word) flush();
  return out;
}

/** Reads a varint at `at.i`. */
function varint(bytes, at) {
  let n = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at.i++];
    n += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return n;
    shift += 7;
  }
}

/** Decodes one entry (a word's or a filter's documents) into a Map of doc -> weight. */
function postings(bytes, at, weighted) {
  const docs = new Map();
  varint(bytes, at);
  const kind = bytes[at.i++];
  const length = varint(bytes, at);
  const end = at.i + length;
  if (kind === 0) {
    let doc = -1;
    while (at.i < end) {
      const gap = varint(bytes, at);
      doc = doc < 0 ? gap : doc + gap;
      docs.set(doc, weighted ? bytes[at.i++] : 1);
    }
  } else {
    for (let i = 0; i < length; i++) {
      const b = bytes[at.i + i];
      if (b) for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) docs.set(i * 8 + bit, 1);
    }
  }
  at.i = end;
  return docs;
}

const decoder = new TextDecoder();
/** The words of word file n, as a Map of word -> entry offset, with the bytes. */
async function wordFile(n) {
  const bytes = new Uint8Array(await load(`${index}w/${n}.bin`, "arrayBuffer"));
  const entries = [];
  const at = { i: 0 };
  while (at.i < bytes.length) {
    const length = varint(bytes, at);
    const word = decoder.decode(bytes.subarray(at.i, at.i + length));
    at.i += length;
    entries.push([word, at.i]);
    varint(bytes, at);
    at.i++;
    const skip = varint(bytes, at);
    at.i += skip;
  }
  return { bytes, entries };
}

/** The last word file whose first word is at most `word`. */
function fileOf(word) {
  let lo = 0;
  let hi = meta.words.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (meta.words[mid] <= word) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A typed word's documents: the word itself, and for words of four letters or more,
 * longer words starting with it (up to three letters more: "reform", "reforms",
 * "reformed"), which count for less. Map of doc -> weight. */
async function lookup(word) {
  const found = new Map();
  if (!meta.words.length) return { docs: found, count: 0 };
  const grows = word.length >= 4 && /^\p{Alphabetic}+$/u.test(word);
  let count = 0;
  for (let n = fileOf(word); n < meta.words.length; n++) {
    if (n > fileOf(word) && !meta.words[n].startsWith(word)) break;
    const file = await wordFile(n);
    for (const [w, offset] of file.entries) {
      const exact = w === word;
      if (!exact && !(grows && w.startsWith(word) && w.length <= word.length + 3)) continue;
      const docs = postings(file.bytes, { i: offset }, true);
      count = Math.max(count, docs.size);
      for (const [doc, weight] of docs) {
        const value = exact ? weight : weight / 2;
        if ((found.get(doc) ?? 0) < value) found.set(doc, value);
      }
    }
    if (!grows) break;
  }
  return { docs: found, count };
}

async function filterDocs(kind, value) {
  const entry = (meta.filters[kind] ?? []).find(([v]) => v === value);
  if (!entry) return new Map();
  const bytes = new Uint8Array(await load(`${index}f/${entry[2]}.bin`, "arrayBuffer"));
  return postings(bytes, { i: 0 }, false);
}

/** The documents that hold every word and pass every filter, ranked. */
async function find(query, filters, byDate) {
  const typed = [...new Set(words(query))];
  const sets = await Promise.all(typed.map(lookup));
  const chosen = await Promise.all(Object.entries(filters).map(([k, v]) => filterDocs(k, v)));
  const all = [...sets.map((s) => s.docs), ...chosen].sort((a, b) => a.size - b.size);
  if (!all.length) return [];
  const scores = new Map();
  for (const doc of all[0].keys()) {
    if (all.every((s) => s.has(doc))) {
      // Each word: how rare it is, times how much it weighs here (saturating).
      let score = 0;
      for (const { docs, count } of sets) {
        const w = docs.get(doc);
        score += Math.log(1 + (meta.docs - count + 0.5) / (count + 0.5)) * (w / (w + 1.2));
      }
      scores.set(doc, score);
    }
  }
  const ids = [...scores.keys()];
  return byDate || !typed.length ? ids.sort((a, b) => a - b) : ids.sort((a, b) => scores.get(b) - scores.get(a) || a - b);
}

async function card(doc) {
  const cards = await load(`${index}d/${Math.floor(doc / meta.docsPerFile)}.json`, "json");
  const [rel, title, date, briefing, outlet] = cards[doc % meta.docsPerFile];
  return { url: base + rel, title, date, briefing, outlet };
}

/** "2024-07-26" as the site writes dates: "26 July 2024". */
const dateText = (iso) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** Escapes text for HTML. */
const escape = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The paragraph of `page` where the typed words stand most, its speaker, and an
 * excerpt around the first of them with the words marked. */
function excerptOf(html, typed) {
  const page = new DOMParser().parseFromString(html, "text/html");
  const matches = (w) => typed.some((t) => w === t || (t.length >= 4 && w.startsWith(t) && w.length <= t.length + 3));
  let best = null;
  for (const p of page.querySelectorAll("article p[id], article li[id]")) {
    const content = p.textContent.trim();
    const hits = words(content).filter(matches).length;
    if (hits && (!best || hits > best.hits)) best = { p, content, hits };
  }
  if (!best) return null;
  const turn = best.p.closest(".turn");
  const speaker = turn?.querySelector(".speaker .name")?.textContent ?? "";
  // Mark whole words that match; keep about 30 words around the first.
  const pieces = best.content.split(/(\s+)/);
  const first = pieces.findIndex((piece) => words(piece).some(matches));
  const from = Math.max(0, first - 20);
  const to = Math.min(pieces.length, first + 40);
  const excerpt = pieces
    .slice(from, to)
    .map((piece) => (piece.trim() && words(piece).some(matches) ? `<mark>${escape(piece)}</mark>` : escape(piece)))
    .join("");
  return { id: best.p.id, speaker, excerpt: `${from > 0 ? "… " : ""}${excerpt}${to < pieces.length ? " …" : ""}` };
}

/** Fills in a result's excerpt and paragraph link from its page. */
async function fillIn(item, result, typed) {
  if (item.dataset.filled) return;
  item.dataset.filled = "yes";
  let found = null;
  try {
    found = typed.length ? excerptOf(await load(result.url, "text"), typed) : null;
  } catch {
    return;
  }
  if (!found) return;
  item.querySelector("h2 a").href = `${result.url}#${found.id}`;
  const excerpt = item.querySelector(".excerpt");
  excerpt.innerHTML = found.speaker ? `<b>${escape(found.speaker)}:</b> ${found.excerpt}` : found.excerpt;
}

const later = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    if (entry.isIntersecting) {
      later.unobserve(entry.target);
      entry.target.dispatchEvent(new Event("shown"));
    }
  }
});

let latest = 0;
let ranked = [];
let shown = 0;
let typedNow = [];

async function show(ticket) {
  const next = ranked.slice(shown, shown + SHOWN);
  const results = await Promise.all(next.map(card));
  if (ticket !== latest) return;
  const items = results.map((result) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.title;
    const heading = document.createElement("h2");
    heading.append(link);
    const about = document.createElement("p");
    about.className = "muted";
    about.textContent = [dateText(result.date), result.briefing, result.outlet].filter(Boolean).join(" · ");
    const excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    item.append(heading, about, excerpt);
    item.addEventListener("shown", () => fillIn(item, result, typedNow));
    return { item, result };
  });
  list.append(...items.map((i) => i.item));
  await Promise.all(items.slice(0, shown ? 0 : EXCERPTS_AT_ONCE).map(({ item, result }) => fillIn(item, result, typedNow)));
  for (const { item } of items) if (!item.dataset.filled) later.observe(item);
  shown += next.length;
  more.hidden = shown >= ranked.length;
}

async function run() {
  const query = input.value.trim();
  const filters = {};
  for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
  const state = new URLSearchParams();
  if (query) state.set("q", query);
  for (const [k, v] of Object.entries(filters)) state.set(k, v);
  if (sort.value === "date") state.set("sort", "date");
  history.replaceState(null, "", `${location.pathname}${state.size ? "?" + state : ""}`);
  const ticket = ++latest;
  list.replaceChildren();
  more.hidden = true;
  if (!words(query).length && !Object.keys(filters).length) {
    status.textContent = "";
    return;
  }
  typedNow = [...new Set(words(query))];
  ranked = await find(query, filters, sort.value === "date");
  if (ticket !== latest) return;
  shown = 0;
  await show(ticket);
  if (ticket !== latest) return;
  const total = ranked.length;
  if (total === 0) {
    status.textContent = Object.keys(filters).length
      ? `No result for “${query}” with these filters. Try removing a filter.`
      : `No result for “${query}”.`;
  } else {
    status.textContent = `${total} result${total === 1 ? "" : "s"}${total > SHOWN ? `, the first ${SHOWN} shown` : ""}.`;
  }
}

const params = new URLSearchParams(location.search);
input.value = params.get("q") ?? "";
for (const select of selects) select.value = params.get(select.dataset.filter) ?? "";
sort.value = params.get("sort") === "date" ? "date" : "relevance";

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(run, 200);
});
for (const select of [...selects, sort]) select.addEventListener("change", run);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
more.addEventListener("click", () => show(latest));
run();
