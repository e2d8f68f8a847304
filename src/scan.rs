//! Byte scans and the FNV-1a constants shared by the parser and the content writer.

/// FNV-1a's offset basis and prime (64-bit): a hash stable across versions and
/// platforms, for fingerprints that are compared or written down.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
pub const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Whether any byte passes `test`, checked 32 bytes at a time without branches so
/// that the compiler can vectorise it; most lines pass none, and are read once.
#[inline]
pub fn any_byte(bytes: &[u8], test: impl Fn(u8) -> bool + Copy) -> bool {
    bytes
        .chunks(32)
        .any(|chunk| chunk.iter().fold(false, |found, &b| found | test(b)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_a_byte_anywhere() {
        let mut bytes = vec![b'a'; 100];
        assert!(!super::any_byte(&bytes, |b| b == b'*'));
        bytes[77] = b'*';
        assert!(super::any_byte(&bytes, |b| b == b'*'));
    }
}
