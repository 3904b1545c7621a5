//! One large policy set in one file, for the policy parse-and-resolve benchmark: a
//! vocabulary of a few hundred ids and `articles` articles that use every statement form,
//! most with a `when` condition, as a body of regional rules would. It uses the roles of
//! `policies/vocabulary.charter`, so it is loaded together with the standard library.

use std::fmt::Write;

use crate::rng::Rng;

const ROLES: &[&str] = &["government", "university", "enterprise", "association", "researcher"];
/// Distinct acts, powers and benefits: enough that articles do not all repeat one another.
const IDS: usize = 200;

pub fn write(seed: u64, articles: usize) -> String {
    let mut rng = Rng::new(seed, u64::MAX - 1);
    let mut out = String::with_capacity(articles * 120 + IDS * 80);
    out.push_str("policy \"benchmark-policy-set\" {\n  title \"Generated policy set\"\n  level regulation\n  effective 2024-01-01\n}\n\n");
    // Roles come from the standard library's vocabulary: load this file with `policies/`.
    for i in 0..IDS {
        let _ = writeln!(out, "act task_{i} \"Task {i}\"");
        let _ = writeln!(out, "power power_{i} \"Power {i}\"");
        let _ = writeln!(out, "benefit share_{i} \"Share {i}\"");
    }
    for n in 1..=articles {
        let role = *rng.pick(ROLES);
        let (a, b) = (rng.range(0, IDS - 1), rng.range(0, IDS - 1));
        let when = if rng.chance(70) {
            format!(" when agreement.budget >= {}", rng.range(1, 500) * 100_000)
        } else {
            String::new()
        };
        let statement = match n % 8 {
            0 => format!("{role} may power_{a}, power_{b}{when};"),
            1 => format!("{role} must task_{a}{when};"),
            2 => format!("require accountability for power_{a}{when};"),
            3 => format!("compensate {role} for task_{a} with share_{b}{when};"),
            4 => format!("require exactly one holder of power_{a} with role {role}{when};"),
            5 => format!("separate power_{a} from task_{b}{when};"),
            6 => format!("require amount, deadline for task_{a}{when};"),
            _ => format!("{role} must not power_{a} alone{when};"),
        };
        let _ = writeln!(
            out,
            "\n// Article {n} of the generated set.\narticle {n} \"Generated article {n}\" {{\n  {statement}\n}}"
        );
    }
    out
}
