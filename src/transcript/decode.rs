//! Raw bytes to text. Transcripts are copied from web pages and word processors, so
//! besides UTF-8 we accept UTF-16 with a byte-order mark and Windows-1252, both decoded
//! losslessly and reported; anything else is refused with the line and column of the
//! first byte we cannot read.

use super::InputError;

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// Set when the text was not UTF-8 and was converted: worth a look by a person.
    pub warning: Option<String>,
}

pub fn decode(bytes: Vec<u8>) -> Result<Decoded, InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::new(
            1,
            None,
            "the file is empty",
            "put the text of a transcript in it, or remove it from transcripts/",
        ));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes, "UTF-16 (little-endian)");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes, "UTF-16 (big-endian)");
    }
    let mut bytes = bytes;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        let (line, column) = position_of(&bytes, at);
        return Err(InputError::new(
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
            let text = decode_windows_1252(&bytes).ok_or_else(|| {
                InputError::new(
                    line,
                    Some(column),
                    format!("the text is not UTF-8 (byte 0x{:02X})", bytes[at]),
                    "save the transcript as UTF-8 text",
                )
            })?;
            reject_control_characters(&text)?;
            Ok(Decoded {
                text,
                warning: Some(format!(
                    "not UTF-8 (first at line {line}, column {column}); decoded as Windows-1252: \
                     check its quotes and accented letters, or save it as UTF-8"
                )),
            })
        }
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Result<Decoded, InputError> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    let text = String::from_utf16(&units).map_err(|_| {
        InputError::new(
            1,
            None,
            format!("the file starts as {name} but holds invalid {name} text"),
            "save the transcript as UTF-8 text",
        )
    })?;
    if bytes.len() % 2 == 1 || text.contains('\0') {
        return Err(InputError::new(
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
fn reject_control_characters(text: &str) -> Result<(), InputError> {
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
            Err(InputError::new(
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

/// Windows-1252 is total on bytes except five undefined ones; those mean the file is
/// something else, and guessing would lose text.
fn decode_windows_1252(bytes: &[u8]) -> Option<String> {
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0',
        '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => Some(HIGH[(b - 0x80) as usize]).filter(|&c| c != '\0'),
            _ => Some(b as char),
        })
        .collect()
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
        assert_eq!((err.line, err.column), (2, Some(3)));
        assert!(err.message.contains("binary"));
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let d = decode(b"It\x92s \x93fine\x94\n".to_vec()).unwrap();
        assert_eq!(d.text, "It\u{2019}s \u{201C}fine\u{201D}\n");
        assert!(d.warning.unwrap().contains("line 1, column 3"));
    }

    #[test]
    fn undefined_windows_1252_bytes_are_an_error_with_position() {
        let err = decode(b"ok\nbad \x81 here".to_vec()).unwrap_err();
        assert_eq!((err.line, err.column), (2, Some(5)));
        assert!(err.message.contains("not UTF-8"));
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
