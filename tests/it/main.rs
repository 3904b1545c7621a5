//! The one integration-test binary. Fixtures are data folders under tests/fixtures/.

mod check;
mod cli;
mod corpus;
mod determinism;
mod docs;
mod examples;
mod explain;
mod files;
mod fmt;
mod human;
mod init;
mod lint;
mod policy;
mod policy_set;
mod record;
mod report;
mod robust;
mod shard;
mod untouched;
mod verify;
