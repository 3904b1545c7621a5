//! Tests of `charter fmt`: fixtures in tests/fixtures/fmt/<case>/input.charter with the
//! formatted text as a snapshot beside it; the two properties (idempotent, and the syntax
//! tree unchanged) on every policy of the repository and of the conformance suite, and on
//! generated policies; and the command's files, exit statuses and atomic writes.

use std::path::{Path, PathBuf};
use std::process::Command;

use charter::source::FileId;
use charter::syntax::ast::File;

const FIXTURES: &str = "tests/fixtures/fmt";

/// Parses a text that must parse.
pub fn parse_ok(text: &str) -> File {
    let (ast, diags) =
        charter::syntax::parse(FileId(0), text.strip_prefix('\u{feff}').unwrap_or(text));
    assert!(diags.is_empty(), "{diags:?}\n{text}");
    ast
}

/// The two properties of the formatter on one text that parses.
pub fn assert_formats_well(text: &str, what: &str) -> String {
    let once = charter::fmt::format(FileId(0), text).unwrap_or_else(|d| panic!("{what}: {d:?}"));
    let twice = charter::fmt::format(FileId(0), &once)
        .unwrap_or_else(|d| panic!("{what} formatted: {d:?}\n{once}"));
    assert_eq!(once, twice, "{what}: formatting is not idempotent");
    assert_eq!(
        parse_ok(&once),
        parse_ok(text),
        "{what}: formatting changed the syntax tree\n{once}"
    );
    once
}

#[test]
fn fixtures() {
    let cases = crate::folders(FIXTURES);
    assert!(!cases.is_empty());
    for case in cases {
        let text = std::fs::read_to_string(case.join("input.charter")).expect("input.charter");
        let out = assert_formats_well(&text, &case.display().to_string());
        let folder = std::fs::canonicalize(&case).expect("fixture path");
        insta::with_settings!({
            snapshot_path => folder,
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!("snapshot", out);
        });
    }
}

/// Every `*.charter` below a folder.
fn charter_files(root: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(root) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            charter_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "charter") {
            out.push(p);
        }
    }
}

/// Every policy of the repository (the conformance cases included) that parses keeps its tree and
/// formats idempotently; the standard library and the examples are already canonical.
#[test]
fn round_trips_every_policy_in_the_repository() {
    let mut files = Vec::new();
    for root in ["policies", "examples", "tests/fixtures"] {
        charter_files(Path::new(root), &mut files);
    }
    let mut formatted = 0;
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        let (_, diags) =
            charter::syntax::parse(FileId(0), text.strip_prefix('\u{feff}').unwrap_or(&text));
        if !diags.is_empty() {
            continue;
        }
        let out = assert_formats_well(&text, &file.display().to_string());
        if file.starts_with("policies") || file.starts_with("examples") {
            assert_eq!(out, text, "{} is not in the canonical layout", file.display());
        }
        formatted += 1;
    }
    assert!(formatted >= 10, "only {formatted} policies found");
}

fn fmt_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("fmt")
        .args(args)
        .output()
        .expect("the charter binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

const MESSY: &str = "role r \"R\"\nact  a\narticle 1 { r may a ; }\n";
const CANONICAL: &str = "role r \"R\"\nact  a\n\narticle 1 {\n  r may a;\n}\n";

#[test]
fn check_names_the_files_that_would_change_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("policies")).expect("policies");
    let messy = dir.path().join("policies/messy.charter");
    let clean = dir.path().join("policies/clean.charter");
    std::fs::write(&messy, MESSY).expect("write");
    std::fs::write(&clean, CANONICAL).expect("write");
    // No FILES: `./policies`, recursively.
    let (status, out) = fmt_in(dir.path(), &["--check"]);
    assert_eq!(status, 1);
    assert_eq!(out.trim(), "would reformat policies/messy.charter");
    assert_eq!(std::fs::read_to_string(&messy).expect("read"), MESSY);
}

#[test]
fn formats_in_place_and_leaves_canonical_files_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let messy = dir.path().join("messy.charter");
    let clean = dir.path().join("clean.charter");
    std::fs::write(&messy, MESSY).expect("write");
    std::fs::write(&clean, CANONICAL).expect("write");
    let before = std::fs::metadata(&clean).and_then(|m| m.modified()).expect("mtime");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (status, _) = fmt_in(dir.path(), &["messy.charter", "clean.charter"]);
    assert_eq!(status, 0);
    assert_eq!(std::fs::read_to_string(&messy).expect("read"), CANONICAL);
    let after = std::fs::metadata(&clean).and_then(|m| m.modified()).expect("mtime");
    assert_eq!(before, after, "a file whose content would not change was written");
    // Nothing but the two files: the temporary file was renamed away.
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 2);
    assert_eq!(fmt_in(dir.path(), &["--check", "messy.charter"]).0, 0);
}

#[test]
fn a_file_that_does_not_parse_is_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.charter");
    let messy = dir.path().join("messy.charter");
    let text = "role r\narticle 1 { r may a }\n";
    std::fs::write(&broken, text).expect("write");
    std::fs::write(&messy, MESSY).expect("write");
    let (status, out) = fmt_in(dir.path(), &["broken.charter", "messy.charter"]);
    assert_eq!(status, 2);
    assert!(out.contains("syntax::policy"), "{out}");
    assert_eq!(std::fs::read_to_string(&broken).expect("read"), text);
    // The other file is still formatted.
    assert_eq!(std::fs::read_to_string(&messy).expect("read"), CANONICAL);
}

#[test]
fn crlf_and_a_byte_order_mark_are_a_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("crlf.charter");
    std::fs::write(&file, format!("\u{feff}{}", CANONICAL.replace('\n', "\r\n"))).expect("write");
    assert_eq!(fmt_in(dir.path(), &["--check", "crlf.charter"]).0, 1);
    assert_eq!(fmt_in(dir.path(), &["crlf.charter"]).0, 0);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), CANONICAL);
}

mod generated {
    //! Generated policies: random trees printed, then mangled with random whitespace and
    //! comments between tokens. The formatter must give back the same tree, idempotently.

    use proptest::prelude::*;

    use super::{assert_formats_well, parse_ok};
    use charter::date::Date;
    use charter::source::Span;
    use charter::syntax::ast::*;
    use charter::value::Value;

    fn name(text: impl Into<String>) -> Name {
        Name::new(text, Span::default())
    }

    fn ident() -> impl Strategy<Value = Name> {
        prop::sample::select(vec![
            "gov", "uni", "ent", "x1", "fund_a", "research", "ip_share", "b_2",
        ])
        .prop_map(name)
    }

    fn label() -> impl Strategy<Value = Name> {
        prop::collection::vec(
            prop::sample::select(vec![
                'a', 'Z', ' ', '"', '\\', '\n', '\t', '中', 'é', '\u{1}', '/', '*',
            ]),
            0..8,
        )
        .prop_map(|cs| name(cs.into_iter().collect::<String>()))
    }

    fn literal() -> impl Strategy<Value = Value> {
        prop_oneof![
            (-1000i32..1000).prop_map(|n| Value::Number(f64::from(n) / 4.0)),
            label().prop_map(|s| Value::Str(s.text)),
            any::<bool>().prop_map(Value::Bool),
            (1990i32..2100, 1u32..13, 1u32..29)
                .prop_map(|(y, m, d)| Value::Date(Date::from_ymd(y, m, d).expect("valid"))),
        ]
    }

    fn expr(kind: ExprKind) -> Expr {
        Expr { kind, span: Span::default() }
    }

    fn path() -> impl Strategy<Value = Expr> {
        (any::<bool>(), prop::collection::vec(ident(), 1..3)).prop_map(|(clause, fields)| {
            let root = if clause { Root::Clause } else { Root::Agreement };
            expr(ExprKind::Path { root, fields })
        })
    }

    /// Wraps anything but a comparison or an atom in parentheses, as the parser would need.
    fn paren(e: Expr) -> Expr {
        match e.kind {
            ExprKind::And(..) | ExprKind::Or(..) | ExprKind::Not(..) => {
                expr(ExprKind::Paren(Box::new(e)))
            }
            _ => e,
        }
    }

    fn condition() -> impl Strategy<Value = Expr> {
        let ops = prop::sample::select(vec![
            CmpOp::Eq,
            CmpOp::Ne,
            CmpOp::Lt,
            CmpOp::Le,
            CmpOp::Gt,
            CmpOp::Ge,
        ]);
        let leaf = prop_oneof![
            (ops, path(), literal()).prop_map(|(op, p, v)| expr(ExprKind::Cmp(
                op,
                Box::new(p),
                Box::new(expr(ExprKind::Lit(v)))
            ))),
            (path(), prop::collection::vec(literal(), 1..4)).prop_map(|(p, vs)| {
                expr(ExprKind::In(
                    Box::new(p),
                    vs.into_iter().map(|v| (v, Span::default())).collect(),
                ))
            }),
            path(),
            any::<bool>().prop_map(|b| expr(ExprKind::Lit(Value::Bool(b)))),
        ];
        leaf.prop_recursive(4, 24, 2, |inner| {
            prop_oneof![
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| expr(ExprKind::And(Box::new(paren(a)), Box::new(paren(b))))),
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| expr(ExprKind::Or(Box::new(paren(a)), Box::new(paren(b))))),
                inner.clone().prop_map(|a| expr(ExprKind::Not(Box::new(paren(a))))),
                inner.prop_map(|a| expr(ExprKind::Paren(Box::new(a)))),
            ]
        })
    }

    fn statement() -> impl Strategy<Value = Statement> {
        let acts = || prop::collection::vec(ident(), 1..3);
        let quantity = prop::sample::select(vec![
            Quantity::ExactlyOne,
            Quantity::AtLeastOne,
            Quantity::AtMostOne,
        ]);
        let kind = prop_oneof![
            (ident(), acts()).prop_map(|(role, acts)| StatementKind::May { role, acts }),
            (ident(), acts()).prop_map(|(role, acts)| StatementKind::Must { role, acts }),
            (ident(), acts(), any::<bool>())
                .prop_map(|(role, acts, alone)| StatementKind::MustNot { role, acts, alone }),
            (quantity, ident(), prop::option::of(ident()))
                .prop_map(|(quantity, act, role)| StatementKind::Require { quantity, act, role }),
            (ident(), acts()).prop_map(|(act, from)| StatementKind::Separate { act, from }),
            (acts(), acts()).prop_map(|(terms, acts)| StatementKind::RequireTerms { terms, acts }),
            acts().prop_map(|acts| StatementKind::RequireAccountability { acts }),
            (ident(), acts(), prop::collection::vec(ident(), 0..3)).prop_map(
                |(role, acts, benefits)| StatementKind::Compensate { role, acts, benefits }
            ),
        ];
        (kind, prop::option::of(condition())).prop_map(|(kind, condition)| Statement {
            kind,
            condition,
            span: Span::default(),
        })
    }

    fn header() -> impl Strategy<Value = Header> {
        let level = prop::sample::select(vec![
            Level::Law,
            Level::Regulation,
            Level::Rule,
            Level::Normative,
        ]);
        (
            label(),
            prop::option::of(label()),
            prop::option::of(label()),
            prop::option::of(level),
            any::<bool>(),
            prop::option::of(label()),
        )
            .prop_map(|(id, title, version, level, dated, source)| Header {
                id,
                title,
                version,
                level: level.map(|l| (l, Span::default())),
                effective: dated
                    .then(|| (Date::from_ymd(2024, 5, 30).expect("valid"), Span::default())),
                source,
                span: Span::default(),
            })
    }

    /// A file: an optional header, then declarations and articles in any order.
    fn file() -> impl Strategy<Value = File> {
        let kind = prop::sample::select(vec![
            DeclKind::Role,
            DeclKind::Act,
            DeclKind::Power,
            DeclKind::Benefit,
        ]);
        let declaration = (kind, ident(), prop::option::of(label()))
            .prop_map(|(kind, id, label)| Declaration { kind, id, label, span: Span::default() });
        let article = (prop::option::of(label()), prop::collection::vec(statement(), 0..4));
        let item = prop_oneof![declaration.prop_map(Ok), article.prop_map(Err)];
        (prop::option::of(header()), prop::collection::vec(item, 0..8)).prop_map(
            |(header, items)| {
                let mut f = File::default();
                if let Some(h) = header {
                    f.header = Some(h);
                    f.order.push(Item::Header);
                }
                for item in items {
                    match item {
                        Ok(d) => {
                            f.order.push(Item::Declaration(f.declarations.len()));
                            f.declarations.push(d);
                        }
                        Err((title, statements)) => {
                            let number =
                                name(format!("{}.{}", f.articles.len() + 1, f.order.len()));
                            f.order.push(Item::Article(f.articles.len()));
                            f.articles.push(Article {
                                number,
                                title,
                                statements,
                                span: Span::default(),
                            });
                        }
                    }
                }
                f
            },
        )
    }

    /// Replaces the whitespace between tokens (outside strings) with other whitespace and
    /// comments, as chosen by `noise`.
    fn mangle(text: &str, noise: &[u8]) -> String {
        let fillers = [" ", "\n", "\t ", " /* c */ ", " // c\n", "\r\n  ", "\n\n\n"];
        let mut out = String::new();
        let mut in_string = false;
        let mut escaped = false;
        let mut k = 0;
        for c in text.chars() {
            if in_string {
                out.push(c);
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                }
                continue;
            }
            match c {
                '"' => {
                    in_string = true;
                    out.push(c);
                }
                ' ' | '\n' => {
                    let pick = noise.get(k % noise.len().max(1)).copied().unwrap_or(0) as usize;
                    k += 1;
                    out.push_str(fillers[pick % fillers.len()]);
                }
                _ => out.push(c),
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        #[test]
        fn printing_a_tree_gives_it_back(f in file()) {
            let text = charter::fmt::format_file(&f, "");
            let parsed = parse_ok(&text);
            prop_assert_eq!(&parsed, &f);
            let once = assert_formats_well(&text, "generated");
            prop_assert_eq!(once, text);
        }

        #[test]
        fn whitespace_and_comments_do_not_change_the_tree(f in file(), noise in prop::collection::vec(any::<u8>(), 1..64)) {
            let canonical = charter::fmt::format_file(&f, "");
            let mangled = mangle(&canonical, &noise);
            prop_assert_eq!(parse_ok(&mangled), parse_ok(&canonical));
            assert_formats_well(&mangled, "mangled");
        }
    }
}

/// Thousands of declarations followed by thousands of comments (once cubic in the comments:
/// 4,000 of each took 38 s; the time is measured in bench/run.sh, this pins the layout).
#[test]
fn long_runs_of_declarations_and_comments_keep_their_layout() {
    let n = 3000;
    let mut text: String = (0..n).map(|i| format!("role r{i} \"Role {i}\"\n")).collect();
    text.extend((0..n).map(|i| format!("// comment {i}\n")));
    let once = assert_formats_well(&text, "declarations and comments");
    // One run: the ids are aligned to the longest, and every comment is kept in order.
    assert!(once.starts_with("role r0    \"Role 0\"\n"), "{}", &once[..200]);
    let comments: Vec<&str> = once.lines().filter(|l| l.starts_with("//")).collect();
    assert_eq!(comments.len(), n);
    assert_eq!(comments[n - 1], format!("// comment {}", n - 1));
}
