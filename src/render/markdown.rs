//! Markdown to HTML for transcript bodies, in one streaming pass over pulldown-cmark's
//! events. On top of CommonMark (with tables, footnotes, heading ids, strikethrough and
//! smart punctuation):
//! - a top-level paragraph opening with `**Name:**` starts a turn: turns are wrapped in
//!   `<div class="turn question|answer" id="PREFIX-tN">` and open with a label of their
//!   own, the speaker's name (linked to their page) and role, which the stylesheet
//!   keeps in view while the turn is read;
//! - every top-level paragraph gets a stable `id="PREFIX-pN"`;
//! - links written `@/briefings/x/y.md#anchor` resolve to the page's URL, or are errors;
//! - fenced code blocks are highlighted (syntect is loaded only when one is met);
//! - unless the site allows raw HTML, content cannot run script: a body with raw HTML
//!   in it is sanitized whole with ammonia after rendering (bodies without pay
//!   nothing), link and image URLs keep only safe schemes, and heading attributes
//!   keep only ids and classes.
//!
//! It also returns each paragraph's plain text and speaker, for topic mentions, the
//! classifier and the data export, so nothing is parsed twice.

use std::collections::{HashSet, VecDeque};
use std::fmt::Write;
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use super::highlight;

/// A turn's speaker as its label shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Voice {
    /// The name the site uses for them, when the body spells it otherwise.
    pub name: Option<String>,
    /// Their page (officials and outlets), if any.
    pub url: Option<String>,
    /// Their role at this briefing, from its roster.
    pub role: Option<String>,
    /// They ask the question (a reporter or an outlet), rather than answer.
    pub asks: bool,
}

/// What the renderer needs to know of the site.
pub struct Links<'a> {
    /// "Wang Hongzhi" -> who they are in this body.
    pub voice: &'a (dyn Fn(&str) -> Voice + Sync),
    /// "@/briefings/x/01-y.md#p3" -> a URL, or None when there is no such page.
    pub resolve: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// `allow_raw_html` in site.yaml: HTML, URLs and heading attributes are published
    /// as written, for a site whose every editor is trusted.
    pub allow_raw_html: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub anchor: String,
    /// The speaker of the turn it belongs to, if any.
    pub speaker: Option<String>,
    /// Plain text, without the speaker's name.
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub paragraphs: Vec<Paragraph>,
    pub has_code: bool,
    /// `@/` links to an anchor: the page exists; whether the anchor does is known only
    /// once that page is written.
    pub anchored: Vec<AnchoredLink>,
}

/// An `@/...#anchor` link: where in the body, and what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchoredLink {
    pub offset: usize,
    pub link: String,
}

/// A link to content that does not exist: where in the body, and what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub offset: usize,
    pub link: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a body. `prefix` makes anchors unique on a page that shows several bodies
/// (a briefing page shows every exchange).
pub fn render(body: &str, prefix: &str, links: &Links<'_>) -> Result<Rendered, Vec<BrokenLink>> {
    let mut adaptor = Adaptor {
        events: Parser::new_ext(body, options()).into_offset_iter(),
        queue: VecDeque::new(),
        depth: 0,
        prefix,
        links,
        turn: 0,
        paragraph: 0,
        in_turn: false,
        speaker: None,
        paragraphs: Vec::new(),
        broken: Vec::new(),
        anchored: Vec::new(),
        has_code: false,
        has_raw_html: false,
        finished: false,
    };
    let mut html = String::with_capacity(body.len() * 5 / 4 + 64);
    pulldown_cmark::html::push_html(&mut html, &mut adaptor);
    if !adaptor.broken.is_empty() {
        return Err(adaptor.broken);
    }
    // Raw inline HTML comes in pieces (`<b>`, text, `</b>`) that only make sense
    // together, so the rendered body is sanitized as a whole.
    if adaptor.has_raw_html && !links.allow_raw_html {
        html = SANITIZER.clean(&html).to_string();
    }
    Ok(Rendered {
        html,
        paragraphs: adaptor.paragraphs,
        has_code: adaptor.has_code,
        anchored: adaptor.anchored,
    })
}

struct Adaptor<'a, 'b> {
    events: pulldown_cmark::OffsetIter<'a>,
    queue: VecDeque<Event<'a>>,
    /// Nesting of block containers: paragraphs at depth 0 are the transcript's.
    depth: usize,
    prefix: &'b str,
    links: &'b Links<'b>,
    turn: usize,
    paragraph: usize,
    in_turn: bool,
    speaker: Option<String>,
    paragraphs: Vec<Paragraph>,
    broken: Vec<BrokenLink>,
    anchored: Vec<AnchoredLink>,
    has_code: bool,
    /// The body itself has HTML in it (not the adaptor's own markup).
    has_raw_html: bool,
    finished: bool,
}

impl<'a> Iterator for Adaptor<'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(e) = self.queue.pop_front() {
                return Some(e);
            }
            let Some((event, range)) = self.events.next() else {
                if self.in_turn && !self.finished {
                    self.finished = true;
                    self.in_turn = false;
                    return Some(Event::Html("</div>\n".into()));
                }
                return None;
            };
            match event {
                Event::Start(Tag::Paragraph) if self.depth == 0 => self.paragraph_block(),
                Event::Start(Tag::CodeBlock(kind)) => self.code_block(kind),
                Event::Start(tag) => {
                    if is_container(&tag) {
                        self.depth += 1;
                    }
                    return Some(Event::Start(self.tag(tag, range.start)));
                }
                Event::End(tag) => {
                    if is_container_end(&tag) {
                        self.depth = self.depth.saturating_sub(1);
                    }
                    return Some(Event::End(tag));
                }
                other => return Some(self.raw_html_seen(other)),
            }
        }
    }
}

fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_) | Tag::Table(_)
    )
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
    )
}

impl<'a> Adaptor<'a, '_> {
    /// A tag as published: a link with its `@/` destination resolved (or recorded as
    /// broken); unless raw HTML is allowed, a link or image with an unsafe URL
    /// pointing nowhere, and a heading without attributes other than id and classes
    /// (`{onclick=...}` would be written as is).
    fn tag(&mut self, tag: Tag<'a>, offset: usize) -> Tag<'a> {
        let trusted = self.links.allow_raw_html;
        match tag {
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.resolve(dest_url, offset);
                Tag::Link {
                    link_type,
                    dest_url: if trusted || is_safe_url(&dest_url) {
                        dest_url
                    } else {
                        CowStr::Borrowed("")
                    },
                    title,
                    id,
                }
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } if !trusted && !is_safe_url(&dest_url) => Tag::Image {
                link_type,
                dest_url: CowStr::Borrowed(""),
                title,
                id,
            },
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } if !trusted && !attrs.is_empty() => Tag::Heading {
                level,
                id,
                classes,
                attrs: Vec::new(),
            },
            other => other,
        }
    }

    /// Notes HTML written in the body, which the page will need sanitized.
    fn raw_html_seen(&mut self, event: Event<'a>) -> Event<'a> {
        if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            self.has_raw_html = true;
        }
        event
    }

    fn resolve(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        if !dest.starts_with("@/") {
            return dest;
        }
        match (self.links.resolve)(&dest) {
            Some(url) => {
                if dest.contains('#') {
                    self.anchored.push(AnchoredLink {
                        offset,
                        link: dest.to_string(),
                    });
                }
                url.into()
            }
            None => {
                self.broken.push(BrokenLink {
                    offset,
                    link: dest.to_string(),
                });
                dest
            }
        }
    }

    /// A top-level paragraph: read whole (they are short), then emitted with its
    /// anchor, and a turn's opening when it starts with `**Name:**`.
    fn paragraph_block(&mut self) {
        let mut inner: Vec<Event<'a>> = Vec::new();
        while let Some((event, range)) = self.events.next() {
            match event {
                Event::End(TagEnd::Paragraph) => break,
                Event::Start(tag) => {
                    let tag = self.tag(tag, range.start);
                    inner.push(Event::Start(tag));
                }
                other => {
                    let event = self.raw_html_seen(other);
                    inner.push(event);
                }
            }
        }
        let name = turn_name(&inner);
        let mut rest = &inner[..];
        if let Some((name, consumed)) = &name {
            if self.in_turn {
                self.queue.push_back(Event::Html("</div>\n".into()));
            }
            self.turn += 1;
            self.in_turn = true;
            let voice = (self.links.voice)(name);
            let label = self.turn_label(voice.name.as_deref().unwrap_or(name), &voice);
            self.speaker = Some(voice.name.unwrap_or_else(|| name.clone()));
            self.queue.push_back(Event::Html(label.into()));
            rest = &inner[*consumed..];
        }
        self.paragraph += 1;
        let anchor = format!("{}-p{}", self.prefix, self.paragraph);
        let open = format!("<p id=\"{anchor}\">");
        self.queue.push_back(Event::Html(open.into()));
        let text = plain_text(rest);
        let mut rest = rest.iter().cloned();
        // The label is gone from the paragraph: so is the space after it.
        if name.is_some() {
            if let Some(first) = rest.next() {
                self.queue.push_back(match first {
                    Event::Text(t) => Event::Text(t.trim_start().to_owned().into()),
                    other => other,
                });
            }
        }
        self.queue.extend(rest);
        self.queue.push_back(Event::Html("</p>\n".into()));
        self.paragraphs.push(Paragraph {
            anchor,
            speaker: self.speaker.clone(),
            text: text.trim().to_owned(),
        });
    }

    /// A turn's opening: its container and its label (name, role).
    fn turn_label(&self, name: &str, voice: &Voice) -> String {
        let kind = if voice.asks { "question" } else { "answer" };
        let mut out = format!(
            "<div class=\"turn {kind}\" id=\"{}-t{}\">\n<p class=\"speaker\">",
            self.prefix, self.turn
        );
        match &voice.url {
            Some(url) => {
                let _ = write!(
                    out,
                    "<a class=\"name\" href=\"{}\">{}</a>",
                    escape(url),
                    escape(name)
                );
            }
            None => {
                let _ = write!(out, "<span class=\"name\">{}</span>", escape(name));
            }
        }
        let role = match (&voice.role, voice.asks) {
            (Some(role), _) if !role.is_empty() => Some(role.as_str()),
            (_, true) => Some("question"),
            _ => None,
        };
        if let Some(role) = role {
            let _ = write!(out, "<span class=\"role\">, {}</span>", escape(role));
        }
        out.push_str("</p>\n");
        out
    }

    fn code_block(&mut self, kind: CodeBlockKind<'a>) {
        let mut code = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::End(TagEnd::CodeBlock) => break,
                Event::Text(t) => code.push_str(&t),
                _ => {}
            }
        }
        let lang = match &kind {
            CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
            CodeBlockKind::Indented => "",
        };
        self.has_code = true;
        self.queue
            .push_back(Event::Html(highlight::code_block(&code, lang).into()));
    }
}

/// URL schemes content may link to; URLs without a scheme (relative, `#anchor`) are
/// safe too. Everything else (`javascript:`, `vbscript:`, `data:`, ...) is dropped.
const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Whether a URL has no scheme or a safe one, read as browsers read it: surrounding
/// spaces and controls, and tabs and newlines inside, do not count (`java\tscript:`).
fn is_safe_url(url: &str) -> bool {
    if !url.contains(':') {
        return true;
    }
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some(colon) = url.find(':') else {
        return true;
    };
    let scheme = &url[..colon];
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    // "a/b:c" or "?q=a:b" has no scheme: it is a relative URL.
    !is_scheme
        || SAFE_SCHEMES
            .iter()
            .any(|safe| scheme.eq_ignore_ascii_case(safe))
}

/// ammonia's defaults (formatting tags; no script, style, event handlers or unsafe
/// URLs), plus what this renderer writes itself so that it survives: turn and
/// paragraph ids, classes (speaker, footnotes, code highlighting), the code
/// language and table cell alignment.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["id", "class"])
        .add_tag_attributes("code", ["data-lang"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .filter_style_properties(HashSet::from(["text-align"]))
        .url_schemes(HashSet::from(SAFE_SCHEMES))
        // Links keep what they were written with, as in bodies without raw HTML.
        .link_rel(None);
    builder
});

/// `**Name:**` at the start of a paragraph: the name, and how many events it took.
fn turn_name(events: &[Event<'_>]) -> Option<(String, usize)> {
    if !matches!(events.first(), Some(Event::Start(Tag::Strong))) {
        return None;
    }
    let mut name = String::new();
    for (i, e) in events.iter().enumerate().skip(1) {
        match e {
            Event::Text(t) => name.push_str(t),
            Event::End(TagEnd::Strong) => {
                let name = name.trim().strip_suffix(':')?.trim_end();
                return (!name.is_empty()).then(|| (name.to_owned(), i + 1));
            }
            _ => return None,
        }
    }
    None
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Markdown that is not a transcript (the About page's text from site.yaml): links
/// to content are not resolved, and raw HTML is sanitized.
pub fn render_plain(text: &str) -> String {
    let links = Links {
        voice: &|_: &str| Voice::default(),
        resolve: &|_: &str| None,
        allow_raw_html: false,
    };
    match render(text, "about", &links) {
        Ok(r) => r.html,
        Err(_) => format!("<p>{}</p>", escape(text)),
    }
}

/// HTML-escapes text for content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links<'static> {
        Links {
            voice: &|name: &str| Voice {
                name: None,
                url: (name == "Wang Hongzhi").then(|| "/s/wang-hongzhi/".to_owned()),
                role: (name == "Wang Hongzhi").then(|| "vice chairman of SASAC".to_owned()),
                asks: name == "Xinhua",
            },
            resolve: &|link: &str| (link == "@/briefings/b/01-x.md").then(|| "/b/01-x/".to_owned()),
            allow_raw_html: false,
        }
    }

    #[test]
    fn turns_paragraph_anchors_and_speaker_labels() {
        let body = "**Xinhua:** What \"now\"?\n\n**Wang Hongzhi:** This.\n\nAnd that.\n";
        let r = render(body, "01-x", &links()).unwrap();
        assert_eq!(
            r.html,
            "<div class=\"turn question\" id=\"01-x-t1\">\n\
             <p class=\"speaker\"><span class=\"name\">Xinhua</span><span class=\"role\">, question</span></p>\n\
             <p id=\"01-x-p1\">What \u{201C}now\u{201D}?</p>\n</div>\n\
             <div class=\"turn answer\" id=\"01-x-t2\">\n\
             <p class=\"speaker\"><a class=\"name\" href=\"/s/wang-hongzhi/\">Wang Hongzhi</a><span class=\"role\">, vice chairman of SASAC</span></p>\n\
             <p id=\"01-x-p2\">This.</p>\n<p id=\"01-x-p3\">And that.</p>\n</div>\n"
        );
        let speakers: Vec<_> = r
            .paragraphs
            .iter()
            .map(|p| (p.speaker.as_deref(), p.text.as_str()))
            .collect();
        assert_eq!(
            speakers,
            [
                (Some("Xinhua"), "What \u{201C}now\u{201D}?"),
                (Some("Wang Hongzhi"), "This."),
                (Some("Wang Hongzhi"), "And that.")
            ]
        );
    }

    #[test]
    fn internal_links_resolve_or_fail() {
        let r = render("See [it](@/briefings/b/01-x.md).", "p", &links()).unwrap();
        assert!(r.html.contains("<a href=\"/b/01-x/\">it</a>"), "{}", r.html);
        let err = render(
            "Intro.\n\nSee [gone](@/briefings/b/09-z.md).",
            "p",
            &links(),
        )
        .unwrap_err();
        assert_eq!(
            err,
            [BrokenLink {
                offset: 12,
                link: "@/briefings/b/09-z.md".into()
            }]
        );
    }

    #[test]
    fn escaped_text_stays_text_and_lists_are_not_paragraphs() {
        let r = render(
            "\\<script\\> \\*\\*Fake:\\*\\* x\n\n- item\n",
            "p",
            &links(),
        )
        .unwrap();
        assert!(r.html.contains("&lt;script&gt; **Fake:** x"), "{}", r.html);
        assert!(!r.html.contains("class=\"turn"));
        assert_eq!(r.paragraphs.len(), 1);
        assert!(r.html.contains("<li>item</li>"));
    }

    #[test]
    fn tables_footnotes_and_heading_ids() {
        let body = "## Points {#point-1}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1].\n\n[^1]: A footnote.\n";
        let r = render(body, "p", &links()).unwrap();
        assert!(
            r.html.contains("<h2 id=\"point-1\">Points</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote-definition"));
        assert!(!r.has_code);
    }

    const HOSTILE: &str = "**Wang Hongzhi:** <script>alert(1)</script> Hi <img src=x onerror=alert(1)> \
        <a href=\"javascript:alert(1)\">x</a> [y](javascript:alert(1)) ![z](JavaScript:alert(2)) \
        <b>bold</b>.\n\n<div onclick=\"alert(3)\">block</div>\n\n<iframe src=\"https://evil.example/\"></iframe>\n";

    /// Loose checks for what would run script in a browser.
    fn runs_script(html: &str) -> bool {
        let lower = html.to_ascii_lowercase();
        lower.contains("<script")
            || lower.contains("javascript:")
            || lower.contains("<iframe")
            || lower.contains("onerror")
            || lower.contains("onclick")
    }

    #[test]
    fn raw_html_is_sanitized_and_safe_formatting_kept() {
        let r = render(HOSTILE, "01-x", &links()).unwrap();
        assert!(!runs_script(&r.html), "{}", r.html);
        assert!(r.html.contains("<b>bold</b>"), "{}", r.html);
        assert!(r.html.contains("<img src=\"x\">"), "{}", r.html);
        assert!(r.html.contains("<div>block</div>"), "{}", r.html);
        // The renderer's own markup survives.
        assert!(
            r.html.starts_with(
                "<div class=\"turn answer\" id=\"01-x-t1\">\n<p class=\"speaker\">\
                 <a class=\"name\" href=\"/s/wang-hongzhi/\">Wang Hongzhi</a><span class=\"role\">, vice chairman of SASAC</span></p>\n\
                 <p id=\"01-x-p1\">"
            ),
            "{}",
            r.html
        );
        assert_eq!(r.paragraphs[0].speaker.as_deref(), Some("Wang Hongzhi"));
    }

    #[test]
    fn a_trusted_site_publishes_raw_html_as_written() {
        let trusted = Links {
            allow_raw_html: true,
            ..links()
        };
        let r = render(HOSTILE, "01-x", &trusted).unwrap();
        assert!(r.html.contains("<script>alert(1)</script>"), "{}", r.html);
        assert!(
            r.html.contains("<a href=\"javascript:alert(1)\">y</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<div onclick=\"alert(3)\">"), "{}", r.html);
    }

    #[test]
    fn markdown_links_images_and_headings_cannot_run_script() {
        let body = "## Title {#t .c onclick=alert(1)}\n\nA [link](javascript:alert(1)), \
            [data](data:text/html;base64,PHNjcmlwdD4=), [vb](VBScript:x), \
            ![img](javascript:alert(2)) and [fine](https://example.org/a:b).\n\n\
            - [nested](javascript:alert(3))\n";
        let r = render(body, "p", &links()).unwrap();
        assert!(!runs_script(&r.html), "{}", r.html);
        assert!(!r.html.contains("data:"), "{}", r.html);
        assert!(
            !r.html.to_ascii_lowercase().contains("vbscript:"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h2 id=\"t\" class=\"c\">Title</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<a href=\"\">link</a>"), "{}", r.html);
        assert!(r
            .html
            .contains("<a href=\"https://example.org/a:b\">fine</a>"));
    }

    #[test]
    fn urls_are_judged_as_browsers_read_them() {
        for unsafe_url in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!is_safe_url(unsafe_url), "{unsafe_url:?}");
        }
        for safe_url in [
            "https://example.org/",
            "HTTP://example.org/",
            "mailto:press@example.org",
            "/briefings/a:b/",
            "#p3",
            "?q=a:b",
            "01-x/",
            "",
        ] {
            assert!(is_safe_url(safe_url), "{safe_url:?}");
        }
    }

    #[test]
    fn sanitizing_keeps_the_renderers_own_markup() {
        let body = "**Wang Hongzhi:** Hello[^1].\n\n## Points {#point-1 .key}\n\n\
            | a | b |\n|:--|--:|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n\n\
            See [it](@/briefings/b/01-x.md).\n\n[^1]: A footnote.\n";
        let plain = render(body, "01-x", &links()).unwrap().html;
        let with_raw = render(&format!("{body}\n<b>raw</b>\n"), "01-x", &links())
            .unwrap()
            .html;
        // Identical but for the raw paragraph (still in the turn) and ammonia's
        // spelling of the table alignment.
        let normalised = plain.replace("text-align: ", "text-align:");
        let expected = normalised.strip_suffix("</div>\n").unwrap().to_owned()
            + "<p id=\"01-x-p3\"><b>raw</b></p>\n</div>\n";
        assert_eq!(with_raw, expected);
    }
}
