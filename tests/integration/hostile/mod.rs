//! The hostile-input suite (issue 18): what a user feeding files from the web, another tool's
//! TMX, a reviewer's sheet or a cluster's stream can do to each reader and writer. Each test
//! is named after what used to go wrong; none may end in a file outside `-o`, a shorter corpus
//! without a message, or unbounded work.

mod bounds;
mod folders;
mod names;
mod readers;
mod tmx;
