//! Tests of the check stage, driven by fixtures in tests/fixtures/check/.
