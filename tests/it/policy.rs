//! Tests of the policy stage, driven by fixtures in tests/fixtures/policy/.
