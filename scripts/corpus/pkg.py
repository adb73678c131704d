"""Package-level helpers for the corpus generator: an .xlsx as an ordered map of zip entries, with the few
structural edits the generator needs (content types, relationships, sheets, shared strings, worksheet child
order) done on the XML text itself, so that whatever a part already holds is kept byte for byte.

Only the standard library is used here.
"""

from __future__ import annotations

import posixpath
import re
import uuid
import zipfile
from typing import Dict, Iterable, List, Optional, Tuple
from xml.sax.saxutils import escape as _esc

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

CT = {
    "worksheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    "chartsheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml",
    "drawing": "application/vnd.openxmlformats-officedocument.drawing+xml",
    "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    "comments": "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
    "vml": "application/vnd.openxmlformats-officedocument.vmlDrawing",
    "threadedComments": "application/vnd.ms-excel.threadedcomments+xml",
    "person": "application/vnd.ms-excel.person+xml",
    "calcChain": "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
    "externalLink": "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
    "customXmlProps": "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
    "custom": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    "printerSettings": "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings",
    "png": "image/png",
    "sharedStrings": "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
}

# Every date a corpus package carries: the samples' own.
FIXED_DATE = (2023, 5, 31, 0, 0, 0)
FIXED_W3CDTF = "2023-05-31T00:00:00Z"

_GUID_NS = uuid.UUID("6f1c7a52-3c4e-4d0a-9a3e-6a7a2b1c0d99")


def guid(seed: str) -> str:
    """A deterministic GUID in Excel's spelling: {XXXXXXXX-...} upper case."""
    return "{" + str(uuid.uuid5(_GUID_NS, seed)).upper() + "}"


def esc(s: str) -> str:
    return _esc(s, {'"': "&quot;"})


def col_letter(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def split_ref(ref: str) -> Tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", ref)
    assert m, ref
    return int(m.group(2)), col_number(m.group(1))


# ---------------------------------------------------------------------------------------------------------
# XML text helpers

_TAG = re.compile(r"<(/?)([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)([^>]*?)(/?)>|<\?[^>]*\?>|<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S)


def top_children(xml: str) -> Tuple[List[Tuple[str, int, int]], int]:
    """Direct children of the root element: (local name, start, end) and the offset of the root's end tag."""
    depth = 0
    out: List[Tuple[str, int, int]] = []
    cur: Optional[Tuple[str, int]] = None
    root_end = -1
    for m in _TAG.finditer(xml):
        if m.group(3) is None:
            continue
        closing, local, selfclose = m.group(1) == "/", m.group(3), m.group(5) == "/"
        if closing:
            depth -= 1
            if depth == 1 and cur is not None:
                out.append((cur[0], cur[1], m.end()))
                cur = None
            elif depth == 0:
                root_end = m.start()
        else:
            if depth == 1:
                if selfclose:
                    out.append((local, m.start(), m.end()))
                else:
                    cur = (local, m.start())
            if not selfclose:
                depth += 1
    return out, root_end


WORKSHEET_ORDER = [
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
    "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
    "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins",
    "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
    "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
]

WORKBOOK_ORDER = [
    "fileVersion", "fileSharing", "workbookPr", "AlternateContent", "revisionPtr", "workbookProtection", "bookViews",
    "sheets", "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize", "customWorkbookViews",
    "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst",
]


def insert_child(xml: str, local: str, fragment: str, order: List[str]) -> str:
    """Insert `fragment` as a direct child of the root at the place `order` gives to `local`."""
    idx = order.index(local)
    kids, root_end = top_children(xml)
    for name, start, _ in kids:
        if name in order and order.index(name) > idx:
            return xml[:start] + fragment + xml[start:]
    return xml[:root_end] + fragment + xml[root_end:]


def child(xml: str, local: str) -> Optional[Tuple[int, int]]:
    for name, start, end in top_children(xml)[0]:
        if name == local:
            return start, end
    return None


def remove_child(xml: str, local: str) -> str:
    span = child(xml, local)
    return xml if span is None else xml[: span[0]] + xml[span[1]:]


def add_root_ns(xml: str, prefix: str, uri: str) -> str:
    """Declare xmlns:prefix on the root element if the root's start tag does not declare it yet."""
    m = re.search(r"<(?![?!])[^>]*?(?=/?>)", xml)
    assert m
    if re.search(r"\sxmlns:%s=" % re.escape(prefix), m.group(0)):
        return xml
    return xml[: m.end()] + f' xmlns:{prefix}="{uri}"' + xml[m.end():]


def with_r_ns(xml: str, fragment: str) -> str:
    """openpyxl declares xmlns:r on each element that uses it, not on the root: declare it on the root when an
    inserted fragment uses r:."""
    return add_root_ns(xml, "r", NS_R) if "r:id" in fragment or "r:embed" in fragment else xml


# ---------------------------------------------------------------------------------------------------------


class Package:
    def __init__(self, entries: Dict[str, bytes]):
        self.entries: Dict[str, bytes] = entries

    @classmethod
    def load(cls, path) -> "Package":
        """From a path or a file-like object; folder entries are dropped."""
        with zipfile.ZipFile(path) as z:
            return cls({i.filename: z.read(i.filename) for i in z.infolist() if not i.filename.endswith("/")})

    # --- raw access
    def text(self, name: str) -> str:
        return self.entries[name].decode("utf-8")

    def set(self, name: str, data) -> None:
        self.entries[name] = data.encode("utf-8") if isinstance(data, str) else data

    def has(self, name: str) -> bool:
        return name in self.entries

    # --- content types
    def add_override(self, part: str, ctype: str) -> None:
        ct = self.text("[Content_Types].xml")
        pn = "/" + part.lstrip("/")
        if f'PartName="{pn}"' in ct:
            return
        ct = ct.replace("</Types>", f'<Override PartName="{pn}" ContentType="{ctype}"/></Types>')
        self.set("[Content_Types].xml", ct)

    def add_default(self, ext: str, ctype: str) -> None:
        ct = self.text("[Content_Types].xml")
        if re.search(r'<Default Extension="%s"' % re.escape(ext), ct, re.I):
            return
        # Defaults go before the overrides (Excel's order; any order is valid).
        ct = re.sub(r"(<Types[^>]*>)", lambda m: m.group(1) + f'<Default Extension="{ext}" ContentType="{ctype}"/>', ct, 1)
        self.set("[Content_Types].xml", ct)

    # --- relationships
    @staticmethod
    def rels_name(part: str) -> str:
        d, f = posixpath.split(part)
        return posixpath.join(d, "_rels", f + ".rels")

    def rels(self, part: str) -> List[Dict[str, str]]:
        name = self.rels_name(part) if part else "_rels/.rels"
        if name not in self.entries:
            return []
        out = []
        for m in re.finditer(r"<Relationship\b([^>]*?)/?>", self.text(name)):
            out.append(dict(re.findall(r'(\w+)="([^"]*)"', m.group(1))))
        return out

    def add_rel(self, part: str, rtype: str, target: str, external: bool = False, rid: Optional[str] = None) -> str:
        """Relationship from `part` ('' = the package) to `target` (relative to the part's folder). Returns its Id."""
        name = self.rels_name(part) if part else "_rels/.rels"
        if name in self.entries:
            xml = self.text(name)
        else:
            xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{NS_PKG_REL}"></Relationships>'
        if rid is None:
            used = {int(n) for n in re.findall(r'Id="rId(\d+)"', xml)}
            n = 1
            while n in used:
                n += 1
            rid = f"rId{n}"
        mode = ' TargetMode="External"' if external else ""
        frag = f'<Relationship Id="{rid}" Type="{rtype}" Target="{esc(target)}"{mode}/>'
        if "</Relationships>" in xml:
            xml = xml.replace("</Relationships>", frag + "</Relationships>")
        else:  # <Relationships .../> self-closed
            xml = re.sub(r"<Relationships([^>]*)/>", lambda m: f"<Relationships{m.group(1)}>{frag}</Relationships>", xml)
        self.set(name, xml)
        return rid

    def resolve(self, part: str, target: str) -> str:
        if target.startswith("/"):
            return target[1:]
        return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))

    # --- workbook and sheets
    def sheets(self) -> List[Dict[str, str]]:
        """[{name, sheetId, rid, state, part}] in workbook order."""
        wb = self.text("xl/workbook.xml")
        rels = {r["Id"]: r for r in self.rels("xl/workbook.xml")}
        out = []
        for m in re.finditer(r"<(?:\w+:)?sheet\b([^>]*?)/?>", wb):
            attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', m.group(1)))
            rid = attrs.get("r:id")
            out.append({
                "name": attrs["name"].replace("&amp;", "&"), "sheetId": attrs["sheetId"], "rid": rid,
                "state": attrs.get("state", "visible"),
                "part": self.resolve("xl/workbook.xml", rels[rid]["Target"]),
            })
        return out

    def sheet_part(self, name: str) -> str:
        for s in self.sheets():
            if s["name"] == name:
                return s["part"]
        raise KeyError(name)

    def sheet_index(self, name: str) -> int:
        return [s["name"] for s in self.sheets()].index(name)

    def add_sheet(self, name: str, xml: str, state: Optional[str] = None, kind: str = "worksheet",
                  position: Optional[int] = None) -> str:
        """A new sheet part, listed last in workbook.xml or at `position` (0 = first tab)."""
        folder = "worksheets" if kind == "worksheet" else "chartsheets"
        n = 1
        while self.has(f"xl/{folder}/sheet{n}.xml"):
            n += 1
        part = f"xl/{folder}/sheet{n}.xml"
        self.set(part, xml)
        self.add_override(part, CT[kind])
        rid = self.add_rel("xl/workbook.xml", REL + kind, f"{folder}/sheet{n}.xml")
        wb = self.text("xl/workbook.xml")
        sid = max(int(x) for x in re.findall(r'<(?:\w+:)?sheet\b[^>]*sheetId="(\d+)"', wb)) + 1
        st = f' state="{state}"' if state else ""
        el = f'<sheet name="{esc(name)}" sheetId="{sid}"{st} r:id="{rid}"/>'
        if position is None:
            wb = re.sub(r"(</(?:\w+:)?sheets>)", lambda m: el + m.group(1), wb, 1)
        else:
            at = [m.start() for m in re.finditer(r"<(?:\w+:)?sheet\b", wb)][position]
            wb = wb[:at] + el + wb[at:]
        self.set("xl/workbook.xml", with_r_ns(wb, el))
        self.fix_app_titles()
        return part

    def workbook_insert(self, local: str, fragment: str) -> None:
        self.set("xl/workbook.xml", with_r_ns(insert_child(self.text("xl/workbook.xml"), local, fragment, WORKBOOK_ORDER), fragment))

    def sheet_insert(self, part: str, local: str, fragment: str) -> None:
        self.set(part, with_r_ns(insert_child(self.text(part), local, fragment, WORKSHEET_ORDER), fragment))

    def add_defined_names(self, names: Iterable[str]) -> None:
        wb = self.text("xl/workbook.xml")
        frag = "".join(names)
        if child(wb, "definedNames"):
            wb = re.sub(r"(</definedNames>)", lambda m: frag + m.group(1), wb, 1)
            self.set("xl/workbook.xml", wb)
        else:
            self.workbook_insert("definedNames", f"<definedNames>{frag}</definedNames>")

    def fix_app_titles(self) -> None:
        """docProps/app.xml's sheet list follows workbook.xml (Excel keeps them in step; nothing requires it)."""
        if not self.has("docProps/app.xml"):
            return
        app = self.text("docProps/app.xml")
        if "<TitlesOfParts>" not in app:
            return
        names = [s["name"] for s in self.sheets()]
        vec = "".join(f"<vt:lpstr>{esc(n)}</vt:lpstr>" for n in names)
        app = re.sub(r"<TitlesOfParts>.*?</TitlesOfParts>",
                     f'<TitlesOfParts><vt:vector size="{len(names)}" baseType="lpstr">{vec}</vt:vector></TitlesOfParts>', app, flags=re.S)
        app = re.sub(r"(<vt:lpstr>(?:Worksheets|工作表)</vt:lpstr></vt:variant><vt:variant><vt:i4>)\d+", lambda m: m.group(1) + str(len(names)), app)
        self.set("docProps/app.xml", app)

    # --- shared strings
    def sst_part(self) -> str:
        """The shared strings part, made (empty) when the package has none (openpyxl here writes inline strings)."""
        for r in self.rels("xl/workbook.xml"):
            if r["Type"].endswith("/sharedStrings"):
                return self.resolve("xl/workbook.xml", r["Target"])
        name = "xl/sharedStrings.xml"
        self.set(name, f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{NS_MAIN}" count="0" uniqueCount="0"></sst>')
        self.add_override(name, CT["sharedStrings"])
        self.add_rel("xl/workbook.xml", REL + "sharedStrings", "sharedStrings.xml")
        return name

    def sst_append(self, items: List[str]) -> List[int]:
        """Append <si> bodies (raw XML, e.g. '<t>x</t>') to the shared strings; returns their indices."""
        name = self.sst_part()
        xml = self.text(name)
        unique = len(re.findall(r"<(?:\w+:)?si[\s>]", xml)) + len(re.findall(r"<(?:\w+:)?si/>", xml))
        idx = list(range(unique, unique + len(items)))
        xml = re.sub(r"(</(?:\w+:)?sst>)", lambda m: "".join(f"<si>{b}</si>" for b in items) + m.group(1), xml, 1)
        xml = re.sub(r'uniqueCount="\d+"', f'uniqueCount="{unique + len(items)}"', xml, 1)
        m = re.search(r'\bcount="(\d+)"', xml)
        if m:
            xml = xml[: m.start(1)] + str(int(m.group(1)) + len(items)) + xml[m.end(1):]
        self.set(name, xml)
        return idx

    # --- next free part name
    def free(self, pattern: str) -> Tuple[str, int]:
        """First free name for a pattern such as 'xl/drawings/drawing{}.xml'."""
        n = 1
        while self.has(pattern.format(n)):
            n += 1
        return pattern.format(n), n

    # --- docProps
    def fix_core(self, creator: str = "juesuan corpus") -> None:
        name = "docProps/core.xml"
        if not self.has(name):
            return
        xml = self.text(name)
        xml = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", lambda m: m.group(1) + FIXED_W3CDTF + m.group(3), xml)
        xml = re.sub(r"<cp:lastPrinted>[^<]*</cp:lastPrinted>", "", xml)
        xml = re.sub(r"(<dc:creator>)[^<]*(</dc:creator>)", lambda m: m.group(1) + creator + m.group(2), xml)
        xml = re.sub(r"<dc:creator/>", f"<dc:creator>{creator}</dc:creator>", xml)
        xml = re.sub(r"(<cp:lastModifiedBy>)[^<]*(</cp:lastModifiedBy>)", lambda m: m.group(1) + creator + m.group(2), xml)
        xml = re.sub(r"(<cp:revision>)[^<]*(</cp:revision>)", lambda m: m.group(1) + "1" + m.group(2), xml)
        self.set(name, xml)

    # --- output
    def save(self, path: str, order: Optional[List[str]] = None) -> None:
        """Deterministic: [Content_Types].xml, then _rels/.rels, then the rest sorted; one fixed date; deflate."""
        names = sorted(self.entries)
        first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in self.entries]
        names = first + [n for n in (order or names) if n not in first]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for n in names:
                info = zipfile.ZipInfo(n, FIXED_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                z.writestr(info, self.entries[n], compresslevel=9)

    def check(self) -> List[str]:
        """Structural consistency: every part has a content type, every internal target exists, ids unique."""
        problems = []
        ct = self.text("[Content_Types].xml")
        defaults = {e.lower(): t for e, t in re.findall(r'<Default Extension="([^"]+)" ContentType="([^"]+)"', ct)}
        overrides = dict(re.findall(r'<Override PartName="([^"]+)" ContentType="([^"]+)"', ct))
        for o in overrides:
            if o[1:] not in self.entries:
                problems.append(f"override for missing part {o}")
        for n in self.entries:
            if n == "[Content_Types].xml":
                continue
            ext = n.rsplit(".", 1)[-1].lower()
            if "/" + n not in overrides and ext not in defaults:
                problems.append(f"no content type for {n}")
        for n in list(self.entries):
            if not n.endswith(".rels"):
                continue
            src_dir = posixpath.dirname(posixpath.dirname(n))
            src = posixpath.join(src_dir, posixpath.basename(n)[: -len(".rels")])
            ids = set()
            for m in re.finditer(r"<Relationship\b([^>]*?)/?>", self.text(n)):
                a = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
                if a["Id"] in ids:
                    problems.append(f"{n}: duplicate id {a['Id']}")
                ids.add(a["Id"])
                if a.get("TargetMode") == "External":
                    continue
                tgt = self.resolve(src if n != "_rels/.rels" else "", a["Target"].replace("&amp;", "&"))
                if tgt not in self.entries:
                    problems.append(f"{n}: {a['Id']} → missing {tgt}")
        return problems
