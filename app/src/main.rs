//! Entry point of the WebAssembly bundle built by Trunk.

fn main() {
    archipel_app::mount();
}
