// What a reader's first query downloads, for the build benchmark (benches/build.rs
// runs it on the site it built): SITE_DIR, SITE_PREFIX (the site's base path) and
// CHROME_PATH as for the site tests; the queries are the arguments. One line a query:
// "bytes<TAB>results<TAB>query".
import { serve, launch, firstQuery } from "../site-tests/lib.mjs";

const server = await serve();
const browser = await launch();
try {
  for (const query of process.argv.slice(2)) {
    const { bytes, status } = await firstQuery(browser, server.origin, query);
    console.log(`${bytes}\t${status}\t${query}`);
  }
} finally {
  await browser.close();
  server.close();
}
