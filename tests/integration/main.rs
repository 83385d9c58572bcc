//! Integration tests of the `bitext` binary: each test builds a temporary folder of documents,
//! runs the real executable and checks what it wrote.

mod harness;

mod align;
mod drivers;
// Symbolic links, /dev/full, signals: the hostile cases are Unix ones.
#[cfg(unix)]
mod bad_input;
mod calibration;
mod doc_score;
mod formats;
mod hostile;
mod html;
mod language;
mod office;
mod output;
mod pairing;
mod pdf;
mod review;
mod review_sheet;
mod sample_corpus;
mod split;
mod stream;
mod webnews;
