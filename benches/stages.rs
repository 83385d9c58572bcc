//! Throughput of the pipeline's hot stages (split, normalise, align, export), in bytes per
//! second, on generated input: the sample corpus (`corpora/`) repeated to a few megabytes.
//!
//!     cargo bench --bench stages

use std::hint::black_box;
use std::path::Path;

use bitext::export::{self, Format, Languages, WriterOptions};
use bitext::{Options, Splitter, align_texts, normalize};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The sample corpus's documents of one language, concatenated and repeated to `bytes`.
fn corpus_text(lang: &str, bytes: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpora")
        .join(lang);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpora/ is in the repository")
        .map(|e| e.expect("readable entry").path())
        .collect();
    files.sort();
    let one: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("UTF-8 sample") + "\n\n")
        .collect();
    one.repeat(bytes / one.len() + 1)
}

fn split(c: &mut Criterion) {
    let mut group = c.benchmark_group("split");
    for lang in ["fr", "en"] {
        let text = normalize::normalize(&corpus_text(lang, 4 << 20));
        let splitter = Splitter::new(lang);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(lang, |b| b.iter(|| splitter.split(black_box(&text))));
    }
    group.finish();
}

fn normalize_stage(c: &mut Criterion) {
    let text = corpus_text("fr", 4 << 20);
    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("fr", |b| b.iter(|| normalize::normalize(black_box(&text))));
    group.finish();
}

fn align(c: &mut Criterion) {
    // One document pair of the whole sample corpus, repeated: the banded search at work.
    let (fr, en) = (corpus_text("fr", 1 << 20), corpus_text("en", 1 << 20));
    let options = Options::new("fr", "en");
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    group.throughput(Throughput::Bytes((fr.len() + en.len()) as u64));
    group.bench_function("split+align 1 MB pair", |b| {
        b.iter(|| align_texts("bench", black_box(&fr), black_box(&en), &options))
    });
    group.finish();
}

fn export_stage(c: &mut Criterion) {
    // The aligned sample corpus, repeated, written in each training and review format.
    let (fr, en) = (corpus_text("fr", 1 << 20), corpus_text("en", 1 << 20));
    let doc = align_texts("bench", &fr, &en, &Options::new("fr", "en"));
    let records = export::records(&doc);
    let bytes: usize = records
        .iter()
        .map(|r| r.source.len() + r.target.len())
        .sum();
    let options = WriterOptions {
        languages: Languages {
            source: "fr".into(),
            target: "en".into(),
        },
        explain: false,
        excel: false,
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut group = c.benchmark_group("export");
    group.throughput(Throughput::Bytes(bytes as u64));
    for format in [Format::Tmx, Format::Csv, Format::Jsonl, Format::Moses] {
        let path = dir.path().join(format!("out.{}", format.name()));
        group.bench_function(format.name(), |b| {
            b.iter(|| {
                let mut writer = export::writer(format, Some(&path), &options).expect("writer");
                writer
                    .write_document("bench", black_box(&records))
                    .expect("write");
                // Not committed: the temporary files are dropped, as a failed run's would be.
                drop(writer.finish().expect("finish"));
            })
        });
    }
    group.finish();
}

criterion_group!(benches, split, normalize_stage, align, export_stage);
criterion_main!(benches);
