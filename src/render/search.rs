//! The search index: Pagefind, written by `build` into `pagefind/`. A static, chunked
//! index: a reader's browser downloads only the parts a query needs, from the site
//! itself (no server, no other host). Exchange and summary pages are indexed (their
//! `data-pagefind-body`); briefing pages, which repeat every exchange, are not.

use std::path::Path;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::error::Error;

/// Indexes the pages of the built site in `site` and writes `site/pagefind/`.
pub fn write_index(site: &Path) -> Result<(), Error> {
    write_index_to(site, &site.join("pagefind"))
}

/// Indexes the pages of `site` into `out` (`serve` keeps its index beside the site,
/// which is replaced at every rebuild).
pub fn write_index_to(site: &Path, out: &Path) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::new(format!("cannot start the indexer: {e}")))?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language("en".to_owned())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| Error::new(e.to_string()))?;
        index
            .add_directory(
                site.to_string_lossy().into_owned(),
                Some("briefings/*/*/index.html".to_owned()),
            )
            .await
            .map_err(|e| Error::new(e.to_string()))?;
        index
            .write_files(Some(out.to_string_lossy().into_owned()))
            .await
            .map_err(|e| Error::new(e.to_string()))?;
        Ok(())
    })
}
