//! Hostile input: bounds.

#[allow(unused_imports)]
use crate::harness::*;
