//! Any bytes, split at 0xFF into up to four inputs, go through parse, reconcile, topic
//! classification and content rendering. Besides not panicking: every file rendered
//! has front matter that parses as YAML, is recognised as generated, and reads back
//! with the content loader; every topic mention points at a character boundary.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use briefings::config::SiteConfig;
use briefings::content::{self, front_matter, load};
use briefings::import;
use briefings::topics::Topics;
use briefings::transcript;
use libfuzzer_sys::fuzz_target;

static TOPICS: LazyLock<Topics> = LazyLock::new(|| {
    let site = SiteConfig::parse(include_str!("../../site.yaml"), Path::new("site.yaml"))
        .expect("the shipped site.yaml is valid");
    Topics::new(&site.topics, site.classifier).expect("the shipped topics compile")
});

fuzz_target!(|data: &[u8]| {
    let parsed: Vec<_> = data
        .split(|&b| b == 0xFF)
        .take(4)
        .enumerate()
        .filter_map(|(i, bytes)| transcript::parse(&format!("{i}.txt"), bytes).ok())
        .collect();
    let Ok(mut archive) = transcript::reconcile(parsed) else {
        return;
    };
    for briefing in &mut archive.briefings {
        import::classify(briefing, &TOPICS);
        for p in briefing.exchanges.iter().flat_map(|e| e.turns.iter()).flat_map(|t| &t.paragraphs) {
            for m in TOPICS.mentions(&p.text) {
                assert!(p.text.is_char_boundary(m.start) && p.text.is_char_boundary(m.end));
            }
        }
    }
    for file in content::render(&archive) {
        let split = front_matter::split(&file.text).expect("rendered files have front matter");
        let _: serde_yaml::Value =
            serde_yaml::from_str(split.yaml).expect("rendered front matter is valid YAML");
        assert_eq!(
            front_matter::provenance(&file.text),
            front_matter::Provenance::AsGenerated
        );
        load::parse_exchange(&file.text, &file.path).expect("rendered files read back");
    }
});
