//! Code highlighting with syntect, as CSS classes. The syntax set is loaded on the
//! first code block only: a transcript site without code never pays for it.

use std::sync::LazyLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// A fenced code block as HTML. Unknown languages are shown as plain text.
pub fn code_block(code: &str, lang: &str) -> String {
    let syntaxes = &*SYNTAXES;
    let syntax = syntaxes
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| syntaxes.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return plain(code, lang);
        }
    }
    format!(
        "<pre class=\"code\"><code data-lang=\"{}\">{}</code></pre>\n",
        super::markdown::escape(lang),
        generator.finalize()
    )
}

fn plain(code: &str, lang: &str) -> String {
    format!(
        "<pre class=\"code\"><code data-lang=\"{}\">{}</code></pre>\n",
        super::markdown::escape(lang),
        super::markdown::escape(code)
    )
}

/// The stylesheet for highlighted code: a light theme, and a dark one for readers who
/// prefer dark.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light =
        css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], STYLE).unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], STYLE)
        .unwrap_or_default();
    format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn code_is_highlighted_with_classes_and_escaped() {
        let html = super::code_block("fn main() { let x = \"<b>\"; }\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"));
        let unknown = super::code_block("<x>\n", "no-such-language");
        assert!(unknown.contains("&lt;x&gt;"));
    }

    #[test]
    fn stylesheet_has_light_and_dark() {
        let css = super::stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
