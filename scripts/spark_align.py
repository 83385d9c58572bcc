#!/usr/bin/env python3
"""Aligns a JSON Lines corpus of document pairs with bitext under Apache Spark.

  spark_align.py INPUT OUTPUT_DIR --bitext PATH [--master MASTER] [--partitions N]
                 [--format jsonl|tsv] [--units clauses|sentences] [--presplit]
                 [--source-lang fr] [--target-lang en] [--dictionary FILE] [--align-arg ARG]...

INPUT is a JSON Lines file, or a folder of them read in the order of their names, one document
pair per line: `{"doc": name, "fr": text, "en": text}` (`bitext pack FR EN` writes it). The
binary is shipped to the executors (`SparkContext.addFile`, as `spark-submit --files` does) and
run once per partition over the partition's lines, the way `rdd.pipe` does it:

1. map:    `bitext learn --stdin` per partition: the partition's stats (see src/model.rs),
           on the first partitions only, a wave of one per core at a time;
2. reduce: on the driver, `bitext learn --merge` reads the stats in input order and writes
           the model (the word table the one big run learns), after each wave, until the model
           says it is complete;
3. align:  `bitext align --stdin --model MODEL` per partition, shipped the model;
4. write:  `saveAsTextFile(OUTPUT_DIR)`: part-00000, part-00001 … in input order.

Nothing is shuffled, so partitions keep the input's order (files in name order, lines in file
order) and `cat OUTPUT_DIR/part-*` is the corpus, byte for byte the one `bitext align FR EN`
writes (for tsv, only the first partition keeps the header). Documents that fail are reported on
the executors' stderr and counted; the job then exits 1, as `bitext align` does.
"""
import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time

MODEL = "bitext-model.json"


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="a JSON Lines file or a folder of them")
    ap.add_argument("output", help="the output folder (Spark part files); must not exist")
    ap.add_argument("--bitext", required=True, help="the bitext binary to ship")
    ap.add_argument("--master", default=None,
                    help="Spark master (default: spark-submit's, else local[2])")
    ap.add_argument("--partitions", type=int, default=None,
                    help="at least this many partitions (default: Spark's)")
    ap.add_argument("--format", choices=["jsonl", "tsv"], default="jsonl")
    ap.add_argument("--units", default="clauses")
    ap.add_argument("--presplit", action="store_true")
    ap.add_argument("--source-lang", default="fr")
    ap.add_argument("--target-lang", default="en")
    ap.add_argument("--dictionary", help="a hunalign dictionary for the first pass")
    ap.add_argument("--align-arg", action="append", default=[],
                    help="one more argument for `bitext align` (e.g. --min-score=0.5)")
    return ap.parse_args()


def input_files(sc, path):
    """The input's files in name order, through Hadoop's file system (local, HDFS, S3 …);
    names starting with `_` or `.` (`_SUCCESS`, `.crc`) are not data."""
    jvm = sc._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(sc._jsc.hadoopConfiguration())
    if not fs.getFileStatus(hpath).isDirectory():
        return [hpath.toString()]
    files = [s.getPath() for s in fs.listStatus(hpath) if s.isFile()]
    names = sorted(p.toString() for p in files if not p.getName().startswith(("_", ".")))
    if not names:
        sys.exit("spark_align: no input file in %s" % path)
    return names


def through_binary(args, failures=None, drop_header=False):
    """A partition function running the shipped binary over the partition's lines, as
    `rdd.pipe` does: a thread feeds stdin, output comes back line by line (split on `\\n`
    only). `args` is called on the executor (shipped files are found there). Exit 1 (some
    documents failed, each named on stderr) is counted in `failures`; any other is an error."""
    def run(index, lines):
        from pyspark import SparkFiles
        binary = SparkFiles.get("bitext")
        os.chmod(binary, os.stat(binary).st_mode | stat.S_IXUSR)
        proc = subprocess.Popen([binary] + args(), stdin=subprocess.PIPE, stdout=subprocess.PIPE)

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass  # the binary stopped: its exit code says why
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        first = True
        for raw in proc.stdout:
            if not (first and drop_header and index > 0):
                yield raw.rstrip(b"\n").decode("utf-8")
            first = False
        feeder.join()
        code = proc.wait()
        if code == 1 and failures is not None:
            failures.add(1)
        elif code not in (0, 1):
            raise RuntimeError("bitext %s exited with %d" % (" ".join(args()), code))
    return run


def learn(sc, stats, partitions, work, model, args):
    """Runs the map on waves of partitions in input order and merges the stats so far after
    each; returns how many partitions the map ran on."""
    stats_file = os.path.join(work, "stats.jsonl")
    merge = [args.bitext, "learn", "--merge", stats_file, "-o", model, "--quiet"]
    if args.dictionary:
        merge += ["--dictionary", args.dictionary]
    done = 0
    with open(stats_file, "wb") as out:
        while True:
            wave = list(range(done, min(done + sc.defaultParallelism, partitions)))
            for line in sc.runJob(stats, lambda it: it, wave):
                out.write(line.encode("utf-8") + b"\n")
            out.flush()
            done += len(wave)
            if subprocess.run(merge).returncode != 0:
                sys.exit("spark_align: merging the stats failed")
            with open(model, encoding="utf-8") as fh:
                summary = json.load(fh)
            if done >= partitions or (summary["sample_complete"] and summary["documents"] > 1):
                return done


def main():
    args = parse_args()
    # The executors' Python must import pyspark: the driver's own interpreter does.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Under spark-submit the JVM is already up with its master; alone, the script starts one.
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    master = args.master or (None if submitted else "local[2]")
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark import SparkConf, SparkContext, SparkFiles

    conf = (SparkConf().setAppName("bitext")
            .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false"))
    if master:
        conf.setMaster(master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    started = time.time()
    work = tempfile.mkdtemp(prefix="bitext-spark-")
    try:
        # Shipped under fixed names: the executors find them with SparkFiles.get.
        shutil.copy(args.bitext, os.path.join(work, "bitext"))
        sc.addFile(os.path.join(work, "bitext"))
        settings = ["--source-lang", args.source_lang, "--target-lang", args.target_lang,
                    "--units", args.units] + (["--presplit"] if args.presplit else [])
        learn_extra = lambda: []
        if args.dictionary:
            shutil.copy(args.dictionary, os.path.join(work, "dictionary.txt"))
            sc.addFile(os.path.join(work, "dictionary.txt"))
            learn_extra = lambda: ["--dictionary", SparkFiles.get("dictionary.txt")]

        files = input_files(sc, args.input)
        lines = sc.textFile(",".join(files), minPartitions=args.partitions)
        partitions = lines.getNumPartitions()

        # 1-2. The map over the first partitions, a wave (one partition per core) at a time,
        # and the reduce on the driver after each wave, until the model says later documents
        # would not change it: the learning pass costs the run's first documents, not a pass.
        stats = lines.mapPartitionsWithIndex(
            through_binary(lambda: ["learn", "--stdin"] + settings + learn_extra()))
        model = os.path.join(work, MODEL)
        learned_from = learn(sc, stats, partitions, work, model, args)
        learned = time.time()

        # 3-4. Every partition aligned with the model, written in order.
        sc.addFile(model)
        failures = sc.accumulator(0)
        align = lambda: (["align", "--stdin", "--model", SparkFiles.get(MODEL), "--quiet",
                          "--format", args.format] + settings + args.align_arg)
        corpus = lines.mapPartitionsWithIndex(
            through_binary(align, failures, drop_header=args.format == "tsv"))
        corpus.saveAsTextFile(args.output)
        done = time.time()
        print("spark_align: %d partition(s), the map on %d; learn %.2f s, align %.2f s, total %.2f s; "
              "%d partition(s) with failed documents; corpus in %s/part-*"
              % (partitions, learned_from, learned - started, done - learned, done - started,
                 failures.value, args.output), file=sys.stderr)
        return 1 if failures.value else 0
    finally:
        sc.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
