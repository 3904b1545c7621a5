//! One large agreement: a national programme over many regions, for the scaling benchmark.
//!
//! The clauses grow the way a real programme grows: each region adds its own city government,
//! university and enterprise, and a block of 25 clauses scoped to that region (supervision in
//! yearly slices, research, funding and key decisions per field). Findings therefore stay
//! proportionate to the number of clauses (one region in 40 carries one) instead of growing
//! with the square of it, as they would if every clause overlapped every other.

use crate::rng::Rng;
use crate::yaml::{Agreement, Clause, Party, Years};

/// The generator's ceiling; charter itself refuses records of more than 200,000 clauses.
pub const MAX_CLAUSES: usize = 1_000_000;

const FIELDS: &[&str] = &["robotics", "materials", "hydrogen", "batteries"];
const TERM: Years = Years { first: 2024, last: 2026 };
/// Clauses written once for the whole programme, before the regional blocks.
const GLOBAL: usize = 3;

pub fn write(seed: u64, clauses: usize) -> String {
    let mut rng = Rng::new(seed, u64::MAX);
    let regions = clauses.saturating_sub(GLOBAL).div_ceil(25).max(1);
    let names: Vec<String> = (0..regions).map(|r| format!("r{r:06}")).collect();
    let mut a = Agreement {
        id: format!("national-programme-{clauses}"),
        title: format!("National programme of {clauses} clauses"),
        term: TERM,
        scope: vec![
            ("region", names.clone()),
            ("field", FIELDS.iter().map(|f| (*f).to_owned()).collect()),
        ],
        kind: "programme",
        budget: 900_000_000,
        parties: vec![
            party("province".into(), "government"),
            party("association".into(), "association"),
        ],
        clauses: vec![
            Clause::new("province", "power", "allocate")
                .accountable_to("association")
                .term("amount", "500000000")
                .term("currency", "CNY"),
            Clause::new("association", "power", "evaluate").accountable_to("province"),
            Clause::new("association", "duty", "resolve_disputes"),
        ],
    };
    for (r, region) in names.iter().enumerate() {
        a.parties.push(party(format!("city-{r}"), "government"));
        a.parties.push(party(format!("university-{r}"), "university"));
        a.parties.push(party(format!("enterprise-{r}"), "enterprise"));
        let mut block = region_block(&mut rng, r, region);
        if r % 40 == 39 {
            inject(&mut block, r, region);
        }
        a.clauses.extend(block);
    }
    a.clauses.truncate(clauses);
    a.to_yaml()
}

fn party(id: String, role: &'static str) -> Party {
    let name = format!("{role} {id}");
    Party { id, role, name, controlled_by: None }
}

/// The 25 clauses of one region.
fn region_block(rng: &mut Rng, r: usize, region: &str) -> Vec<Clause> {
    let (city, uni, ent) =
        (format!("city-{r}"), format!("university-{r}"), format!("enterprise-{r}"));
    let mut c = Vec::with_capacity(25);
    for year in TERM.first..=TERM.last {
        c.push(
            Clause::new(&city, "power", "supervise")
                .scope("region", region)
                .period(Years { first: year, last: year })
                .accountable_to("province"),
        );
    }
    c.push(
        Clause::new(&city, "power", "allocate")
            .scope("region", region)
            .accountable_to("province")
            .term("amount", (rng.range(1, 9) * 1_000_000).to_string())
            .term("currency", "CNY"),
    );
    for field in FIELDS {
        c.push(
            Clause::new(&uni, "duty", "research")
                .scope("region", region)
                .scope("field", field)
                .term("deliverable", format!("\"{field} pilot in {region}\""))
                .term("deadline", "2026-06-30"),
        );
        c.push(
            Clause::new(&ent, "duty", "fund")
                .scope("region", region)
                .scope("field", field)
                .term("amount", (rng.range(1, 9) * 100_000).to_string())
                .term("currency", "CNY")
                .term("deadline", "2025-12-31"),
        );
        for holder in [&ent, &uni] {
            c.push(
                Clause::new(holder, "power", "decide_key_matters")
                    .scope("region", region)
                    .scope("field", field),
            );
        }
    }
    c.push(
        Clause::new(&uni, "duty", "train_talent")
            .scope("region", region)
            .term("trainees", rng.range(10, 90).to_string()),
    );
    c.push(Clause::new(&uni, "power", "manage_ip").scope("region", region));
    c.push(
        Clause::new(&ent, "duty", "provide_venue")
            .scope("region", region)
            .term("site", format!("\"{region} park\"")),
    );
    c.push(Clause::right(&ent, "ip_share", &uni));
    c.push(Clause::right(&ent, "revenue_share", &uni));
    c
}

/// One finding in the block, of the family whose turn it is.
fn inject(block: &mut Vec<Clause>, r: usize, region: &str) {
    match (r / 40) % 4 {
        // The second year goes unsupervised (gap::uncovered).
        0 => {
            block.remove(1);
        }
        // The province also supervises the region in the first year (overlap::exclusive).
        1 => block.push(
            Clause::new("province", "power", "supervise")
                .scope("region", region)
                .period(Years { first: TERM.first, last: TERM.first })
                .accountable_to("association"),
        ),
        // The enterprise decides the key matters of a field alone (conflict::sole-control).
        2 => block.retain(|c| {
            !(c.act == Some("decide_key_matters")
                && c.party.starts_with("university")
                && c.scope.get(1).is_some_and(|(_, v)| v[0] == FIELDS[0]))
        }),
        // The enterprise funds without any share in return (balance::uncompensated).
        _ => block.retain(|c| c.norm != "right"),
    }
}
