"""Builders of the extras that openpyxl cannot write (or writes differently from Excel), applied to a Package.

Every function here adds parts or elements that hold no table cells, or cells on sheets of their own; the
disclosure tables' cells are never touched.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
import zlib
from typing import Dict, List, Optional, Sequence, Tuple

from pkg import CT, NS_MAIN, NS_R, REL, Package, add_root_ns, child, esc, guid, split_ref, top_children

NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_TC = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
REL_THREADED = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
REL_PERSON = "http://schemas.microsoft.com/office/2017/10/relationships/person"
REL_WPS_CELLIMAGE = "http://www.wps.cn/officeDocument/2020/cellImage"
EMU_PER_PX = 9525
B1 = ' b="1"'
TXBOX = ' txBox="1"'


# ---------------------------------------------------------------------------------------------------------
# a small PNG, made here


def png(width: int = 96, height: int = 96, seal_text_rows: bool = True) -> bytes:
    """A red round 'seal' (公章-like ring with a star) on a transparent ground, RGBA, deterministic."""
    cx, cy = (width - 1) / 2, (height - 1) / 2
    r_out, r_in = min(width, height) / 2 - 2, min(width, height) / 2 - 8
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            d = ((x - cx) ** 2 + (y - cy) ** 2) ** 0.5
            on = r_in <= d <= r_out
            # a five-pointed star, crude: points within a small pentagram-like rosette
            if not on and seal_text_rows:
                import math
                ang = math.atan2(y - cy, x - cx)
                rr = r_in * 0.45 * (0.55 + 0.45 * math.cos(5 * (ang + math.pi / 2)))
                on = d <= rr
            row += bytes((200, 16, 24, 255) if on else (255, 255, 255, 0))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


# ---------------------------------------------------------------------------------------------------------
# passwords (ECMA-376 agile hashing, as Excel 2013+ writes sheet and workbook protection)


def sha512_protection(password: str, salt: bytes, spin: int = 100000) -> Tuple[str, str]:
    h = hashlib.sha512(salt + password.encode("utf-16-le")).digest()
    for i in range(spin):
        h = hashlib.sha512(h + struct.pack("<I", i)).digest()
    return base64.b64encode(h).decode(), base64.b64encode(salt).decode()


def legacy_password_hash(password: str) -> str:
    """The 16-bit hash of the `password` attribute (what openpyxl and older Excel write)."""
    h = 0
    for i, ch in enumerate(password, 1):
        v = ord(ch) << i
        h ^= ((v & 0x7FFF) | (v >> 15)) & 0x7FFF
    h ^= len(password)
    h ^= 0xCE4B
    return "%04X" % h


def protect_sheet_sha512(pkg: Package, sheet: str, password: str, seed: str) -> None:
    part = pkg.sheet_part(sheet)
    hv, sv = sha512_protection(password, hashlib.sha256(seed.encode()).digest()[:16])
    xml = pkg.text(part)
    span = child(xml, "sheetProtection")
    if span:
        xml = xml[: span[0]] + xml[span[1]:]
        pkg.set(part, xml)
    pkg.sheet_insert(part, "sheetProtection",
                     f'<sheetProtection algorithmName="SHA-512" hashValue="{hv}" saltValue="{sv}" spinCount="100000" '
                     f'sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>')


def protect_workbook_sha512(pkg: Package, password: str, seed: str) -> None:
    hv, sv = sha512_protection(password, hashlib.sha256(seed.encode()).digest()[:16])
    xml = pkg.text("xl/workbook.xml")
    xml = re.sub(r"<workbookProtection\b[^>]*/>", "", xml)
    pkg.set("xl/workbook.xml", xml)
    pkg.workbook_insert("workbookProtection",
                        f'<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="{hv}" '
                        f'workbookSaltValue="{sv}" workbookSpinCount="100000" lockStructure="1"/>')


# ---------------------------------------------------------------------------------------------------------
# styles: append number formats and cell formats without moving existing indices


def add_xf(pkg: Package, num_fmt_id: int, fmt_code: Optional[str] = None, bold: bool = False) -> int:
    xml = pkg.text("xl/styles.xml")
    if fmt_code is not None:
        if "<numFmts" in xml:
            xml = re.sub(r"(<numFmts[^>]*>)(.*?)(</numFmts>)",
                         lambda m: m.group(1) + m.group(2) + f'<numFmt numFmtId="{num_fmt_id}" formatCode="{esc(fmt_code)}"/>' + m.group(3),
                         xml, 1, re.S)
            n = len(re.findall(r"<numFmt ", xml))
            xml = re.sub(r'<numFmts count="\d+"', f'<numFmts count="{n}"', xml, 1)
        else:
            xml = re.sub(r"(<fonts\b)", f'<numFmts count="1"><numFmt numFmtId="{num_fmt_id}" formatCode="{esc(fmt_code)}"/></numFmts>\\1', xml, 1)
    font = 0
    if bold:
        fonts = re.search(r"<fonts\b[^>]*>(.*?)</fonts>", xml, re.S)
        font = len(re.findall(r"<font\b", fonts.group(1)))
        xml = xml.replace("</fonts>", '<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>', 1)
        xml = re.sub(r'<fonts count="\d+"', f'<fonts count="{font + 1}"', xml, 1)
    m = re.search(r"<cellXfs\b[^>]*>(.*?)</cellXfs>", xml, re.S)
    idx = len(re.findall(r"<xf\b", m.group(1)))
    apply = ' applyNumberFormat="1"' if num_fmt_id else ""
    apply += ' applyFont="1"' if bold else ""
    xml = xml[: m.end(1)] + f'<xf numFmtId="{num_fmt_id}" fontId="{font}" fillId="0" borderId="0" xfId="0"{apply}/>' + xml[m.end(1):]
    xml = re.sub(r'<cellXfs count="\d+"', f'<cellXfs count="{idx + 1}"', xml, 1)
    pkg.set("xl/styles.xml", xml)
    return idx


# ---------------------------------------------------------------------------------------------------------
# worksheets written by hand


def sheet_xml(rows_xml: str, dimension: str, extra_before_data: str = "", extra_after_data: str = "",
              ns_extra: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}"{ns_extra}>'
            f'<dimension ref="{dimension}"/>{extra_before_data}<sheetData>{rows_xml}</sheetData>{extra_after_data}</worksheet>')


def is_cell(ref: str, text: str, s: Optional[int] = None) -> str:
    st = f' s="{s}"' if s is not None else ""
    sp = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{st} t="inlineStr"><is><t{sp}>{esc(text)}</t></is></c>'


def num_cell(ref: str, v, s: Optional[int] = None) -> str:
    st = f' s="{s}"' if s is not None else ""
    return f'<c r="{ref}"{st}><v>{fmt_num(v)}</v></c>'


def fmt_num(v) -> str:
    if isinstance(v, int) or (isinstance(v, float) and v.is_integer() and abs(v) < 1e15):
        return str(int(v))
    return repr(float(v))


# ---------------------------------------------------------------------------------------------------------
# DrawingML: shapes, text boxes, connectors, groups, pictures


def _anchor_from_to(c1: int, r1: int, c2: int, r2: int) -> str:
    """Zero-based columns and rows."""
    return (f"<xdr:from><xdr:col>{c1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{r1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
            f"<xdr:to><xdr:col>{c2}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{r2}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>")


def _txbody(text: str, size: int = 1100, bold: bool = False) -> str:
    paras = "".join(
        f'<a:p><a:r><a:rPr lang="zh-CN" altLang="en-US" sz="{size}"{B1 if bold else ""}>'
        f'<a:solidFill><a:srgbClr val="1F1F1F"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/></a:rPr>'
        f'<a:t>{esc(line)}</a:t></a:r></a:p>' for line in text.split("\n"))
    return f'<xdr:txBody><a:bodyPr vertOverflow="clip" horzOverflow="clip" wrap="square" rtlCol="0" anchor="t"/><a:lstStyle/>{paras}</xdr:txBody>'


def sp(id_: int, name: str, prst: str, text: Optional[str], fill: str = "FFF2CC", line: str = "BF9000",
       txbox: bool = False, xfrm: Tuple[int, int, int, int] = (0, 0, 0, 0)) -> str:
    x, y, cx, cy = xfrm
    nv = f'<xdr:nvSpPr><xdr:cNvPr id="{id_}" name="{esc(name)}"/><xdr:cNvSpPr{TXBOX if txbox else ""}/></xdr:nvSpPr>'
    fill_xml = "<a:noFill/>" if fill is None else f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
    ln = f'<a:ln w="12700"><a:solidFill><a:srgbClr val="{line}"/></a:solidFill></a:ln>'
    sppr = (f'<xdr:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            f'<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom>{fill_xml}{ln}</xdr:spPr>')
    style = ('<xdr:style><a:lnRef idx="2"><a:schemeClr val="accent1"><a:shade val="50000"/></a:schemeClr></a:lnRef>'
             '<a:fillRef idx="1"><a:schemeClr val="accent1"/></a:fillRef><a:effectRef idx="0"><a:schemeClr val="accent1"/></a:effectRef>'
             '<a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></xdr:style>') if not txbox else ""
    body = _txbody(text) if text is not None else ""
    return f'<xdr:sp macro="" textlink="">{nv}{sppr}{style}{body}</xdr:sp>'


def cxn(id_: int, name: str, xfrm: Tuple[int, int, int, int]) -> str:
    x, y, cx, cy = xfrm
    return (f'<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="{id_}" name="{esc(name)}"/><xdr:cNvCxnSpPr/></xdr:nvCxnSpPr>'
            f'<xdr:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>'
            f'<a:ln w="19050"><a:solidFill><a:srgbClr val="C00000"/></a:solidFill><a:tailEnd type="triangle"/></a:ln></xdr:spPr></xdr:cxnSp>')


def shapes_anchors(base_col: int, base_row: int, first_id: int, note: str) -> str:
    """A text box, a rounded rectangle with text, an arrow connector, and a group of two shapes (oneCell,
    twoCell and absolute anchors), starting at zero-based (base_col, base_row)."""
    c, r = base_col, base_row
    emu = lambda px: px * EMU_PER_PX  # noqa: E731
    # xfrm in EMU from the anchor, with the samples' columns (16 characters ≈ 117 px) and 20 px rows
    box = lambda c1, r1, c2, r2: (emu(117 * c1), emu(20 * r1), emu(117 * (c2 - c1)), emu(20 * (r2 - r1)))  # noqa: E731
    out = []
    out.append(f'<xdr:twoCellAnchor editAs="oneCell">{_anchor_from_to(c, r, c + 4, r + 5)}'
               f'{sp(first_id, "文本框 1", "rect", note, fill="FFFFFF", line="7F7F7F", txbox=True, xfrm=box(c, r, c + 4, r + 5))}<xdr:clientData/></xdr:twoCellAnchor>')
    out.append(f'<xdr:twoCellAnchor>{_anchor_from_to(c, r + 6, c + 3, r + 9)}'
               f'{sp(first_id + 1, "圆角矩形 2", "roundRect", "待复核：与上年数据比对", xfrm=box(c, r + 6, c + 3, r + 9))}<xdr:clientData/></xdr:twoCellAnchor>')
    out.append(f'<xdr:twoCellAnchor>{_anchor_from_to(c + 3, r + 7, c + 5, r + 8)}'
               f'{cxn(first_id + 2, "直接箭头连接符 3", box(c + 3, r + 7, c + 5, r + 8))}<xdr:clientData/></xdr:twoCellAnchor>')
    grp = (f'<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="{first_id + 3}" name="组合 4"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>'
           f'<xdr:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu(200)}" cy="{emu(60)}"/><a:chOff x="0" y="0"/><a:chExt cx="{emu(200)}" cy="{emu(60)}"/></a:xfrm></xdr:grpSpPr>'
           f'{sp(first_id + 4, "椭圆 5", "ellipse", "审", fill="FCE4D6", line="C55A11", xfrm=(0, 0, emu(60), emu(60)))}'
           f'{sp(first_id + 5, "矩形 6", "rect", "核 讫", fill="E2EFDA", line="548235", xfrm=(emu(80), 0, emu(120), emu(60)))}'
           f'</xdr:grpSp>')
    out.append(f'<xdr:oneCellAnchor><xdr:from><xdr:col>{c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{r + 10}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>'
               f'<xdr:ext cx="{emu(200)}" cy="{emu(60)}"/>{grp}<xdr:clientData/></xdr:oneCellAnchor>')
    out.append(f'<xdr:absoluteAnchor><xdr:pos x="{emu(1200)}" y="{emu(20)}"/><xdr:ext cx="{emu(160)}" cy="{emu(40)}"/>'
               f'{sp(first_id + 6, "矩形 7", "rect", "草稿", fill="D9D9D9", line="595959", xfrm=(emu(1200), emu(20), emu(160), emu(40)))}<xdr:clientData fLocksWithSheet="0"/></xdr:absoluteAnchor>')
    return "".join(out)


def drawing_of(pkg: Package, sheet_part: str) -> Optional[str]:
    for r in pkg.rels(sheet_part):
        if r["Type"].endswith("/drawing"):
            return pkg.resolve(sheet_part, r["Target"])
    return None


def ensure_drawing(pkg: Package, sheet: str) -> str:
    part = pkg.sheet_part(sheet)
    d = drawing_of(pkg, part)
    if d:
        return d
    d, n = pkg.free("xl/drawings/drawing{}.xml")
    pkg.set(d, f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}"></xdr:wsDr>')
    pkg.add_override(d, CT["drawing"])
    rid = pkg.add_rel(part, REL + "drawing", f"../drawings/drawing{n}.xml")
    pkg.sheet_insert(part, "drawing", f'<drawing r:id="{rid}"/>')
    return d


def max_drawing_id(xml: str) -> int:
    ids = [int(x) for x in re.findall(r'<(?:xdr:)?cNvPr id="(\d+)"', xml)]
    return max(ids) if ids else 1


def add_shapes(pkg: Package, sheet: str, col: int, row: int, note: str) -> str:
    """Shapes appended to the sheet's drawing (made if missing). openpyxl writes its drawings with the
    spreadsheetDrawing namespace as the default one (<wsDr xmlns=…>): xdr is then declared on the root too."""
    d = ensure_drawing(pkg, sheet)
    xml = pkg.text(d)
    xml = add_root_ns(add_root_ns(xml, "xdr", NS_XDR), "a", NS_A)
    first = max_drawing_id(xml) + 1
    frag = shapes_anchors(col, row, first, note)
    m = re.search(r"<((?:xdr:)?wsDr)\b[^>]*?(/?)>", xml)
    if m.group(2):  # self-closed root
        xml = xml[: m.start()] + m.group(0)[:-2] + ">" + frag + f"</{m.group(1)}>" + xml[m.end():]
    else:
        _, end = top_children(xml)
        xml = xml[:end] + frag + xml[end:]
    assert xml.count(":sp ") + xml.count("<sp ") >= 5, "shapes not added"
    pkg.set(d, xml)
    return d


# ---------------------------------------------------------------------------------------------------------
# comments: legacy notes (VML + comments part), threaded comments with their legacy mirror


VML_HEAD = ('<xml xmlns:v="urn:schemas-microsoft-com:vml"\n xmlns:o="urn:schemas-microsoft-com:office:office"\n'
            ' xmlns:x="urn:schemas-microsoft-com:office:excel">\n <o:shapelayout v:ext="edit">\n  <o:idmap v:ext="edit" data="{data}"/>\n'
            ' </o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"\n  path="m,l,21600r21600,l21600,xe">\n'
            '  <v:stroke joinstyle="miter"/>\n  <v:path gradientshapeok="t" o:connecttype="rect"/>\n </v:shapetype>')


def vml_note(shape_id: int, row0: int, col0: int, z: int) -> str:
    return (f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style=\'position:absolute;\n  margin-left:{80 + col0 * 48}pt;margin-top:{row0 * 15 + 2}pt;width:144pt;height:72pt;z-index:{z};\n'
            f'  visibility:hidden\' fillcolor="#ffffe1" o:insetmode="auto">\n  <v:fill color2="#ffffe1"/>\n'
            '  <v:shadow on="t" color="black" obscured="t"/>\n  <v:path o:connecttype="none"/>\n'
            "  <v:textbox style='mso-direction-alt:auto'>\n   <div style='text-align:left'></div>\n  </v:textbox>\n"
            f'  <x:ClientData ObjectType="Note">\n   <x:MoveWithCells/>\n   <x:SizeWithCells/>\n'
            f'   <x:Anchor>\n    {col0 + 1}, 15, {row0}, 2, {col0 + 4}, 15, {row0 + 4}, 16</x:Anchor>\n   <x:AutoFill>False</x:AutoFill>\n'
            f'   <x:Row>{row0}</x:Row>\n   <x:Column>{col0}</x:Column>\n  </x:ClientData>\n </v:shape>')


def add_comments(pkg: Package, sheet: str, notes: Sequence[Tuple[str, str, str]],
                 threads: Sequence[Tuple[str, List[Tuple[str, str, str]]]] = (), persons: Dict[str, str] = None) -> List[str]:
    """Notes: (ref, author, text). Threads: (ref, [(person, iso time, text), ...]) first is the thread, the rest replies.
    Writes the comments part, its VML, and for threads the threadedComments part and the person list, as Excel
    365 does: the legacy comment of a thread is Excel's mirror text with author tc={thread id}. The sheet must not
    have comments yet. Returns the part names written."""
    part = pkg.sheet_part(sheet)
    assert not any(r["Type"].endswith("/comments") for r in pkg.rels(part)), "sheet already has comments"
    persons = persons or {}
    authors: List[str] = []
    comments: List[str] = []
    written: List[str] = []
    cells: List[str] = []

    def author(a: str) -> int:
        if a not in authors:
            authors.append(a)
        return authors.index(a)

    tc_items: List[str] = []
    for ref, entries in threads:
        tid = guid(f"{sheet}!{ref}/thread")
        lines = ["[Threaded comment]", "",
                 "Your version of Excel allows you to read this threaded comment; however, any edits to it will get removed "
                 "if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924",
                 "", "Comment:", "    " + entries[0][2]]
        for _, _, t in entries[1:]:
            lines += ["Reply:", "    " + t]
        comments.append(f'<comment ref="{ref}" authorId="{author("tc=" + tid)}" shapeId="0" xr:uid="{tid}"><text><t>{esc(chr(10).join(lines))}</t></text></comment>')
        cells.append(ref)
        for i, (person, when, text) in enumerate(entries):
            cid = tid if i == 0 else guid(f"{sheet}!{ref}/reply{i}")
            parent = f' parentId="{tid}"' if i else ""
            tc_items.append(f'<threadedComment ref="{ref}" dT="{when}" personId="{persons[person]}" id="{cid}"{parent}><text>{esc(text)}</text></threadedComment>')
    for ref, who, text in notes:
        a = author(who)
        comments.append(f'<comment ref="{ref}" authorId="{a}" shapeId="0" xr:uid="{guid(sheet + "!" + ref + "/note")}"><text>'
                        f'<r><rPr><b/><sz val="9"/><color indexed="81"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t>{esc(who)}:</t></r>'
                        f'<r><rPr><sz val="9"/><color indexed="81"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t xml:space="preserve">\n{esc(text)}</t></r>'
                        f'</text></comment>')
        cells.append(ref)
    # comments sorted by cell, as Excel writes them
    order = sorted(range(len(cells)), key=lambda i: split_ref(cells[i]))
    comments = [comments[i] for i in order]
    cells = [cells[i] for i in order]

    cpart, n = pkg.free("xl/comments{}.xml")
    pkg.set(cpart, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   f'<comments xmlns="{NS_MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr" '
                   'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"><authors>'
                   + "".join(f"<author>{esc(a)}</author>" for a in authors) + "</authors><commentList>" + "".join(comments)
                   + "</commentList></comments>")
    pkg.add_override(cpart, CT["comments"])
    written.append(cpart)
    vpart, vn = pkg.free("xl/drawings/vmlDrawing{}.vml")
    idmap = pkg.sheet_index(sheet) + 1
    shapes = "".join(vml_note(1024 * idmap + 1 + i, *(lambda rc: (rc[0] - 1, rc[1] - 1))(split_ref(ref)), i + 1) for i, ref in enumerate(cells))
    pkg.set(vpart, VML_HEAD.format(data=idmap) + shapes + "</xml>")
    pkg.add_default("vml", CT["vml"])
    written.append(vpart)
    pkg.add_rel(part, REL + "comments", f"../comments{n}.xml")
    vrid = pkg.add_rel(part, REL + "vmlDrawing", f"../drawings/vmlDrawing{vn}.vml")
    pkg.sheet_insert(part, "legacyDrawing", f'<legacyDrawing r:id="{vrid}"/>')
    if tc_items:
        tpart, tn = pkg.free("xl/threadedComments/threadedComment{}.xml")
        pkg.set(tpart, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                       f'<ThreadedComments xmlns="{NS_TC}" xmlns:x="{NS_MAIN}">' + "".join(tc_items) + "</ThreadedComments>")
        pkg.add_override(tpart, CT["threadedComments"])
        pkg.add_rel(part, REL_THREADED, f"../threadedComments/threadedComment{tn}.xml")
        written.append(tpart)
        if not pkg.has("xl/persons/person.xml"):
            items = "".join(f'<person displayName="{esc(name)}" id="{pid}" userId="{esc(name)}" providerId="None"/>' for name, pid in persons.items())
            pkg.set("xl/persons/person.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                             f'<personList xmlns="{NS_TC}" xmlns:x="{NS_MAIN}">{items}</personList>')
            pkg.add_override("xl/persons/person.xml", CT["person"])
            pkg.add_rel("xl/workbook.xml", REL_PERSON, "persons/person.xml")
        written.append("xl/persons/person.xml")
    return written


# ---------------------------------------------------------------------------------------------------------
# the x14 extension list Excel writes for validations whose list lives on another sheet


def add_x14_list_validation(pkg: Package, sheet: str, sqref: str, source: str) -> None:
    part = pkg.sheet_part(sheet)
    ext = ('<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
           '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
           '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" promptTitle="审核状态" prompt="请从下拉列表选择">'
           f'<x14:formula1><xm:f>{esc(source)}</xm:f></x14:formula1><xm:sqref>{sqref}</xm:sqref></x14:dataValidation></x14:dataValidations></ext>')
    xml = pkg.text(part)
    if child(xml, "extLst"):
        s, e = child(xml, "extLst")
        inner_end = xml.rindex("</extLst>", s, e)
        xml = xml[:inner_end] + ext + xml[inner_end:]
        pkg.set(part, xml)
    else:
        pkg.sheet_insert(part, "extLst", f"<extLst>{ext}</extLst>")


# ---------------------------------------------------------------------------------------------------------
# printer settings: a DEVMODEW as Windows Excel stores it (A4, landscape)


def devmode(device: str = "Microsoft Print to PDF", landscape: bool = True) -> bytes:
    name = device.encode("utf-16-le")[:62].ljust(64, b"\0")
    form = "A4".encode("utf-16-le").ljust(64, b"\0")
    # DM_ORIENTATION | DM_PAPERSIZE | DM_SCALE | DM_COPIES | DM_DEFAULTSOURCE | DM_PRINTQUALITY | DM_COLOR | DM_DUPLEX
    # | DM_YRESOLUTION | DM_COLLATE | DM_FORMNAME
    fields = 0x1 | 0x2 | 0x10 | 0x100 | 0x200 | 0x400 | 0x800 | 0x1000 | 0x2000 | 0x8000 | 0x10000
    body = struct.pack("<HHHHI", 0x0401, 0x0001, 220, 0, fields)  # spec version, driver version, size, driver extra
    # orientation, paper size (9 = A4), paper length, paper width, scale, copies, default source, print quality
    body += struct.pack("<hhhhhhhh", 2 if landscape else 1, 9, 0, 0, 100, 1, 7, 600)
    body += struct.pack("<hhhhh", 1, 1, 600, 1, 0)  # color, duplex, y resolution, TrueType option, collate
    # form name; log pixels; bits per pel, pels width/height, display flags/frequency; ICM method/intent, media type,
    # dither type, two reserved, panning width/height
    out = name + body + form + struct.pack("<H13I", 0, *([0] * 13))
    assert len(out) == 220, len(out)
    return out[:220].ljust(220, b"\0")
