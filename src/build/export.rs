//! `data/exchanges.json`, the data export for researchers.

use super::*;

/// `data/exchanges.json`, written as briefings are done: a JSON array whose items
/// arrive in runs (one per briefing), so the whole export is never in memory.
pub(super) struct JsonArray {
    pub(super) path: PathBuf,
    pub(super) out: std::io::BufWriter<fs::File>,
    pub(super) empty: bool,
    /// Bytes written so far.
    pub(super) written: u64,
}

impl JsonArray {
    pub(super) fn create(path: &Path) -> Result<JsonArray, Errors> {
        use std::io::Write;
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let file = fs::File::create(path).map_err(io(path))?;
        let mut out = std::io::BufWriter::new(file);
        out.write_all(b"[").map_err(io(path))?;
        Ok(JsonArray {
            path: path.to_owned(),
            out,
            empty: true,
            written: 1,
        })
    }

    /// Appends items already joined by commas; returns where they lie in the file.
    pub(super) fn append(&mut self, items: &str) -> Result<std::ops::Range<u64>, Errors> {
        use std::io::Write;
        if items.is_empty() {
            return Ok(self.written..self.written);
        }
        if !self.empty {
            self.out.write_all(b",").map_err(io(&self.path))?;
            self.written += 1;
        }
        self.empty = false;
        self.out
            .write_all(items.as_bytes())
            .map_err(io(&self.path))?;
        let start = self.written;
        self.written += items.len() as u64;
        Ok(start..self.written)
    }

    pub(super) fn finish(mut self) -> Result<(), Errors> {
        use std::io::Write;
        self.out.write_all(b"]").map_err(io(&self.path))?;
        self.out.flush().map_err(io(&self.path))
    }
}
