//! A QR code as vector shapes for the PDF: the text (the invoice's ГОСТ Р 56042-2014
//! payment string) is encoded by the `qrcode` crate, and each row's run of dark
//! modules becomes one filled rectangle, so the code is sharp at any zoom or printer
//! resolution, small in the file, and not a raster image.
//!
//! Guarantees: error correction level M (15 % of the code may be damaged, the level
//! banking apps are tested with); a quiet zone of four modules on every side is part
//! of the box, so nothing printed beside it can touch the code.

use std::sync::Arc;

use qrcode::{Color, EcLevel, QrCode};

use crate::layout::{Align, Block};
use crate::{DocumentError, Result};

/// Modules of white border the QR standard asks for around the code.
const QUIET: usize = 4;

/// `text` as a QR code block whose modules are `module` points square; the block is
/// as wide and high as the code with its quiet zone.
pub fn block(text: &str, module: f32, align: Align) -> Result<Block> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| {
        DocumentError::Pdf(format!("the payment QR code cannot hold this text: {e}"))
    })?;
    let n = code.width();
    let colors = code.to_colors();
    let side = module * (n + 2 * QUIET) as f32;
    let mut rects = Vec::new();
    for y in 0..n {
        let row = &colors[y * n..(y + 1) * n];
        let mut x = 0;
        while x < n {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < n && row[x] == Color::Dark {
                x += 1;
            }
            rects.push([
                (start + QUIET) as f32 * module,
                (y + QUIET) as f32 * module,
                (x - start) as f32 * module,
                module,
            ]);
        }
    }
    Ok(Block::Shapes {
        rects: Arc::new(rects),
        width: side,
        height: side,
        align,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_runs_are_merged_into_one_rectangle_each() {
        let module = 2.0;
        let Ok(Block::Shapes { rects, width, .. }) = block("ST00012|Name=x", module, Align::Left)
        else {
            panic!("not shapes")
        };
        // A version-1 code is 21 modules and a quiet zone of 4 on each side; its top
        // row starts with the 7-module finder.
        assert_eq!(width, 29.0 * module);
        let first = rects[0];
        assert!((first[0] - 4.0 * module).abs() < 1e-3);
        assert!((first[2] - 7.0 * module).abs() < 1e-3, "{first:?}");
        // No two rectangles of a row touch: they would have been one.
        for pair in rects.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a[1] == b[1] {
                assert!(b[0] > a[0] + a[2] + 1e-3);
            }
        }
    }
}
