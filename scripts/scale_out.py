#!/usr/bin/env python3
"""`pcf batch` over a JSONL catalogue on a Ray cluster. Run it through scripts/scale-out.sh,
which installs Ray in a venv and builds pcf; docs/scale-out.md says how to use it on a cluster.

    scale-out.sh [options] INPUT OUTPUT

INPUT and OUTPUT are paths or fsspec URIs (file://, s3://, gs://, abfs:// … with the matching
fsspec package installed). On a cluster of more than one machine, INPUT must be readable from
every node: a shared path or an object-store URI. OUTPUT is written by this process (the
driver), in input order, as one JSONL file: byte for byte what `pcf batch INPUT` writes.

How it runs:
1. The catalogue is cut into byte ranges at line ends (`--partitions`).
2. One small task per range counts its lines, so that each range knows the number of its first
   line; `pcf batch --first-line N` then numbers its output lines as the whole catalogue does.
3. The pcf binary and the user factor tables go into Ray's object store once; each node writes
   them once to a local cache directory named by their SHA-256 and every task there uses them.
4. One task per range pipes its bytes through `pcf batch - -q --first-line N …`. A bad record is
   an error line from pcf itself. If pcf dies on a range (a crash, a signal, out of memory),
   the range is halved and each half re-run, down to the single record, which then gets an
   error line `pcf_process_failed`: the job goes on. Ray re-runs a task whose node is lost.
5. `--check` runs the same catalogue through one `pcf batch` process here and compares the two
   outputs line by line.

Exit status: 0 done; 1 done but the answer is no (`--check` found a difference, or
`--fail-on-error` and a record failed); 2 bad input or usage; 3 a failure of the run itself.
"""
import argparse
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

EXIT_NO, EXIT_INPUT, EXIT_FAILURE = 1, 2, 3
READ_BLOCK = 1 << 20
# An output line for a record that failed: `pcf batch` writes {"line":N,"error":{…}}.
ERROR_LINE = re.compile(rb'^\{"line":\d+,"error":', re.M)


class Usage(Exception):
    """Bad input or usage: exit 2."""


class Failed(Exception):
    """The run itself failed: exit 3."""


def log(quiet, msg):
    if not quiet:
        print(f"[scale-out] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- partitions

def open_fs(uri):
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(uri)
    except (ImportError, ValueError) as e:
        raise Usage(f"cannot open {uri}: {e}") from e
    return fs, path


def line_boundaries(uri, partitions):
    """Byte offsets [0, b1, …, size] cutting the file after a newline near size·k/partitions."""
    fs, path = open_fs(uri)
    try:
        size = fs.size(path)
    except FileNotFoundError as e:
        raise Usage(f"cannot read {uri}: no such file") from e
    except OSError as e:
        raise Usage(f"cannot read {uri}: {e}") from e
    cuts = [0]
    with fs.open(path, "rb") as f:
        for k in range(1, partitions):
            target = max(size * k // partitions, cuts[-1])
            if target >= size:
                break
            f.seek(target)
            pos = target
            while True:
                block = f.read(64 * 1024)
                if not block:
                    pos = size
                    break
                nl = block.find(b"\n")
                if nl >= 0:
                    pos += nl + 1
                    break
                pos += len(block)
            if cuts[-1] < pos < size:
                cuts.append(pos)
    cuts.append(size)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def read_range(uri, start, end):
    fs, path = open_fs(uri)
    with fs.open(path, "rb") as f:
        f.seek(start)
        out = bytearray()
        while len(out) < end - start:
            block = f.read(min(READ_BLOCK, end - start - len(out)))
            if not block:
                raise Failed(f"{uri} is shorter than when the run started (bytes {start}-{end}): "
                             "was it changed during the run?")
            out += block
        return bytes(out)


def count_lines(data):
    """Lines as `pcf batch` counts them: every newline, and a last line without one."""
    n = data.count(b"\n")
    return n + (1 if data and not data.endswith(b"\n") else 0)


# ---------------------------------------------------------------- shipping files to nodes

def cache_root():
    return os.environ.get("PCF_SCALE_OUT_CACHE") or os.path.join(tempfile.gettempdir(), "pcf-scale-out")


def materialise(ref_box, digest, name, mode):
    """The file with this SHA-256 in this node's cache, fetched from the object store the
    first time any task on the node asks for it (a lock file makes it once per node)."""
    import ray

    d = os.path.join(cache_root(), digest)
    target = os.path.join(d, name)
    if os.path.exists(target):
        return target
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.exists(target):
            data = ray.get(ref_box[0])
            if hashlib.sha256(data).hexdigest() != digest:
                raise Failed(f"{name}: the bytes from the object store do not match their digest")
            tmp = target + ".part"
            with open(tmp, "wb") as f:
                f.write(data)
            os.chmod(tmp, mode)
            os.replace(tmp, target)
    return target


# ---------------------------------------------------------------- one partition

def error_line(line, message):
    return json.dumps(
        {"line": line, "error": {"code": "pcf_process_failed", "path": "$", "message": message}},
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()


def run_pcf(pcf, args, first_line, data):
    try:
        p = subprocess.run(
            [pcf, "batch", "-", "-q", "--first-line", str(first_line), *args],
            input=data,
            capture_output=True,
        )
    except OSError as e:  # not a program this machine runs (another platform, no exec bit)
        return 126, b"", f"cannot run {pcf}: {e}".encode()
    return p.returncode, p.stdout, p.stderr


def describe_exit(rc, stderr):
    why = f"killed by signal {-rc}" if rc < 0 else f"exit {rc}"
    tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    return f"pcf batch failed on this record ({why}){': ' + tail[0][:300] if tail[0] else ''}"


def process(pcf, args, first_line, data, stats):
    """Output bytes for these lines; a failing pcf run is split until the record is found."""
    rc, out, err = run_pcf(pcf, args, first_line, data)
    if rc == 0:
        return out
    lines = data.split(b"\n")
    if data.endswith(b"\n"):
        lines.pop()
    stats["isolations"] += 1
    if len(lines) == 1:
        if not lines[0].strip():
            return b""
        stats["process_failures"] += 1
        return error_line(first_line, describe_exit(rc, err)) + b"\n"
    half = len(lines) // 2
    a = b"".join(line + b"\n" for line in lines[:half])
    b = b"".join(line + b"\n" for line in lines[half:])
    return process(pcf, args, first_line, a, stats) + process(pcf, args, first_line + half, b, stats)


def partition_task(uri, start, end, first_line, args, pcf_box, pcf_digest, tables):
    """Runs on a worker: the output bytes of one byte range and what happened."""
    t0 = time.perf_counter()
    pcf = materialise(pcf_box, pcf_digest, "pcf", 0o755)
    local_args = list(args)
    for box, digest, name in tables:
        # The table keeps its file name: a result names its tables by it (and so do its digests).
        local_args += ["--factors", materialise(box, digest, name, 0o644)]
    # pcf must run here at all before a failure can be blamed on a record (a binary built for
    # another platform would otherwise make every record an error line, one process each).
    rc, _, err = run_pcf(pcf, local_args, first_line, b"")
    if rc != 0:
        raise Failed(f"pcf does not run on node {os.uname().nodename}: "
                     f"{err.decode('utf-8', 'replace').strip()[:300] or f'exit {rc}'}")
    data = read_range(uri, start, end)
    stats = {"isolations": 0, "process_failures": 0}
    out = process(pcf, local_args, first_line, data, stats)
    stats["records"] = out.count(b"\n")
    stats["failed"] = len(ERROR_LINE.findall(out))
    stats["seconds"] = time.perf_counter() - t0
    stats["node"] = os.uname().nodename
    return out, stats


def count_task(uri, start, end):
    return count_lines(read_range(uri, start, end))


# ---------------------------------------------------------------- the driver

def pcf_args(opts):
    args = ["--output", opts.detail, "-j", str(opts.threads_per_task)]
    if opts.detail == "uncertainty":
        args += ["--runs", str(opts.runs), "--seed", str(opts.seed)]
        if opts.threshold is not None:
            args += ["--threshold", repr(opts.threshold)]
    if opts.override:
        args.append("--override")
    return args


def start_ray(opts):
    import ray

    kwargs = {"logging_level": "ERROR", "log_to_driver": False, "include_dashboard": False}
    if opts.address in (None, "local"):
        kwargs["num_cpus"] = opts.workers or os.cpu_count()
        # Our own temporary directory: no clash with another local cluster on the machine.
        kwargs["_temp_dir"] = opts.ray_tmp or tempfile.mkdtemp(prefix="ray-", dir="/tmp")
        ray.init(**kwargs)
    else:
        kwargs.pop("include_dashboard")
        ray.init(address=opts.address, **kwargs)
    return ray


def write_output(uri, chunks):
    from fsspec.implementations.local import LocalFileSystem

    fs, path = open_fs(uri)
    parent = os.path.dirname(path)
    local = isinstance(fs, LocalFileSystem)
    if parent and local and not fs.exists(parent):
        raise Usage(f"cannot write {uri}: no directory {parent}")
    # A local file appears whole or not at all: written beside it, renamed when complete (an
    # object store's upload is already whole or nothing).
    target = path + ".part" if local else path
    try:
        with fs.open(target, "wb") as f:
            for c in chunks:
                f.write(c)
    except BaseException:
        if local and fs.exists(target):
            fs.rm(target)
        raise
    if local:
        os.replace(target, path)


def single_process(opts, pcf, args):
    """`pcf batch` on the whole catalogue in one process here: the reference for --check."""
    fs, path = open_fs(opts.input)
    with tempfile.TemporaryDirectory(prefix="pcf-check-") as tmp:
        local = os.path.join(tmp, "in.jsonl")
        fs.get(path, local)
        cmd = [pcf, "batch", local, "-q", *args]
        for t in opts.factors:
            cmd += ["--factors", t]
        p = subprocess.run(cmd, capture_output=True)
    if p.returncode != 0:
        raise Failed(f"the single-process run failed: {describe_exit(p.returncode, p.stderr)}")
    return p.stdout


def first_difference(a, b):
    la, lb = a.split(b"\n"), b.split(b"\n")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return i + 1, x[:200], y[:200]
    if len(la) != len(lb):
        i = min(len(la), len(lb))
        return i + 1, (la[i] if i < len(la) else b"<end>")[:200], (lb[i] if i < len(lb) else b"<end>")[:200]
    return None


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="scale-out.sh",
        description="pcf batch over a JSONL catalogue on a Ray cluster; the output equals one "
        "`pcf batch` process, line by line.",
    )
    ap.add_argument("input", help="the JSONL catalogue: a path or an fsspec URI")
    ap.add_argument("output", help="where the JSONL output goes: a path or an fsspec URI")
    ap.add_argument("--address", default="local",
                    help="`local` (default: start Ray here), `auto` (the cluster this machine "
                    "belongs to) or ray://HOST:10001")
    ap.add_argument("--workers", type=int, help="local only: worker processes (default: one per core)")
    ap.add_argument("--partitions", type=int,
                    help="byte ranges to cut the catalogue into (default: 4 per worker CPU)")
    ap.add_argument("--threads-per-task", type=int, default=1, metavar="N",
                    help="CPUs each partition's pcf process takes (pcf batch -j N; default 1)")
    ap.add_argument("--pcf", help="the pcf binary to ship (default: $PCF_BIN, else target/release/pcf)")
    ap.add_argument("--factors", action="append", default=[], metavar="TABLE",
                    help="a user factor table, as for pcf batch (repeatable); shipped once per node")
    ap.add_argument("--override", action="store_true", help="as for pcf batch")
    ap.add_argument("--output", dest="detail", default="full",
                    choices=["full", "summary", "uncertainty"], help="as for pcf batch --output")
    ap.add_argument("--runs", type=int, default=10_000, help="Monte Carlo runs per record (--output uncertainty)")
    ap.add_argument("--seed", type=int, default=1, help="seed per record (--output uncertainty)")
    ap.add_argument("--threshold", type=float, help="as for pcf uncertainty (--output uncertainty)")
    ap.add_argument("--check", action="store_true",
                    help="also run one pcf batch process here and compare the outputs line by line")
    ap.add_argument("--fail-on-error", action="store_true", help="exit 1 when any record failed")
    ap.add_argument("--ray-tmp", help=argparse.SUPPRESS)
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary line")
    opts = ap.parse_args(argv)

    try:
        return run(opts)
    except Usage as e:
        print(f"[scale-out] error: {e}", file=sys.stderr)
        return EXIT_INPUT
    except Failed as e:
        print(f"[scale-out] failed: {e}", file=sys.stderr)
        return EXIT_FAILURE


def run(opts):
    if opts.workers is not None and opts.workers < 1:
        raise Usage("--workers must be at least 1")
    if opts.threads_per_task < 1:
        raise Usage("--threads-per-task must be at least 1")
    if opts.partitions is not None and opts.partitions < 1:
        raise Usage("--partitions must be at least 1")
    if opts.workers is not None and opts.address not in (None, "local"):
        raise Usage("--workers is for a local cluster; a cluster's size is its own")
    pcf = opts.pcf or os.environ.get("PCF_BIN") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "pcf")
    if not os.access(pcf, os.X_OK):
        raise Usage(f"no pcf binary at {pcf} (build it with `cargo build --release -p pcf-cli`, or pass --pcf)")
    pcf = os.path.abspath(pcf)
    args = pcf_args(opts)
    # The options are checked once here, by pcf itself, before any cluster starts.
    rc, _, err = run_pcf(pcf, args + [a for t in opts.factors for a in ("--factors", t)], 1, b"")
    if rc != 0:
        raise Usage(err.decode("utf-8", "replace").strip() or f"pcf batch exit {rc}")

    t0 = time.perf_counter()
    ray = start_ray(opts)
    t_up = time.perf_counter()
    try:
        cpus = int(ray.cluster_resources().get("CPU", 1))
        parts = line_boundaries(opts.input, opts.partitions or 4 * max(1, cpus // opts.threads_per_task))
        log(opts.quiet, f"{opts.input}: {parts[-1][1] if parts else 0} bytes in {len(parts)} "
            f"partitions on {cpus} worker CPUs ({len(ray.nodes())} node(s))")

        with open(pcf, "rb") as f:
            binary = f.read()
        pcf_box = [ray.put(binary)]
        tables = []
        for t in opts.factors:
            try:
                with open(t, "rb") as f:
                    data = f.read()
            except OSError as e:
                raise Usage(f"cannot read factor table {t}: {e}") from e
            tables.append(([ray.put(data)], hashlib.sha256(data).hexdigest(), os.path.basename(t)))

        count = ray.remote(count_task)
        counts = ray.get([count.remote(opts.input, a, b) for a, b in parts])
        firsts, n = [], 1
        for c in counts:
            firsts.append(n)
            n += c

        task = ray.remote(max_retries=3, num_cpus=opts.threads_per_task)(partition_task)
        refs = [task.remote(opts.input, a, b, first, args, pcf_box,
                            hashlib.sha256(binary).hexdigest(), tables)
                for (a, b), first in zip(parts, firsts)]

        totals = {"records": 0, "failed": 0, "isolations": 0, "process_failures": 0}
        nodes = set()
        last = [0.0]

        def in_order():
            for i, ref in enumerate(refs):
                try:
                    out, stats = ray.get(ref)
                except Exception as e:  # a task that failed after Ray's retries: the run stops
                    first_line = str(e).strip().splitlines()[-1:] or [type(e).__name__]
                    raise Failed(f"partition {i + 1} of {len(refs)} failed on its node: {first_line[0][:500]}") from e
                for k in totals:
                    totals[k] += stats[k]
                nodes.add(stats["node"])
                now = time.perf_counter()
                if now - last[0] > 2 or i + 1 == len(refs):
                    last[0] = now
                    log(opts.quiet, f"{i + 1}/{len(refs)} partitions, {totals['records']} records, "
                        f"{totals['failed']} failed, {now - t0:.1f} s")
                if opts.check:
                    collected.append(out)
                yield out

        collected = []
        write_output(opts.output, in_order())
    finally:
        ray.shutdown()

    secs, up = time.perf_counter() - t0, time.perf_counter() - t_up
    log(opts.quiet,
        f"done: {totals['records']} records, {totals['failed']} failed "
        f"({totals['process_failures']} by a pcf process failure), {secs:.2f} s in all, "
        f"{up:.2f} s once the cluster was up ({totals['records'] / max(up, 1e-9):.1f} records/s), "
        f"{len(parts)} partitions, {len(nodes)} node(s) → {opts.output}")

    if opts.check:
        reference = single_process(opts, pcf, args)
        diff = first_difference(b"".join(collected), reference)
        if diff:
            i, x, y = diff
            print(f"[scale-out] check: output line {i} differs from the single-process run\n"
                  f"  distributed: {x.decode('utf-8', 'replace')}\n"
                  f"  one process: {y.decode('utf-8', 'replace')}", file=sys.stderr)
            return EXIT_NO
        lines = reference.count(b"\n")
        log(False, f"check: all {lines} lines equal a single-process run")
    if opts.fail_on_error and totals["failed"] > 0:
        return EXIT_NO
    return 0


if __name__ == "__main__":
    sys.exit(main())
