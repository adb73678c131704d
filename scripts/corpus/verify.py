"""Checks on the generated corpus.

1. structure: every part has a content type, every internal relationship target exists, ids are unique;
2. an independent cell reader (ElementTree, namespace-aware; inline strings, rich text without phonetic runs,
   rows and cells without `r`) compares each disclosure table sheet with its base: the same cells, values and
   merges inside the base sheet's bounding box, and nothing new inside it;
3. openpyxl opens the file;
4. LibreOffice headless converts every sheet to CSV; each table sheet's CSV, cut to the base's box, equals the
   base's;
5. optionally (--findings) `node bin/juesuan.js check --json` gives the same findings for the file and its base.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
import xml.etree.ElementTree as ET
from typing import Dict, List, Optional, Set, Tuple

from pkg import Package, col_number

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"

Cell = Tuple[str, object]


def _si_text(si: ET.Element) -> str:
    """Text of a shared or inline string: <t>, or the <t> of each <r>; never <rPh> (phonetic) runs."""
    out = []
    for ch in si:
        if ch.tag == M + "t":
            out.append(ch.text or "")
        elif ch.tag == M + "r":
            t = ch.find(M + "t")
            out.append((t.text or "") if t is not None else "")
    return "".join(out)


def read_cells(path: str) -> Tuple[Dict[str, Dict[Tuple[int, int], Cell]], Dict[str, Set[str]], List[str]]:
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())

        def rd(n):
            return z.read(n)

        def target(src: str, t: str) -> str:
            if t.startswith("/"):
                return t[1:]
            return os.path.normpath(os.path.join(os.path.dirname(src), t)).replace("\\", "/")

        root_rels = ET.fromstring(rd("_rels/.rels"))
        wb_part = next(target("", r.get("Target")) for r in root_rels if r.get("Type").endswith("/officeDocument"))
        wb_rels_name = os.path.dirname(wb_part) + "/_rels/" + os.path.basename(wb_part) + ".rels"
        rels = {r.get("Id"): r for r in ET.fromstring(rd(wb_rels_name))}
        sst: List[str] = []
        for r in rels.values():
            if r.get("Type").endswith("/sharedStrings"):
                sst = [_si_text(si) for si in ET.fromstring(rd(target(wb_part, r.get("Target"))))]
        wb = ET.fromstring(rd(wb_part))
        sheets: Dict[str, Dict[Tuple[int, int], Cell]] = {}
        merges: Dict[str, Set[str]] = {}
        order = []
        for sh in wb.find(M + "sheets"):
            name = sh.get("name")
            order.append(name)
            rel = rels[sh.get(R_ID)]
            if not rel.get("Type").endswith("/worksheet"):
                continue
            part = target(wb_part, rel.get("Target"))
            ws = ET.fromstring(rd(part))
            cells: Dict[Tuple[int, int], Cell] = {}
            rown = 0
            for row in ws.find(M + "sheetData"):
                rown = int(row.get("r")) if row.get("r") else rown + 1
                coln = 0
                for c in row.findall(M + "c"):
                    ref = c.get("r")
                    if ref:
                        m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
                        coln = col_number(m.group(1))
                        assert int(m.group(2)) == rown, (path, name, ref, rown)
                    else:
                        coln += 1
                    t = c.get("t", "n")
                    v = c.find(M + "v")
                    if t == "inlineStr":
                        is_ = c.find(M + "is")
                        val: object = _si_text(is_) if is_ is not None else ""
                    elif v is None or v.text is None:
                        continue
                    elif t == "s":
                        val = sst[int(v.text)]
                    elif t in ("str", "e", "d"):
                        val = v.text
                    elif t == "b":
                        val = v.text in ("1", "true")
                    else:
                        val = float(v.text)
                    cells[(rown, coln)] = (t if t in ("e", "b") else ("n" if isinstance(val, float) else "s"), val)
            sheets[name] = cells
            mc = ws.find(M + "mergeCells")
            merges[name] = {m.get("ref") for m in mc} if mc is not None else set()
        return sheets, merges, order


def _box(cells, merges) -> Tuple[int, int]:
    mr = max((r for r, _ in cells), default=0)
    mc = max((c for _, c in cells), default=0)
    for ref in merges:
        for part in ref.split(":"):
            m = re.fullmatch(r"([A-Z]+)(\d+)", part)
            mr, mc = max(mr, int(m.group(2))), max(mc, col_number(m.group(1)))
    return mr, mc


def _in_box(ref: str, box) -> bool:
    a = ref.split(":")[0]
    m = re.fullmatch(r"([A-Z]+)(\d+)", a)
    return int(m.group(2)) <= box[0] and col_number(m.group(1)) <= box[1]


def compare_tables(base: str, corpus: str, table_sheets: List[str]) -> List[str]:
    bs, bm, _ = read_cells(base)
    cs, cm, _ = read_cells(corpus)
    problems = []
    for name in table_sheets:
        if name not in cs:
            problems.append(f"{name}: sheet missing")
            continue
        box = _box(bs[name], bm[name])
        b = {k: v for k, v in bs[name].items() if v[1] != ""}
        c = {k: v for k, v in cs[name].items() if k[0] <= box[0] and k[1] <= box[1] and v[1] != ""}
        for k in sorted(set(b) | set(c)):
            if b.get(k) != c.get(k):
                problems.append(f"{name}!R{k[0]}C{k[1]}: base {b.get(k)!r} corpus {c.get(k)!r}")
        cmi = {m for m in cm[name] if _in_box(m, box)}
        if cmi != bm[name]:
            problems.append(f"{name}: merges differ: {sorted(bm[name] ^ cmi)}")
    return problems


def openpyxl_opens(path: str) -> str:
    import warnings

    import openpyxl
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    return f"{len(wb.sheetnames)} sheets"


CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'


def libreoffice_csv(paths: List[str], outdir: str) -> Dict[str, Dict[str, List[List[str]]]]:
    """{file path: {sheet name: rows}} through one headless LibreOffice run (each sheet to its own CSV)."""
    profile = tempfile.mkdtemp(prefix="juesuan-lo-csv-")
    try:
        work = []
        for i, p in enumerate(paths):
            # ASCII stems so the per-sheet output names (stem-Sheet.csv) are easy to take apart
            dst = os.path.join(outdir, f"f{i:02d}.xlsx")
            shutil.copyfile(p, dst)
            work.append(dst)
        subprocess.run(["soffice", "--headless", "--norestore", "-env:UserInstallation=file://" + profile,
                        "--convert-to", CSV_FILTER, "--outdir", outdir] + work,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out: Dict[str, Dict[str, List[List[str]]]] = {}
    for i, p in enumerate(paths):
        sheets = {}
        for f in glob.glob(os.path.join(outdir, f"f{i:02d}-*.csv")):
            sheet = os.path.basename(f)[len(f"f{i:02d}-"): -4]
            with open(f, encoding="utf-8", newline="") as fh:
                sheets[sheet] = list(csv.reader(fh))
        if not sheets and os.path.exists(os.path.join(outdir, f"f{i:02d}.csv")):
            with open(os.path.join(outdir, f"f{i:02d}.csv"), encoding="utf-8", newline="") as fh:
                sheets["?"] = list(csv.reader(fh))
        out[p] = sheets
    return out


def csv_box(rows: List[List[str]], box) -> List[List[str]]:
    cut = [(r + [""] * box[1])[: box[1]] for r in rows[: box[0]]]
    cut += [[""] * box[1]] * (box[0] - len(cut))
    return cut


def findings(path: str, root: str) -> Optional[dict]:
    p = subprocess.run(["node", os.path.join(root, "bin", "juesuan.js"), "check", "--json", path],
                       capture_output=True, text=True, cwd=root, timeout=300)
    if p.returncode not in (0, 1):
        return {"error": (p.stderr or p.stdout).strip().splitlines()[-1:] or ["exit %d" % p.returncode]}
    d = json.loads(p.stdout)
    return {"findings": [(f["rule"], f["severity"], f["message"], f["cells"], f.get("expected"), f.get("actual")) for f in d["findings"]],
            "tables": [(t["sheet"], t["range"], t["title"], t["unit"]) for t in d["tables"]]}


def structure(path: str) -> List[str]:
    """Package consistency (pkg.Package.check) and well-formed XML in every XML part."""
    pkg = Package.load(path)
    problems = pkg.check()
    for n, data in pkg.entries.items():
        if n.endswith((".xml", ".rels", ".vml")):
            try:
                ET.fromstring(data)
            except ET.ParseError as e:
                problems.append(f"{n}: {e}")
    return problems
