//! Removes TrueType hinting from a font subset before it is embedded.
//!
//! Hinting (bytecode in every glyph plus the `fpgm`, `prep` and `cvt ` tables) adapts
//! outlines to coarse screen pixels; PDF viewers and printers draw the outlines at
//! high resolution and mostly ignore it. In the PT fonts it is 56–67 % of the glyph
//! data, so dropping it halves the embedded fonts and with them the documents.
//!
//! Guarantees: outlines, metrics and the character map are untouched (only the
//! instruction bytes go); any font this code does not fully understand is returned as
//! `None` and the caller embeds the subset unchanged.

/// The font without hinting, or `None` if it cannot be safely rewritten.
pub fn unhint(font: &[u8]) -> Option<Vec<u8>> {
    let tables = directory(font)?;
    let find = |tag: &[u8; 4]| tables.iter().find(|t| &t.tag == tag);
    let head = find(b"head")?;
    let maxp = find(b"maxp")?;
    let loca = find(b"loca")?;
    let glyf = find(b"glyf")?;
    let head_data = font.get(head.range())?;
    let long_loca = be16(head_data, 50)? == 1;
    let glyphs = usize::from(be16(font.get(maxp.range())?, 4)?);
    let loca_data = font.get(loca.range())?;
    let glyf_data = font.get(glyf.range())?;

    let offset = |i: usize| -> Option<usize> {
        if long_loca {
            be32(loca_data, i * 4).map(|v| v as usize)
        } else {
            be16(loca_data, i * 2).map(|v| usize::from(v) * 2)
        }
    };
    let mut new_glyf = Vec::with_capacity(glyf_data.len() / 2);
    let mut new_loca = Vec::with_capacity((glyphs + 1) * 4);
    for g in 0..glyphs {
        let (a, b) = (offset(g)?, offset(g + 1)?);
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if b <= a {
            continue;
        }
        let glyph = glyf_data.get(a..b)?;
        new_glyf.extend_from_slice(&strip_glyph(glyph)?);
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());

    let mut new_head = head_data.to_vec();
    // Long offsets in the new loca; the checksum adjustment is recomputed below.
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    new_head.get_mut(8..12)?.copy_from_slice(&[0, 0, 0, 0]);

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for t in &tables {
        let data = match &t.tag {
            b"fpgm" | b"prep" | b"cvt " | b"hdmx" | b"LTSH" | b"VDMX" => continue,
            b"head" => new_head.clone(),
            b"loca" => new_loca.clone(),
            b"glyf" => new_glyf.clone(),
            _ => font.get(t.range())?.to_vec(),
        };
        out_tables.push((t.tag, data));
    }
    out_tables.sort_by_key(|t| t.0);
    Some(assemble(&out_tables))
}

struct Entry {
    tag: [u8; 4],
    offset: usize,
    len: usize,
}

impl Entry {
    fn range(&self) -> std::ops::Range<usize> {
        self.offset..self.offset + self.len
    }
}

fn be16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

fn be32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
        *d.get(at + 2)?,
        *d.get(at + 3)?,
    ]))
}

fn directory(font: &[u8]) -> Option<Vec<Entry>> {
    // Only plain TrueType outlines (not CFF, not a collection).
    if be32(font, 0)? != 0x0001_0000 {
        return None;
    }
    let n = usize::from(be16(font, 4)?);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let at = 12 + i * 16;
        let tag = font.get(at..at + 4)?;
        let offset = be32(font, at + 8)? as usize;
        let len = be32(font, at + 12)? as usize;
        font.get(offset..offset.checked_add(len)?)?;
        out.push(Entry {
            tag: [tag[0], tag[1], tag[2], tag[3]],
            offset,
            len,
        });
    }
    Some(out)
}

/// One glyph without its instructions.
fn strip_glyph(glyph: &[u8]) -> Option<Vec<u8>> {
    let contours = be16(glyph, 0)? as i16;
    if contours >= 0 {
        // Header (10 bytes), end points, instruction length, instructions, the rest.
        let at = 10 + 2 * contours as usize;
        let len = usize::from(be16(glyph, at)?);
        let rest = glyph.get(at + 2 + len..)?;
        let mut out = Vec::with_capacity(glyph.len() - len);
        out.extend_from_slice(glyph.get(..at)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(out);
    }
    // Composite: walk the components, clear WE_HAVE_INSTRUCTIONS, cut what follows.
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const HAVE_XY_SCALE: u16 = 0x0040;
    const HAVE_2X2: u16 = 0x0080;
    const HAVE_INSTRUCTIONS: u16 = 0x0100;
    let mut out = glyph.to_vec();
    let mut at = 10;
    loop {
        let flags = be16(glyph, at)?;
        out.get_mut(at..at + 2)?
            .copy_from_slice(&(flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        at += 4; // flags, glyph index
        at += if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        at += if flags & HAVE_SCALE != 0 {
            2
        } else if flags & HAVE_XY_SCALE != 0 {
            4
        } else if flags & HAVE_2X2 != 0 {
            8
        } else {
            0
        };
        if at > glyph.len() {
            return None;
        }
        if flags & MORE == 0 {
            break;
        }
    }
    out.truncate(at);
    Some(out)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// An sfnt file from tables sorted by tag, 4-byte aligned, with checksums.
fn assemble(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let mut pow = 1u16;
    let mut log = 0u16;
    while pow * 2 <= n {
        pow *= 2;
        log += 1;
    }
    let search = pow * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&search.to_be_bytes());
    out.extend_from_slice(&log.to_be_bytes());
    out.extend_from_slice(&(n * 16 - search).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(h) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        if let Some(slot) = out.get_mut(h + 8..h + 12) {
            slot.copy_from_slice(&adjust.to_be_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Face;

    #[test]
    fn hinting_goes_outlines_and_metrics_stay() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        for face in Face::ALL {
            // The hinted file as ParaType made it (the binary keeps it unhinted).
            let full = &std::fs::read(dir.join(face.file_name())).unwrap()[..];
            let bare = unhint(full).expect("PT fonts are plain TrueType");
            // The whole font keeps its kern/GPOS tables; the glyph data alone halves.
            assert!(bare.len() * 10 < full.len() * 9, "{face:?}: {}", bare.len());
            let a = ttf_parser::Face::parse(full, 0).unwrap();
            let b = ttf_parser::Face::parse(&bare, 0).unwrap();
            assert_eq!(a.number_of_glyphs(), b.number_of_glyphs());
            for c in "Ёжик «№ 1» — Quick ₽".chars() {
                let (ga, gb) = (a.glyph_index(c).unwrap(), b.glyph_index(c).unwrap());
                assert_eq!(ga, gb);
                assert_eq!(a.glyph_hor_advance(ga), b.glyph_hor_advance(gb));
                assert_eq!(a.glyph_bounding_box(ga), b.glyph_bounding_box(gb), "{c}");
            }
        }
    }
}
