//! Hostile input: readers.

#[allow(unused_imports)]
use crate::harness::*;
