//! The model and stats readers (`align --model`, `learn --merge`) on any bytes: no panic, and
//! a model read is one a run can use within its bounds: no word past its partners, a sample
//! of no more documents than the model covers, and written back it reads the same. The
//! first byte chooses the reader.
#![no_main]

use bitext::align::translation::MAX_MODEL_PARTNERS;
use bitext::model::{Model, read_stats};
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let path = Path::new("fuzz.json");
    if choice % 2 == 1 {
        // Every section's trailer counts at least its document lines.
        if let Ok((documents, sample_documents, _)) = read_stats(path, bytes, 50) {
            assert!(sample_documents <= documents);
        }
        return;
    }
    let Ok(model) = Model::parse(path, bytes) else {
        return;
    };
    assert!(model.sample_documents <= model.documents);
    let mut partners: HashMap<u32, std::collections::BTreeSet<u32>> = HashMap::new();
    for &(s, t) in &model.links {
        partners.entry(s).or_default().insert(t);
    }
    assert!(partners.values().all(|p| p.len() <= MAX_MODEL_PARTNERS));
    let text = serde_json::to_vec(&model).expect("a model writes");
    let again = Model::parse(path, &text).expect("a model written reads back");
    assert_eq!(again, model);
    let _ = model.dictionary();
});
