//! From content to HTML: Markdown bodies, code highlighting, templates, feeds.

pub mod figures;
pub mod highlight;
pub mod markdown;
pub mod search;
pub mod templates;
