//! The standard policy library, compiled into the binary and used when no `--policy` is
//! given and no `policies/` folder is found (see `cli::policies`).

/// Each file of `policies/`, as `(path shown in reports, text)`.
pub const FILES: &[(&str, &str)] = &[
    ("<stdlib>/vocabulary.charter", include_str!("../policies/vocabulary.charter")),
    ("<stdlib>/national-law.charter", include_str!("../policies/national-law.charter")),
    (
        "<stdlib>/regional-regulation.charter",
        include_str!("../policies/regional-regulation.charter"),
    ),
];
