//! Text encodings of CSV files: UTF-8 with or without BOM, UTF-16 LE/BE with
//! BOM, a declared label, otherwise Windows-1252 when the bytes are not UTF-8.

use super::ImportError;
use encoding_rs::Encoding;
use std::borrow::Cow;

/// Decoded text (borrowed from the input when it already is UTF-8) and the
/// name of the encoding that was used.
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
}

/// Decodes CSV bytes. `declared` is an encoding label such as "windows-1252".
pub(crate) fn decode<'a>(file: &str, bytes: &'a [u8], declared: Option<&str>) -> Result<Decoded<'a>, ImportError> {
    // A byte order mark always wins: it cannot be a coincidence.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or(&[]);
        let (text, _) = enc.decode_without_bom_handling(body);
        return Ok(Decoded {
            text,
            encoding: enc.name(),
        });
    }
    if let Some(label) = declared {
        let Some(enc) = Encoding::for_label(label.trim().as_bytes()) else {
            return Err(ImportError::UnsupportedFormat {
                file: file.to_string(),
                detail: format!(
                    "the declared text encoding \"{label}\" is unknown (use e.g. utf-8, windows-1252, iso-8859-15, utf-16le)"
                ),
            });
        };
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text,
            encoding: enc.name(),
        });
    }
    if looks_binary(bytes) {
        return Err(ImportError::UnsupportedFormat {
            file: file.to_string(),
            detail: "the content is binary, not text (a CSV file must be text; export the sheet as CSV again)".into(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: Cow::Borrowed(s),
            encoding: encoding_rs::UTF_8.name(),
        }),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(Decoded {
                text,
                encoding: encoding_rs::WINDOWS_1252.name(),
            })
        }
    }
}

/// NUL bytes or many control characters: not a text file.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..8192).unwrap_or(bytes);
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 10 > sample.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_fallbacks() {
        let d = decode("f", b"\xEF\xBB\xBFa;b", None).unwrap();
        assert_eq!(d.text, "a;b");
        let d = decode("f", b"\xFF\xFEa\0;\0", None).unwrap();
        assert_eq!(d.text, "a;");
        let d = decode("f", b"\xFE\xFF\0a\0;", None).unwrap();
        assert_eq!(d.text, "a;");
        let d = decode("f", b"Qt\xE9", None).unwrap();
        assert_eq!(d.text, "Qté");
        assert_eq!(d.encoding, "windows-1252");
        let d = decode("f", b"Qt\xE9", Some("iso-8859-1")).unwrap();
        assert_eq!(d.text, "Qté");
        assert!(decode("f", b"abc", Some("klingon")).is_err());
        assert!(decode("f", b"a\0b", None).is_err());
    }
}
