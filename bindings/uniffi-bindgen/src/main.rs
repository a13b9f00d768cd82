//! Generates Kotlin, Swift and Python bindings from the built `veiviser-ffi` library.

fn main() {
    uniffi::uniffi_bindgen_main()
}
