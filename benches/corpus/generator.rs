// The modules of `charter-corpus`, declared at the root of a benchmark crate (they refer to
// each other as `crate::rng` and `crate::yaml`). Included by every file in `benches/`.

#[allow(dead_code)]
#[path = "../../src/bin/charter-corpus/agreement.rs"]
mod agreement;
#[allow(dead_code)]
#[path = "../../src/bin/charter-corpus/large.rs"]
mod large;
#[allow(dead_code)]
#[path = "../../src/bin/charter-corpus/policies.rs"]
mod policies;
#[allow(dead_code)]
#[path = "../../src/bin/charter-corpus/rng.rs"]
mod rng;
#[allow(dead_code)]
#[path = "../../src/bin/charter-corpus/yaml.rs"]
mod yaml;
