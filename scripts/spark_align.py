#!/usr/bin/env python3
"""Aligns a corpus of document pairs with bitext under Apache Spark, as data engineers run it.

  spark_align.py INPUT OUTPUT [--bitext PATH] [--model FILE] [--resume]
                 [--input-format jsonl|parquet] [--output-format parquet|jsonl|tsv]
                 [--partitions N] [--master MASTER] [--conf KEY=VALUE]...
                 [--units clauses|sentences] [--presplit] [--source-lang fr] [--target-lang en]
                 [--dictionary FILE] [--align-arg ARG]...

INPUT is a JSON Lines or Parquet file, or a folder of them read in the order of their names,
one document pair a row with the columns `doc`, `fr` and `en` (the text columns are named by
the language codes; `bitext pack FR EN` writes such JSON Lines). Any other column (`url` …) is
provenance: it is kept beside each output row. The binary is shipped to the executors
(`SparkContext.addFile`, what `spark-submit --files` does) and found there, and on the driver,
with `SparkFiles.get`; it runs once per partition over a pipe (`mapPartitions`):

1. learn: `bitext learn --stdin` on the first partition (then on as many as its pairs say the
   model needs, until the model says it is complete), each partition's stats shuffled to one
   task in input order, where `bitext learn --merge` writes the model to OUTPUT/_model: the
   driver reads three figures of it, never the stats. `--model FILE` skips this (a model
   from `bitext learn`).
2. align: `bitext align --stdin --model MODEL --rejects FILE` on every partition; its records
   (with the row's provenance), its failed documents and a completion mark are written, in one
   task commit, to three datasets under OUTPUT:

     OUTPUT/dataset=pairs/    doc, fr, en, type, score, fr_ids, en_ids, doc_score,
                              not_translation, provenance…, partition  (Parquet, zstd)
     OUTPUT/dataset=rejects/  doc, provenance…, partition, reason, message: one row per
                              document that failed (named; its partition, not a line number)
     OUTPUT/dataset=done/     partition: one row per partition written

   With --output-format jsonl or tsv the pairs are the binary's own lines (jsonl with the
   provenance keys added; tsv without provenance, the header in partition 0 only), and the
   rejects and done rows JSON Lines. Partitions keep the input's order (files in name order,
   rows in file order), so the pairs of a partition are in the order `bitext align FR EN`
   writes them, and the partitions in order are its corpus.

Task outputs are committed one task at a time (the file output committer's algorithm 2), so a
job that dies keeps the partitions it finished: `--resume` reruns only the others (and keeps
the model), and a rerun without it starts over in the same folder. Exit code 1 when documents
failed (see dataset=rejects), as `bitext align` does; 2 when the job failed or was refused.
"""
import argparse
import json
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from functools import reduce

MODEL_DIR = "_model"
META = "_bitext.json"
DATASETS = ("pairs", "rejects", "done")
# The output's columns besides the texts, their ids and the provenance.
OUTPUT_COLUMNS = ["type", "score", "doc_score", "not_translation", "partition", "reason",
                  "message", "dataset"]
# The confident pairs a model learns from (TRAINING_BEADS in src/model.rs).
TRAINING_PAIRS = 20_000
# A test hook: "P:N[:DIR]" kills the native process of partition P's first N attempts (a file
# in DIR tells that it happened). Read on the executors.
KILL_ENV = "BITEXT_SPARK_TEST_KILL"


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="a JSON Lines or Parquet file, or a folder of them")
    ap.add_argument("output", help="the output folder (a rerun overwrites it, or --resume)")
    ap.add_argument("--bitext", help="the bitext binary to ship (a path or a URI); without it, "
                    "the one spark-submit --files shipped, named bitext")
    ap.add_argument("--model", help="a model from `bitext learn` (no learning stage)")
    ap.add_argument("--resume", action="store_true",
                    help="keep the partitions (and the model) a previous run wrote")
    ap.add_argument("--input-format", choices=["jsonl", "parquet"],
                    help="default: from the input files' extension")
    ap.add_argument("--output-format", choices=["parquet", "jsonl", "tsv"], default="parquet")
    ap.add_argument("--partitions", type=int, default=None,
                    help="cut the input into about this many partitions (default: Spark's)")
    ap.add_argument("--master", default=None,
                    help="Spark master (default: spark-submit's, else local[2])")
    ap.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                    help="a Spark setting for the session this script starts")
    ap.add_argument("--units", default="clauses")
    ap.add_argument("--presplit", action="store_true")
    ap.add_argument("--source-lang", default="fr")
    ap.add_argument("--target-lang", default="en")
    ap.add_argument("--dictionary", help="a hunalign dictionary for the first pass")
    ap.add_argument("--align-arg", action="append", default=[],
                    help="one more argument for `bitext align` (e.g. --min-score=0.5)")
    return ap.parse_args()


class Fs:
    """The driver's view of Hadoop's file systems (local, HDFS, S3 …), through the JVM."""

    def __init__(self, sc):
        self.jvm = sc._jvm
        self.conf = sc._jsc.hadoopConfiguration()

    def _fs(self, path):
        hpath = self.jvm.org.apache.hadoop.fs.Path(path)
        return hpath.getFileSystem(self.conf), hpath

    def exists(self, path):
        fs, hpath = self._fs(path)
        return fs.exists(hpath)

    def is_dir(self, path):
        fs, hpath = self._fs(path)
        return fs.getFileStatus(hpath).isDirectory()

    def delete(self, path):
        fs, hpath = self._fs(path)
        fs.delete(hpath, True)

    def files(self, path):
        """(full path, name, size) of a folder's files, in name order."""
        fs, hpath = self._fs(path)
        found = [(s.getPath().toString(), s.getPath().getName(), s.getLen())
                 for s in fs.listStatus(hpath) if s.isFile()]
        return sorted(found, key=lambda f: f[1])

    def size(self, path):
        fs, hpath = self._fs(path)
        return fs.getFileStatus(hpath).getLen()

    def read_text(self, path):
        fs, hpath = self._fs(path)
        stream = fs.open(hpath)
        try:
            return bytes(self.jvm.org.apache.commons.io.IOUtils.toByteArray(stream)).decode()
        finally:
            stream.close()

    def write_text(self, path, text):
        fs, hpath = self._fs(path)
        out = fs.create(hpath, True)
        try:
            out.write(bytearray(text.encode()))
        finally:
            out.close()


def refuse(message):
    """Stops before any job: exit code 2, as the binary's usage errors (1 is for documents
    that failed)."""
    print("spark_align: " + message, file=sys.stderr)
    sys.exit(2)


def input_files(fs, path, fmt):
    """The input's data files in name order (`_SUCCESS`, `.crc` … are not data) and their
    format."""
    if fs.is_dir(path):
        files = [(p, n, s) for p, n, s in fs.files(path) if not n.startswith(("_", "."))]
    else:
        files = [(path, os.path.basename(path), fs.size(path))]
    if not files:
        refuse("no input file in %s" % path)
    if fmt is None:
        fmt = "parquet" if files[0][1].endswith(".parquet") else "jsonl"
    return files, fmt


def read_input(spark, files, fmt, partitions, keys):
    """One DataFrame per input file, in name order, with one schema: their union keeps the
    input's order in its partitions (one scan of many files orders them by size). With
    `partitions`, the files are cut into about that many splits."""
    if partitions:
        total = sum(size for _, _, size in files)
        spark.conf.set("spark.sql.files.maxPartitionBytes", str(max(1, -(-total // partitions))))
        spark.conf.set("spark.sql.files.openCostInBytes", "1")
    source = "json" if fmt == "jsonl" else "parquet"
    paths = [p for p, _, _ in files]
    schema = spark.read.format(source).load(paths).schema
    names = [f.name for f in schema.fields if f.name != "_corrupt_record"]
    missing = [k for k in ["doc"] + keys if k not in names]
    if missing:
        refuse("the input has no column %s (it has %s)" % (", ".join(missing), ", ".join(names)))
    provenance = [n for n in names if n not in ["doc"] + keys]
    taken = set(OUTPUT_COLUMNS + [keys[0] + "_ids", keys[1] + "_ids"]).intersection(provenance)
    if taken:
        refuse("the input's column(s) %s would clash with the output's: rename them"
               % ", ".join(sorted(taken)))
    columns = ["doc"] + keys + provenance
    scans = [spark.read.format(source).schema(schema).load(p).select(*columns) for p in paths]
    return scans, provenance, schema


def shipped(name):
    """A file shipped with addFile (or spark-submit --files), on an executor or the driver."""
    from pyspark import SparkFiles
    path = SparkFiles.get(name)
    if not os.path.exists(path):
        raise RuntimeError("%s was not shipped: give --bitext, or spark-submit --files" % name)
    return path


def executable(name):
    path = shipped(name)
    if not os.access(path, os.X_OK):
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
    return path


def through(argv, lines, partition, kill=False):
    """Runs `argv` over `lines` (bytes, one record each), as `rdd.pipe` does: a thread feeds
    stdin, stdout comes back line by line. Its messages go on to the task's stderr with the
    partition said (a line number counts within the partition). Exit code 1 (some documents
    failed) is no error."""
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)

    def feed():
        try:
            for line in lines:
                proc.stdin.write(line + b"\n")
        except BrokenPipeError:
            pass  # the binary stopped: its exit code says why
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    def relay():
        for message in proc.stderr:
            text = message.decode("utf-8", "replace")
            sys.stderr.write(re.sub(r"^bitext: (line \d+)", r"bitext: partition %d, \1"
                                    % partition, text))

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    relayer = threading.Thread(target=relay, daemon=True)
    relayer.start()
    if kill:
        proc.send_signal(signal.SIGKILL)
    for raw in proc.stdout:
        yield raw.rstrip(b"\n")
    feeder.join()
    relayer.join()
    code = proc.wait()
    if code not in (0, 1):
        raise RuntimeError("%s exited with %d" % (" ".join(argv[1:4]), code))


def records(rows, keys):
    """The binary's input: each row as a JSON line (a null stays null: the binary refuses it
    and names the document)."""
    for row in rows:
        yield json.dumps({"doc": row[0], keys[0]: row[1], keys[1]: row[2]},
                         ensure_ascii=False).encode("utf-8")


def unique_names(rows, clashes):
    """A partition's rows less those named as an earlier row of it with other provenance, which
    go to `clashes` as (name, provenance…): the binary's records carry only the name, so the
    pairs of two such rows could not be told apart. Learning and aligning both leave them out."""
    first = {}
    for row in rows:
        kept = (row[0],) + tuple(row[3:])
        if first.setdefault(row[0], kept) != kept:
            clashes.append(kept)
            continue
        yield row


def kill_now(partition):
    """The test hook (KILL_ENV): whether this attempt of `partition` is to be killed."""
    from pyspark import TaskContext
    spec = os.environ.get(KILL_ENV)
    if not spec:
        return False
    target, attempts, *marker = spec.split(":", 2)
    attempt = TaskContext.get().attemptNumber()
    if int(target) != partition or attempt >= int(attempts):
        return False
    if marker:
        open(os.path.join(marker[0], "killed-%d-%d" % (partition, attempt)), "w").close()
    return True


def learn_stats(binary, settings, end, keys):
    """The map: a partition's stats, keyed by (partition, line) for the ordered shuffle;
    partitions from `end` on are not learned from."""
    def run(index, rows):
        if index >= end:
            return
        argv = [executable(binary), "learn", "--stdin", "--quiet"] + settings()
        lines = through(argv, records(unique_names(rows, []), keys), index)
        for number, line in enumerate(lines):
            yield (index, number), line
    return run


def merge_stats(binary, extra):
    """The reduce, in one task: the stats in input order into `bitext learn --merge`; yields
    the model, one line."""
    def run(stats):
        with tempfile.TemporaryDirectory() as work:
            model = os.path.join(work, "model.json")
            argv = [executable(binary), "learn", "--merge", "-", "-o", model, "--quiet"] + extra()
            for _ in through(argv, (line for _, line in stats), 0):
                pass
            with open(model, encoding="utf-8") as fh:
                yield fh.read().strip()
    return run


def learn(spark, fs, scans, args, binary, settings, dictionary, keys):
    """Learns from the first partition, then from as many as its pairs say are needed (at
    least twice as many), until the model is complete; writes it to OUTPUT/_model and returns
    its path and how many partitions it took."""
    sc = spark.sparkContext
    model_dir = args.output.rstrip("/") + "/" + MODEL_DIR
    counts = []
    end = 1
    while True:
        while len(counts) < len(scans) and sum(counts) < end:
            counts.append(scans[len(counts)].rdd.getNumPartitions())
        prefix = reduce(lambda a, b: a.union(b), scans[:len(counts)])
        extra = lambda: ["--dictionary", shipped(dictionary)] if dictionary else []
        mapper = learn_stats(binary, lambda: settings + extra(), end, keys)
        stats = prefix.rdd.mapPartitionsWithIndex(mapper)
        model = (stats.repartitionAndSortWithinPartitions(1, lambda _: 0)
                 .mapPartitions(merge_stats(binary, extra)))
        fs.delete(model_dir)
        model.saveAsTextFile(model_dir)
        # (a name starting with `_` is hidden from textFile: the file is named)
        documents, complete, pairs = (
            sc.textFile(model_dir + "/part-00000").map(json.loads)
            .map(lambda m: (m["documents"], m["sample_complete"], m["sample_pairs"])).first())
        everything = len(counts) == len(scans) and end >= sum(counts)
        if (complete and documents > 1) or everything:
            return model_dir + "/part-00000", min(end, sum(counts))
        # The next try: as many partitions again as the pairs so far say are needed, and a
        # fifth more (each try starts over: the stats are not kept).
        needed = max(2 * end, int(end * TRAINING_PAIRS * 1.2 / max(pairs, 1)) + 1)
        print("spark_align: %d pair(s) from %d partition(s), the model needs %d: trying %d"
              % (pairs, end, TRAINING_PAIRS, needed), file=sys.stderr)
        end = needed


STRIP_ORIGIN = re.compile(r'^line \d+( \(document "(?:[^"\\]|\\.)*"\))?: ')


def align_partition(binary, model, settings, keys, provenance, fmt, done):
    """A partition aligned: its rows (pairs, rejects, one done mark), each with its dataset."""
    def run(index, rows):
        if index in done:
            return
        seen = []  # each input row's name and provenance (not its texts), in order
        clashes = []  # rows whose name an earlier row of the partition has, with other provenance
        def remember(rows):
            for row in unique_names(rows, clashes):
                seen.append((row[0],) + tuple(row[3:]))
                yield row
        with tempfile.TemporaryDirectory() as work:
            rejects = os.path.join(work, "rejects.jsonl")
            argv = ([executable(binary), "align", "--stdin", "--model", shipped(model), "--quiet",
                     "--rejects", rejects, "--format", "tsv" if fmt == "tsv" else "jsonl"]
                    + settings)
            lines = through(argv, records(remember(rows), keys), index, kill=kill_now(index))
            at = 0  # the row of the record being written
            for number, raw in enumerate(lines):
                if fmt == "tsv":
                    if number > 0 or index == 0:
                        yield (raw.decode("utf-8"), "pairs")
                    continue
                record = json.loads(raw)
                while seen[at][0] != record["doc"]:
                    at += 1
                yield pair_row(record, raw, seen[at], keys, provenance, index, fmt)
            failed = 0
            with open(rejects, encoding="utf-8") as fh:
                for line in fh:
                    reject = json.loads(line)
                    row = seen[reject["line"] - 1]
                    failed += 1
                    yield reject_row(reject, row, provenance, index, fmt)
            for row in clashes:
                failed += 1
                yield reject_row(duplicate(row[0], index), row, provenance, index, fmt)
        if fmt == "parquet":
            yield (None,) * (9 + len(provenance)) + (index, None, None, "done")
        else:
            mark = {"partition": index, "documents": len(seen), "rejects": failed}
            yield (json.dumps(mark, separators=(",", ":")), "done")
    return run


def pair_row(record, raw, row, keys, provenance, index, fmt):
    values = dict(zip(provenance, row[1:]))
    if fmt == "jsonl":
        line = raw.decode("utf-8")
        if values:
            line = line[:-1] + "," + json.dumps(values, ensure_ascii=False, default=str,
                                                separators=(",", ":"))[1:]
        return (line, "pairs")
    doc_score = record.get("doc_score")
    return ((record["doc"], record[keys[0]], record[keys[1]], record["type"],
             float(record["score"]), record[keys[0] + "_ids"], record[keys[1] + "_ids"],
             None if doc_score is None else float(doc_score),
             record.get("not_translation", False)) + row[1:]
            + (index, None, None, "pairs"))


def duplicate(doc, index):
    """The reject of a row named as an earlier row of its partition but with other provenance:
    the binary's records carry only the name, so its pairs could not be told apart."""
    message = ("document %s appears twice in partition %d with different provenance: names must "
               "be unique within a partition" % (json.dumps(doc, ensure_ascii=False), index))
    return {"doc": doc, "reason": "duplicate name", "message": message}


def reject_row(reject, row, provenance, index, fmt):
    doc = reject["doc"] if reject["doc"] is not None else row[0]
    message = STRIP_ORIGIN.sub("", reject["message"])
    if fmt != "parquet":
        out = {"doc": doc, "partition": index, "reason": reject["reason"], "message": message}
        out.update(zip(provenance, row[1:]))
        line = json.dumps(out, ensure_ascii=False, default=str, separators=(",", ":"))
        return (line, "rejects")
    return (doc,) + (None,) * 8 + row[1:] + (index, reject["reason"], message, "rejects")


def output_schema(fmt, keys, schema, provenance):
    from pyspark.sql.types import (ArrayType, BooleanType, DoubleType, IntegerType,
                                   StringType, StructField, StructType)
    if fmt != "parquet":
        return StructType([StructField("value", StringType()),
                           StructField("dataset", StringType())])
    by_name = {f.name: f for f in schema.fields}
    ids = ArrayType(IntegerType())
    return StructType(
        [StructField("doc", StringType()), StructField(keys[0], StringType()),
         StructField(keys[1], StringType()), StructField("type", StringType()),
         StructField("score", DoubleType()), StructField(keys[0] + "_ids", ids),
         StructField(keys[1] + "_ids", ids), StructField("doc_score", DoubleType()),
         StructField("not_translation", BooleanType())]
        + [by_name[p] for p in provenance]
        + [StructField("partition", IntegerType()), StructField("reason", StringType()),
           StructField("message", StringType()), StructField("dataset", StringType())])


def prepare_output(spark, fs, args, meta):
    """The partitions already written (with --resume), after clearing what a dead job left;
    without --resume a previous run's folder is cleared, any other folder refused."""
    out = args.output.rstrip("/")
    if not fs.exists(out):
        return set()
    if not fs.exists(out + "/" + META):
        refuse("%s exists and is no spark_align output: not touched" % out)
    if not args.resume:
        fs.delete(out)
        return set()
    before = json.loads(fs.read_text(out + "/" + META))
    if before != meta:
        refuse("--resume with other input, partitions or settings than %s/%s" % (out, META))
    done = set()
    if fs.exists(out + "/dataset=done"):
        reader = spark.read.parquet if args.output_format == "parquet" else spark.read.json
        done = {r.partition for r in reader(out + "/dataset=done").select("partition").collect()}
    for name in ("_temporary", "_SUCCESS"):
        fs.delete(out + "/" + name)
    for dataset in DATASETS:
        folder = "%s/dataset=%s" % (out, dataset)
        if fs.exists(folder):
            for path, name, _ in fs.files(folder):
                part = re.match(r"part-(\d+)-", name)
                if part and int(part.group(1)) not in done:
                    fs.delete(path)  # a task killed while it committed
    return done


def start_session(args):
    """The Spark session: spark-submit's (the JVM is up with its master), else one in
    `--master` or local[2]."""
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    master = args.master or (None if submitted else "local[2]")
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.appName("bitext")
               .config("spark.ui.showConsoleProgress", "false"))
    if master:
        builder = builder.master(master)
    for setting in args.conf:
        key, _, value = setting.partition("=")
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    # Each task writes its three datasets without sorting its rows (they stay in input
    # order), and its files are committed with the task: a dead job keeps finished partitions.
    spark.conf.set("spark.sql.optimizer.plannedWrite.enabled", "false")
    spark.conf.set("spark.sql.maxConcurrentOutputFileWriters", "8")
    return spark


def ship(sc, path, default=None):
    """Ships a file to the executors (if given) and returns the name SparkFiles finds it by."""
    if not path:
        return default
    sc.addFile(path)
    return os.path.basename(path)


def the_model(spark, fs, scans, args, binary, settings, dictionary, keys):
    """The model file (`--model`, the one a resumed run learned, or one learned now), shipped;
    and how many partitions were learned from."""
    model, learned_from = args.model, 0
    kept = args.output.rstrip("/") + "/" + MODEL_DIR
    if model is None and args.resume and fs.exists(kept + "/_SUCCESS"):
        model = kept + "/part-00000"
    elif model is None:
        model, learned_from = learn(spark, fs, scans, args, binary, settings, dictionary, keys)
    return ship(spark.sparkContext, model), learned_from


def write(spark, rows, args, schema):
    """The aligned rows appended to OUTPUT's datasets, each task's files committed with it."""
    out = spark.createDataFrame(rows, schema, verifySchema=False)
    writer = (out.write.mode("append").partitionBy("dataset")
              .option("mapreduce.fileoutputcommitter.algorithm.version", "2"))
    if args.output_format == "parquet":
        writer.option("compression", "zstd").parquet(args.output)
    else:
        writer.text(args.output)


def failures(spark, fs, args):
    """How many documents the rejects dataset holds."""
    reader = spark.read.parquet if args.output_format == "parquet" else spark.read.json
    rejects = args.output.rstrip("/") + "/dataset=rejects"
    return reader(rejects).count() if fs.exists(rejects) else 0


def run(spark, args):
    started = time.time()
    sc = spark.sparkContext
    fs = Fs(sc)
    keys = [args.source_lang, args.target_lang]
    binary = ship(sc, args.bitext, default="bitext")
    dictionary = ship(sc, args.dictionary)
    settings = ["--source-lang", args.source_lang, "--target-lang", args.target_lang,
                "--units", args.units] + (["--presplit"] if args.presplit else [])

    files, fmt = input_files(fs, args.input, args.input_format)
    scans, provenance, schema = read_input(spark, files, fmt, args.partitions, keys)
    corpus = reduce(lambda a, b: a.union(b), scans)
    partitions = corpus.rdd.getNumPartitions()
    meta = {"input": [p for p, _, _ in files], "partitions": partitions,
            "output_format": args.output_format, "settings": settings,
            "align_args": args.align_arg, "model": args.model}
    done = prepare_output(spark, fs, args, meta)
    fs.write_text(args.output.rstrip("/") + "/" + META, json.dumps(meta))

    model, learned_from = the_model(spark, fs, scans, args, binary, settings, dictionary, keys)
    learned = time.time()
    rows = corpus.rdd.mapPartitionsWithIndex(
        align_partition(binary, model, settings + args.align_arg, keys, provenance,
                        args.output_format, frozenset(done)))
    write(spark, rows, args, output_schema(args.output_format, keys, schema, provenance))
    aligned = time.time()

    failed = failures(spark, fs, args)
    print("spark_align: %d partition(s), %d kept from a previous run; learned from %d; "
          "reading and learning %.2f s, align %.2f s, total %.2f s; %d document(s) failed "
          "(dataset=rejects); output in %s"
          % (partitions, len(done), learned_from, learned - started, aligned - learned,
             aligned - started, failed, args.output),
          file=sys.stderr)
    return 1 if failed else 0


def main():
    args = parse_args()
    spark = start_session(args)
    try:
        return run(spark, args)
    except Exception as e:  # a job that failed (its tasks' errors are above)
        print("spark_align: the job failed (%s); rerun with --resume to keep what it wrote"
              % str(e).splitlines()[0], file=sys.stderr)
        return 2
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
