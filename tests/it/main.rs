//! The one integration-test binary. Fixtures are data folders under tests/fixtures/.

mod check;
mod policy;
mod record;
