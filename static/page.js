// Transcript pages: a link on every paragraph and turn that copies its address, copy
// buttons on the citations, and the reader's access date in them. The page reads
// whole without it; the links sit in the margin, so adding them moves no text.
"use strict";

(() => {
  const status = document.createElement("p");
  status.className = "copied";
  status.setAttribute("role", "status");
  document.body.append(status);
  let clear = 0;

  /** Copies `text`, and says so (or says how to copy it by hand). */
  async function copy(text, what) {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = `${what} copied`;
    } catch {
      status.textContent = `Copy this ${what.toLowerCase()}: ${text}`;
    }
    clearTimeout(clear);
    clear = setTimeout(() => (status.textContent = ""), 4000);
  }

  const address = (id) => `${location.origin}${location.pathname}#${id}`;

  /** A link to `id` placed before `where`'s content; a click copies the address too. */
  function linkTo(id, label, where) {
    const a = document.createElement("a");
    a.className = "pl";
    a.href = `#${id}`;
    a.textContent = "¶";
    a.setAttribute("aria-label", label);
    a.addEventListener("click", () => copy(address(id), "Link"));
    where.prepend(a);
  }

  // A long briefing has hundreds of paragraphs: their links are added a batch at a
  // time, so that the page never waits on one long task.
  const todo = [];
  for (const turn of document.querySelectorAll(".turn[id]")) {
    const label = turn.querySelector(".speaker");
    const name = label?.querySelector(".name")?.textContent ?? "a speaker";
    if (label) todo.push([turn.id, `Link to this turn by ${name}`, label]);
  }
  for (const p of document.querySelectorAll("article p[id]")) {
    const n = p.id.match(/-p(\d+)$/);
    if (n) todo.push([p.id, `Link to paragraph ${n[1]}`, p]);
  }
  const batch = () => {
    for (const args of todo.splice(0, 40)) linkTo(...args);
    if (todo.length) setTimeout(batch, 0);
  };
  batch();

  // Citations: the access date is the reader's, so it is added here, then each
  // format gets its copy button.
  const today = new Date();
  const iso = today.toISOString().slice(0, 10);
  const accessed = {
    text: (s) => `${s} Accessed ${today.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })}.`,
    bibtex: (s) => s.replace(/\n\}\s*$/, `,\n  urldate = {${iso}}\n}`),
    ris: (s) => s.replace(/^ER {2}-/m, `Y2  - ${iso.replaceAll("-", "/")}\nER  -`),
    csl: (s) => s.replace(/\n\}\]$/, `,\n  "accessed": {"date-parts": [[${iso.split("-").map(Number).join(", ")}]]}\n}]`),
  };
  for (const block of document.querySelectorAll("[data-cite]")) {
    const format = block.dataset.cite;
    if (accessed[format]) block.textContent = accessed[format](block.textContent.trim());
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", `Copy the ${block.dataset.name ?? "citation"}`);
    button.addEventListener("click", () => copy(block.textContent, "Citation"));
    block.after(button);
  }
})();
