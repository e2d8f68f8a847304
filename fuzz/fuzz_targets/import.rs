//! Any bytes, split at 0xFF into up to four inputs, go through parse, reconcile and
//! content rendering. Besides not panicking: every file rendered has front matter
//! that parses as YAML and is recognised as generated.
#![no_main]

use briefings::content::{self, front_matter};
use briefings::transcript;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed: Vec<_> = data
        .split(|&b| b == 0xFF)
        .take(4)
        .enumerate()
        .filter_map(|(i, bytes)| transcript::parse(&format!("{i}.txt"), bytes).ok())
        .collect();
    let Ok(archive) = transcript::reconcile(parsed) else {
        return;
    };
    for file in content::render(&archive) {
        let split = front_matter::split(&file.text).expect("rendered files have front matter");
        let _: serde_yaml::Value =
            serde_yaml::from_str(split.yaml).expect("rendered front matter is valid YAML");
        assert_eq!(
            front_matter::provenance(&file.text),
            front_matter::Provenance::AsGenerated
        );
    }
});
