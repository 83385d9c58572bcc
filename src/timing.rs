//! Temporary timing spans (BITEXT_TIMING=1).
pub(crate) fn span<T>(name: &str, f: impl FnOnce() -> T) -> T {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if !*ON.get_or_init(|| std::env::var_os("BITEXT_TIMING").is_some()) {
        return f();
    }
    let t = std::time::Instant::now();
    let r = f();
    eprintln!("{name}: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    r
}
