// The search page: Pagefind's index, loaded from this site only, queried as the reader
// types. Results link to the paragraph that matched; filters narrow by topic, official,
// outlet and briefing; the count is announced to screen readers.
const form = document.getElementById("search");
const base = form.dataset.base;
const input = document.getElementById("q");
const sort = document.getElementById("sort");
const status = document.getElementById("status");
const list = document.getElementById("results");
const selects = [...form.querySelectorAll("select[data-filter]")];

const pagefind = await import(`${base}pagefind/pagefind.js`);
await pagefind.options({ baseUrl: base, excerptLength: 30 });
await pagefind.init();

// Filter choices from the index itself.
const available = await pagefind.filters();
for (const select of selects) {
  const values = Object.keys(available[select.dataset.filter] ?? {}).sort();
  for (const value of values) select.add(new Option(value, value));
}

const params = new URLSearchParams(location.search);
input.value = params.get("q") ?? "";
for (const select of selects) select.value = params.get(select.dataset.filter) ?? "";
sort.value = params.get("sort") === "date" ? "date" : "relevance";

/** The anchor of the first paragraph of the transcript where a match stands, if any. */
function paragraphOf(data) {
  const paragraphs = (data.anchors ?? []).filter((a) => a.element === "p").sort((a, b) => a.location - b.location);
  for (const at of [...(data.locations ?? [])].sort((a, b) => a - b)) {
    const before = paragraphs.filter((a) => a.location <= at);
    if (before.length) return `#${before[before.length - 1].id}`;
  }
  return "";
}

let latest = 0;
async function run() {
  const query = input.value.trim();
  const filters = {};
  for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
  const state = new URLSearchParams();
  if (query) state.set("q", query);
  for (const [k, v] of Object.entries(filters)) state.set(k, v);
  if (sort.value === "date") state.set("sort", "date");
  history.replaceState(null, "", `${location.pathname}${state.size ? "?" + state : ""}`);
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  const ticket = ++latest;
  const search = await pagefind.search(query || null, {
    filters,
    sort: sort.value === "date" ? { date: "desc" } : undefined,
  });
  if (ticket !== latest) return;
  const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  if (ticket !== latest) return;
  const total = search.results.length;
  if (total === 0) {
    status.textContent = Object.keys(filters).length
      ? `No result for “${query}” with these filters. Try removing a filter.`
      : `No result for “${query}”.`;
  } else {
    status.textContent = `${total} result${total === 1 ? "" : "s"}${total > 20 ? ", the first 20 shown" : ""}.`;
  }
  list.replaceChildren(
    ...results.map((data) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = data.url + paragraphOf(data);
      link.textContent = data.meta.title ?? data.url;
      const heading = document.createElement("h2");
      heading.append(link);
      const meta = document.createElement("p");
      meta.className = "muted";
      meta.textContent = [data.meta.date, ...(data.filters?.outlet ?? [])].filter(Boolean).join(" · ");
      const excerpt = document.createElement("p");
      // Pagefind's excerpt is escaped text with <mark> around the matched words.
      excerpt.innerHTML = data.excerpt;
      item.append(heading, meta, excerpt);
      return item;
    }),
  );
}

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
run();
