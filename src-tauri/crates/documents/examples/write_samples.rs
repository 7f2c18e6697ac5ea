//! Writes the sample documents into the directory given as the first argument
//! (default `samples/`): `cargo run -p etap-documents --example write_samples -- DIR`.

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "samples".into());
    match etap_documents::samples::write_samples(std::path::Path::new(&dir)) {
        Ok(paths) => {
            for p in paths {
                println!("{}", p.display());
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
