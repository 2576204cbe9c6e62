//! The `tactful` binary: everything lives in the library; see `tactful::cli`.

/// mimalloc instead of the system allocator: an import allocates and frees tens of
/// millions of small values (cells, keys, SQL parameters), many freed on another
/// thread than the one that allocated them; glibc's malloc and free were about a fifth
/// of the import's CPU time (`perf`, issue 13). The library leaves the choice to
/// binaries.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tactful::cli::main()
}
