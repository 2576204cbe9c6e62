//! The `tactful` binary: everything lives in the library; see `tactful::cli`.

fn main() -> std::process::ExitCode {
    tactful::cli::main()
}
