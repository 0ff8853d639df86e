//! `cargo xtask sw`: writes the service worker into Trunk's staging directory
//! with the exact list of files the build produced (run by Trunk as a
//! post-build hook, see `Trunk.toml`).

use std::path::{Path, PathBuf};

/// Files never precached (the worker itself).
const SKIP: [&str; 1] = ["sw.js"];

/// Writes `sw.js` into `TRUNK_STAGING_DIR` (or `dist/` when run by hand).
pub fn sw() -> Result<(), String> {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::root().join("dist"));
    build_into(&staging)
}

/// Writes `sw.js` into `staging`, listing every file already there.
fn build_into(staging: &Path) -> Result<(), String> {
    let template_path = crate::root().join("app").join("sw").join("sw.template.js");
    let template = std::fs::read_to_string(&template_path)
        .map_err(|error| format!("cannot read {}: {error}", template_path.display()))?;
    let mut files = Vec::new();
    collect(staging, staging, &mut files)?;
    files.sort();
    if !files.iter().any(|file| file == "/index.html") {
        return Err(format!(
            "no index.html in {}: is this a Trunk build?",
            staging.display()
        ));
    }
    let mut hash = Fnv::new();
    for file in &files {
        hash.write(file.as_bytes());
        let content = std::fs::read(staging.join(file.trim_start_matches('/')))
            .map_err(|error| format!("cannot read {file}: {error}"))?;
        hash.write(&content);
    }
    let mut precache: Vec<String> = vec!["\"/\"".to_owned()];
    precache.extend(files.iter().map(|file| format!("\"{file}\"")));
    let script = template
        .replace("__VERSION__", &format!("{:016x}", hash.finish()))
        .replace("__PRECACHE__", &format!("[{}]", precache.join(", ")));
    let target = staging.join("sw.js");
    std::fs::write(&target, script)
        .map_err(|error| format!("cannot write {}: {error}", target.display()))?;
    eprintln!("xtask: service worker written with {} files", files.len());
    Ok(())
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|error| error.to_string())?.path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        if name.starts_with('.') || SKIP.contains(&name) {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            let parts: Vec<String> = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push(format!("/{}", parts.join("/")));
        }
    }
    Ok(())
}

/// FNV-1a, 64 bits: a version tag that changes when any file changes.
struct Fnv(u64);

impl Fnv {
    const fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    const fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_lists_exactly_the_built_files_and_versions_them() {
        let dir = std::env::temp_dir().join(format!("archipel-sw-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("icons")).expect("dirs");
        std::fs::write(dir.join("index.html"), "<html>").expect("index");
        std::fs::write(dir.join("app-0123456789abcdef_bg.wasm"), "wasm").expect("wasm");
        std::fs::write(dir.join("icons").join("icon.svg"), "<svg/>").expect("icon");
        std::fs::create_dir_all(dir.join(".stage")).expect("hidden");
        write_for(&dir);
        let script = std::fs::read_to_string(dir.join("sw.js")).expect("written");
        assert!(
            script.contains(
                r#"["/", "/app-0123456789abcdef_bg.wasm", "/icons/icon.svg", "/index.html"]"#
            ),
            "{script}"
        );
        let first = script
            .lines()
            .find(|line| line.starts_with("const VERSION"))
            .map(str::to_owned);
        std::fs::write(dir.join("index.html"), "<html lang=fr>").expect("index");
        write_for(&dir);
        let again = std::fs::read_to_string(dir.join("sw.js")).expect("written");
        let second = again
            .lines()
            .find(|line| line.starts_with("const VERSION"))
            .map(str::to_owned);
        assert_ne!(first, second, "a changed file gives a new cache version");
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn write_for(dir: &Path) {
        let template =
            std::fs::read_to_string(crate::root().join("app/sw/sw.template.js")).expect("template");
        assert!(template.contains("__PRECACHE__") && template.contains("__VERSION__"));
        build_into(dir).expect("builds");
    }
}
