//! The one integration-test binary. Fixtures are data folders under tests/fixtures/.

mod check;
mod cli;
mod conformance;
mod corpus;
mod determinism;
mod examples;
mod explain;
mod fmt;
mod init;
mod lint;
mod policy;
mod record;
mod report;
mod robust;
mod shard;
mod untouched;
