//! Numbers written for SVG without the standard library's float formatting,
//! in headless Chromium (the browser gives the digits of `shortest`).
#![cfg(target_arch = "wasm32")]

use archipel_app::ui::{fixed, shortest};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn samples() -> Vec<f64> {
    let mut samples = vec![
        0.0,
        -0.0,
        0.5,
        1.0,
        -1.0,
        100.0,
        0.1,
        0.2,
        0.30000000000000004,
        1e-7,
        1.5e-7,
        5e-324,
        1e15,
        1e21,
        -(1_149_636_667_324_797.0 + 0.25),
        567_991_578_252_641.0 + 0.25,
        0.3,
        2.5e-8,
        4096.5,
        9.5e22,
        1.5e300,
        1.2345e25,
        1.7976931348623157e308,
        -1e300,
        123.456,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        297.0,
        210.0,
    ];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..10_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        samples.push(f64::from_bits(state));
        samples.push((state % 2_000_000) as f64 / 997.0 - 1000.0);
        // Around 2^50, where the digits run short and ties happen.
        samples.push(f64::from_bits((state & ((1 << 52) - 1)) | (1072_u64 << 52)));
        samples.push(f64::from_bits((state & ((1 << 52) - 1)) | (1060_u64 << 52)));
        samples.push(f64::from_bits((state & ((1 << 52) - 1)) | (1073_u64 << 52)));
        samples.push(f64::from_bits((state & ((1 << 52) - 1)) | (1080_u64 << 52)));
    }
    samples
}

#[wasm_bindgen_test]
fn numbers_read_as_format_writes_them() {
    for x in samples() {
        assert_eq!(shortest(x), format!("{x}"), "{x:e}");
        assert_eq!(fixed(x, 1), format!("{x:.1}"), "{x:e}");
    }
}
