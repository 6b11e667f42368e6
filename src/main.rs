//! The `equipcheck` binary: parses the command line and hands it to [`cli`], where every command lives.

use std::process::ExitCode;

mod cli;

/// Items are allocated on the reading thread and freed on the writing one; mimalloc handles that pattern far
/// better than the system allocator (about a fifth of `check`'s time went to malloc and free).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    // mimalloc's own calls, linked through the `mimalloc` crate (its `extended` bindings need a crate that is not
    // vendored here).
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc's `mi_option_t` (the enum keeps deprecated entries, so indices are stable).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Runs `build` (the catalogue TOML, the automaton builders, the sanctions lists) with freed memory returned to
/// the OS at once. Building frees about 18 MiB of temporaries that mimalloc by default keeps for a while and does
/// not reuse for the next step's sizes: a `check` of a two-line file peaked at 55 MiB, about 40 MiB this way.
/// Rows then stream with the delay that was set before (mimalloc's default, or `MIMALLOC_PURGE_DELAY`): purging
/// on every free doubled the page faults of a large `check`.
pub(crate) fn purging_freed_memory<T>(build: impl FnOnce() -> T) -> T {
    // SAFETY: plain integers; mimalloc's options are process-wide values it reads each time it frees pages, and
    // nothing else runs while the screening data is built.
    let delay = unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) };
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let built = build();
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, delay) };
    built
}

fn main() -> ExitCode {
    without_transparent_huge_pages();
    match cli::parse() {
        Ok(cli) => cli::run(cli),
        Err(code) => code,
    }
}

/// mimalloc returns freed memory to the kernel and touches it again; where transparent huge pages are on, each
/// touch has the kernel zero 2 MiB. On the 100,000-row benchmark sheets that was a quarter of `check`'s samples
/// and 28 MiB of its peak memory; with small pages `check` peaks at 78 MiB (CSV) and 66 MiB (XLSX) instead of
/// 108 and 96, for the same CPU (README, Benchmarks).
#[cfg(target_os = "linux")]
fn without_transparent_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and only sets a flag on this process. If the kernel refuses,
    // the process keeps huge pages, which is correct, only slower.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn without_transparent_huge_pages() {}
