//! Hostile input: tmx.

#[allow(unused_imports)]
use crate::harness::*;
