//! A long archive for the site tests: with BRIEFINGS_GENERATE=DIR, makes in DIR a
//! project of 160 briefings over five years (2,000 exchanges) from the shipped
//! content, as the build benchmark does, with pages of 40, so that the crawl, the Nu
//! checker and axe also see lists split by year and into pages. `scripts/test` runs it; ignored
//! otherwise.

#[path = "../benches/common/mod.rs"]
mod bench_common;

use std::path::Path;

#[test]
#[ignore = "makes a project for the site tests; scripts/test runs it"]
fn generate_a_long_archive() {
    let Some(dir) = std::env::var_os("BRIEFINGS_GENERATE") else {
        panic!("BRIEFINGS_GENERATE names the folder to make the project in");
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Path::new(&dir);
    let (_, exchanges, _) = bench_common::generate(repo, dir, 160);
    assert!(exchanges >= 2000, "{exchanges} exchanges");
    // Pages of 40, so that a busy official's year goes on over several pages.
    let config = dir.join("site.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("page_size: 200"), "site.yaml sets page_size");
    std::fs::write(&config, text.replace("page_size: 200", "page_size: 40")).unwrap();
}
