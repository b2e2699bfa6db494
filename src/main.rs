//! The browser binary Trunk builds: it starts the app ([`gazette::start`]).

fn main() {
    #[cfg(target_arch = "wasm32")]
    gazette::start();
}
