//! Tests of the record stage, driven by fixtures in tests/fixtures/record/.
