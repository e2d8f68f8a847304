//! Organisation names: "the Bureau of Enterprise Reform", "the Reform Office". A topic
//! word inside an organisation's name says who someone is, not what they talk about,
//! so a signal written in lowercase ("reform") does not count there. A name is a run
//! of capitalised words (joined by "of", "and", "for", "the"...) that holds a word
//! such as Bureau, Office or Commission; a plan's name ("the Enterprise Reform
//! Deepening and Upgrading Action") has none and still counts.

/// Words that make a capitalised run an organisation's name.
const ORGANISATION: &[&str] = &[
    "Academy",
    "Administration",
    "Agency",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Bureau",
    "Centre",
    "Center",
    "Commission",
    "Committee",
    "Company",
    "Corporation",
    "Council",
    "Department",
    "Division",
    "Federation",
    "Institute",
    "Ministry",
    "Office",
    "Secretariat",
    "Society",
    "University",
];

/// Lowercase words that may join the capitalised words of one name.
const JOINS: &[&str] = &["of", "and", "for", "on", "the", "in", "&"];

/// How far either side of a match a name is looked for, in words.
const REACH: usize = 8;

/// Whether `text[start..end]`, a match, is written capitalised inside an
/// organisation's name.
pub fn in_organisation_name(text: &str, start: usize, end: usize) -> bool {
    let matched: Vec<&str> = words_in(&text[start..end]).collect();
    if matched.is_empty() || !matched.iter().all(|w| capitalised(w)) {
        return false;
    }
    let mut run: Vec<&str> = matched;
    // Words before, nearest first, then words after: each side stops at a word that
    // is neither capitalised nor a join followed by a capitalised word.
    let before = neighbours_before(text, start);
    let after = neighbours_after(text, end);
    run.extend(extend_run(&before));
    run.extend(extend_run(&after));
    run.iter().filter(|w| capitalised(w)).count() >= 2
        && run.iter().any(|w| ORGANISATION.contains(w))
}

/// The words of a run on one side, nearest first, joins kept only between capitals.
fn extend_run<'a>(side: &[&'a str]) -> Vec<&'a str> {
    let mut run = Vec::new();
    let mut i = 0;
    while i < side.len() {
        let w = side[i];
        let joins = JOINS.contains(&w) && side.get(i + 1).is_some_and(|n| capitalised(n));
        if !(capitalised(w) || joins) {
            break;
        }
        run.push(w);
        i += 1;
    }
    run
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn words_in(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty())
}

/// Up to [`REACH`] words before `at`, nearest first, stopping at punctuation other
/// than a space or a hyphen (a comma or a full stop ends a name).
fn neighbours_before(text: &str, at: usize) -> Vec<&str> {
    let head = &text[..at];
    let cut = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == ' ' || c == '-' || c == '&'))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let mut words: Vec<&str> = words_in(&head[cut..]).collect();
    words.reverse();
    words.truncate(REACH);
    words
}

/// Up to [`REACH`] words after `at`, nearest first, stopping as [`neighbours_before`].
fn neighbours_after(text: &str, at: usize) -> Vec<&str> {
    let tail = &text[at..];
    let cut = tail
        .find(|c: char| !(c.is_alphanumeric() || c == ' ' || c == '-' || c == '&'))
        .unwrap_or(tail.len());
    words_in(&tail[..cut]).take(REACH).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: &str, word: &str) -> bool {
        let start = text.find(word).unwrap();
        in_organisation_name(text, start, start + word.len())
    }

    #[test]
    fn a_word_inside_an_organisation_name_is_a_name() {
        assert!(named(
            "Mr Li, director of the Bureau of Enterprise Reform of SASAC, said",
            "Reform"
        ));
        assert!(named("the Reform Office will publish it", "Reform"));
        assert!(named(
            "the Central Commission for Deepening Reform met",
            "Reform"
        ));
    }

    #[test]
    fn the_same_word_elsewhere_counts() {
        assert!(!named("Reform is deepening, he said.", "Reform"));
        assert!(!named("SOE reform in the Bureau's plans", "reform"));
        assert!(!named(
            "the Enterprise Reform Deepening and Upgrading Action",
            "Reform"
        ));
        // A comma ends a name: the next sentence's "Office" is not part of it.
        assert!(!named("we pursue Reform, Office staff said", "Reform"));
    }
}
