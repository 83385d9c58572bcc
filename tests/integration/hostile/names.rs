//! Hostile input: names.

#[allow(unused_imports)]
use crate::harness::*;
