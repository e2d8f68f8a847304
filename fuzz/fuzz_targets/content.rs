//! Any bytes as a content file, through the front matter reader and the Markdown
//! renderer with the sanitizer on (as a site without `allow_raw_html`). Besides not
//! panicking: the HTML never runs script, read loosely as a browser would: no
//! `<script>` (nor iframe, object, embed), no `on...=` event handler, no
//! `javascript:`, `vbscript:` or `data:` URL in an href or src.
#![no_main]

use std::path::Path;

use briefings::content::{front_matter, load};
use briefings::render::markdown::{self, Links};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let path = Path::new("briefings/b/01-x.md");
    let _ = front_matter::provenance(&text);
    let _ = load::parse_exchange(&text, path);
    let body = match load::document(&text, path, path) {
        Ok((_, doc)) => {
            assert_eq!(text.get(doc.body_offset..), Some(doc.body.as_str()));
            doc.body
        }
        Err(_) => text.into_owned(),
    };
    let links = Links {
        speaker_url: &|_| Some("/speakers/x/".to_owned()),
        // The real index keeps the link's anchor: so does this one.
        resolve: &|link| {
            let anchor = link
                .split_once('#')
                .map_or(String::new(), |(_, a)| format!("#{a}"));
            Some(format!("/briefings/b/01-x/{anchor}"))
        },
        allow_raw_html: false,
    };
    if let Ok(rendered) = markdown::render(&body, "01-x", &links) {
        if let Some(problem) = runs_script(&rendered.html) {
            panic!("{problem}\nbody: {body:?}\nhtml: {}", rendered.html);
        }
    }
});

/// What in `html` would run script, if anything. Tags and attributes are read the way
/// HTML's tokenizer does, so that text or a quoted value that merely mentions
/// `onclick=` does not count.
fn runs_script(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &bytes[i..]) {
        i += lt + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |end| i + end + 3);
            continue;
        }
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = html[i..]
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .map_or(bytes.len(), |n| i + n);
        let tag = html[i..name_end].to_ascii_lowercase();
        if matches!(tag.as_str(), "script" | "iframe" | "object" | "embed") {
            return Some(format!("<{tag}> element"));
        }
        i = name_end;
        // Attributes until the tag's `>`.
        loop {
            while bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
            {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let name_start = i;
            while bytes
                .get(i)
                .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
            {
                i += 1;
            }
            let name = html[name_start..i].to_ascii_lowercase();
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let mut value = "";
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                let start = i;
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |n| i + 1 + n);
                        value = &html[start + 1..end];
                        i = (end + 1).min(bytes.len());
                    }
                    _ => {
                        while bytes
                            .get(i)
                            .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                        {
                            i += 1;
                        }
                        value = &html[start..i];
                    }
                }
            }
            if name.starts_with("on") {
                return Some(format!("event handler {name}= on <{tag}>"));
            }
            if matches!(
                name.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) && is_script_url(value)
            {
                return Some(format!("{name}={value:?} on <{tag}>"));
            }
        }
    }
    None
}

/// A URL a browser would run or render as a document: entities for `:` decoded,
/// spaces and controls around it and tabs and newlines in it dropped (as browsers
/// do), case ignored.
fn is_script_url(value: &str) -> bool {
    let decoded = value
        .replace("&#58;", ":")
        .replace("&#x3a;", ":")
        .replace("&#x3A;", ":")
        .replace("&colon;", ":");
    let url: String = decoded
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}
