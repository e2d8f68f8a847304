//! Where a transcript was taken from: a page saved as text often keeps its address,
//! alone on a line or after "Source:" (or "URL:", "Original:", "Link:"). The importer
//! keeps it as the source's `url`, so that the site can link to the original, and
//! drops the line from the text.

/// The address a line gives as the page's own, if it is such a line.
pub fn address_in(line: &str) -> Option<&str> {
    // Every line of every transcript is asked: most have no address at all.
    if !line.contains("http") {
        return None;
    }
    let line = line.trim();
    let rest = match line.split_once([':', '：']) {
        Some((label, rest)) if is_label(label) => rest.trim(),
        _ => line,
    };
    let url = rest.trim_end_matches(['.', ',', ';', ')']);
    let after_scheme = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = after_scheme.split('/').next().unwrap_or("");
    let plausible = host.contains('.')
        && !host.starts_with('.')
        && !url.chars().any(char::is_whitespace)
        && url.len() <= 2000;
    plausible.then_some(url)
}

fn is_label(label: &str) -> bool {
    const LABELS: &[&str] = &[
        "source",
        "url",
        "original",
        "original url",
        "link",
        "web page",
        "webpage",
        "from",
        "retrieved from",
    ];
    let label = label.trim().to_lowercase();
    LABELS.contains(&label.as_str())
}

/// The page's address: the first address line among the text's first and last 20
/// lines (a page's header and footer), never one quoted in the middle of a speech.
pub fn page_address(text: &str) -> Option<&str> {
    let n = text.lines().count();
    let head = text.lines().take(20);
    let tail = text.lines().skip(n.saturating_sub(20).max(20));
    head.chain(tail).find_map(address_in)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_alone_or_after_a_label_is_the_pages() {
        assert_eq!(
            address_in("Source: https://www.fmprc.gov.cn/eng/xw/fyrbt/202401/t2024.html"),
            Some("https://www.fmprc.gov.cn/eng/xw/fyrbt/202401/t2024.html")
        );
        assert_eq!(
            address_in("  http://english.scio.gov.cn/pressroom/2024-07/29/content.htm  "),
            Some("http://english.scio.gov.cn/pressroom/2024-07/29/content.htm")
        );
        assert_eq!(
            address_in("URL: https://example.org/a)."),
            Some("https://example.org/a")
        );
    }

    #[test]
    fn an_address_inside_a_sentence_or_without_a_host_is_not() {
        assert_eq!(address_in("See https://example.org/a for details"), None);
        assert_eq!(address_in("Spokesperson: https://x/"), None);
        assert_eq!(address_in("Source: Xinhua"), None);
    }

    #[test]
    fn only_the_edges_of_a_page_are_looked_at() {
        let text = "Title\nhttps://example.org/briefing\n";
        assert_eq!(page_address(text), Some("https://example.org/briefing"));
        let mut lines = vec!["text"; 30];
        lines[25] = "https://example.org/quoted";
        lines.extend(["more"; 25]);
        assert_eq!(page_address(&lines.join("\n")), None);
    }
}
