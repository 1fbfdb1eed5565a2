//! Helpers for the full-stack tests.
