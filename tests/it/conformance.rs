//! The conformance cases, run through the real binary: tests/fixtures/conformance/<case>/
//! holds `policies/`, `record.yaml` and `expect.json` (described in the folder's README).
//! A case passes when the exit status is the expected one and the findings of the JSON
//! report are exactly the expected multiset, each matched on its code and clause ids and on
//! whichever of `parties`, `act`, `agreement`, `message_contains`, `lines` and `where` the
//! expectation gives.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use charter::date::Date;
use serde_json::{Map, Value};

use crate::cli::{charter, json_report, status};

const CASES: &str = "tests/fixtures/conformance";

/// The case folders; a folder that lacks one of its three files fails the test.
pub fn cases() -> Vec<PathBuf> {
    let cases = crate::folders(CASES);
    let names: Vec<String> = cases.iter().map(|c| name(c)).collect();
    assert_eq!(names, ["clean", "conflicts", "gaps", "overlaps", "vague"]);
    for case in &cases {
        for part in ["policies", "record.yaml", "expect.json"] {
            assert!(case.join(part).exists(), "{} has no {part}", case.display());
        }
    }
    cases
}

fn name(case: &Path) -> String {
    case.file_name().expect("a folder name").to_string_lossy().into_owned()
}

#[test]
fn every_conformance_case_reports_what_it_expects() {
    let mut failures = Vec::new();
    for case in cases() {
        let expect: Value = serde_json::from_str(
            &std::fs::read_to_string(case.join("expect.json")).expect("expect.json is readable"),
        )
        .expect("expect.json is JSON");
        let extra: Vec<&str> = expect["args"]
            .as_array()
            .expect("expect.json has args")
            .iter()
            .map(|a| a.as_str().expect("args are strings"))
            .collect();
        let args =
            [&["check", "--format", "json", "--policy", "policies", "record.yaml"], &extra[..]];
        let out = charter(&case, &args.concat());
        let mut problems = Vec::new();
        let exit = expect["exit"].as_i64().expect("expect.json has exit");
        if i64::from(status(&out)) != exit {
            problems.push(format!("exit {}, expected {exit}", status(&out)));
        }
        let scope = scope_of(&case.join("record.yaml"));
        let mut unmatched =
            json_report(&out)["findings"].as_array().expect("the report has findings").clone();
        let expected = expect["findings"].as_array().expect("expect.json has findings");
        for e in expected {
            match unmatched.iter().position(|a| matches(e, a, &scope)) {
                Some(i) => drop(unmatched.remove(i)),
                None => problems.push(format!("missing {e}")),
            }
        }
        for a in unmatched {
            problems.push(format!("unexpected {} {:?}", a["code"], clause_ids(&a)));
        }
        if !problems.is_empty() {
            failures.push(format!("{}: {}", name(&case), problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The matcher itself can fail: a wrong clause, party, line or place is no match.
#[test]
fn the_conformance_matcher_rejects_near_misses() {
    let scope = Map::from_iter([
        ("region".to_owned(), serde_json::json!(["a", "b"])),
        ("field".to_owned(), serde_json::json!(["x"])),
    ]);
    let actual = serde_json::json!({
        "code": "gap::uncovered",
        "act": "supervise",
        "parties": ["p"],
        "message": "nobody supervises",
        "clauses": [{"id": "1.1", "line": 7}],
        "where": [{"cells": {"region": ["a"]}, "from": "2024-01-01", "until": "2024-01-31"}],
    });
    let exact = serde_json::json!({
        "code": "gap::uncovered",
        "clauses": ["1.1"],
        "act": "supervise",
        "parties": ["p"],
        "message_contains": "supervises",
        "lines": {"1.1": 7},
        "where": [{"cells": {"region": ["a"], "field": ["x"]},
                   "from": "2024-01-01", "until": "2024-01-31"}],
    });
    assert!(matches(&exact, &actual, &scope));
    let near_misses = [
        ("code", serde_json::json!("gap::unassigned")),
        ("clauses", serde_json::json!(["1.2"])),
        ("act", serde_json::json!("evaluate")),
        ("parties", serde_json::json!(["q"])),
        ("message_contains", serde_json::json!("funds")),
        ("lines", serde_json::json!({"1.1": 8})),
        (
            "where",
            serde_json::json!([{"cells": {"region": ["b"]}, "from": "2024-01-01", "until": "2024-01-31"}]),
        ),
        ("where", serde_json::json!([{"from": "2024-01-01", "until": "2024-01-31"}])),
        (
            "where",
            serde_json::json!([{"cells": {"region": ["a"]}, "from": "2024-01-01", "until": "2024-02-01"}]),
        ),
    ];
    for (field, value) in near_misses {
        let mut e = exact.clone();
        e[field] = value;
        assert!(!matches(&e, &actual, &scope), "{field}: {e}");
    }
}

fn clause_ids(finding: &Value) -> Vec<String> {
    let ids = finding["clauses"].as_array().into_iter().flatten();
    let mut ids: Vec<String> =
        ids.map(|c| c["id"].as_str().or(c.as_str()).unwrap_or_default().to_owned()).collect();
    ids.sort();
    ids
}

fn strings(v: &Value) -> Vec<String> {
    let mut out: Vec<String> =
        v.as_array().into_iter().flatten().filter_map(|s| s.as_str().map(str::to_owned)).collect();
    out.sort();
    out
}

/// Whether the actual finding `a` meets the expectation `e`.
fn matches(e: &Value, a: &Value, scope: &Map<String, Value>) -> bool {
    let same = |field: &str, actual: &Value| e.get(field).is_none_or(|v| v == actual);
    e["code"] == a["code"]
        && strings(&e["clauses"]) == clause_ids(a)
        && e.get("parties").is_none_or(|p| strings(p) == strings(&a["parties"]))
        && same("act", &a["act"])
        && same("agreement", &a["record"]["agreement"])
        && e.get("message_contains").is_none_or(|m| {
            let text = format!("{} {}", a["message"].as_str().unwrap_or(""), a["help"]);
            text.contains(m.as_str().expect("message_contains is a string"))
        })
        && e.get("lines").is_none_or(|lines| {
            let lines = lines.as_object().expect("lines is an object");
            let clauses = a["clauses"].as_array().into_iter().flatten();
            let got: Map<String, Value> = clauses
                .map(|c| (c["id"].as_str().unwrap_or("").to_owned(), c["line"].clone()))
                .collect();
            lines.iter().all(|(id, line)| got.get(id) == Some(line))
        })
        && e.get("where").is_none_or(|w| {
            let dims: BTreeSet<String> = [w, &a["where"]]
                .into_iter()
                .flat_map(|list| list.as_array().into_iter().flatten())
                .flat_map(|item| item["cells"].as_object().into_iter().flatten())
                .map(|(d, _)| d.clone())
                .collect();
            points(w, &dims, scope) == points(&a["where"], &dims, scope)
        })
}

/// The (cell, day) points a `where` list covers. A dimension an entry leaves out stands for
/// all of its values in the agreement's scope, so that equal sets of points compare equal
/// whatever boxes the report cuts them into.
fn points(
    list: &Value,
    dims: &BTreeSet<String>,
    scope: &Map<String, Value>,
) -> BTreeSet<(Vec<String>, i32)> {
    let mut out = BTreeSet::new();
    for item in list.as_array().into_iter().flatten() {
        let mut cells: Vec<Vec<String>> = vec![Vec::new()];
        for d in dims {
            let values = match item["cells"].get(d) {
                Some(v) => strings(v),
                None => strings(scope.get(d).unwrap_or(&Value::Null)),
            };
            cells = cells
                .into_iter()
                .flat_map(|cell| {
                    values.iter().map(move |v| [cell.clone(), vec![v.clone()]].concat())
                })
                .collect();
        }
        let day = |key: &str| {
            Date::parse(item[key].as_str().unwrap_or_default())
                .unwrap_or_else(|| panic!("`{key}` of {item} is not a date"))
                .0
        };
        for cell in cells {
            for d in day("from")..=day("until") {
                out.insert((cell.clone(), d));
            }
        }
    }
    out
}

/// The agreement's scope, dimension -> values, as record.yaml states it.
fn scope_of(record: &Path) -> Map<String, Value> {
    let text = std::fs::read_to_string(record).expect("record.yaml is readable");
    let doc: Value = serde_saphyr::from_str(&text).expect("record.yaml is YAML");
    doc["agreement"]["scope"].as_object().cloned().unwrap_or_default()
}
