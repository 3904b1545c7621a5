//! One realistic agreement of the corpus: a regional cooperation of 4 to 8 parties with about
//! 30 clauses, modelled on `examples/multi-region-programme.yaml`. Six in ten agreements
//! are clean against the standard library; the others carry one finding of one family.

use crate::rng::Rng;
use crate::yaml::{Agreement, Clause, Party, Years};

const REGIONS: &[&str] =
    &["cuiping", "sanjiang", "nanxi", "xuzhou", "jiang-an", "changning", "gaoxian", "junlian"];
const FIELDS: &[&str] =
    &["robotics", "materials", "hydrogen", "batteries", "biomedicine", "liquor", "textiles"];
const KINDS: &[&str] = &["joint-lab", "programme", "training-base", "incubator"];

/// Which family of finding an agreement is written to carry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Family {
    Clean,
    Gap,
    Overlap,
    Conflict,
    Balance,
}

/// Agreement `n` of the corpus: 60 % clean, then 10 % of each family, in a fixed rotation so
/// that any prefix of the corpus has the same mix.
pub fn family(n: usize) -> Family {
    match n % 10 {
        6 => Family::Gap,
        7 => Family::Overlap,
        8 => Family::Conflict,
        9 => Family::Balance,
        _ => Family::Clean,
    }
}

pub fn write(seed: u64, n: usize) -> String {
    build(seed, n).to_yaml()
}

/// The parties by role; the ids are the ones clauses refer to.
struct Cast {
    governments: Vec<String>,
    universities: Vec<String>,
    enterprises: Vec<String>,
    association: String,
}

fn build(seed: u64, n: usize) -> Agreement {
    let mut rng = Rng::new(seed, n as u64);
    let regions = sample(&mut rng, REGIONS, 2, 6);
    let fields = sample(&mut rng, FIELDS, 2, 6);
    let first = 2020 + rng.range(0, 6) as u32;
    let term = Years { first, last: first + rng.range(1, 5) as u32 - 1 };
    let (parties, cast) = parties(&mut rng, n);
    let kind = *rng.pick(KINDS);
    let mut a = Agreement {
        id: format!("corpus-{n:06}"),
        title: format!("Cooperation agreement {n} of the benchmark corpus"),
        term,
        scope: vec![("region", regions.clone()), ("field", fields.clone())],
        kind,
        budget: rng.range(2, 40) as u64 * 1_000_000,
        parties,
        clauses: Vec::new(),
    };
    clauses(&mut rng, &mut a, &cast, &regions, &fields);
    inject(&mut rng, &mut a, &cast, family(n));
    a
}

fn sample(rng: &mut Rng, pool: &[&str], low: usize, high: usize) -> Vec<String> {
    let count = rng.range(low, high.min(pool.len()));
    let start = rng.range(0, pool.len() - 1);
    (0..count).map(|i| pool[(start + i) % pool.len()].to_owned()).collect()
}

fn parties(rng: &mut Rng, n: usize) -> (Vec<Party>, Cast) {
    let party =
        |id: &str, role, name: String| Party { id: id.to_owned(), role, name, controlled_by: None };
    let mut list = vec![party("province", "government", format!("Provincial Department {n}"))];
    let mut cast = Cast {
        governments: vec!["province".into()],
        universities: Vec::new(),
        enterprises: Vec::new(),
        association: "association".into(),
    };
    for i in 1..=rng.range(0, 2) {
        let id = format!("city-{i}");
        list.push(party(&id, "government", format!("Municipal Government {i}")));
        cast.governments.push(id);
    }
    for i in 1..=rng.range(1, 2) {
        let id = format!("university-{i}");
        list.push(party(&id, "university", format!("University {i}")));
        cast.universities.push(id);
    }
    for i in 1..=rng.range(1, 2) {
        let id = format!("enterprise-{i}");
        list.push(party(&id, "enterprise", format!("Enterprise {i} Co., Ltd.")));
        cast.enterprises.push(id);
    }
    // A control group: the second enterprise is a subsidiary of the first.
    if cast.enterprises.len() == 2 && rng.chance(50) {
        if let Some(p) = list.last_mut() {
            p.controlled_by = Some("enterprise-1".into());
        }
    }
    list.push(party("association", "association", "Industry Association".into()));
    if list.len() < 8 && rng.chance(30) {
        list.push(party("research-team", "researcher", "Research Team".into()));
    }
    (list, cast)
}

fn clauses(rng: &mut Rng, a: &mut Agreement, cast: &Cast, regions: &[String], fields: &[String]) {
    let (gov, uni, ent) = (&cast.governments, &cast.universities, &cast.enterprises);
    let assoc = cast.association.as_str();
    let term = a.term;
    let c = &mut a.clauses;
    c.push(
        Clause::new("province", "power", "allocate")
            .accountable_to(assoc)
            .term("amount", (rng.range(1, 20) * 1_000_000).to_string())
            .term("currency", "CNY"),
    );
    c.push(Clause::new(assoc, "power", "evaluate").accountable_to("province"));
    c.push(Clause::new(
        if rng.chance(50) { "province" } else { assoc },
        "duty",
        "resolve_disputes",
    ));
    // Supervision: one government per region, sometimes handed over at a year boundary.
    for (i, region) in regions.iter().enumerate() {
        let holder = &gov[i % gov.len()];
        if term.last > term.first && rng.chance(40) {
            let cut = rng.range(term.first as usize, term.last as usize - 1) as u32;
            let next = &gov[(i + 1) % gov.len()];
            let early = Years { first: term.first, last: cut };
            let late = Years { first: cut + 1, last: term.last };
            c.push(supervise(holder, region, assoc).period(early));
            c.push(supervise(next, region, assoc).period(late));
        } else {
            c.push(supervise(holder, region, assoc));
        }
    }
    for (j, field) in fields.iter().enumerate() {
        c.push(
            Clause::new(&uni[j % uni.len()], "duty", "research")
                .scope("field", field)
                .term("deliverable", format!("\"pilot line for {field}\""))
                .term("deadline", format!("{}-06-30", term.last)),
        );
    }
    for u in uni {
        c.push(
            Clause::new(u, "duty", "train_talent").term("trainees", rng.range(20, 120).to_string()),
        );
    }
    c.push(Clause::new(&uni[0], "power", "manage_ip"));
    for (j, field) in fields.iter().enumerate() {
        c.push(fund(&ent[j % ent.len()], field, rng.range(1, 9), term.first));
    }
    for e in ent {
        let benefit = if rng.chance(50) { "ip_share" } else { "revenue_share" };
        c.push(Clause::right(e, benefit, &uni[0]));
    }
    for (j, field) in fields.iter().enumerate() {
        c.push(
            Clause::new(&ent[j % ent.len()], "power", "decide_key_matters").scope("field", field),
        );
        c.push(
            Clause::new(&uni[j % uni.len()], "power", "decide_key_matters").scope("field", field),
        );
    }
    // A joint laboratory's enterprises each provide a venue (regional regulation, article 4).
    if a.kind == "joint-lab" {
        for (i, e) in ent.iter().enumerate() {
            let site = format!("\"industrial park, building {}\"", i + 7);
            c.push(Clause::new(e, "duty", "provide_venue").term("site", site));
        }
    }
    if a.parties.iter().any(|p| p.id == "research-team") {
        c.push(Clause::right("research-team", "team_share", &uni[0]));
    }
}

fn supervise(party: &str, region: &str, assoc: &str) -> Clause {
    Clause::new(party, "power", "supervise").scope("region", region).accountable_to(assoc)
}

fn fund(party: &str, field: &str, millions: usize, year: u32) -> Clause {
    Clause::new(party, "duty", "fund")
        .scope("field", field)
        .term("amount", (millions * 1_000_000).to_string())
        .term("currency", "CNY")
        .term("deadline", format!("{year}-12-31"))
}

/// Turns a clean agreement into one with a finding of `family`, in one of a few realistic ways.
fn inject(rng: &mut Rng, a: &mut Agreement, cast: &Cast, family: Family) {
    let first_of = |a: &Agreement, act: &str| a.clauses.iter().position(|c| c.act == Some(act));
    match (family, rng.range(0, 2)) {
        (Family::Clean, _) => {}
        // A duty without the terms that make it measurable (gap::vague-duty).
        (Family::Gap, 0) => {
            if let Some(i) = first_of(a, "fund") {
                a.clauses[i].terms.retain(|(k, _)| *k != "deadline");
            }
        }
        // A region nobody supervises (gap::uncovered), or nobody resolves disputes.
        (Family::Gap, 1) => {
            if let Some(i) = first_of(a, "supervise") {
                a.clauses.remove(i);
            }
        }
        (Family::Gap, _) => a.clauses.retain(|c| c.act != Some("resolve_disputes")),
        // Two bodies resolve disputes (overlap::exclusive).
        (Family::Overlap, 0) => {
            let holder = if a
                .clauses
                .iter()
                .any(|c| c.party == "province" && c.act == Some("resolve_disputes"))
            {
                cast.association.clone()
            } else {
                "province".to_owned()
            };
            a.clauses.push(Clause::new(&holder, "duty", "resolve_disputes"));
        }
        // A second government supervises a region for the whole term (overlap::exclusive).
        (Family::Overlap, _) => {
            let region = a.scope[0].1[0].clone();
            // Region 0 starts with the province; a city, or a second department, joins it.
            let other = match cast.governments.get(1) {
                Some(city) => city.clone(),
                None => {
                    let name = "Second Provincial Department".to_owned();
                    a.parties.push(Party {
                        id: "province-2".into(),
                        role: "government",
                        name,
                        controlled_by: None,
                    });
                    "province-2".to_owned()
                }
            };
            a.clauses.push(supervise(&other, &region, &cast.association));
        }
        // A university evaluates: a power its role is not granted (conflict::ultra-vires).
        (Family::Conflict, 0) => {
            a.clauses.push(
                Clause::new(&cast.universities[0], "power", "evaluate").accountable_to("province"),
            );
        }
        // The evaluator is controlled by a funder (conflict::separation).
        (Family::Conflict, 1) => {
            if let Some(p) = a.parties.iter_mut().find(|p| p.id == cast.association) {
                p.controlled_by = Some(cast.enterprises[0].clone());
            }
        }
        // An enterprise decides the key matters of a field alone (conflict::sole-control).
        (Family::Conflict, _) => {
            let alone = a.clauses.iter().position(|c| {
                c.act == Some("decide_key_matters") && cast.universities.contains(&c.party)
            });
            if let Some(i) = alone {
                a.clauses.remove(i);
            }
        }
        // A funder without a share in return (balance::uncompensated).
        (Family::Balance, _) => {
            let funder = &cast.enterprises[0];
            a.clauses.retain(|c| !(c.norm == "right" && &c.party == funder));
        }
    }
}
