//! A logo file judged from its bytes alone: PNG or JPEG, and how many pixels — what
//! the profile accepts on upload and what the documents need to place it.
//!
//! Header parsing is hand-written (a few dozen lines): the image crates decode whole
//! pictures, and here only the first bytes are read, for every upload.

/// The largest logo file accepted: a logo on a document needs no more.
pub const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

/// The most pixels a logo may have on either side: printed 45 mm wide it needs about
/// 530 pixels across at 300 dpi; 4 000 is far beyond any use and keeps the decoded
/// picture's memory bounded.
pub const MAX_LOGO_SIDE: u32 = 4000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoKind {
    Png,
    Jpeg,
}

impl LogoKind {
    /// The MIME type the profile stores.
    pub fn mime(self) -> &'static str {
        match self {
            LogoKind::Png => "image/png",
            LogoKind::Jpeg => "image/jpeg",
        }
    }
}

/// What a logo's header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogoHeader {
    pub kind: LogoKind,
    pub width: u32,
    pub height: u32,
    /// JPEG colour components (1 grey, 3 colour, 4 CMYK); 0 for PNG (decoded anyway).
    pub components: u8,
    /// A JPEG with Adobe's APP14 marker (its CMYK samples are stored inverted).
    pub adobe: bool,
}

/// Why a file cannot be a logo (the words for it are the caller's: storage and the
/// documents each say it their way).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogoProblem {
    #[error("neither PNG nor JPEG")]
    NotAnImage,
    #[error("damaged {0}")]
    Damaged(&'static str),
    #[error("{0} × {1} pixels")]
    TooLarge(u32, u32),
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The logo's kind (from its first bytes: PNG or JPEG, nothing else) and size, or
/// why it cannot be one.
pub fn header(bytes: &[u8]) -> Result<LogoHeader, LogoProblem> {
    let h = if bytes.starts_with(PNG_SIGNATURE) {
        png_header(bytes)?
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg_header(bytes)?
    } else {
        return Err(LogoProblem::NotAnImage);
    };
    if h.width == 0 || h.height == 0 {
        return Err(LogoProblem::Damaged(match h.kind {
            LogoKind::Png => "PNG",
            LogoKind::Jpeg => "JPEG",
        }));
    }
    if h.width > MAX_LOGO_SIDE || h.height > MAX_LOGO_SIDE {
        return Err(LogoProblem::TooLarge(h.width, h.height));
    }
    Ok(h)
}

fn png_header(bytes: &[u8]) -> Result<LogoHeader, LogoProblem> {
    // The IHDR chunk comes first: width and height right after its type.
    let ihdr = bytes
        .get(12..24)
        .filter(|h| &h[..4] == b"IHDR")
        .ok_or(LogoProblem::Damaged("PNG"))?;
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Ok(LogoHeader {
        kind: LogoKind::Png,
        width: be(&ihdr[4..8]),
        height: be(&ihdr[8..12]),
        components: 0,
        adobe: false,
    })
}

fn jpeg_header(bytes: &[u8]) -> Result<LogoHeader, LogoProblem> {
    let damaged = LogoProblem::Damaged("JPEG");
    let mut i = 2;
    let mut adobe = false;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(damaged);
        }
        let marker = bytes[i + 1];
        // Fill bytes, and markers without a length.
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            i += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let seg = bytes.get(i + 4..i + 2 + len).ok_or(damaged.clone())?;
        match marker {
            // APP14 "Adobe": CMYK samples stored inverted.
            0xEE if seg.starts_with(b"Adobe") => adobe = true,
            // Start of frame (baseline, progressive, …), not DHT, JPG or DAC.
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if seg.len() < 6 {
                    return Err(damaged);
                }
                return Ok(LogoHeader {
                    kind: LogoKind::Jpeg,
                    height: u32::from(u16::from_be_bytes([seg[1], seg[2]])),
                    width: u32::from(u16::from_be_bytes([seg[3], seg[4]])),
                    components: seg[5],
                    adobe,
                });
            }
            // A scan before any frame header.
            0xDA => break,
            _ => {}
        }
        i += 2 + len;
    }
    Err(damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SOI, an APP0 segment, a baseline frame header `w` × `h` with 3 components, EOI.
    pub fn jpeg(w: u16, h: u16) -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        j.extend([0xFF, 0xC0, 0x00, 0x11, 0x08]);
        j.extend(h.to_be_bytes());
        j.extend(w.to_be_bytes());
        j.push(3);
        j.extend([0; 9]);
        j.extend([0xFF, 0xD9]);
        j
    }

    /// A PNG signature and IHDR claiming `w` × `h` (enough for the header).
    fn png_head(w: u32, h: u32) -> Vec<u8> {
        let mut p = PNG_SIGNATURE.to_vec();
        p.extend([0, 0, 0, 13]);
        p.extend(b"IHDR");
        p.extend(w.to_be_bytes());
        p.extend(h.to_be_bytes());
        p.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        p
    }

    #[test]
    fn sizes_come_from_the_headers() {
        let j = header(&jpeg(64, 48)).unwrap();
        assert_eq!(
            (j.kind, j.width, j.height, j.components),
            (LogoKind::Jpeg, 64, 48, 3)
        );
        let p = header(&png_head(120, 40)).unwrap();
        assert_eq!((p.kind, p.width, p.height), (LogoKind::Png, 120, 40));
    }

    #[test]
    fn other_files_damaged_and_huge_ones_are_refused() {
        assert_eq!(header(b"GIF89a"), Err(LogoProblem::NotAnImage));
        assert_eq!(
            header(&[0xFF, 0xD8, 0xFF]),
            Err(LogoProblem::Damaged("JPEG"))
        );
        assert_eq!(header(PNG_SIGNATURE), Err(LogoProblem::Damaged("PNG")));
        assert_eq!(
            header(&png_head(5000, 100)),
            Err(LogoProblem::TooLarge(5000, 100)),
            "each side is limited, as the message says"
        );
        assert!(header(&png_head(4000, 4000)).is_ok());
        assert_eq!(header(&png_head(0, 10)), Err(LogoProblem::Damaged("PNG")));
    }
}
