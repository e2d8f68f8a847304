//! Raw bytes to text. Transcripts are copied from web pages and word processors, so
//! besides UTF-8 we accept UTF-16 with a byte-order mark, and legacy encodings
//! (windows-1252, GBK/GB18030, Big5, Shift_JIS, ...) when the encoding can be told
//! with confidence; both are reported. Anything else is refused with the line and
//! column of the first byte that is not UTF-8.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, BIG5, EUC_JP, EUC_KR, GBK, SHIFT_JIS, WINDOWS_1252};

use crate::error::Error;

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// Set when the text was not UTF-8 and was converted: worth a look by a person.
    pub warning: Option<String>,
}

pub fn decode(bytes: Vec<u8>) -> Result<Decoded, Error> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::input(
            1,
            None,
            "the file is empty",
            "put the text of a transcript in it, or remove it from transcripts/",
        ));
    }
    let decoded = decode_any(bytes)?;
    Ok(Decoded {
        text: unify_line_ends(decoded.text),
        warning: decoded.warning,
    })
}

/// Old Mac files end their lines with a bare CR: without this the whole file is one
/// line. CRLF is left as it is (lines() reads it).
fn unify_line_ends(text: String) -> String {
    let bytes = text.as_bytes();
    let bare_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    if !bare_cr {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The text whatever its Unicode form (UTF-8, UTF-16 or UTF-32, with or without a
/// byte-order mark) or legacy encoding.
fn decode_any(bytes: Vec<u8>) -> Result<Decoded, Error> {
    // UTF-32's marks first: UTF-32LE's begins with UTF-16LE's.
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE, 0, 0]) {
        return decode_utf32(rest, u32::from_le_bytes, "UTF-32 (little-endian)");
    }
    if let Some(rest) = bytes.strip_prefix(&[0, 0, 0xFE, 0xFF]) {
        return decode_utf32(rest, u32::from_be_bytes, "UTF-32 (big-endian)");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes, "UTF-16 (little-endian)");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes, "UTF-16 (big-endian)");
    }
    // Without a mark, the zero bytes of ASCII text say the width and the order.
    match unmarked_width(&bytes) {
        Some(Unmarked::Utf32Le) => {
            return decode_utf32(&bytes, u32::from_le_bytes, "UTF-32 (little-endian)")
        }
        Some(Unmarked::Utf32Be) => {
            return decode_utf32(&bytes, u32::from_be_bytes, "UTF-32 (big-endian)")
        }
        Some(Unmarked::Utf16Le) => {
            return decode_utf16(&bytes, u16::from_le_bytes, "UTF-16 (little-endian)")
        }
        Some(Unmarked::Utf16Be) => {
            return decode_utf16(&bytes, u16::from_be_bytes, "UTF-16 (big-endian)")
        }
        None => {}
    }
    let mut bytes = bytes;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        let (line, column) = position_of(&bytes, at);
        return Err(Error::input(
            line,
            Some(column),
            "this is a binary file, not a text transcript (NUL byte)",
            "save the transcript as plain text (UTF-8)",
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            reject_control_characters(&text)?;
            Ok(Decoded {
                text,
                warning: None,
            })
        }
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let (line, column) = position_of(&bytes, at);
            let refuse = |message: String| {
                Error::input(
                    line,
                    Some(column),
                    message,
                    "save the transcript as UTF-8 text",
                )
            };
            let not_utf8 = format!("the text is not UTF-8 (byte 0x{:02X})", bytes[at]);
            let (text, name) = match decode_legacy(&bytes) {
                Legacy::Decoded { text, name } => (text, name),
                Legacy::Unreadable => {
                    return Err(refuse(format!(
                        "{not_utf8}, nor text in another encoding we can tell"
                    )))
                }
                Legacy::Ambiguous { candidates } => {
                    return Err(refuse(format!(
                        "{not_utf8}, and there is too little non-ASCII text to tell its \
                         encoding: {candidates}"
                    )))
                }
            };
            reject_control_characters(&text)?;
            Ok(Decoded {
                text,
                warning: Some(format!(
                    "not UTF-8 (first at line {line}, column {column}); decoded as {name}: \
                     check its names, quotes and accented letters, or save it as UTF-8"
                )),
            })
        }
    }
}

/// The legacy encodings a transcript plausibly comes in: Western web pages and word
/// processors, and the Chinese, Japanese and Korean ones. On a handful of non-ASCII
/// characters several of them often read the same bytes as different, valid text.
fn plausible_encodings() -> [&'static Encoding; 6] {
    [WINDOWS_1252, GBK, BIG5, SHIFT_JIS, EUC_JP, EUC_KR]
}

/// From how many non-ASCII characters chardetng's guess is trusted over a rival that
/// also reads the bytes. Measured on every snippet of Chinese (GBK, Big5), Japanese
/// (Shift_JIS, EUC-JP), Korean (EUC-KR) and French (windows-1252) text set in an
/// English sentence: chardetng misread snippets of up to 14 non-ASCII characters (up
/// to 4 for French), and none of the 16,137 with 16 or more.
const TRUSTED_NON_ASCII: usize = 16;

enum Legacy {
    Decoded {
        text: String,
        name: &'static str,
    },
    /// No encoding reads the bytes without errors or C1 control characters.
    Unreadable,
    /// The guess and its rivals, as "GBK, Big5 or windows-1252".
    Ambiguous {
        candidates: String,
    },
}

/// Bytes that are not UTF-8: chardetng (the detector browsers use) guesses the
/// encoding; the guess is taken when it reads the bytes cleanly and either no other
/// plausible encoding reads them as other text, or there is enough non-ASCII text for
/// the guess to be reliable. Anything else is refused: a wrong guess publishes
/// mojibake.
fn decode_legacy(bytes: &[u8]) -> Legacy {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    let Some(text) = read_cleanly(guess, bytes) else {
        return Legacy::Unreadable;
    };
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    if non_ascii < TRUSTED_NON_ASCII {
        let rivals: Vec<&str> = plausible_encodings()
            .into_iter()
            .filter(|&e| e != guess)
            .filter(|&e| read_cleanly(e, bytes).is_some_and(|other| other != text))
            .map(Encoding::name)
            .collect();
        if !rivals.is_empty() {
            let mut names = vec![guess.name()];
            names.extend(rivals);
            let last = names.pop().unwrap_or_default();
            return Legacy::Ambiguous {
                candidates: format!("{} or {last}", names.join(", ")),
            };
        }
    }
    let name = if guess == GBK && GBK.encode(&text).2 {
        // chardetng reports GB18030 as GBK, and encoding_rs decodes both alike; text
        // GBK cannot hold (four-byte sequences) is GB18030 proper.
        "GB18030"
    } else {
        guess.name()
    };
    Legacy::Decoded { text, name }
}

/// The text in `encoding`, if it has no malformed sequence and no C1 control
/// character (U+0080-U+009F: never in real text, but what windows-1252's undefined
/// bytes decode to).
fn read_cleanly(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    (!text.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c))).then(|| text.into_owned())
}

enum Unmarked {
    Utf32Le,
    Utf32Be,
    Utf16Le,
    Utf16Be,
}

/// UTF-16 or UTF-32 without a byte-order mark, told from where the zero bytes of its
/// ASCII characters fall: in text of those forms nearly every code unit is ASCII, so
/// the same byte positions are zero throughout. Binary files have zeros anywhere.
fn unmarked_width(bytes: &[u8]) -> Option<Unmarked> {
    let sample = &bytes[..bytes.len().min(4096)];
    if sample.len() < 8 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let zero_share = |width: usize, at: usize| {
        let units = sample.len() / width;
        let zeros = sample.chunks_exact(width).filter(|c| c[at] == 0).count();
        zeros * 10 >= units * 9
    };
    let ascii_at = |width: usize, at: usize| {
        sample.chunks_exact(width).filter(|c| c[at] != 0).count() * 10 >= (sample.len() / width) * 9
    };
    if sample.len().is_multiple_of(4) || bytes.len().is_multiple_of(4) {
        if zero_share(4, 1) && zero_share(4, 2) && zero_share(4, 3) && ascii_at(4, 0) {
            return Some(Unmarked::Utf32Le);
        }
        if zero_share(4, 0) && zero_share(4, 1) && zero_share(4, 2) && ascii_at(4, 3) {
            return Some(Unmarked::Utf32Be);
        }
    }
    if zero_share(2, 1) && ascii_at(2, 0) {
        return Some(Unmarked::Utf16Le);
    }
    if zero_share(2, 0) && ascii_at(2, 1) {
        return Some(Unmarked::Utf16Be);
    }
    None
}

fn decode_utf32(bytes: &[u8], unit: fn([u8; 4]) -> u32, name: &str) -> Result<Decoded, Error> {
    let invalid = || {
        Error::input(
            1,
            None,
            format!("the file is {name} but holds invalid {name} text, or is cut"),
            "save the transcript as UTF-8 text",
        )
    };
    if !bytes.len().is_multiple_of(4) {
        return Err(invalid());
    }
    let text: String = bytes
        .chunks_exact(4)
        .map(|c| char::from_u32(unit([c[0], c[1], c[2], c[3]])))
        .collect::<Option<String>>()
        .ok_or_else(invalid)?;
    if text.contains('\0') {
        return Err(invalid());
    }
    reject_control_characters(&text)?;
    Ok(Decoded {
        text,
        warning: Some(format!(
            "decoded from {name}; saving it as UTF-8 is preferred"
        )),
    })
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Result<Decoded, Error> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    let text = String::from_utf16(&units).map_err(|_| {
        Error::input(
            1,
            None,
            format!("the file starts as {name} but holds invalid {name} text"),
            "save the transcript as UTF-8 text",
        )
    })?;
    if bytes.len() % 2 == 1 || text.contains('\0') {
        return Err(Error::input(
            1,
            None,
            format!("the file starts as {name} but is cut or binary"),
            "save the transcript as UTF-8 text",
        ));
    }
    reject_control_characters(&text)?;
    Ok(Decoded {
        text,
        warning: Some(format!(
            "decoded from {name}; saving it as UTF-8 is preferred"
        )),
    })
}

/// Text files have tabs and line ends; other C0 controls mean the file is not text.
fn reject_control_characters(text: &str) -> Result<(), Error> {
    let is_bad = |b: u8| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F;
    if !crate::scan::any_byte(text.as_bytes(), is_bad) {
        return Ok(());
    }
    let bad = text
        .bytes()
        .position(|b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F);
    match bad {
        None => Ok(()),
        Some(at) => {
            let (line, column) = position_of(text.as_bytes(), at);
            Err(Error::input(
                line,
                Some(column),
                format!(
                    "control character U+{:04X}: this looks like a binary file",
                    text.as_bytes()[at]
                ),
                "save the transcript as plain text (UTF-8)",
            ))
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn position_of(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_and_bom_is_dropped() {
        let d = decode("\u{FEFF}Wang Hongzhi:\n".into()).unwrap();
        assert_eq!(d.text, "Wang Hongzhi:\n");
        assert!(d.warning.is_none());
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert!(decode(b"".to_vec()).unwrap_err().message.contains("empty"));
        assert!(decode(b"  \n\n".to_vec())
            .unwrap_err()
            .message
            .contains("empty"));
    }

    #[test]
    fn binary_is_refused_with_its_position() {
        let err = decode(b"Title\nab\0cd".to_vec()).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
        assert!(err.message.contains("binary"));
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let d = decode(b"It\x92s \x93fine\x94\n".to_vec()).unwrap();
        assert_eq!(d.text, "It\u{2019}s \u{201C}fine\u{201D}\n");
        let warning = d.warning.unwrap();
        assert!(warning.contains("line 1, column 3"), "{warning}");
        assert!(warning.contains("decoded as windows-1252"), "{warning}");
    }

    #[test]
    fn undefined_windows_1252_bytes_are_an_error_with_position() {
        let err = decode(b"ok\nbad \x81 here".to_vec()).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(5)));
        assert!(
            err.message.contains("not UTF-8 (byte 0x81)"),
            "{}",
            err.message
        );
    }

    /// A transcript as a Chinese site saves it: English with Chinese names and a
    /// Chinese paragraph.
    const CHINESE: &str = "SASAC press conference\nBeijing | 10 a.m. March 3, 2025\n\n\
        Li Bing (\u{674E}\u{51B0}), spokesperson of the SASAC\n\n\
        Li Bing:\n\n\u{6211}\u{4EEC}\u{5C06}\u{7EE7}\u{7EED}\u{6DF1}\u{5316}\u{56FD}\u{6709}\
        \u{4F01}\u{4E1A}\u{6539}\u{9769}\u{FF0C}\u{63A8}\u{52A8}\u{56FD}\u{6709}\u{8D44}\u{672C}\
        \u{5E03}\u{5C40}\u{4F18}\u{5316}\u{3002} We will deepen reform.\n";

    #[test]
    fn gbk_is_decoded_and_named() {
        let (bytes, _, unmappable) = GBK.encode(CHINESE);
        assert!(!unmappable);
        let d = decode(bytes.into_owned()).unwrap();
        assert_eq!(d.text, CHINESE);
        let warning = d.warning.unwrap();
        assert!(warning.contains("decoded as GBK"), "{warning}");
        assert!(warning.contains("line 4, column 10"), "{warning}");
    }

    #[test]
    fn gb18030_beyond_gbk_is_named_gb18030() {
        // U+20BB7 is outside GBK: GB18030 writes it as a four-byte sequence.
        let text = format!("{CHINESE}\u{20BB7}\n");
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable);
        let d = decode(bytes.into_owned()).unwrap();
        assert_eq!(d.text, text);
        assert!(d.warning.unwrap().contains("decoded as GB18030"));
    }

    #[test]
    fn shift_jis_and_euc_kr_are_decoded_and_named() {
        let japanese = "Tanaka:\n\n\u{672C}\u{65E5}\u{306E}\u{8A18}\u{8005}\u{4F1A}\u{898B}\u{3067}\u{306F}\
            \u{3001}\u{7D4C}\u{6E08}\u{653F}\u{7B56}\u{306B}\u{3064}\u{3044}\u{3066}\u{8AAC}\u{660E}\
            \u{3057}\u{307E}\u{3059}\u{3002}\n";
        let (bytes, _, _) = SHIFT_JIS.encode(japanese);
        let d = decode(bytes.into_owned()).unwrap();
        assert_eq!(d.text, japanese);
        assert!(d.warning.unwrap().contains("decoded as Shift_JIS"));

        let korean = "Kim:\n\n\u{C624}\u{B298} \u{AE30}\u{C790}\u{D68C}\u{ACAC}\u{C5D0}\u{C11C}\u{B294} \
            \u{ACBD}\u{C81C} \u{C815}\u{CC45}\u{C5D0} \u{B300}\u{D574} \u{C124}\u{BA85}\u{D558}\u{ACA0}\
            \u{C2B5}\u{B2C8}\u{B2E4}.\n";
        let (bytes, _, _) = EUC_KR.encode(korean);
        let d = decode(bytes.into_owned()).unwrap();
        assert_eq!(d.text, korean);
        assert!(d.warning.unwrap().contains("decoded as EUC-KR"));
    }

    #[test]
    fn too_little_non_ascii_text_to_tell_is_refused_naming_candidates() {
        // "\u{4F60}\u{597D}" in GBK, which windows-1252 reads as "\u{C4}\u{E3}\u{BA}\u{C3}".
        let err = decode(b"Wang Hongzhi:\n\nHello, \xC4\xE3\xBA\xC3.\n".to_vec()).unwrap_err();
        assert_eq!((err.line, err.column), (Some(3), Some(8)));
        assert!(
            err.message.contains("too little non-ASCII text to tell"),
            "{}",
            err.message
        );
        assert!(err.message.contains("GBK"), "{}", err.message);
        assert!(err.message.contains("windows-1252"), "{}", err.message);
        assert!(err.help.as_deref().unwrap_or_default().contains("UTF-8"));

        // A single accented letter that GBK reads too ("na\u{EF}ve" or "na\u{98EE}e").
        let err = decode(b"A na\xEFve plan.\n".to_vec()).unwrap_err();
        for candidate in ["windows-1252", "GBK"] {
            assert!(err.message.contains(candidate), "{}", err.message);
        }
    }

    #[test]
    fn utf32_and_unmarked_utf16_are_decoded() {
        let text = "Xinhua News Agency:\n\nWhat about AI?\n";
        let le32: Vec<u8> = text
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        let be32: Vec<u8> = text
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        let le16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be16: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [
            ([vec![0xFF, 0xFE, 0, 0], le32.clone()].concat(), "UTF-32"),
            ([vec![0, 0, 0xFE, 0xFF], be32.clone()].concat(), "UTF-32"),
            (le32, "UTF-32"),
            (be32, "UTF-32"),
            (le16, "UTF-16"),
            (be16, "UTF-16"),
        ] {
            let d = decode(bytes).unwrap();
            assert_eq!(d.text, text);
            assert!(d.warning.unwrap().contains(name));
        }
    }

    #[test]
    fn bare_carriage_returns_end_lines() {
        let d = decode(b"Title\rLi Bing:\r\rText.\r\nMore.\n".to_vec()).unwrap();
        assert_eq!(d.text, "Title\nLi Bing:\n\nText.\nMore.\n");
        let d = decode(b"Title\r\nLi Bing:\r\n".to_vec()).unwrap();
        assert_eq!(d.text, "Title\r\nLi Bing:\r\n", "CRLF is kept as it is");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Xinhua News Agency:\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, "Xinhua News Agency:\n");
        assert!(d.warning.unwrap().contains("UTF-16"));
    }
}
