//! Bad input gets a clear message naming file and line, exit code 1 and no content;
//! hostile text stays inert; hand edits are never overwritten.

mod common;

use std::fs;
use std::path::PathBuf;

use common::*;

fn seed(name: &str) -> PathBuf {
    let dir = repo().join("transcripts");
    fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap()
}

/// A transcripts folder with the given seeds and extra files.
fn workspace(seeds: &[&str], extra: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let transcripts = dir.path().join("transcripts");
    fs::create_dir(&transcripts).unwrap();
    for s in seeds {
        let from = seed(s);
        fs::copy(&from, transcripts.join(from.file_name().unwrap())).unwrap();
    }
    for (name, bytes) in extra {
        fs::write(transcripts.join(name), bytes).unwrap();
    }
    let content = dir.path().join("content");
    (dir, transcripts, content)
}

/// Asserts the input is refused as a user error naming `file:line[:col]`: with
/// `--strict` nothing is written; by default the good inputs beside it are imported,
/// the refused one is listed, and the exit code is still 1.
fn assert_refused(extra: (&str, &[u8]), location: &str, message: &str) {
    let (_dir, transcripts, content) = workspace(&["003", "004"], &[extra]);
    let want = format!("{}:{location}: error:", transcripts.join(extra.0).display());
    for strict in [true, false] {
        let flags: &[&str] = if strict { &["--strict"] } else { &[] };
        let out = import(&transcripts, &content, flags);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(&want), "expected {want:?} in:\n{err}");
        assert!(err.contains(message), "expected {message:?} in:\n{err}");
        assert!(err.contains("help: "), "says what to do:\n{err}");
        assert!(!err.contains("panicked"));
        if strict {
            assert!(!content.exists(), "nothing written");
        } else {
            assert!(
                err.contains(&format!(
                    "import: 1 refused (see above), the others imported: {}",
                    transcripts.join(extra.0).display()
                )),
                "{err}"
            );
            let briefings = std::fs::read_dir(content.join("briefings"))
                .unwrap()
                .count();
            assert_eq!(briefings, 2, "the two good transcripts are imported");
        }
    }
}

const SMALL: &str = "A briefing on tests\nBeijing | 10 a.m. March 3, 2025\n\n\
    Li Bing, spokesperson of the SASAC\n\n\nXie Yingjun, spokesperson of the SCIO\n\n\
    Xie Yingjun:\n\nWelcome.\n\nCover News:\n\nWhat \u{201C}now\u{201D}?\n\nLi Bing:\n\nIt\u{2019}s fine.\n";

#[test]
fn empty_file() {
    assert_refused(("empty.txt", b""), "1", "the file is empty");
    assert_refused(("blank.txt", b"\n  \n"), "1", "the file is empty");
}

#[test]
fn binary_file() {
    assert_refused(
        ("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        "3:1",
        "binary",
    );
}

#[test]
fn text_that_is_not_utf8_nor_windows_1252() {
    assert_refused(
        ("latin.txt", b"Title\nBeijing | 10 a.m. \x81 March 3"),
        "2:19",
        "not UTF-8",
    );
}

#[test]
fn file_with_no_speaker_turns() {
    assert_refused(
        ("prose.txt", b"\nJust some notes.\n\nNothing else here.\n"),
        "2",
        "no speaker turns",
    );
}

#[test]
fn full_transcript_without_a_date() {
    let text = SMALL.replace("Beijing | 10 a.m. March 3, 2025", "Beijing");
    assert_refused(
        ("undated.txt", text.as_bytes()),
        "2",
        "no briefing date found",
    );
}

#[test]
fn fragment_that_matches_nothing_and_has_no_date() {
    let page = "Home - Press Room -\nSome page\n\n\
        Unknown Daily:\n\nWhat?\n\nLi Bing:\n\nSomething never said elsewhere.\n";
    assert_refused(
        ("page.txt", page.as_bytes()),
        "1",
        "cannot tell which briefing",
    );
}

/// A page alone that gives only its own date: imported, dated by the page, and said
/// so twice (a warning, and `date_from` in the briefing's front matter), marked as a
/// partial briefing.
#[test]
fn a_page_alone_is_dated_by_its_page_date_visibly() {
    let page = "Home - Press Room -\nSome page\n\nChina.org.cn | February 6, 2024\n\n\
        Unknown Daily:\n\nWhat?\n\nLi Bing:\n\nSomething never said elsewhere.\n\nPage 2 of 5\n";
    let (_dir, transcripts, content) = workspace(&["003", "004"], &[("page.txt", page.as_bytes())]);
    let out = import(&transcripts, &content, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("page.txt: warning: the page does not say when the briefing was held: its date 2024-02-06 is the published's"),
        "{err}"
    );
    let pages = all_pages(&content);
    let briefing = pages
        .iter()
        .find(|p| p.str("kind") == Some("briefing") && p.str("date") == Some("2024-02-06"))
        .expect("a briefing of the page's date");
    assert_eq!(briefing.str("date_from"), Some("published"));
    assert_eq!(briefing.get("partial").as_bool(), Some(true));
    assert_eq!(briefing.get("page").as_u64(), Some(2));
    assert!(
        pages.iter().all(|p| !p.body.contains("Page 2 of 5")),
        "the pager is chrome"
    );
}

#[test]
fn summary_imported_without_its_briefing() {
    let (_dir, transcripts, content) = workspace(&["002"], &[]);
    let out = import(&transcripts, &content, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("002_24731472eb99598e.txt:7: error:"), "{err}");
    assert!(err.contains("year not given"), "{err}");
    assert!(!content.exists());
}

#[test]
fn every_bad_input_is_reported_not_just_the_first() {
    let (_dir, transcripts, content) = workspace(&["003"], &[("a.txt", b""), ("b.txt", b"\0")]);
    let err = stderr(&import(&transcripts, &content, &[]));
    assert!(
        err.contains("a.txt:1:") && err.contains("b.txt:1:1:"),
        "{err}"
    );
}

#[test]
fn windows_1252_and_utf16_are_decoded_with_a_warning() {
    let cp1252: Vec<u8> = SMALL
        .chars()
        .map(|c| match c {
            '\u{201C}' => 0x93,
            '\u{201D}' => 0x94,
            '\u{2019}' => 0x92,
            c => c as u8,
        })
        .collect();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in SMALL.replace("2025", "2026").encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let (_dir, transcripts, content) =
        workspace(&[], &[("cp1252.txt", &cp1252), ("utf16.txt", &utf16)]);
    let out = import(&transcripts, &content, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("cp1252.txt: warning: not UTF-8 (first at line 15, column 6)"),
        "{err}"
    );
    assert!(
        err.contains("utf16.txt: warning: decoded from UTF-16"),
        "{err}"
    );
    let pages = all_pages(&content);
    let answers: Vec<&Page> = pages
        .iter()
        .filter(|p| p.str("asked_by") == Some("Cover News"))
        .collect();
    assert_eq!(answers.len(), 2);
    for page in answers {
        assert!(page.body.contains("It\u{2019}s fine."), "{}", page.body);
        assert!(page.body.contains("What \u{201C}now\u{201D}?"));
    }
}

/// SMALL as a Chinese site saves it: in GBK, with a Chinese paragraph.
fn in_gbk(welcome: &str) -> Vec<u8> {
    let text = SMALL.replace("Welcome.", welcome);
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn gbk_transcript_is_decoded_with_a_warning_naming_gbk() {
    let welcome =
        "Welcome. \u{6B22}\u{8FCE}\u{5404}\u{4F4D}\u{8BB0}\u{8005}\u{670B}\u{53CB}\u{FF0C}\
        \u{6211}\u{4EEC}\u{5C06}\u{7EE7}\u{7EED}\u{6DF1}\u{5316}\u{56FD}\u{6709}\u{4F01}\u{4E1A}\
        \u{6539}\u{9769}\u{3002}";
    let (_dir, transcripts, content) = workspace(&[], &[("gbk.txt", &in_gbk(welcome))]);
    let out = import(&transcripts, &content, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("gbk.txt: warning: not UTF-8 (first at line 11, column 10); decoded as GBK"),
        "{err}"
    );
    let pages = all_pages(&content);
    assert!(
        pages.iter().any(|p| p.body.contains(welcome)),
        "the Chinese paragraph is published as written:\n{:#?}",
        pages.iter().map(|p| &p.body).collect::<Vec<_>>()
    );
    assert!(pages
        .iter()
        .any(|p| p.body.contains("What \u{201C}now\u{201D}?")));
}

#[test]
fn too_little_non_utf8_text_to_tell_its_encoding() {
    // A two-character greeting and three quotes: GBK, Big5, windows-1252 and others all
    // read these bytes, as different text.
    let bytes = in_gbk("Welcome. \u{4F60}\u{597D}.");
    assert_refused(
        ("short.txt", &bytes),
        "11:10",
        "too little non-ASCII text to tell its encoding",
    );
}

#[test]
fn hostile_text_stays_inert_text() {
    let hostile = SMALL.replace(
        "What \u{201C}now\u{201D}?",
        "<script>alert('x')</script> {{ site.secret }} {% include \"x\" %} [link](javascript:alert(1))?\n\n\
         ---\n\ntitle: hijacked\n\nas if **Fake Speaker:** words\n\n# heading\n\n1. list &amp; entity",
    );
    let hostile = hostile.replace("A briefing on tests", "A briefing on <b>tests</b> {{ x }}");
    let (_dir, transcripts, content) = workspace(&[], &[("hostile.txt", hostile.as_bytes())]);
    let out = import(&transcripts, &content, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = all_pages(&content);
    let index = page_of_kind(&pages, "briefing");
    assert_eq!(
        index.str("title"),
        Some("A briefing on <b>tests</b> {{ x }}")
    );
    let exchange = page_of_kind(&pages, "exchange");
    assert_eq!(
        exchange.str("title").map(|t| t.starts_with("<script>")),
        Some(true)
    );
    assert_eq!(
        exchange.turn_speakers(),
        ["Cover News", "Li Bing"],
        "no fake turn"
    );
    for line in exchange.body.lines().filter(|l| !l.is_empty()) {
        // What follows the turn's own `**Name:**` must have every markup character escaped.
        let text = match line.strip_prefix("**").and_then(|l| l.split_once(":** ")) {
            Some((_, rest)) => rest,
            None => line,
        };
        let chars: Vec<char> = text.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if "<>{}[]*".contains(*c) {
                assert!(i > 0 && chars[i - 1] == '\\', "unescaped {c:?} in {line:?}");
            }
        }
        assert_ne!(line, "---", "no front matter fence in the body");
        assert!(
            !line.starts_with("# ") && !line.starts_with("1. "),
            "{line:?}"
        );
        assert!(!line.contains(" &amp;"), "entity escaped: {line:?}");
    }
    assert!(exchange.matter.get("hijacked").is_none());
    assert!(exchange.body.contains(r"\<script\>alert('x')\</script\>"));
    assert!(exchange.body.contains(r"\*\*Fake Speaker:\*\* words"));
}

#[test]
fn hand_edits_are_never_overwritten() {
    let (_dir, transcripts, content) = workspace(&["003"], &[]);
    let first = import(&transcripts, &content, &[]);
    assert!(first.status.success());
    let folder = content.join("briefings/2024-07-26-promoting-high-quality-development");
    let edited_path = folder.join("01-xinhua-news-agency.md");
    let edited = fs::read_to_string(&edited_path)
        .unwrap()
        .replace("asked_by: Xinhua News Agency", "asked_by: Xinhua");
    fs::write(&edited_path, &edited).unwrap();
    let own_path = folder.join("notes.md");
    fs::write(&own_path, "my notes").unwrap();

    // The raw transcript changes: the Phoenix TV exchange would now be written differently.
    let raw_path = transcripts.join("003_82f2089172cb1c59.txt");
    let raw = fs::read_to_string(&raw_path).unwrap();
    fs::write(
        &raw_path,
        raw.replace("Last question.", "The very last question."),
    )
    .unwrap();
    let phoenix = folder.join("10-phoenix-tv.md");
    let phoenix_before = fs::read_to_string(&phoenix).unwrap();

    let second = import(&transcripts, &content, &[]);
    let out = stdout(&second);
    assert!(second.status.success());
    assert!(
        out.contains("01-xinhua-news-agency.md: kept: edited by hand"),
        "{out}"
    );
    assert!(
        out.contains("10-phoenix-tv.md: skipped: import would write it differently"),
        "{out}"
    );
    assert!(out.contains("notes.md: left alone"), "{out}");
    assert_eq!(fs::read_to_string(&phoenix).unwrap(), phoenix_before);

    let forced = import(&transcripts, &content, &["--force"]);
    let out = stdout(&forced);
    assert!(out.contains("10-phoenix-tv.md: replaced"), "{out}");
    assert!(
        out.contains("01-xinhua-news-agency.md: kept: edited by hand"),
        "{out}"
    );
    assert!(fs::read_to_string(&phoenix)
        .unwrap()
        .contains("The very last question."));
    assert_eq!(fs::read_to_string(&edited_path).unwrap(), edited);
    assert_eq!(fs::read_to_string(&own_path).unwrap(), "my notes");
}

#[test]
fn inputs_can_be_named_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let out = briefings(
        &[
            "import",
            seed("004").to_str().unwrap(),
            seed("001").to_str().unwrap(),
            "--content",
            content.to_str().unwrap(),
        ],
        &repo(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = all_pages(&content);
    assert!(pages.iter().any(|p| p.str("asked_by") == Some("Yicai")));
}

#[test]
fn a_missing_path_is_a_clear_error() {
    // Without a site config, that is said first.
    let dir = tempfile::tempdir().unwrap();
    let out = briefings(&["import"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("site.yaml:1: error: cannot read the site config"),
        "{}",
        stderr(&out)
    );

    let dir = tempfile::tempdir().unwrap();
    let config = repo().join("site.yaml");
    let out = briefings(
        &[
            "import",
            "no-such-file.txt",
            "--config",
            config.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no-such-file.txt: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_fragment_alone_becomes_its_own_briefing_with_a_warning() {
    let (_dir, transcripts, content) = workspace(&["000"], &[]);
    let out = import(&transcripts, &content, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning: no full transcript of this briefing"),
        "{err}"
    );
    let pages = all_pages(&content);
    let index = page_of_kind(&pages, "briefing");
    assert_eq!(
        index.str("date"),
        Some("2024-01-24"),
        "from the lead, not the page date"
    );
    let sources = index.get("sources").as_sequence().unwrap();
    assert_eq!(sources[0]["published"].as_str(), Some("2024-02-06"));
    let exchanges: Vec<&Page> = pages
        .iter()
        .filter(|p| p.str("kind") == Some("exchange"))
        .collect();
    assert_eq!(exchanges.len(), 1);
    assert_eq!(exchanges[0].str("asked_by"), Some("Securities Time"));
    let closing = page_of_kind(&pages, "closing");
    assert_eq!(closing.turn_speakers(), ["Xie Yingjun"]);
}

/// A layout the built-in rules miss ("Li Na — The summit ..."), described in
/// site.yaml with a label pattern and a chrome pattern, is read; a pattern that does
/// not compile is an error at its line of site.yaml.
#[test]
fn a_layout_described_in_site_yaml_is_read() {
    let page = "Ministry X press briefing, May 6, 2024\n\nRelated stories\n\n\
        Li Na \u{2014} Good afternoon, and welcome.\n\n\
        Dawn News \u{2014} What about the summit?\n\n\
        Li Na \u{2014} It will go ahead.\n";
    let (dir, transcripts, content) = workspace(&[], &[("mx-page.txt", page.as_bytes())]);
    let site = fs::read_to_string(repo().join("site.yaml")).unwrap();
    let config = dir.path().join("site.yaml");
    fs::write(
        &config,
        format!(
            "{site}\nformats:\n  - name: ministry-x\n    files: '^mx-'\n    \
             labels: ['^(?P<label>[A-Z][A-Za-z ]+) \\u2014 ']\n    chrome: ['^Related stories$']\n"
        ),
    )
    .unwrap();
    let config_arg = config.to_str().unwrap().to_owned();
    let out = import(&transcripts, &content, &["--config", &config_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = all_pages(&content);
    let exchange = page_of_kind(&pages, "exchange");
    assert_eq!(exchange.str("asked_by"), Some("Dawn News"));
    assert_eq!(exchange.get("answered_by")[0].as_str(), Some("Li Na"));
    assert!(pages.iter().all(|p| !p.text.contains("Related stories")));

    let explained = briefings(
        &[
            "import",
            "--config",
            &config_arg,
            "--explain",
            transcripts.join("mx-page.txt").to_str().unwrap(),
        ],
        &repo(),
    );
    assert!(explained.status.success(), "{}", stderr(&explained));
    let said = stdout(&explained);
    assert!(
        said.contains("dropped: ") && said.contains("Related stories"),
        "{said}"
    );
    assert!(said.contains("question by Dawn News"), "{said}");

    fs::write(
        &config,
        format!("{site}\nformats:\n  - name: bad\n    chrome: ['(unclosed']\n"),
    )
    .unwrap();
    let out = import(&transcripts, &content, &["--config", &config_arg]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("site.yaml:") && err.contains("format pattern \"(unclosed\""),
        "{err}"
    );
}
