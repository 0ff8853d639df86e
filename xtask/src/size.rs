//! `cargo xtask size`: the size of the built app as a phone downloads it
//! (raw, gzip, brotli), against the whole-app target and ceiling.
//!
//! The **target** (350 KiB brotli, the product's goal) is reported; the
//! **ceiling** is what fails the test run: a regression guard set just above
//! today's size, so a heavy dependency slipping in (a transliteration table
//! once added 200 KB) cannot land unnoticed. It comes down when the app
//! shrinks and reaches the target when the target is met; it goes up only
//! with a whole new view, by that view's measured cost, recorded in
//! `docs/benchmarks.md` (the governance board: 374.5 → 529.2 KiB).

use std::process::Command;

use crate::process::run;

/// The product's goal for the whole app, brotli-compressed (docs/benchmarks.md).
pub const TARGET_BROTLI_BYTES: u64 = 350 * 1024;
/// Above this the test run fails (see the module docs).
pub const CEILING_BROTLI_BYTES: u64 = 720 * 1024;

/// Compression is measured with Node's zlib (installed with the end-to-end
/// packages), so the build tool stays dependency-free.
const MEASURE_JS: &str = r#"
const fs = require("fs"), path = require("path"), zlib = require("zlib");
const dist = process.argv[1], target = Number(process.argv[2]), ceiling = Number(process.argv[3]);
const files = fs.readdirSync(dist).filter((f) => /\.(wasm|js|css|html)$/.test(f)).sort();
if (files.length === 0) { console.error(`no built app in ${dist}: run cargo xtask build`); process.exit(1); }
let total = { raw: 0, gzip: 0, brotli: 0 };
console.log("| file | raw | gzip -9 | brotli -11 |\n|---|---:|---:|---:|");
for (const file of files) {
  const data = fs.readFileSync(path.join(dist, file));
  const raw = data.length;
  const gzip = zlib.gzipSync(data, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total.raw += raw; total.gzip += gzip; total.brotli += brotli;
  console.log(`| ${file.replace(/-[0-9a-f]{10,16}(?=(_bg)?\.)/, "-<hash>")} | ${raw} | ${gzip} | ${brotli} |`);
}
console.log(`| **total** | ${total.raw} | ${total.gzip} | ${total.brotli} |`);
const share = ((100 * total.brotli) / target).toFixed(0);
console.log(`\nbrotli total ${total.brotli} B: ${share} % of the ${target} B target; ceiling ${ceiling} B`);
if (total.brotli > target) console.log(`over the target by ${total.brotli - target} B`);
if (total.brotli > ceiling) { console.error("over the ceiling"); process.exit(2); }
"#;

/// Prints the size table of `dist/`; fails above the ceiling.
pub fn size() -> Result<(), String> {
    let dist = crate::root().join("dist");
    run(Command::new("node")
        .arg("-e")
        .arg(MEASURE_JS)
        .arg(&dist)
        .arg(TARGET_BROTLI_BYTES.to_string())
        .arg(CEILING_BROTLI_BYTES.to_string()))
}
