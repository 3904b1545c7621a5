//! Names to their first index in a list. An agreement has a handful of parties and scope
//! values, where comparing a few strings is cheaper than hashing one; a national programme
//! may have thousands, where only hashing keeps loading linear.

use std::collections::HashMap;

/// Lists longer than this are hashed.
const SCANNED_UP_TO: usize = 16;

/// The index of a list of names; the list itself is passed to [`Lookup::get`].
#[derive(Debug)]
pub struct Lookup<'r> {
    /// Empty unless the list is longer than [`SCANNED_UP_TO`].
    hashed: HashMap<&'r str, u32>,
}

impl<'r> Lookup<'r> {
    pub fn new(names: &[&'r str]) -> Lookup<'r> {
        let mut hashed = HashMap::new();
        if names.len() > SCANNED_UP_TO {
            hashed.reserve(names.len());
            for (i, name) in names.iter().enumerate() {
                // The first occurrence wins, as a scan finds it first.
                hashed.entry(*name).or_insert(i as u32);
            }
        }
        Lookup { hashed }
    }

    /// The index of `name` in `names`, the list this lookup was made from.
    pub fn get(&self, names: &[&str], name: &str) -> Option<u32> {
        if names.len() > SCANNED_UP_TO {
            self.hashed.get(name).copied()
        } else {
            names.iter().position(|n| *n == name).map(|i| i as u32)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lookup;

    #[test]
    fn scanned_and_hashed_agree() {
        for n in [0, 3, 16, 17, 40] {
            let owned: Vec<String> = (0..n).map(|i| format!("v{}", i % 30)).collect();
            let names: Vec<&str> = owned.iter().map(String::as_str).collect();
            let lookup = Lookup::new(&names);
            for i in 0..45 {
                let name = format!("v{i}");
                let first = names.iter().position(|x| *x == name).map(|i| i as u32);
                assert_eq!(lookup.get(&names, &name), first, "{n} names, {name}");
            }
        }
    }
}
