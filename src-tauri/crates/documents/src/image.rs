//! Raster images (the provider's logo) as PDF image XObjects.
//!
//! Guarantees:
//! - a JPEG is embedded as it is (`DCTDecode`: no re-encoding, no quality lost), its
//!   size and colour space read from its frame header; Adobe CMYK JPEGs get the
//!   inverted decode they need;
//! - a PNG is decoded (palette, grey, RGB, with or without alpha, any bit depth) and
//!   embedded as 8-bit samples, deflated; its transparency becomes a soft mask, so a
//!   logo on a transparent background prints without a box around it;
//! - anything else, or an image over the profile's limits
//!   ([`etap_domain::logo::header`]), is refused with [`DocumentError::Image`] instead
//!   of printing a broken picture.

use etap_domain::logo::{header, LogoHeader, LogoKind};

use crate::{DocumentError, Result};

/// An image file's bytes, as uploaded (PNG or JPEG).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub bytes: Vec<u8>,
}

/// Width and height in pixels.
pub fn size(bytes: &[u8]) -> Result<(u32, u32)> {
    let h = checked(bytes)?;
    Ok((h.width, h.height))
}

/// The image as an XObject stream, with its soft mask (transparency) if it has one.
pub fn xobject(bytes: &[u8]) -> Result<(lopdf::Stream, Option<lopdf::Stream>)> {
    let h = checked(bytes)?;
    match h.kind {
        LogoKind::Png => png_xobject(bytes),
        LogoKind::Jpeg => jpeg_xobject(bytes, &h).map(|s| (s, None)),
    }
}

fn checked(bytes: &[u8]) -> Result<LogoHeader> {
    header(bytes).map_err(|e| bad(&e.to_string()))
}

fn bad(why: &str) -> DocumentError {
    DocumentError::Image(why.to_string())
}

fn image_dict(width: u32, height: u32, color_space: &str) -> lopdf::Dictionary {
    use lopdf::Object;
    lopdf::Dictionary::from_iter(vec![
        ("Type", Object::Name(b"XObject".to_vec())),
        ("Subtype", Object::Name(b"Image".to_vec())),
        ("Width", Object::Integer(i64::from(width))),
        ("Height", Object::Integer(i64::from(height))),
        ("ColorSpace", Object::Name(color_space.as_bytes().to_vec())),
        ("BitsPerComponent", Object::Integer(8)),
    ])
}

fn png_xobject(bytes: &[u8]) -> Result<(lopdf::Stream, Option<lopdf::Stream>)> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // Palettes and low bit depths to 8-bit samples, 16-bit to 8 (a logo gains nothing
    // from 16 bits), transparency chunks to an alpha channel.
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| bad(&e.to_string()))?;
    let mut buf = vec![
        0;
        reader
            .output_buffer_size()
            .ok_or_else(|| bad("PNG too large"))?
    ];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| bad(&e.to_string()))?;
    buf.truncate(info.buffer_size());
    let (colors, alpha, space) = match info.color_type {
        png::ColorType::Grayscale => (1, false, "DeviceGray"),
        png::ColorType::GrayscaleAlpha => (1, true, "DeviceGray"),
        png::ColorType::Rgb => (3, false, "DeviceRGB"),
        png::ColorType::Rgba => (3, true, "DeviceRGB"),
        png::ColorType::Indexed => return Err(bad("palette left unexpanded")),
    };
    let (w, h) = (info.width, info.height);
    let (color, mask) = if alpha {
        let stride = colors + 1;
        let mut color = Vec::with_capacity(buf.len() / stride * colors);
        let mut mask = Vec::with_capacity(buf.len() / stride);
        for px in buf.chunks_exact(stride) {
            color.extend_from_slice(&px[..colors]);
            mask.push(px[colors]);
        }
        // A fully opaque alpha channel needs no mask.
        let opaque = mask.iter().all(|a| *a == 255);
        (color, (!opaque).then_some(mask))
    } else {
        (buf, None)
    };
    let deflated = |samples: Vec<u8>, space: &str| -> lopdf::Stream {
        let mut dict = image_dict(w, h, space);
        let packed = crate::pdf::pack(&samples);
        let content = match packed {
            Some(p) => {
                dict.set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
                p
            }
            None => samples,
        };
        // Already deflated (or not worth it): lopdf must leave it alone.
        lopdf::Stream::new(dict, content).with_compression(false)
    };
    Ok((
        deflated(color, space),
        mask.map(|m| deflated(m, "DeviceGray")),
    ))
}

fn jpeg_xobject(bytes: &[u8], f: &LogoHeader) -> Result<lopdf::Stream> {
    let space = match f.components {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        4 => "DeviceCMYK",
        n => return Err(bad(&format!("JPEG with {n} colour components"))),
    };
    let mut dict = image_dict(f.width, f.height, space);
    dict.set("Filter", lopdf::Object::Name(b"DCTDecode".to_vec()));
    if f.components == 4 && f.adobe {
        dict.set(
            "Decode",
            lopdf::Object::Array(
                [1, 0, 1, 0, 1, 0, 1, 0]
                    .into_iter()
                    .map(lopdf::Object::Integer)
                    .collect(),
            ),
        );
    }
    Ok(lopdf::Stream::new(dict, bytes.to_vec()).with_compression(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A w × h PNG of one colour, with alpha if `a` is given.
    pub(crate) fn png(w: u32, h: u32, a: Option<u8>) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(if a.is_some() {
                png::ColorType::Rgba
            } else {
                png::ColorType::Rgb
            });
            enc.set_depth(png::BitDepth::Eight);
            let mut wr = enc.write_header().unwrap();
            let px: Vec<u8> = match a {
                Some(a) => [200, 30, 40, a].repeat((w * h) as usize),
                None => [200, 30, 40].repeat((w * h) as usize),
            };
            wr.write_image_data(&px).unwrap();
        }
        out
    }

    #[test]
    fn png_sizes_and_transparency_become_a_soft_mask() {
        assert_eq!(size(&png(120, 40, None)).unwrap(), (120, 40));
        let (img, mask) = xobject(&png(120, 40, Some(128))).unwrap();
        assert_eq!(img.dict.get(b"Width").unwrap().as_i64().unwrap(), 120);
        assert!(mask.is_some(), "half-transparent pixels keep their alpha");
        let (_, mask) = xobject(&png(8, 8, Some(255))).unwrap();
        assert!(mask.is_none(), "an opaque alpha channel needs no mask");
    }

    #[test]
    fn a_jpeg_is_embedded_as_it_is_with_its_frame_size() {
        // SOI, an APP0 segment, a baseline frame header 64 × 48 with 3 components.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        jpeg.extend([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x30, 0x00, 0x40, 0x03]);
        jpeg.extend([0; 9]);
        jpeg.extend([0xFF, 0xD9]);
        assert_eq!(size(&jpeg).unwrap(), (64, 48));
        let (img, mask) = xobject(&jpeg).unwrap();
        assert_eq!(img.content, jpeg);
        assert!(mask.is_none());
        assert_eq!(
            img.dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"DCTDecode"
        );
    }

    #[test]
    fn other_files_and_huge_images_are_refused() {
        assert!(matches!(xobject(b"GIF89a"), Err(DocumentError::Image(_))));
        let mut huge = png(1, 1, None);
        // Claim 5 000 × 5 000 in the header.
        huge[16..20].copy_from_slice(&5000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&5000u32.to_be_bytes());
        assert!(matches!(xobject(&huge), Err(DocumentError::Image(_))));
    }
}
