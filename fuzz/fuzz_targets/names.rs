//! Document names as file names under `-o`, for any name: no component that is empty, `.`,
//! `..`, hidden, longer than a file system takes, or holds a separator or a control
//! character; the name comes back exactly unless a component was shortened; and a language
//! code that passes the check is never a path nor a column.
#![no_main]

use std::path::{Component, Path};

use bitext::config::{COLUMNS, check_language};
use bitext::export::names::{MAX_COMPONENT_BYTES, decode, relative_path};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|name: &str| {
    let path = relative_path(name);
    let shortened = path.contains("%~");
    let back = if shortened { None } else { Some(name) };
    assert_eq!(decode(&path).as_deref(), back, "not reversible: {path:?}");
    for part in path.split('/') {
        assert!(part.len() <= MAX_COMPONENT_BYTES, "{name:?}: {path:?}");
        assert!(!part.is_empty() && !part.starts_with('.'), "{name:?}: {path:?}");
        assert!(!part.contains(['\\', '\0', ':']), "{name:?}: {path:?}");
        assert!(!part.chars().any(char::is_control), "{name:?}: {path:?}");
    }
    let components = Path::new(&path).components();
    assert!(components.into_iter().all(|c| matches!(c, Component::Normal(_))), "{path:?}");
    if check_language(name).is_ok() {
        assert_eq!(relative_path(name), name, "a code that needs escaping: {name:?}");
        assert!(!name.contains(['/', '.', '\\']) && !COLUMNS.contains(&name));
    }
});
