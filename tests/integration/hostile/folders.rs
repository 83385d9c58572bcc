//! Hostile input: folders.

#[allow(unused_imports)]
use crate::harness::*;
