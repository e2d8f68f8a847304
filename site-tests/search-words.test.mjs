// The search page's tokenizer splits text exactly as the index's (src/render/search.rs)
// does: both are tested on the cases of tests/fixtures/search-words.json.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";

const source = fs.readFileSync(new URL("../static/search.js", import.meta.url), "utf8");
// The tokenizer's own lines, from its constants to the end of `words`.
const start = source.indexOf("const WORD =");
const end = source.indexOf("\n}\n", source.indexOf("function words(")) + 3;
const words = new Function(`${source.slice(start, end)}; return words;`)();
const { cases } = JSON.parse(fs.readFileSync(new URL("../tests/fixtures/search-words.json", import.meta.url), "utf8"));

test("search.js splits words as the index does", () => {
  for (const [text, expected] of cases) assert.deepEqual(words(text), expected, text);
});
