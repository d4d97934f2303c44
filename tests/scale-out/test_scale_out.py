"""scripts/scale-out.sh as a process, on a Ray cluster this test starts (one head node with two
CPUs) and on Ray's own local cluster: its output equals one `pcf batch` process byte for byte.

Run by scripts/test-scale-out.sh (a step of scripts/test.sh), which sets PCF_BIN, PCF_ROOT and
SCALE_OUT_RAY (the venv's `ray` command). Standard library only.
"""
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import unittest

ROOT = os.environ.get("PCF_ROOT") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PCF = os.environ["PCF_BIN"]
RAY = os.environ["SCALE_OUT_RAY"]
SCRIPT = os.path.join(ROOT, "scripts", "scale-out.sh")

TABLE = (
    "id,name_en,name_zh,value,value_unit,per_unit,basis,gwp_set,class,geography,year,source,"
    "licence,verification,notes\n"
    "user.test.coil.supplier-a,supplier A coil,,1.93,kg,kg,CO2e,AR6,fossil,CN-JS,2025,"
    "supplier A's declaration 2025-07,own,user,\n"
)


def doc(name, activities, sector="other"):
    return {
        "schema": "pcf/1",
        "product": {"name": name, "sector": sector, "declared_unit": {"amount": 1, "unit": "item"}},
        "gwp_set": "AR6",
        "boundary": {"kind": "cradle-to-gate", "stages": ["production"]},
        "reference_period": {"start": "2024-01-01", "end": "2024-12-31"},
        "activities": activities,
    }


def line(amount, unit, factor, **extra):
    a = {"amount": amount, "unit": unit, "factor": factor, "stage": "production"}
    a.update(extra)
    return a


FACTORS = [
    ("cn.elec.footprint.2023.national", "kWh", 10, 5000),
    ("cn.elec.co2avg.2022.grid.east", "kWh", 10, 5000),
    ("worldsteel.ghg.2024.world", "t", 0.001, 2),
    ("eu.cbam.default.cn.7208", "t", 0.001, 2),
]


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()


def catalogue():
    """~150 records: good ones, every kind of bad one, the sector examples, blank lines, a
    non-UTF-8 line, Chinese names and a last line without a newline. Returns (bytes, notes),
    notes naming the line numbers of the records the tests look at."""
    rng = random.Random(20261207)
    out, notes = [], {}
    examples = sorted(f for f in os.listdir(os.path.join(ROOT, "examples")) if f.endswith(".json"))
    for i in range(140):
        n = len(out) + 1
        if i == 11:
            out.append(b"")  # blank: skipped, but counted
            continue
        if i == 23:
            notes["malformed"] = n
            out.append(b'{"schema":"pcf/1","product":')
            continue
        if i == 37:
            notes["not_utf8"] = n
            out.append(b'{"schema":"pcf/1","product":{"name":"\xff\xfe"}}')
            continue
        if i == 51:
            notes["unknown_unit"] = n
            out.append(compact(doc("bad unit", [line(3, "kWhh", "cn.elec.footprint.2023.national")])))
            continue
        if i == 64:
            notes["user_factor"] = n
            out.append(compact(doc("钢卷 from supplier A", [line(1200, "kg", "user.test.coil.supplier-a")])))
            continue
        if 70 <= i < 70 + len(examples):
            with open(os.path.join(ROOT, "examples", examples[i - 70]), "rb") as f:
                out.append(compact(json.loads(f.read())))
            notes.setdefault("examples", []).append(n)
            continue
        acts = []
        for _ in range(rng.randint(1, 6)):
            fid, unit, lo, hi = FACTORS[rng.randrange(len(FACTORS))]
            acts.append(line(float(f"{rng.uniform(lo, hi):.6g}"), unit, fid))
        out.append(compact(doc(f"产品 {i}", acts)))
    return b"\n".join(out), notes  # no final newline


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ScaleOut(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pcf-scale-out-test-")
        cls.data, cls.notes = catalogue()
        cls.input = cls.path("catalogue.jsonl", cls.data)
        cls.table = cls.path("supplier-a.csv", TABLE.encode())
        port = free_port()
        cls.ray_tmp = tempfile.mkdtemp(prefix="ray-", dir="/tmp")
        env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0")
        subprocess.run(
            [RAY, "start", "--head", f"--port={port}", "--num-cpus=2", "--include-dashboard=false",
             f"--temp-dir={cls.ray_tmp}", "--disable-usage-stats"],
            check=True, capture_output=True, env=env,
        )
        cls.address = f"127.0.0.1:{port}"

    @classmethod
    def tearDownClass(cls):
        # `ray stop` stops every Ray process of this machine: run the test where no other
        # Ray cluster runs (CI, a developer's machine).
        subprocess.run([RAY, "stop", "--force"], capture_output=True)
        shutil.rmtree(cls.tmp, ignore_errors=True)
        shutil.rmtree(cls.ray_tmp, ignore_errors=True)

    @classmethod
    def path(cls, name, data=None):
        p = os.path.join(cls.tmp, name)
        if data is not None:
            with open(p, "wb") as f:
                f.write(data)
        return p

    def scale_out(self, *args, pcf=PCF, address=None):
        cmd = ["bash", SCRIPT, "--pcf", pcf]
        if address != "local":
            cmd += ["--address", address or self.address]
        p = subprocess.run(cmd + list(args), capture_output=True, env=dict(os.environ, RAY_USAGE_STATS_ENABLED="0"))
        return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")

    def one_process(self, *args, data=None):
        p = subprocess.run([PCF, "batch", "-", "-q", *args], input=self.data if data is None else data,
                           capture_output=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout

    def read(self, name):
        with open(self.path(name), "rb") as f:
            return f.read()

    def lines_by_number(self, out):
        return {json.loads(x)["line"]: json.loads(x) for x in out.decode().splitlines()}

    # ---------------------------------------------------------------- equal to one process

    def test_full_results_on_a_running_cluster_equal_one_process_byte_for_byte(self):
        rc, _, err = self.scale_out("--partitions", "7", "--factors", self.table, "--check",
                                    self.input, self.path("full.jsonl"))
        self.assertEqual(rc, 0, err)
        got = self.read("full.jsonl")
        want = self.one_process("--factors", self.table)
        self.assertEqual(got, want)
        lines = self.lines_by_number(got)
        # 140 input lines, one blank: 139 output lines, numbered as in the whole catalogue.
        self.assertEqual(len(lines), 139)
        self.assertEqual(sorted(lines), [n for n in range(1, 141) if n != 12])
        self.assertEqual(lines[self.notes["malformed"]]["error"]["code"], "malformed_json")
        self.assertEqual(lines[self.notes["not_utf8"]]["error"]["code"], "invalid_utf8")
        self.assertEqual(lines[self.notes["unknown_unit"]]["error"]["code"], "unknown_unit")
        self.assertEqual(lines[self.notes["unknown_unit"]]["error"]["path"], "$.activities[0].unit")
        # The user table reached the node: 1,200 kg × 1.93 kg CO2e/kg.
        user = lines[self.notes["user_factor"]]["result"]
        self.assertAlmostEqual(user["total_kg_co2e"], 2316.0, delta=1e-9)
        for n in self.notes["examples"]:
            self.assertIn("result", lines[n], n)
            self.assertIn("receipt", lines[n]["result"])
        self.assertIn("check: all 139 lines equal a single-process run", err)
        self.assertIn("7/7 partitions, 139 records, 3 failed", err)

    def test_summaries_with_local_workers_and_more_partitions_than_lines_equal_one_process(self):
        out = "file://" + self.path("summary.jsonl")
        rc, _, err = self.scale_out("--workers", "2", "--partitions", "1000", "--output", "summary",
                                    "--factors", self.table, "file://" + self.input, out, address="local")
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.read("summary.jsonl"), self.one_process("--output", "summary", "--factors", self.table))
        # Cut only at line ends: one partition per non-empty line at most.
        self.assertRegex(err, r"in 1[34][0-9] partitions on 2 worker CPUs")

    def test_one_partition_equals_one_process(self):
        rc, _, err = self.scale_out("--partitions", "1", "--output", "summary", self.input, self.path("one.jsonl"))
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.read("one.jsonl"), self.one_process("--output", "summary"))
        # Without the user table its record is an unknown factor, on its own line.
        lines = self.lines_by_number(self.read("one.jsonl"))
        self.assertEqual(lines[self.notes["user_factor"]]["error"]["code"], "unknown_factor")

    def test_monte_carlo_per_record_equals_one_process_and_pcf_uncertainty(self):
        good = [x for i, x in enumerate(self.data.split(b"\n")) if i + 1 in self.notes["examples"]]
        small = b"\n".join(good) + b"\n"
        path = self.path("small.jsonl", small)
        rc, _, err = self.scale_out("--output", "uncertainty", "--runs", "300", "--seed", "7",
                                    "--partitions", "5", "--check", path, self.path("mc.jsonl"))
        self.assertEqual(rc, 0, err)
        got = self.read("mc.jsonl")
        self.assertEqual(got, self.one_process("--output", "uncertainty", "--runs", "300", "--seed", "7", data=small))
        lines = self.lines_by_number(got)
        self.assertEqual(len(lines), len(good))
        # Record 3 is what `pcf uncertainty` says of that document alone, value for value.
        p = subprocess.run([PCF, "uncertainty", "-", "--runs", "300", "--seed", "7"], input=good[2],
                           capture_output=True, check=True)
        self.assertEqual(lines[3]["uncertainty"], json.loads(p.stdout))
        self.assertEqual(lines[3]["uncertainty"]["method"]["runs"], 300)

    # ---------------------------------------------------------------- failures of single records

    def wrapper(self, name, body):
        p = self.path(name, f"#!/bin/sh\n{body}\n".encode())
        os.chmod(p, 0o755)
        return p

    def test_a_record_that_kills_pcf_is_an_error_line_and_the_job_goes_on(self):
        crash = self.wrapper("crashing-pcf", f"""t=$(mktemp)
cat > "$t"
if grep -q 'CRASH-ME' "$t"; then rm -f "$t"; kill -9 $$; fi
exec {PCF} "$@" < "$t" """)
        rows = self.data.split(b"\n")
        victim = 90
        rows[victim - 1] = compact(doc("CRASH-ME", [line(5, "kWh", "cn.elec.footprint.2023.national")]))
        data = b"\n".join(rows)
        path = self.path("crash.jsonl", data)
        rc, _, err = self.scale_out("--partitions", "3", path, self.path("crash.out.jsonl"), pcf=crash)
        self.assertEqual(rc, 0, err)
        got = self.lines_by_number(self.read("crash.out.jsonl"))
        want = self.lines_by_number(self.one_process(data=data))
        self.assertEqual(got[victim]["error"]["code"], "pcf_process_failed")
        self.assertIn("killed by signal 9", got[victim]["error"]["message"])
        self.assertEqual(got[victim]["error"]["path"], "$")
        del got[victim], want[victim]
        self.assertEqual(got, want)
        self.assertIn("5 failed (1 by a pcf process failure)", err)
        # --fail-on-error: the same output, exit 1.
        rc, _, err = self.scale_out("--partitions", "3", "--fail-on-error", path, self.path("crash2.jsonl"), pcf=crash)
        self.assertEqual(rc, 1, err)
        self.assertEqual(self.read("crash2.jsonl"), self.read("crash.out.jsonl"))

    def test_check_names_the_first_line_that_differs(self):
        # A pcf that writes one digit differently when it reads standard input (the partitions),
        # not when it reads a file (the single-process reference).
        odd = self.wrapper("odd-pcf", f"""if [ "$2" = "-" ]; then
  {PCF} "$@" | sed 's/"line":5,"result":{{/"line":5,"result":{{"x":1,/'
else exec {PCF} "$@"; fi""")
        rc, _, err = self.scale_out("--partitions", "4", "--check", self.input, self.path("odd.jsonl"), pcf=odd)
        self.assertEqual(rc, 1, err)
        self.assertIn("check: output line 5 differs from the single-process run", err)
        self.assertIn('distributed: {"line":5,"result":{"x":1,', err)

    # ---------------------------------------------------------------- bad input: exit 2

    def test_bad_input_and_usage_exit_2_with_what_was_wrong(self):
        cases = [
            ((self.path("missing.jsonl"), self.path("x.jsonl")), "no such file"),
            (("--workers", "0", self.input, self.path("x.jsonl")), "--workers must be at least 1"),
            (("--partitions", "0", self.input, self.path("x.jsonl")), "--partitions must be at least 1"),
            (("--output", "uncertainty", "--runs", "1", self.input, self.path("x.jsonl")), "runs"),
            (("--factors", self.path("none.csv"), self.input, self.path("x.jsonl")), "none.csv"),
            ((self.input, self.path("no-such-dir/x.jsonl")), "no directory"),
            (("--output", "pretty", self.input, self.path("x.jsonl")), "invalid choice: 'pretty'"),
        ]
        for args, says in cases:
            with self.subTest(args=args):
                rc, _, err = self.scale_out(*args, address="local")
                self.assertEqual(rc, 2, err)
                self.assertIn(says, err)
        rc, _, err = self.scale_out("--pcf", self.path("no-pcf"), self.input, self.path("x.jsonl"))
        self.assertEqual(rc, 2, err)
        self.assertIn("no pcf binary at", err)
        # A file with the exec bit that is no program: refused before any cluster starts.
        junk = self.path("junk-pcf", b"\x7fELF not really")
        os.chmod(junk, 0o755)
        rc, _, err = self.scale_out("--pcf", junk, self.input, self.path("x.jsonl"))
        self.assertEqual(rc, 2, err)
        self.assertIn("cannot run", err)

    def test_a_pcf_that_runs_here_but_not_on_the_nodes_fails_the_run_with_exit_3(self):
        # Runs on the driver, fails where a Ray worker runs it (Ray sets RAY_RAYLET_PID in its
        # workers' environment): every record would otherwise become an error line.
        odd = self.wrapper("node-less-pcf", f"""if [ -n "$RAY_RAYLET_PID" ]; then
  echo "this pcf does not run here" >&2; exit 126
fi
exec {PCF} "$@" """)
        rc, _, err = self.scale_out("--partitions", "3", self.input, self.path("nodeless.jsonl"), pcf=odd)
        self.assertEqual(rc, 3, err)
        self.assertIn("failed on its node", err)
        self.assertIn("this pcf does not run here", err)
        # No output, not even a part of one.
        self.assertFalse(os.path.exists(self.path("nodeless.jsonl")))
        self.assertFalse(os.path.exists(self.path("nodeless.jsonl.part")))


class Partitions(unittest.TestCase):
    """The cutting itself, without Ray: every range ends at a line end and the ranges tile the file."""

    def test_ranges_tile_the_file_and_end_at_newlines(self):
        sys.path.insert(0, os.path.join(ROOT, "scripts"))
        import scale_out

        tmp = tempfile.mkdtemp()
        try:
            for data in [b"", b"a", b"a\n", b"a\nbb\n\nccc", b"x" * 1000 + b"\n" + b"y\n" * 50]:
                p = os.path.join(tmp, "f")
                with open(p, "wb") as f:
                    f.write(data)
                for k in (1, 2, 3, 7, 100):
                    parts = scale_out.line_boundaries(p, k)
                    self.assertEqual(b"".join(data[a:b] for a, b in parts), data)
                    self.assertLessEqual(len(parts), k)
                    for a, b in parts[:-1]:
                        self.assertEqual(data[b - 1:b], b"\n", (data, k, parts))
                    self.assertEqual(sum(scale_out.count_lines(data[a:b]) for a, b in parts),
                                     scale_out.count_lines(data))
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main(verbosity=2)
