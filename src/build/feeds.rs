//! Atom feeds.

use super::*;

/// An Atom feed of exchanges, newest first.
pub(super) fn feed<'a>(
    ctx: &Ctx<'_>,
    title: &str,
    self_rel: &str,
    alternate_rel: &str,
    exchanges: impl Iterator<Item = &'a ExchangeMeta>,
) -> String {
    let urls = ctx.urls;
    let entries: Vec<&ExchangeMeta> = exchanges.take(FEED_ENTRIES).collect();
    let updated = entries.first().map_or("1970-01-01", |e| e.date.as_str());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <title>{}</title>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" href=\"{}\"/>\n\
         <id>{}</id>\n<updated>{updated}T00:00:00Z</updated>\n",
        escape(title),
        escape(&urls.absolute(self_rel)),
        escape(&urls.absolute(alternate_rel)),
        escape(&urls.absolute(self_rel)),
    );
    for e in entries {
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<link href=\"{}\"/>\n<id>{}</id>\n<updated>{}T00:00:00Z</updated>\n\
             <author><name>{}</name></author>\n<summary>{}</summary>\n</entry>\n",
            escape(&e.title),
            escape(&e.abs_url),
            escape(&e.abs_url),
            e.date,
            escape(&e.briefing_title),
            escape(&e.summary),
        ));
    }
    out.push_str("</feed>\n");
    out
}
