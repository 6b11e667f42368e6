//! The `equipcheck` binary: parses the command line and hands it to [`cli`], where every command lives.

use std::process::ExitCode;

mod cli;

/// Items are allocated on the reading thread and freed on the writing one; mimalloc handles that pattern far
/// better than the system allocator (about a fifth of `check`'s time went to malloc and free).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
