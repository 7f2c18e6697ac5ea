//! Writes `fonts/*.ttf.br`, the faces the binary keeps — unhinted
//! (`fonts::stored_form`) and brotli-compressed — from the `.ttf` files beside them (`fonts::Face::bytes` inflates them on first use). Run after
//! a font file changes: `cargo run -p etap-documents --example compress_fonts`; the
//! `compressed_faces_are_the_ttf_files` test fails until it is.

use etap_documents::fonts::Face;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        ..Default::default()
    };
    for face in Face::every() {
        let ttf = std::fs::read(dir.join(face.file_name())).expect("font file");
        let stored = etap_documents::fonts::stored_form(&ttf);
        let mut out = Vec::new();
        brotli::BrotliCompress(&mut &stored[..], &mut out, &params).expect("compressed");
        let dest = dir.join(format!("{}.br", face.file_name()));
        std::fs::write(&dest, &out).expect("written");
        println!("{}: {} → {} bytes", face.file_name(), ttf.len(), out.len());
    }
}
