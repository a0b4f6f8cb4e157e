#!/usr/bin/env python3
"""Unit tests of bench/extract_eval.py, the scorer of the labelled extraction
set: hand-made labels and predictions with known counts."""

import contextlib
import importlib.util
import io
import json
import os
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = importlib.util.spec_from_file_location(
    "extract_eval", os.path.join(HERE, "..", "..", "bench", "extract_eval.py"))
ev = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(ev)


def case(case_id, tags=(), **lists):
    c = {"id": case_id, "text": "text of " + case_id, "format": "text", "tags": list(tags)}
    for k in ev.KINDS:
        c[k] = lists.get(k, [])
    return c


def pred(case_id, **lists):
    p = {"id": case_id, "indicators": []}
    p.update(lists)
    return p


class NormaliserTest(unittest.TestCase):
    def test_values_written_differently_compare_equal(self):
        table = [
            ("phones", "+44 7700 900123", "+447700900123"),
            ("emails", " Anna@Example.COM ", "anna@example.com"),
            ("postcodes", "ls14ap", "LS1 4AP"),
            ("postcodes", "SW1A  1AA", "SW1A 1AA"),
            ("places", "Newport, Isle of Wight, GB", "newport"),
            ("places", "Stoke-on-Trent", "stoke on trent"),
            ("places", "Saint Albans", "st albans"),
            ("places", "Bishop's Stortford", "bishops stortford"),
            ("wallets", "eth:0xAbCdEf0000000000000000000000000000000001",
             "0xabcdef0000000000000000000000000000000001"),
            ("wallets", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
             "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
            ("handles", {"platform": "Twitter", "handle": "@Mia_X"}, "x:mia_x"),
            ("handles", "snapchat:Jess_99", "snapchat:jess_99"),
            ("sort_codes", "20 45 77", "20-45-77"),
            ("accounts", "204577 31926548", "20-45-77 31926548"),
            ("ibans", "gb03 exmp 6541 9278 4613 80", "GB03EXMP65419278461380"),
        ]
        for kind, written, normal in table:
            with self.subTest(kind=kind, written=written):
                self.assertEqual(ev.NORMALISERS[kind](written), normal)

    def test_base58_wallets_keep_their_case(self):
        self.assertEqual(ev.norm_wallet("btc:1Fg9w7ThdXkkziJRNCH4mDJAGsbDWmXCoC"),
                         "1Fg9w7ThdXkkziJRNCH4mDJAGsbDWmXCoC")
        self.assertNotEqual(ev.norm_wallet("1fg9w7thdxkkzijrnch4mdjagsbdwmxcoc"),
                            ev.norm_wallet("1Fg9w7ThdXkkziJRNCH4mDJAGsbDWmXCoC"))


class ScoreTest(unittest.TestCase):
    def setUp(self):
        self.labels = [
            case("a", ["obfuscated"], phones=["+447700900123", "+447700900456"]),
            case("b", ["decoy"]),
            case("c", phones=["+447700900781"], emails=["x@example.com"]),
            case("d", ["obfuscated"], phones=["+447700900302"]),
            case("e", phones=["+447700900019", "+447700900019"]),
            case("f", phones=["+447700900020", "+447700900020"]),
        ]

    def test_counts_tp_fp_fn_per_kind_and_subset(self):
        predictions = {
            "a": pred("a", phones=["+447700900123"]),  # one FN
            "b": pred("b", phones=["+447700900999"]),  # one FP on a decoy
            "c": pred("c", phones=["+44 7700 900781"], emails=["X@Example.com"]),
            # "d" missing: its phone is a FN
            # Repeats count once on both sides: a set of distinct values.
            "e": pred("e", phones=["+447700900019", "+447700900019", "+447700900019"]),
            "f": pred("f", phones=["+447700900020"]),
        }
        r = ev.score(self.labels, predictions)
        ph = r.kinds["phones"]
        self.assertEqual((ph.tp, ph.fp, ph.fn), (4, 1, 2))
        self.assertAlmostEqual(ph.precision, 4 / 5)
        self.assertAlmostEqual(ph.recall, 4 / 6)
        em = r.kinds["emails"]
        self.assertEqual((em.tp, em.fp, em.fn), (1, 0, 0))
        ob = r.obfuscated_phones
        self.assertEqual((ob.tp, ob.fp, ob.fn), (1, 0, 2))
        self.assertEqual(r.missing, ["d"])
        self.assertEqual((r.tags["decoy"].tp, r.tags["decoy"].fp, r.tags["decoy"].fn), (0, 1, 0))
        self.assertEqual(r.tag_cases["obfuscated"], 2)
        errors = {(e[1], e[2], e[3]) for e in r.errors}
        self.assertEqual(errors, {("FN", "a", "+447700900456"), ("FP", "b", "+447700900999"),
                                  ("FN", "d", "+447700900302")})

    def test_perfect_predictions_meet_every_target(self):
        predictions = {c["id"]: pred(c["id"], **{k: c[k] for k in ev.KINDS})
                       for c in self.labels}
        r = ev.score(self.labels, predictions)
        self.assertEqual(ev.failures(r), [])
        self.assertEqual(r.kinds["phones"].f1, 1.0)

    def test_low_precision_fails_the_check_even_with_full_recall(self):
        labels = [case(str(i), phones=["+447700900%03d" % i]) for i in range(20)]
        predictions = {str(i): pred(str(i), phones=["+447700900%03d" % i]) for i in range(20)}
        predictions["0"]["phones"].append("+447700900999")
        predictions["1"]["phones"].append("+447700900998")
        r = ev.score(labels, predictions)
        self.assertEqual(r.kinds["phones"].fp, 2)
        self.assertTrue(any("phones precision" in f for f in ev.failures(r)))

    def test_kinds_without_labels_or_predictions_do_not_fail(self):
        r = ev.score([case("z")], {"z": pred("z")})
        self.assertEqual(ev.failures(r), [])


class MainTest(unittest.TestCase):
    def run_main(self, labels, predictions, *flags):
        with tempfile.TemporaryDirectory() as d:
            lp, pp = os.path.join(d, "l.jsonl"), os.path.join(d, "p.jsonl")
            with open(lp, "w") as f:
                f.write("".join(json.dumps(c) + "\n" for c in labels))
            with open(pp, "w") as f:
                f.write("".join(json.dumps(p) + "\n" for p in predictions))
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                rc = ev.main(["--labels", lp, "--predictions", pp, *flags])
            return rc, out.getvalue()

    def test_check_exit_status_follows_the_targets(self):
        labels = [case("a", phones=["+447700900123"])]
        rc, out = self.run_main(labels, [pred("a", phones=["+447700900123"])], "--check")
        self.assertEqual(rc, 0)
        self.assertIn("all targets met", out)
        rc, out = self.run_main(labels, [pred("a")], "--check", "--verbose")
        self.assertEqual(rc, 1)
        self.assertIn("FN phones", out)
        self.assertIn("+447700900123", out)

    def test_runs_harrier_with_only_id_text_and_format(self):
        fake = (
            "#!/usr/bin/env python3\n"
            "import json, re, sys\n"
            "assert sys.argv[1:] == ['extract', '--jsonl'], sys.argv\n"
            "for line in sys.stdin:\n"
            "    c = json.loads(line)\n"
            "    assert sorted(c) == ['format', 'id', 'text'], sorted(c)\n"
            "    phones = ['+44' + re.sub(r'\\D', '', m)[1:]\n"
            "              for m in re.findall(r'07700 900 \\d{3}', c['text'])]\n"
            "    print(json.dumps({'id': c['id'], 'phones': phones, 'indicators': []}))\n")
        labels = [case("a", phones=["+447700900123"]), case("b")]
        labels[0]["text"] = "call 07700 900 123"
        with tempfile.TemporaryDirectory() as d:
            exe = os.path.join(d, "harrier")
            with open(exe, "w") as f:
                f.write(fake)
            os.chmod(exe, 0o755)
            lp = os.path.join(d, "l.jsonl")
            with open(lp, "w") as f:
                f.write("".join(json.dumps(c) + "\n" for c in labels))
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                rc = ev.main(["--labels", lp, "--harrier", exe, "--check"])
        self.assertEqual(rc, 0, out.getvalue())
        self.assertIn("phones             1     0     0", out.getvalue())

    def test_malformed_predictions_exit_2(self):
        with tempfile.TemporaryDirectory() as d:
            lp, pp = os.path.join(d, "l.jsonl"), os.path.join(d, "p.jsonl")
            with open(lp, "w") as f:
                f.write(json.dumps(case("a")) + "\n")
            with open(pp, "w") as f:
                f.write("{not json\n")
            with contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()):
                self.assertEqual(ev.main(["--labels", lp, "--predictions", pp]), 2)


if __name__ == "__main__":
    unittest.main()
