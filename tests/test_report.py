"""The before/after report: every line accounted for, a self-contained page, and what a person
sees in a real browser (headless Chromium: loads without console messages, right to left,
deleted lines marked with their reasons, a screenshot)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO, read_jsonl, shared_dir
from hypothesis import given, settings
from hypothesis import strategies as st

from arabic_clean import PRESETS, Pipeline
from arabic_clean.report import render_report, trace_document, write_report
from arabic_clean.structure import REASONS
from arabic_clean.structure._lines import split_lines

SEED = REPO / "seeds" / "000_54bc44b2cd79c5aa.txt"
SAFE = PRESETS["safe"].pipeline


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def shared_documents(limit: int) -> list[tuple[str, str]]:
    """A few real documents from ../shared (scraped pages, then newspaper files), when present."""
    docs: list[tuple[str, str]] = []
    scraped = shared_dir() / "data" / "chrome" / "scraped-dev.jsonl"
    if scraped.exists():
        docs += [(f"scraped-dev {r['id']}", r["text"]) for r in read_jsonl(scraped)[:limit]]
    corpus = shared_dir() / "data" / "corpus" / "newspapers-dev.jsonl.gz"
    if corpus.exists():
        with gzip.open(corpus, "rt", encoding="utf-8") as handle:
            for _, line in zip(range(limit), handle):
                record = json.loads(line)
                docs.append((f"newspapers-dev {record['id']}", record["text"]))
    return docs


def kept_lines(trace) -> list[str]:
    return [part for line in trace.lines if line.cleaned is not None
            for part in line.cleaned.split("\n")]


def check_trace(text: str, pipeline: Pipeline) -> None:
    trace = trace_document("doc", text, pipeline)
    # The kept lines, in order, are the cleaned text.
    assert kept_lines(trace) == [x.rstrip("\r\n") for x in split_lines(pipeline(text))]
    # Every original line is there once, kept or deleted with a step and a reason.
    assert [line.text for line in trace.lines] == [x.rstrip("\r\n") for x in split_lines(text)]
    for line in trace.lines:
        assert (line.cleaned is None) == (line.reason is not None)
    # What the structure steps deleted is what Pipeline.explain counts.
    explained = Counter({tuple(label.rsplit(":", 1)): n
                         for label, n in pipeline.explain(text).removed})
    from_structure = Counter({k: n for k, n in trace.removed.items() if k in explained
                              or k[0] in {s for s, _ in explained}})
    assert from_structure == explained


def test_seed_lines_and_reasons() -> None:
    trace = trace_document("seed", seed_text(), SAFE)
    gone = [(line.step, line.reason, line.text) for line in trace.lines if line.cleaned is None]
    assert ("dedupe_headlines", "headline_copy",
            "أمريكا وروسيا تتفقان على تمديد محادثاتهما بشأن هدنة حلب") in gone
    assert ("remove_chrome", "lexicon", "الأكثر قراءة") in gone
    assert ("remove_chrome", "link", "www.eremnews.com") in gone
    assert all(reason in REASONS or reason in ("blank", "unknown") for _, reason, _ in gone)
    # The NBSP lines were changed by normalize_whitespace, and are kept.
    changed = [line for line in trace.lines if line.changed_by]
    assert changed and all(line.changed_by == ["normalize_whitespace"] for line in changed)
    check_trace(seed_text(), SAFE)


@pytest.mark.parametrize("preset", list(PRESETS))
def test_traces_of_real_documents(preset: str) -> None:
    docs = [("seed", seed_text())] + shared_documents(12)
    for _, text in docs:
        check_trace(text, PRESETS[preset].pipeline)


def test_mojibake_and_entities_are_marked() -> None:
    text = "العنوان\nقال &quot;الوزير&quot; إن العمل مستمر.\nط§ظ„ط¹ط±ط¨ظٹط© لغة جميلة جدا\n"
    trace = trace_document("doc", text, PRESETS["repair"].pipeline)
    assert trace.lines[1].changed_by == ["unescape_html"]
    assert trace.lines[2].changed_by == ["fix_mojibake"]
    page = render_report([trace], PRESETS["repair"].pipeline, max_docs=1)
    assert '<mark class="entity">&amp;quot;</mark>' in page
    assert '<mark class="mojibake">ط§ظ„ط¹ط±ط¨ظٹط©</mark>' in page
    assert '<mark class="mojibake">العربية</mark>' in page


lines = st.sampled_from([
    "", " ", "\u00a0", "الرئيسية", "رويترز", "جميع الحقوق محفوظة", "www.example.com",
    "قال الوزير إن العمل في المشروع مستمر حتى نهاية العام المقبل.",
    "أمريكا وروسيا تتفقان على تمديد محادثاتهما", "تتفق الدولتان على هدنة طويلة\u2028ثم تبدأ",
    "&quot;نص&quot;", "ﻻ تـــراجع\u200f", "\x00", "\u2028\u2028", "\u2029نص",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(lines, max_size=14), st.sampled_from(["\n", "\r\n"]), st.sampled_from(list(PRESETS)))
def test_every_line_is_accounted_for(parts, newline, preset) -> None:
    check_trace(newline.join(parts), PRESETS[preset].pipeline)


def test_page_is_self_contained_and_counts_all_documents(tmp_path: Path) -> None:
    docs = [("seed", seed_text()), ("two", "ﻻ\u00a0تـــراجع\n"), ("three", "نص\n")]
    out = tmp_path / "r.html"
    write_report(out, docs, SAFE, max_docs=2)
    page = out.read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    assert not re.search(r"<(script|link|img|iframe|object)\b", page)
    assert not re.search(r"(src|href)=", page)
    assert re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"] * 2
    assert page.count('<section class="doc"') == 2
    assert re.search(r"documents read</th><td class=\"n\">3<", page)
    assert "1 more documents are counted" in page


def test_cli_report(tmp_path: Path) -> None:
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "meta": {"body": seed_text()}}, ensure_ascii=False)
                     + "\n", encoding="utf-8")
    out = tmp_path / "report.html"
    run = [sys.executable, "-m", "arabic_clean", "report"]
    done = subprocess.run(run + [str(jsonl), "--field", "meta.body", "--preset", "safe",
                                 "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert "news.jsonl:1 (a)" in page and 'data-reason="headline_copy"' in page
    done = subprocess.run(run + [str(jsonl), "--passes", "strip_tatweel", "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "no field 'text'" in done.stderr   # default field is text
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "نص"}\n{oops\n', encoding="utf-8")
    done = subprocess.run(run + [str(bad), "-o", str(tmp_path / "bad.html")],
                          capture_output=True, text=True)
    assert done.returncode == 2 and f"{bad}:2" in done.stderr
    assert not (tmp_path / "bad.html").exists()
    done = subprocess.run(run + [str(SEED)], capture_output=True, text=True)
    assert done.returncode == 2 and "-o" in done.stderr


# --- in a browser -----------------------------------------------------------------------------

def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no Chromium: .ci/run installs Debian's chromium (apt-get install chromium)")


def browse(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}",
         "--enable-logging=stderr", "--v=0", *extra, page.as_uri()],
        capture_output=True, text=True, timeout=120)


#: Appended to a copy of the report (the report has no script): what the browser computed.
PROBE = """<script>
const rows = [...document.querySelectorAll("tr.del")].map(tr => ({
  reason: tr.dataset.reason, step: tr.dataset.step,
  badge: tr.querySelector(".why") ? tr.querySelector(".why").textContent : null,
  struck: getComputedStyle(tr.querySelector("del")).textDecorationLine}));
const cells = [...document.querySelectorAll("td.text")].map(td => getComputedStyle(td).direction);
const probe = document.createElement("pre");
probe.id = "probe";
probe.textContent = JSON.stringify({rows, directions: [...new Set(cells)],
  resources: performance.getEntriesByType("resource").map(r => r.name),
  width: document.documentElement.scrollWidth, viewport: window.innerWidth});
document.body.appendChild(probe);
</script>"""


def test_report_in_chromium(tmp_path: Path) -> None:
    browser = chromium()
    docs = [("seeds/000_54bc44b2cd79c5aa.txt", seed_text())] + shared_documents(3)
    report = tmp_path / "report.html"
    write_report(report, docs, SAFE, max_docs=len(docs))
    profile = tmp_path / "profile"

    # The page as written: it loads, says nothing on the console, and fetches nothing.
    loaded = browse(report, profile, "--dump-dom")
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    assert "<table" in loaded.stdout
    console = [line for line in loaded.stderr.splitlines() if "CONSOLE" in line]
    assert console == [], console

    # A copy with a probe script reports what the browser computed.
    page = report.read_text(encoding="utf-8")
    probed = tmp_path / "probed.html"
    probed.write_text(page.replace("default-src 'none';", "default-src 'none'; script-src "
                                   "'unsafe-inline';").replace("</body>", PROBE + "</body>"),
                      encoding="utf-8")
    dom = browse(probed, profile, "--dump-dom")
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom.stdout, re.DOTALL)
    assert found, dom.stderr[-2000:]
    import html as html_module

    probe = json.loads(html_module.unescape(found.group(1)))
    assert probe["directions"] == ["rtl"]
    assert probe["resources"] == []
    assert probe["rows"], "no deleted line drawn"
    for row in probe["rows"]:
        assert row["reason"] and row["step"]
        assert row["badge"] == f"{row['step']} · {row['reason']}"
        assert row["struck"] == "line-through"
    assert {"headline_copy", "lexicon"} <= {row["reason"] for row in probe["rows"]}

    # A picture for a person: tests/artifacts is ignored by git.
    shot = REPO / "tests" / "artifacts" / "report.png"
    shot.parent.mkdir(exist_ok=True)
    shot.unlink(missing_ok=True)
    taken = browse(report, profile, f"--screenshot={shot}", "--window-size=1280,2000",
                   "--hide-scrollbars")
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert browser
