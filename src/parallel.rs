//! Work split in two where a thread pool can take both halves.

/// Runs `a` and `b` at once when the caller is already one of a thread pool's workers, one
/// after the other otherwise. A run aligns documents in parallel, but a lone long document
/// would leave the other threads idle; `--jobs 1` (no pool) stays serial.
pub(crate) fn both<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    if rayon::current_thread_index().is_some() {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}
