#!/usr/bin/python3
"""Generates the xlsx test corpus in test/data/corpus/ from the two real samples in samples/.

    /usr/bin/python3 scripts/corpus/make_corpus.py [--out DIR] [--only NAME ...] [--findings] [--no-verify]

Each corpus file is a base sample plus extras. The disclosure tables' cells (values, merges, sheet names,
positions) stay exactly as in the base; the extras live on sheets of their own, outside the tables' boxes, or
in parts that hold no cells. See test/data/corpus/README.md.

Needs Debian's python3-openpyxl, libreoffice-calc-nogui and python3-uno (run with /usr/bin/python3).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from typing import Callable, Dict, List, Tuple

sys.dont_write_bytecode = True  # no __pycache__ in the tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import openpyxl  # noqa: E402
from openpyxl.chart import BarChart, PieChart, Reference, Series  # noqa: E402
from openpyxl.chart.label import DataLabelList  # noqa: E402
from openpyxl.chart.series import SeriesLabel  # noqa: E402
from openpyxl.chart.data_source import StrRef  # noqa: E402
from openpyxl.comments import Comment  # noqa: E402
from openpyxl.drawing.image import Image  # noqa: E402
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, DataBarRule, FormulaRule, IconSetRule  # noqa: E402
from openpyxl.styles import Font, PatternFill  # noqa: E402
from openpyxl.workbook.defined_name import DefinedName  # noqa: E402
from openpyxl.worksheet.datavalidation import DataValidation  # noqa: E402
from openpyxl.worksheet.pagebreak import Break  # noqa: E402
from openpyxl.worksheet.table import Table, TableStyleInfo  # noqa: E402

import parts as P  # noqa: E402
import verify  # noqa: E402
from pkg import CT, NS_MAIN, NS_R, REL, Package, esc, guid  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SAMPLES = os.path.join(ROOT, "samples")
SR = "上饶市医疗保障局2022年度部门决算.xlsx"  # Jiangxi set, 万元
XP = "新平县医疗保障局2022年度部门决算.xlsx"  # Yunnan set, 元

warnings.filterwarnings("ignore", module="openpyxl")


def base_path(name: str) -> str:
    return os.path.join(SAMPLES, name)


def table_sheets(base: str) -> List[str]:
    """Every sheet of a sample holds one disclosure table."""
    return [s["name"] for s in Package.load(base_path(base)).sheets()]


def via_openpyxl(src: str, edit: Callable[[openpyxl.Workbook], None]) -> Package:
    wb = openpyxl.load_workbook(src)
    edit(wb)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return Package.load(buf)


def via_libreoffice(mode: str, src: str) -> Package:
    tmp = tempfile.mkdtemp(prefix="juesuan-corpus-")
    try:
        out = os.path.join(tmp, "out.xlsx")
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "lo_uno.py"), mode, src, out], check=True, timeout=600)
        return Package.load(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def seal_image(anchor: str, px: int = 96) -> Image:
    img = Image(io.BytesIO(P.png(px, px)))
    img.anchor = anchor
    return img


def rows_xml(cells: List[Tuple[str, str]], row_attrs: Dict[int, str] = None) -> str:
    """Cells (ref, <c> xml) grouped into <row>s in order."""
    from pkg import split_ref
    row_attrs = row_attrs or {}
    by: Dict[int, List[Tuple[int, str]]] = {}
    for ref, xml in cells:
        r, c = split_ref(ref)
        by.setdefault(r, []).append((c, xml))
    for r in row_attrs:
        by.setdefault(r, [])
    out = []
    for r in sorted(by):
        out.append(f'<row r="{r}"{row_attrs.get(r, "")}>' + "".join(x for _, x in sorted(by[r])) + "</row>")
    return "".join(out)


def append_to_row(xml: str, r: int, col: int, cell: str) -> str:
    """Append a cell at the end of row r of a worksheet (the row exists and has no cell right of col); spans widened."""
    def one(m):
        head = re.sub(r'spans="(\d+):(\d+)"', lambda s: f'spans="{s.group(1)}:{max(int(s.group(2)), col)}"', m.group(1))
        return head + m.group(2) + cell + m.group(3)
    new, n = re.subn(r'(<row r="%d"[^>]*>)(.*?)(</row>)' % r, one, xml, 1, re.S)
    assert n == 1, r
    return new


def sst_cell(pkg: Package, ref: str, text: str, s: int = None) -> str:
    i = pkg.sst_append([f"<t>{esc(text)}</t>"])[0]
    st = f' s="{s}"' if s is not None else ""
    return f'<c r="{ref}"{st} t="s"><v>{i}</v></c>'


def base_values(base: str) -> Dict[str, Dict[Tuple[int, int], object]]:
    sheets, _, _ = verify.read_cells(base_path(base))
    return {n: {k: v[1] for k, v in cells.items()} for n, cells in sheets.items()}


def cell_value(vals, sheet: str, ref: str):
    from pkg import split_ref
    return vals[sheet].get(split_ref(ref))


# =========================================================================================================
# recipes: each returns (package, features, extra parts, notes)


def charts_pie_bar():
    def edit(wb):
        ws = wb["公开01表"]
        pie = PieChart()
        pie.title = "2022年度支出结构（按功能分类）"
        pie.add_data(Reference(ws, min_col=6, min_row=14, max_row=15), titles_from_data=False)
        pie.set_categories(Reference(ws, min_col=4, min_row=14, max_row=15))
        pie.dataLabels = DataLabelList()
        pie.dataLabels.showPercent = True
        pie.width, pie.height = 12, 7.5
        ws.add_chart(pie, "H3")

        ws3 = wb["公开03表"]
        bar = BarChart()
        bar.type = "col"
        bar.grouping = "clustered"
        bar.title = "基本支出与项目支出"
        bar.y_axis.title = "万元"
        bar.add_data(Reference(ws3, min_col=6, max_col=7, min_row=4, max_row=4), titles_from_data=False)
        bar.series = []
        for col in (6, 7):
            s = Series(Reference(ws3, min_col=col, min_row=8, max_row=14), title_from_data=False)
            s.tx = SeriesLabel(strRef=StrRef(f"'公开03表'!${'F' if col == 6 else 'G'}$4"))
            bar.series.append(s)
        bar.set_categories(Reference(ws3, min_col=4, min_row=8, max_row=14))
        bar.width, bar.height = 16, 8
        ws3.add_chart(bar, "L3")

        pie2 = PieChart()
        pie2.title = "收支结构图"
        pie2.add_data(Reference(ws3, min_col=6, max_col=7, min_row=7), from_rows=True, titles_from_data=False)
        pie2.set_categories(Reference(ws3, min_col=6, max_col=7, min_row=4))
        ws3.add_chart(pie2, "L20")

    pkg = via_openpyxl(base_path(SR), edit)
    return pkg, ["chart-pie", "chart-bar", "drawing", "openpyxl-flavour"], None, (
        "Three openpyxl charts on table sheets, anchored right of the tables: a pie on 公开01表 (支出 by 功能分类, F14:F15), "
        "a clustered column chart and a pie (收支结构图, 基本/项目支出) on 公开03表. The charts reference table cells by formula "
        "without numCache (openpyxl writes none). The whole workbook was rewritten by openpyxl.")


def chartsheet():
    def edit(wb):
        ws = wb["公开01表"]
        bar = BarChart()
        bar.type = "bar"
        bar.title = "2022年度支出按功能分类（元）"
        for row in (7, 14, 15, 25):
            s = Series(Reference(ws, min_col=6, min_row=row), title_from_data=False)
            s.tx = SeriesLabel(strRef=StrRef(f"'公开01表'!$D${row}"))
            bar.series.append(s)
        cs = wb.create_chartsheet("收支结构图")
        cs.add_chart(bar)
        ws3 = wb["公开03表"]
        pie = PieChart()
        pie.title = "基本支出与项目支出"
        pie.add_data(Reference(ws3, min_col=6, max_col=7, min_row=7), from_rows=True, titles_from_data=False)
        pie.set_categories(Reference(ws3, min_col=6, max_col=7, min_row=4))
        ws3.add_chart(pie, "L3")

    pkg = via_openpyxl(base_path(XP), edit)
    return pkg, ["chartsheet", "chart-bar", "chart-pie", "drawing", "openpyxl-flavour"], None, (
        "A chartsheet 收支结构图 (xl/chartsheets/sheet1.xml, a bar chart of four 支出 lines of 公开01表) after the table sheets, "
        "and a pie on 公开03表 anchored at L3. Rewritten by openpyxl.")


def images_shapes():
    def edit(wb):
        wb["公开01表"].add_image(seal_image("H30"))
        wb["公开03表"].add_image(seal_image("L2", 64))

    pkg = via_openpyxl(base_path(SR), edit)
    d1 = P.add_shapes(pkg, "公开01表", 7, 1, "说明：\n本表由财务科编制，数据截至 2022 年 12 月 31 日。")
    d3 = P.add_shapes(pkg, "公开03表", 11, 8, "注：项目支出含信息化建设 304.35 万元。")
    return pkg, ["image-png", "shape", "textbox", "connector", "group-shape", "anchor-two-cell", "anchor-one-cell",
                 "anchor-absolute", "openpyxl-flavour"], [d1, d3], (
        "A generated PNG seal (公章-like) as a picture on 公开01表 (H30) and 公开03表 (L2), written by openpyxl; then DrawingML "
        "shapes added by hand to the same drawings: a text box (txBox=\"1\"), a rounded rectangle with text, an arrow "
        "connector (xdr:cxnSp), a group (xdr:grpSp) of two shapes in a oneCellAnchor, and an absoluteAnchor rectangle.")


def validation_condformat():
    def edit(wb):
        ref = wb.create_sheet("填报说明")
        ref["A1"] = "审核状态"
        for i, v in enumerate(["未审核", "已审核", "需修改", "已退回"], 2):
            ref[f"A{i}"] = v
        ref["B1"] = "填报日期"
        ref["C1"] = "经办人"
        dv = DataValidation(type="date", operator="between", formula1="DATE(2023,1,1)", formula2="DATE(2023,12,31)",
                            showErrorMessage=True, errorTitle="日期有误", error="请填写 2023 年内的日期")
        dv.add("B2:B20")
        ref.add_data_validation(dv)
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="10", allow_blank=True)
        dv.add("C2:C20")
        ref.add_data_validation(dv)

        ws = wb["公开01表"]
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorTitle="金额有误", error="金额须为不小于 0 的数值",
                            showInputMessage=True, promptTitle="金额", prompt="单位：元，保留两位小数")
        dv.add("C7:C36")
        dv.add("F7:F36")
        ws.add_data_validation(dv)
        dv = DataValidation(type="whole", operator="between", formula1="1", formula2="100")
        dv.add("B7:B36")
        dv.add("E7:E36")
        ws.add_data_validation(dv)
        dv = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
        dv.add("N7:N36")
        ws.add_data_validation(dv)
        dv = DataValidation(type="custom", formula1="ISNUMBER(C7)")
        dv.add("C33")
        ws.add_data_validation(dv)

        red = PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")
        ws.conditional_formatting.add("C7:C36", CellIsRule(operator="lessThan", formula=["0"], fill=red, font=Font(color="9C0006")))
        ws.conditional_formatting.add("A33:F33", FormulaRule(formula=["$C$33<>$F$33"], font=Font(bold=True, color="C00000")))
        ws3 = wb["公开03表"]
        ws3.conditional_formatting.add("E8:E27", ColorScaleRule(start_type="min", start_color="F8696B", mid_type="percentile",
                                                                  mid_value=50, mid_color="FFEB84", end_type="max", end_color="63BE7B"))
        ws3.conditional_formatting.add("F8:F27", DataBarRule(start_type="min", end_type="max", color="638EC6"))
        ws3.conditional_formatting.add("G8:G27", IconSetRule("3TrafficLights1", "percent", [0, 33, 67]))

    pkg = via_openpyxl(base_path(XP), edit)
    P.add_x14_list_validation(pkg, "公开01表", "M7:M36", "填报说明!$A$2:$A$5")
    return pkg, ["data-validation-list", "data-validation-decimal", "data-validation-whole", "data-validation-date",
                 "data-validation-text-length", "data-validation-custom", "x14-data-validation", "conditional-formatting",
                 "cf-cell-is", "cf-expression", "cf-color-scale", "cf-data-bar", "cf-icon-set", "openpyxl-flavour"], [], (
        "Validations over table cells (decimal ≥ 0 on the amounts, whole 1–100 on 行次, custom) and on empty cells right of the "
        "table (inline list \"是,否\" on N7:N36; a list from another sheet on M7:M36 written as Excel 2010+ does, in the "
        "worksheet extLst as x14:dataValidation with xm:f/xm:sqref); conditional formats (cellIs, expression, color scale, "
        "data bar, icon set) over table cells; a new sheet 填报说明 with the list source and date/text-length validations.")


def comments_legacy():
    def edit(wb):
        notes = [("公开01表", "A1", "财务科", "本表按《部门决算公开表》格式编制。"),
                 ("公开01表", "C7", "财务科", "与财政总决算核对一致。"),
                 ("公开01表", "F15", "审核组", "与公开03表 E11 相差 0.01 万元，属尾数差。"),
                 ("公开02表", "E12", "审核组", "请核对医疗保障管理事务的款级合计。"),
                 ("公开05表", "D7", "审核组", "合计行缺少本年支出合计。")]
        for sheet, ref, who, text in notes:
            c = Comment(text, who, width=200, height=80)
            assert wb[sheet][ref].value is not None
            wb[sheet][ref].comment = c

    pkg = via_openpyxl(base_path(SR), edit)
    return pkg, ["comments-legacy", "vml", "openpyxl-flavour"], None, (
        "Legacy notes written by openpyxl on cells that hold values (公开01表 A1, C7, F15; 公开02表 E12; 公开05表 D7): "
        "xl/comments/commentN.xml and xl/drawings/commentsDrawingN.vml (openpyxl's part names). The app writes notes "
        "itself, so its writer must merge with notes already there.")


PERSONS = {"张会计": guid("person/张会计"), "李审核": guid("person/李审核")}


def threaded_comments(pkg: Package, sheet_a: str, sheet_b: str) -> List[str]:
    out = P.add_comments(pkg, sheet_a,
                         notes=[("A1", "财务科", "本表为 2022 年度决算公开表。")],
                         threads=[("C7", [("张会计", "2023-05-30T09:12:31.00", "一般公共预算财政拨款收入已与国库数据核对。"),
                                          ("李审核", "2023-05-30T10:03:05.00", "收到，已复核。")]),
                                  ("F15", [("李审核", "2023-05-30T10:20:44.00", "卫生健康支出与公开03表是否一致？")])],
                         persons=PERSONS)
    out += P.add_comments(pkg, sheet_b, notes=[],
                          threads=[("E7", [("张会计", "2023-05-30T11:00:00.00", "合计数含基本支出和项目支出。")])],
                          persons=PERSONS)
    return sorted(set(out))


def comments_threaded():
    pkg = Package.load(base_path(XP))
    written = threaded_comments(pkg, "公开01表", "公开03表")
    return pkg, ["comments-threaded", "comments-legacy", "threaded-comment-reply", "persons", "vml", "exceljs-flavour"], written, (
        "The base package (exceljs) with Excel 365 threaded comments added by hand: threads on 公开01表 C7 (with a reply) and "
        "F15 and on 公开03表 E7 (xl/threadedComments/threadedCommentN.xml, xl/persons/person.xml), each mirrored as the "
        "legacy note Excel writes ([Threaded comment] … text, author tc={id}, xr:uid = thread id), plus one plain legacy "
        "note (A1 of 公开01表) in the same comments part; VML shapes for all.")


def names_print_layout():
    def edit(wb):
        dn = wb.defined_names
        dn.append(DefinedName("收入合计", attr_text="'公开01表'!$C$33"))
        dn.append(DefinedName("支出合计", attr_text="'公开01表'!$F$33"))
        dn.append(DefinedName("收支差", attr_text="'公开01表'!$C$33-'公开01表'!$F$33", comment="本年收入合计减本年支出合计"))
        dn.append(DefinedName("金额单位", attr_text='"万元"'))
        dn.append(DefinedName("_JUESUAN_CORPUS", attr_text='"names-print-layout"', hidden=True))
        dn.append(DefinedName("本表支出", localSheetId=2, attr_text="'公开03表'!$E$7:$J$17"))
        dn.append(DefinedName("分类科目", attr_text="'公开03表'!$A$8:$D$17,'公开02表'!$A$8:$D$17"))

        ws = wb["公开01表"]
        ws.print_title_rows = "4:6"
        ws.print_area = "A1:F39"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top, ws.page_margins.bottom = 0.8, 0.6
        ws.page_margins.header, ws.page_margins.footer = 0.3, 0.3
        ws.oddHeader.center.text = "收入支出决算总表"
        ws.oddHeader.center.font = "宋体,加粗"
        ws.oddHeader.center.size = 14
        ws.oddFooter.left.text = "&A"
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.oddFooter.right.text = "&D"
        ws.print_options.horizontalCentered = True
        ws.print_options.gridLines = True
        ws.freeze_panes = "A7"
        ws.column_dimensions["A"].width = 34
        ws.column_dimensions["D"].width = 30
        ws.row_dimensions[1].height = 28
        for r in (41, 42):
            ws.row_dimensions[r].hidden = True
        ws.sheet_properties.tabColor = "C00000"
        ws.sheet_view.zoomScale = 90

        ws3 = wb["公开03表"]
        ws3.print_title_rows = "4:6"
        ws3.print_title_cols = "A:D"
        ws3.freeze_panes = "E7"
        ws3.column_dimensions["D"].width = 28
        ws3.page_setup.orientation = "landscape"
        wb["公开02表"].print_area = "A1:K18"
        wb["公开02表"].sheet_view.showGridLines = False
        wb["公开06表"].row_breaks.append(Break(id=20))
        wb["公开06表"].col_breaks.append(Break(id=5))

        w = wb.create_sheet("工作底稿")
        w["A1"] = "工作底稿（打印时隐藏第 3–5 行与 C 列）"
        w.merge_cells("A1:D1")
        for r, (a, b) in enumerate([("科目", "金额"), ("行政运行", 1230.98), ("信息化建设", 304.35),
                                     ("医疗保障政策管理", 49.16), ("医疗保障经办事务", 114.74), ("事业运行", 0.15)], 2):
            w.cell(r, 1, a)
            w.cell(r, 2, b)
            w.cell(r, 3, "内部")
        for r in (3, 4, 5):
            w.row_dimensions[r].hidden = True
            w.row_dimensions[r].outlineLevel = 1
        w.column_dimensions["C"].hidden = True
        w.column_dimensions["A"].width = 22
        w.merge_cells("A9:D10")
        w["A9"] = "合并单元格（两行四列）"
        lo = Table(displayName="底稿明细", ref="A2:B7")
        lo.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        w.add_table(lo)
        w.auto_filter.ref = "F2:G5"
        w["F2"], w["G2"] = "项目", "状态"
        for r, (a, b) in enumerate([("核对", "完成"), ("复核", "未完成"), ("归档", "完成")], 3):
            w.cell(r, 6, a)
            w.cell(r, 7, b)

    pkg = via_openpyxl(base_path(SR), edit)
    return pkg, ["defined-names", "defined-name-local", "defined-name-hidden", "defined-name-constant", "print-titles",
                 "print-area", "page-setup", "page-margins", "header-footer", "print-options", "page-breaks", "frozen-panes",
                 "column-widths", "row-heights", "hidden-rows", "hidden-columns", "outline-levels", "tab-color",
                 "extra-merges", "list-object-table", "auto-filter", "openpyxl-flavour"], [], (
        "Global, sheet-local, hidden and constant defined names; _xlnm.Print_Titles (rows 4:6 on 公开01表, rows 4:6 and "
        "columns A:D on 公开03表) and _xlnm.Print_Area; landscape A4 fit-to-width page setup, margins, header/footer with "
        "&P/&N/&A/&D codes, print options, row/column page breaks; frozen panes (A7, E7), column widths, row height, hidden "
        "empty rows 41–42 below 公开01表, tab colour, zoom; a new sheet 工作底稿 with hidden rows in an outline, a hidden "
        "column, extra merges, a ListObject table 底稿明细 (xl/tables/table1.xml) on A2:B7 and an autoFilter on F2:G5.")


def hidden_protected():
    def edit(wb):
        w = wb.create_sheet("底稿")
        w["A1"] = "隐藏的底稿"
        w["A2"] = "上年支出合计"
        w["B2"] = 4210532.18
        w.sheet_state = "hidden"
        w.protection.sheet = True
        w.protection.password = "juesuan"
        p = wb.create_sheet("参数")
        p["A1"] = "参数"
        p["A2"] = "尾数容差"
        p["B2"] = 0.01
        p.sheet_state = "veryHidden"
        wb["公开02表"].protection.sheet = True  # protected without a password

    pkg = via_openpyxl(base_path(XP), edit)
    P.protect_sheet_sha512(pkg, "公开01表", "juesuan", "corpus/hidden-protected/公开01表")
    P.protect_workbook_sha512(pkg, "juesuan", "corpus/hidden-protected/workbook")
    return pkg, ["hidden-sheet", "very-hidden-sheet", "sheet-protection-sha512", "sheet-protection-legacy-hash",
                 "sheet-protection-no-password", "workbook-protection-sha512", "openpyxl-flavour"], [], (
        "Sheets 底稿 (state=hidden, protected with the legacy 16-bit password hash openpyxl writes) and 参数 (veryHidden) "
        "after the tables; table sheet 公开01表 protected with an Excel 2013+ SHA-512 hash (salt, spinCount 100000) and "
        "公开02表 protected without a password; the workbook structure locked with a SHA-512 workbookProtection. "
        "The password everywhere is \"juesuan\". A writer that marks cells must cope with protected table sheets.")


def formulas_links():
    pkg = Package.load(base_path(SR))
    vals = base_values(SR)
    titles = {n: cell_value(vals, n, "A1") for n in vals}

    # 目录 (index) as the first tab: internal hyperlinks to each table and one external link.
    cells, links = [], []
    cells.append(("A1", sst_cell(pkg, "A1", "目　录")))
    for i, name in enumerate(vals, 3):
        cells.append((f"A{i}", sst_cell(pkg, f"A{i}", name)))
        cells.append((f"B{i}", sst_cell(pkg, f"B{i}", str(titles[name]))))
        links.append(f'<hyperlink ref="A{i}" location="\'{name}\'!A1" display="{esc(name)}"/>')
    last = 3 + len(vals) + 1
    cells.append((f"A{last}", sst_cell(pkg, f"A{last}", "财政部 部门决算公开")))
    toc = P.sheet_xml(rows_xml(cells), f"A1:B{last}",
                      extra_before_data='<sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="1" width="18" customWidth="1"/><col min="2" max="2" width="36" customWidth="1"/></cols>',
                      extra_after_data='<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>')
    toc_part = pkg.add_sheet("目录", toc, position=0)
    ext = pkg.add_rel(toc_part, REL + "hyperlink", "https://www.mof.gov.cn/", external=True)
    links.append(f'<hyperlink ref="A{last}" r:id="{ext}" tooltip="外部链接"/>')
    pkg.sheet_insert(toc_part, "hyperlinks", "<hyperlinks>" + "".join(links) + "</hyperlinks>")

    # 公开01表: its printed label links back to 目录 (the cell keeps its value); a check formula far right.
    p1 = pkg.sheet_part("公开01表")
    pkg.sheet_insert(p1, "hyperlinks", '<hyperlinks><hyperlink ref="F2" location="\'目录\'!A1" display="公开 01 表"/></hyperlinks>')
    c33, f33 = cell_value(vals, "公开01表", "C33"), cell_value(vals, "公开01表", "F33")
    xml = pkg.text(p1)
    lab = pkg.sst_append(["<t>收支差（核对）</t>"])[0]
    xml = append_to_row(xml, 32, 13, f'<c r="M32" t="s"><v>{lab}</v></c>')
    xml = append_to_row(xml, 33, 13, f'<c r="M33"><f>C33-F33</f><v>{P.fmt_num(c33 - f33)}</v></c>')
    xml = xml.replace('<dimension ref="A1:F39"/>', '<dimension ref="A1:N39"/>')
    xml = xml.replace("</mergeCells>", '<mergeCell ref="M32:N32"/></mergeCells>').replace('<mergeCells count="3">', '<mergeCells count="4">')
    pkg.set(p1, xml)

    # 核对: formulas with cached values, shared formulas down a column and across a row, array, string, bool, error.
    srcs = [("本年收入合计", "'公开01表'!C33"), ("本年支出合计", "'公开01表'!F33"), ("基本支出", "'公开03表'!F7"),
            ("项目支出", "'公开03表'!G7")]
    b = [cell_value(vals, s.split("!")[0].strip("'"), s.split("!")[1]) for _, s in srcs]
    b.append(b[0] - b[1])
    hdr = ["项目", "金额（万元）", "金额（元）", "占收入比", "结论"]
    cells = [(f"{chr(65 + i)}1", sst_cell(pkg, "", h)) for i, h in enumerate(hdr)]
    cells = [(ref, c.replace('r=""', f'r="{ref}"')) for ref, c in cells]
    labels = [s[0] for s in srcs] + ["收支差"]
    for i in range(5):
        r = i + 2
        cells.append((f"A{r}", sst_cell(pkg, f"A{r}", labels[i])))
        fb = srcs[i][1] if i < 4 else "B2-B3"
        cells.append((f"B{r}", f'<c r="B{r}"><f>{esc(fb)}</f><v>{P.fmt_num(b[i])}</v></c>'))
        fc = f'<f t="shared" ref="C2:C6" si="0">B2*10000</f>' if i == 0 else '<f t="shared" si="0"/>'
        cells.append((f"C{r}", f'<c r="C{r}">{fc}<v>{P.fmt_num(b[i] * 10000)}</v></c>'))
        fd = f'<f t="shared" ref="D2:D6" si="1">IF($B$2=0,0,B2/$B$2)</f>' if i == 0 else '<f t="shared" si="1"/>'
        cells.append((f"D{r}", f'<c r="D{r}" s="2">{fd}<v>{P.fmt_num(b[i] / b[0])}</v></c>'))
    cells.append(("E2", f'<c r="E2" t="str"><f>IF(ABS(B2-B3)&lt;0.005,"收支平衡","收支不平衡")</f><v>{"收支平衡" if abs(b[0] - b[1]) < 0.005 else "收支不平衡"}</v></c>'))
    cells.append(("E3", f'<c r="E3" t="b"><f>ROUND(B4+B5,2)=B3</f><v>{1 if round(b[2] + b[3], 2) == b[1] else 0}</v></c>'))
    cells.append(("E4", '<c r="E4" t="e"><f>B4/0</f><v>#DIV/0!</v></c>'))
    cells.append(("E5", f'<c r="E5"><f t="array" ref="E5">SUM(B4:B5*1)</f><v>{P.fmt_num(b[2] + b[3])}</v></c>'))
    cells.append(("A8", sst_cell(pkg, "A8", "注：本表为核对用工作表，公式引用各公开表，缓存值由生成脚本按基表数值计算。")))
    cells.append(("A10", sst_cell(pkg, "A10", "两行之和")))
    for j, col in enumerate("BCD"):
        f = '<f t="shared" ref="B10:D10" si="2">B2+B3</f>' if j == 0 else '<f t="shared" si="2"/>'
        v = [b[0] + b[1], b[0] * 10000 + b[1] * 10000, b[0] / b[0] + b[1] / b[0]][j]
        cells.append((f"{col}10", f'<c r="{col}10">{f}<v>{P.fmt_num(v)}</v></c>'))
    chk = P.sheet_xml(rows_xml(cells), "A1:E10",
                      extra_before_data='<sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="1" width="16" customWidth="1"/><col min="2" max="5" width="14" customWidth="1"/></cols>',
                      extra_after_data='<mergeCells count="1"><mergeCell ref="A8:E8"/></mergeCells>')
    chk_part = pkg.add_sheet("核对", chk)
    sid_chk = next(s["sheetId"] for s in pkg.sheets() if s["name"] == "核对")
    sid_01 = next(s["sheetId"] for s in pkg.sheets() if s["name"] == "公开01表")
    chain = [f'<c r="M33" i="{sid_01}"/>'] + [f'<c r="{c}{r}" i="{sid_chk}"/>' for r in range(2, 7) for c in "BCD"]
    chain += [f'<c r="{c}" i="{sid_chk}"/>' for c in ("E2", "E3", "E4", "E5", "B10", "C10", "D10")]
    pkg.set("xl/calcChain.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="{NS_MAIN}">{"".join(chain)}</calcChain>')
    pkg.add_override("xl/calcChain.xml", CT["calcChain"])
    pkg.add_rel("xl/workbook.xml", REL + "calcChain", "calcChain.xml")
    pkg.set("xl/workbook.xml", pkg.text("xl/workbook.xml").replace('<calcPr calcId="171027"/>', '<calcPr calcId="171027" fullCalcOnLoad="0"/>'))
    return pkg, ["hyperlink-internal", "hyperlink-external", "hyperlink-on-table-cell", "formula-cached", "shared-formula",
                 "array-formula", "formula-str", "formula-bool", "formula-error", "cross-sheet-formula", "calc-chain",
                 "extra-merges", "index-sheet-first", "cells-right-of-table", "exceljs-flavour"], [toc_part, chk_part, "xl/calcChain.xml"], (
        "The base package edited by hand. A first tab 目录 with internal hyperlinks (location='公开NN表'!A1) to every table "
        "and an external one (r:id, TargetMode=External); a hyperlink on the table cell 公开01表!F2 (value kept); far right "
        "of 公开01表 a merged label M32:N32 and M33 =C33-F33 (cached 0); a last sheet 核对 with cross-sheet formulas, shared "
        "formulas down a column (C2:C6, D2:D6) and across a row (B10:D10), an array formula, str/bool/error results, all with "
        "cached values computed from the base; xl/calcChain.xml. Inserting 目录 first shifts every table sheet's index "
        "by one (sheet names and cells unchanged).")


def pivot_libreoffice():
    pkg = via_libreoffice("pivot", base_path(XP))
    piv = sorted(n for n in pkg.entries if n.startswith("xl/pivot"))
    return pkg, ["pivot-table", "pivot-cache", "libreoffice-flavour"], piv, (
        "Made by LibreOffice headless through UNO (scripts/corpus/lo_uno.py pivot): the base opened, a data sheet 透视数据 and "
        "a DataPilot 支出透视 on sheet 透视表 (rows 科目类, columns 支出性质, sum of 金额) added, stored as \"Calc MS Excel 2007 "
        "XML\". Everything is in LibreOffice's flavour: see libreoffice-saved.xlsx.")


def libreoffice_saved():
    pkg = via_libreoffice("resave", base_path(SR))
    return pkg, ["libreoffice-flavour", "sst-rich-runs-mixed-fonts", "bool-attrs-true-false", "docprops-custom"], ["docProps/custom.xml"], (
        "The base opened and stored by LibreOffice (Calc MS Excel 2007 XML) with no other change: LibreOffice's own flavour "
        "(see README: rich-text shared strings split by script font, true/false boolean attributes, every row with ht and "
        "flags, t=\"n\" written on numbers, workbook.xml.rels without standalone).")


def absolute_targets():
    def edit(wb):
        ws = wb["公开01表"]
        ws.add_image(seal_image("H30"))
        ws["C7"].comment = Comment("绝对路径目标的样例。", "财务科")
        w = wb.create_sheet("链接")
        w["A1"] = "财政部"
        w["A1"].hyperlink = "https://www.mof.gov.cn/"

    pkg = via_openpyxl(base_path(XP), edit)
    changed = []
    for n in sorted(pkg.entries):
        if not n.endswith(".rels"):
            continue
        src_dir = os.path.dirname(os.path.dirname(n))
        src = os.path.join(src_dir, os.path.basename(n)[: -len(".rels")]) if n != "_rels/.rels" else ""
        xml = pkg.text(n)

        def absolute(m):
            attrs = m.group(0)
            if 'TargetMode="External"' in attrs:
                return attrs
            t = re.search(r'Target="([^"]*)"', attrs).group(1)
            if t.startswith("/"):
                return attrs
            return attrs.replace(f'Target="{t}"', f'Target="/{pkg.resolve(src, t)}"')

        new = re.sub(r"<Relationship\b[^>]*>", absolute, xml)
        if new != xml:
            pkg.set(n, new)
            changed.append(n)
    return pkg, ["absolute-rel-targets", "image-png", "comments-legacy", "hyperlink-external", "openpyxl-flavour"], None, (
        "Rewritten by openpyxl (with a picture and a note on 公开01表 and an external hyperlink on a new sheet 链接), then "
        "every internal relationship Target in every .rels made an absolute part name (/xl/workbook.xml, "
        "/xl/worksheets/sheet1.xml, /xl/drawings/drawing1.xml, /xl/media/image1.png …), as some generators write them "
        "(openpyxl itself already writes the workbook's targets absolute). Changed: " + ", ".join(changed) + ".")


def prefix_spreadsheetml(xml: str) -> str:
    """Default-namespace spreadsheetml → prefix x: (as the Open XML SDK writes), for parts whose unprefixed elements
    are all in the main namespace."""
    assert f'xmlns="{NS_MAIN}"' in xml
    xml = xml.replace(f'xmlns="{NS_MAIN}"', f'xmlns:x="{NS_MAIN}"', 1)
    xml = re.sub(r"<(/?)(?![\w.\-]+:)([A-Za-z_][\w.\-]*)(?=[\s/>])", lambda m: f"<{m.group(1)}x:{m.group(2)}", xml)
    xml = re.sub(r'^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>\n?', '<?xml version="1.0" encoding="utf-8"?>', xml)
    return xml


def dotnet_prefixed():
    pkg = Package.load(base_path(SR))
    # An extra sheet as .NET exporters write it: strings as t="str" without a formula, numbers with t="n".
    cells = [("A1", '<c r="A1" t="str"><v>导出信息</v></c>'), ("A2", '<c r="A2" t="str"><v>导出程序</v></c>'),
             ("B2", '<c r="B2" t="str"><v>DocumentFormat.OpenXml</v></c>'), ("A3", '<c r="A3" t="str"><v>表数</v></c>'),
             ("B3", '<c r="B3" t="n"><v>12</v></c>')]
    pkg.add_sheet("导出信息", P.sheet_xml(rows_xml(cells), "A1:B3"))
    prefixed = []
    ct = pkg.text("[Content_Types].xml")
    for n in sorted(pkg.entries):
        if not n.endswith(".xml"):
            continue
        t = re.search(r'PartName="/%s" ContentType="([^"]+)"' % re.escape(n), ct)
        if t and "spreadsheetml" in t.group(1) and f'xmlns="{NS_MAIN}"' in pkg.text(n):
            pkg.set(n, prefix_spreadsheetml(pkg.text(n)))
            prefixed.append(n)
    # Relationship ids as the SDK makes them (R + 16 hex digits), changed consistently in workbook.xml.
    rels = pkg.text("xl/_rels/workbook.xml.rels")
    wb = pkg.text("xl/workbook.xml")
    for rid in re.findall(r'Id="(rId\d+)"', rels):
        new = "R" + guid("dotnet/" + rid).strip("{}").replace("-", "").lower()[:16]
        rels = rels.replace(f'Id="{rid}"', f'Id="{new}"')
        wb = wb.replace(f'r:id="{rid}"', f'r:id="{new}"')
    pkg.set("xl/_rels/workbook.xml.rels", rels)
    pkg.set("xl/workbook.xml", wb)
    return pkg, ["prefixed-spreadsheetml-namespace", "dotnet-rel-ids", "t-str-without-formula", "exceljs-flavour"], [], (
        "Every spreadsheetml part (workbook, worksheets, sharedStrings, styles) rewritten with the main namespace bound to "
        "the prefix x (<x:worksheet xmlns:x=…>, <x:c>, <x:v>, <x:si><x:t>) and an XML declaration in lower case without "
        "standalone, as the Open XML SDK writes; the workbook's relationship ids are SDK-style (R + hex); an extra sheet "
        "导出信息 with strings written as t=\"str\" without a formula (as .NET exporters do).")


def cell_types():
    pkg = Package.load(base_path(XP))
    date_s = P.add_xf(pkg, 14)
    date_cn = P.add_xf(pkg, 176, 'yyyy"年"m"月"d"日"')
    dt_s = P.add_xf(pkg, 22)
    pct = P.add_xf(pkg, 10)
    bold = P.add_xf(pkg, 0, bold=True)
    # phoneticPr in every shared string, as Excel for a CJK locale writes them (values unchanged)
    sst = pkg.text("xl/sharedStrings.xml")
    sst = re.sub(r"</si>", '<phoneticPr fontId="1" type="noConversion"/></si>', sst)
    # two table strings rewritten as Excel keeps edited text: runs (a bold part) and a phonetic run; the string value
    # (the <t> of the runs, never of <rPh>) is exactly the base's
    sst = sst.replace('<si><t>收入支出决算表</t><phoneticPr fontId="1" type="noConversion"/></si>',
                      '<si><r><rPr><b/><sz val="16"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t>收入支出</t></r>'
                      '<r><rPr><b/><sz val="16"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t>决算表</t></r>'
                      '<phoneticPr fontId="1" type="noConversion"/></si>', 1)
    assert "<t>收入支出</t>" in sst
    sst = sst.replace('<si><t>金额单位：元</t><phoneticPr fontId="1" type="noConversion"/></si>',
                      '<si><t>金额单位：元</t><rPh sb="0" eb="4"><t>jīn é dān wèi</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>')
    assert "jīn é" in sst
    pkg.set("xl/sharedStrings.xml", sst)

    rich = pkg.sst_append([
        '<r><t>新平</t></r><r><rPr><b/><sz val="11"/><color rgb="FFC00000"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr>'
        '<t>彝族傣族自治县</t></r><rPh sb="0" eb="2"><t>xīn píng</t></rPh><phoneticPr fontId="1" type="noConversion"/>',
        '<t>决算</t><rPh sb="0" eb="2"><t>jué suàn</t></rPh><phoneticPr fontId="1" type="noConversion"/>',
        '<t xml:space="preserve">  前后有空格  </t>',
        '<t>第一行\n第二行</t>',
        '<t>_x000D_换行符转义与 _x0041_</t>',
    ])
    c = [
        ("A1", '<c r="A1" s="%d" t="inlineStr"><is><t>单元格类型样例</t></is></c>' % bold),
        ("A2", P.is_cell("A2", "内联字符串")),
        ("B2", '<c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t>内联</t></r><r><t>富文本</t></r></is></c>'),
        ("C2", P.is_cell("C2", "  带空格  ")),
        ("A3", f'<c r="A3" t="s"><v>{rich[0]}</v></c>'), ("B3", f'<c r="B3" t="s"><v>{rich[1]}</v></c>'),
        ("C3", f'<c r="C3" t="s"><v>{rich[2]}</v></c>'), ("D3", f'<c r="D3" t="s"><v>{rich[3]}</v></c>'),
        ("E3", f'<c r="E3" t="s"><v>{rich[4]}</v></c>'),
        ("A4", f'<c r="A4" s="{date_s}"><v>44926</v></c>'), ("B4", f'<c r="B4" s="{date_cn}"><v>44926</v></c>'),
        ("C4", f'<c r="C4" s="{dt_s}"><v>44926.5</v></c>'), ("D4", f'<c r="D4" s="{date_s}" t="d"><v>2022-12-31T00:00:00</v></c>'),
        ("A5", '<c r="A5" t="e"><v>#REF!</v></c>'), ("B5", '<c r="B5" t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
        ("C5", '<c r="C5" t="e"><f>NA()</f><v>#N/A</v></c>'), ("D5", '<c r="D5" t="e"><f>#REF!+1</f><v>#REF!</v></c>'),
        ("E5", '<c r="E5" t="e"><v>#VALUE!</v></c>'), ("F5", '<c r="F5" t="e"><v>#NAME?</v></c>'),
        ("A6", '<c r="A6" t="b"><v>1</v></c>'), ("B6", '<c r="B6" t="b"><v>0</v></c>'),
        ("C6", '<c r="C6" t="b"><f>TRUE()</f><v>1</v></c>'),
        ("A7", '<c r="A7" t="str"><f>"公式"&amp;"字符串"</f><v>公式字符串</v></c>'),
        ("B7", '<c r="B7"><v>1.5E-3</v></c>'), ("C7", f'<c r="C7" s="{pct}"><v>0.125</v></c>'),
        ("D7", '<c r="D7"><v>-4593144.3</v></c>'), ("E7", '<c r="E7" t="n"><v>123456789012.5</v></c>'),
        ("F7", f'<c r="F7" s="{bold}"/>'),
    ]
    body = rows_xml(c, {8: ' spans="1:3" ht="6" customHeight="1"'})
    # rows and cells without r attributes (allowed by the schema): rows 9–11 follow row 8, cells follow their left
    # neighbour; one row with r and cells without, one without r and cells with.
    body += ('<row><c t="inlineStr"><is><t>无 r 属性的行</t></is></c><c><v>1</v></c><c><v>2</v></c><c t="b"><v>1</v></c></row>'
             '<row r="10"><c t="inlineStr"><is><t>有 r 的行，无 r 的格</t></is></c><c><v>3.25</v></c></row>'
             '<row><c r="A11" t="inlineStr"><is><t>无 r 的行，有 r 的格</t></is></c><c r="C11"><v>4</v></c><c><v>5</v></c></row>')
    xml = P.sheet_xml(body, "A1:F11", extra_before_data='<cols><col min="1" max="6" width="18" customWidth="1"/></cols>')
    part = pkg.add_sheet("单元格类型", xml)
    return pkg, ["inline-string", "inline-rich-text", "sst-rich-text", "sst-phonetic-runs", "sst-phonetic-props",
                 "sst-rich-table-string", "sst-phonetic-table-string", "sst-escaped-chars", "preserved-spaces", "date-cells",
                 "date-iso-cell", "error-values", "boolean-cells", "formula-str", "rows-without-r", "cells-without-r",
                 "styled-empty-cell", "scientific-number", "exceljs-flavour"], [part], (
        "The base package edited by hand. A new sheet 单元格类型: inline strings (plain, rich, with spaces), shared strings with "
        "rich runs and phonetic runs (<rPh>, whose text is not part of the value), escaped _xHHHH_ characters, dates "
        "(numFmt 14, a custom 年月日 format, 22, and an ISO t=\"d\" cell), error values (#REF!, #DIV/0!, #N/A, #VALUE!, #NAME?, "
        "literal and as cached formula results), booleans, a formula string, 1.5E-3, a styled empty cell, and rows 9–11 written "
        "without r attributes on rows and/or cells. In the table strings: every <si> gets <phoneticPr> (as CJK Excel writes), "
        "the title 收入支出决算表 of 公开01表 becomes two bold runs, and 金额单位：元 carries a phonetic run; the values are "
        "the base's (runs' <t> joined, rPh excluded), so a reader that joins every <t> under <si> will misread the unit.")


def package_extras():
    pkg = Package.load(base_path(SR))
    written = []
    # customXml with its item properties
    pkg.set("customXml/item1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                                   '<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" '
                                   'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" SelectedStyle="\\APASixthEditionOfficeOnline.xsl" '
                                   'StyleName="APA" Version="6"></b:Sources>')
    pkg.set("customXml/itemProps1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                                        f'<ds:datastoreItem ds:itemID="{guid("customXml/item1")}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
                                        '<ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/></ds:schemaRefs></ds:datastoreItem>')
    pkg.add_override("customXml/itemProps1.xml", CT["customXmlProps"])
    pkg.add_rel("customXml/item1.xml", REL + "customXmlProps", "itemProps1.xml")
    pkg.add_rel("xl/workbook.xml", REL + "customXml", "../customXml/item1.xml")
    written += ["customXml/item1.xml", "customXml/itemProps1.xml", "customXml/_rels/item1.xml.rels"]
    # docProps/custom.xml, as WPS writes it
    pkg.set("docProps/custom.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                   '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                                   'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                                   '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-11.1.0.12763</vt:lpwstr></property>'
                                   '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV"><vt:lpwstr>3D4C2A1B0E9F4A6B8C7D5E4F3A2B1C0D</vt:lpwstr></property>'
                                   '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="编制单位"><vt:lpwstr>上饶市医疗保障局</vt:lpwstr></property>'
                                   '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="5" name="年度"><vt:i4>2022</vt:i4></property>'
                                   '</Properties>')
    pkg.add_override("docProps/custom.xml", CT["custom"])
    pkg.add_rel("", REL + "custom-properties", "docProps/custom.xml")
    written.append("docProps/custom.xml")
    # an external link (last year's workbook), a name and a formula that use it
    pkg.set("xl/externalLinks/externalLink1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                                  f'<externalLink xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><externalBook r:id="rId1"><sheetNames><sheetName val="公开01表"/></sheetNames>'
                                                  '<sheetDataSet><sheetData sheetId="0"><row r="33"><cell r="C33"><v>1650.12</v></cell><cell r="F33"><v>1650.12</v></cell></row></sheetData></sheetDataSet>'
                                                  '</externalBook></externalLink>')
    pkg.add_override("xl/externalLinks/externalLink1.xml", CT["externalLink"])
    pkg.add_rel("xl/externalLinks/externalLink1.xml", REL + "externalLinkPath", "上饶市医疗保障局2021年度部门决算.xlsx", external=True, rid="rId1")
    erid = pkg.add_rel("xl/workbook.xml", REL + "externalLink", "externalLinks/externalLink1.xml")
    pkg.workbook_insert("externalReferences", f'<externalReferences><externalReference r:id="{erid}"/></externalReferences>')
    pkg.add_defined_names(['<definedName name="上年收入合计">[1]公开01表!$C$33</definedName>'])
    written += ["xl/externalLinks/externalLink1.xml", "xl/externalLinks/_rels/externalLink1.xml.rels"]
    # WPS cell images (xl/cellimages.xml) and the DISPIMG formula WPS puts in the cell
    pkg.set("xl/media/image1.png", P.png(48, 48))
    pkg.add_default("png", CT["png"])
    img_id = "ID_" + guid("wps/cellimage").strip("{}").replace("-", "")[:32]
    pkg.set("xl/cellimages.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                 '<etc:cellImages xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
                                 f'xmlns:r="{NS_R}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                                 'xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"><etc:cellImage><xdr:pic><xdr:nvPicPr>'
                                 f'<xdr:cNvPr id="2" name="{img_id}" descr="公章"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>'
                                 '<xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
                                 '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="457200" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
                                 '</xdr:pic></etc:cellImage></etc:cellImages>')
    pkg.add_override("xl/cellimages.xml", "application/vnd.wps-officedocument.cellimage+xml")
    pkg.add_rel("xl/cellimages.xml", REL + "image", "media/image1.png", rid="rId1")
    pkg.add_rel("xl/workbook.xml", P.REL_WPS_CELLIMAGE, "cellimages.xml")
    written += ["xl/cellimages.xml", "xl/_rels/cellimages.xml.rels", "xl/media/image1.png"]
    # a sheet using both
    cells = [("A1", P.is_cell("A1", "上年对比")), ("A2", P.is_cell("A2", "上年本年收入合计")),
             ("B2", '<c r="B2"><f>[1]公开01表!$C$33</f><v>1650.12</v></c>'),
             ("A3", P.is_cell("A3", "单元格图片（WPS）")),
             ("B3", f'<c r="B3" t="str"><f>_xlfn.DISPIMG("{img_id}",1)</f><v>=DISPIMG("{img_id}",1)</v></c>')]
    part = pkg.add_sheet("上年对比", P.sheet_xml(rows_xml(cells), "A1:B3"))
    written.append(part)
    # printer settings of 公开01表 (a DEVMODEW blob, as Windows Excel keeps it)
    pkg.set("xl/printerSettings/printerSettings1.bin", P.devmode())
    pkg.add_default("bin", CT["printerSettings"])
    p1 = pkg.sheet_part("公开01表")
    prid = pkg.add_rel(p1, REL + "printerSettings", "../printerSettings/printerSettings1.bin")
    pkg.set(p1, pkg.text(p1).replace('fitToHeight="1"/>', f'fitToHeight="1" r:id="{prid}"/>'))
    written.append("xl/printerSettings/printerSettings1.bin")
    # a ribbon customisation part and parts nobody knows: an unknown override and an unknown default extension
    pkg.set("customUI/customUI14.xml", '<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon><tabs>'
                                       '<tab id="juesuanTab" label="决算公开"><group id="g1" label="审核"/></tab></tabs></ribbon></customUI>')
    pkg.add_rel("", "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility", "customUI/customUI14.xml")
    pkg.set("xl/juesuan/extension1.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<ext xmlns="urn:example:juesuan:unknown"><item key="corpus">package-extras</item></ext>')
    pkg.add_override("xl/juesuan/extension1.xml", "application/vnd.example.juesuan-extension+xml")
    pkg.add_rel("xl/workbook.xml", "http://schemas.example.org/juesuan/2023/relationships/extension", "juesuan/extension1.xml")
    pkg.set("xl/juesuan/blob1.dat", bytes(range(256)))
    pkg.add_default("dat", "application/vnd.example.juesuan-blob")
    pkg.add_rel("xl/juesuan/extension1.xml", "http://schemas.example.org/juesuan/2023/relationships/blob", "blob1.dat")
    written += ["customUI/customUI14.xml", "xl/juesuan/extension1.xml", "xl/juesuan/_rels/extension1.xml.rels", "xl/juesuan/blob1.dat"]
    # workbook.xml as Excel 2016+ writes it: absPath in mc:AlternateContent, xr:revisionPtr
    wb = pkg.text("xl/workbook.xml")
    wb = wb.replace('mc:Ignorable="x15"', 'mc:Ignorable="x15 xr xr6 xr10"')
    wb = wb.replace('xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"',
                    'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
                    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
                    'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" '
                    'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10"')
    pkg.set("xl/workbook.xml", wb)
    pkg.workbook_insert("AlternateContent",
                        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x15">'
                        '<x15ac:absPath url="D:\\财务\\2022决算公开\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/>'
                        '</mc:Choice></mc:AlternateContent>')
    pkg.workbook_insert("revisionPtr", f'<xr:revisionPtr revIDLastSave="0" documentId="8_{{{guid("rev").strip("{}")}}}" xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" xr10:uidLastSave="{{00000000-0000-0000-0000-000000000000}}"/>')
    return pkg, ["custom-xml", "docprops-custom", "external-link", "defined-name-external", "formula-external-ref",
                 "wps-cellimages", "wps-dispimg-formula", "printer-settings-bin", "custom-ui", "unknown-override-part",
                 "unknown-default-extension", "unknown-relationship-type", "workbook-alternate-content", "exceljs-flavour"], written, (
        "The base package edited by hand with parts a reader must never need: customXml/item1.xml + itemProps1.xml, "
        "docProps/custom.xml (WPS's KSOProductBuildVer/ICV and two Chinese-named properties), an external link to last "
        "year's workbook (xl/externalLinks/externalLink1.xml, TargetMode=External, cached values) with a defined name and a "
        "formula [1]公开01表!$C$33 on a new sheet 上年对比, WPS cell images (xl/cellimages.xml, relationship "
        "http://www.wps.cn/officeDocument/2020/cellImage) with the DISPIMG formula WPS writes, a DEVMODE printer settings "
        "part for 公开01表, a ribbon customUI part, an unknown xml part (own content type and relationship type) with an "
        "unknown .dat part behind it, and workbook.xml with Excel 2016's mc:AlternateContent absPath and xr:revisionPtr.")


def kitchen_sink():
    lo = via_libreoffice("pivot", base_path(XP))
    tmp = tempfile.mkdtemp(prefix="juesuan-corpus-")
    try:
        src = os.path.join(tmp, "lo.xlsx")
        lo.save(src)

        def edit(wb):
            ws = wb["公开01表"]
            pie = PieChart()
            pie.title = "收支结构图"
            pie.add_data(Reference(ws, min_col=6, min_row=14, max_row=15), titles_from_data=False)
            pie.set_categories(Reference(ws, min_col=4, min_row=14, max_row=15))
            ws.add_chart(pie, "H14")
            ws.add_image(seal_image("H30"))
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            dv.add("C7:C35")
            dv.add("F7:F35")
            ws.add_data_validation(dv)
            ws.conditional_formatting.add("C7:C35", CellIsRule(operator="lessThan", formula=["0"],
                                                                fill=PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")))
            ws.freeze_panes = "A7"
            ws.print_title_rows = "4:6"
            ws.print_area = "A1:F37"
            ws.page_setup.orientation = "landscape"
            ws.oddFooter.center.text = "第 &P 页，共 &N 页"
            ws.column_dimensions["D"].width = 30
            ws.row_dimensions[40].hidden = True
            ws2 = wb["公开02表"]
            ws2["A1"].comment = Comment("收入决算表：请核对款级合计。", "审核组")
            ws2.freeze_panes = "A8"
            wb.defined_names.append(DefinedName("收入合计", attr_text="'公开01表'!$C$33"))
            wb.defined_names.append(DefinedName("本表支出", localSheetId=2, attr_text="'公开03表'!$E$7:$J$27"))
            cs = wb.create_chartsheet("支出图")
            bar = BarChart()
            bar.title = "支出按功能分类"
            for row in (7, 14, 15, 25):
                s = Series(Reference(ws, min_col=6, min_row=row), title_from_data=False)
                s.tx = SeriesLabel(strRef=StrRef(f"'公开01表'!$D${row}"))
                bar.series.append(s)
            cs.add_chart(bar)
            h = wb.create_sheet("底稿")
            h["A1"] = "隐藏底稿"
            h.sheet_state = "hidden"
            h.protection.sheet = True
            h.protection.password = "juesuan"
            v = wb.create_sheet("参数")
            v["A1"] = "尾数容差"
            v["B1"] = 0.01
            v.sheet_state = "veryHidden"
            t = wb.create_sheet("目录")
            for i, name in enumerate(["公开01表", "公开02表", "公开03表"], 1):
                t.cell(i, 1, name).hyperlink = f"#'{name}'!A1"
            t["A5"] = "财政部"
            t["A5"].hyperlink = "https://www.mof.gov.cn/"
            t.merge_cells("A7:C8")
            t["A7"] = "合并的说明"

        pkg = via_openpyxl(src, edit)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    extra = []
    extra.append(P.add_shapes(pkg, "公开01表", 13, 1, "说明：本表数据为决算数。"))
    extra += P.add_comments(pkg, "公开03表", notes=[],
                            threads=[("E7", [("张会计", "2023-05-30T09:00:00.00", "合计含基本支出和项目支出。"),
                                             ("李审核", "2023-05-30T09:30:00.00", "已复核。")])], persons=PERSONS)
    P.add_x14_list_validation(pkg, "公开01表", "N7:N35", "参数!$A$1:$A$1")
    P.protect_sheet_sha512(pkg, "公开04表", "juesuan", "corpus/kitchen-sink/公开04表")
    P.protect_workbook_sha512(pkg, "juesuan", "corpus/kitchen-sink/workbook")
    # formulas with cached values, a shared formula, inline strings, errors, booleans, rows without r
    vals = base_values(XP)
    c7 = cell_value(vals, "公开01表", "C7")
    e = [("A1", P.is_cell("A1", "核对")), ("A2", P.is_cell("A2", "收入")),
         ("B2", f'<c r="B2"><f>\'公开01表\'!C7</f><v>{P.fmt_num(c7)}</v></c>'),
         ("C2", f'<c r="C2"><f t="shared" ref="C2:C3" si="0">B2/10000</f><v>{P.fmt_num(c7 / 10000)}</v></c>'),
         ("A3", P.is_cell("A3", "支出")),
         ("B3", f'<c r="B3"><f>\'公开01表\'!F33</f><v>{P.fmt_num(cell_value(vals, "公开01表", "F33"))}</v></c>'),
         ("C3", f'<c r="C3"><f t="shared" si="0"/><v>{P.fmt_num(cell_value(vals, "公开01表", "F33") / 10000)}</v></c>'),
         ("A4", '<c r="A4" t="e"><v>#REF!</v></c>'), ("B4", '<c r="B4" t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
         ("C4", '<c r="C4" t="b"><v>1</v></c>')]
    body = rows_xml(e) + '<row><c t="inlineStr"><is><t>无 r</t></is></c><c><v>7</v></c></row>'
    extra.append(pkg.add_sheet("核对", P.sheet_xml(body, "A1:C7")))
    rich = pkg.sst_append(['<r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r><rPh sb="0" eb="1"><t>fù</t></rPh><phoneticPr fontId="0" type="noConversion"/>'])
    p = pkg.sheet_part("核对")
    pkg.set(p, pkg.text(p).replace("</sheetData>", f'<row r="7"><c r="A7" t="s"><v>{rich[0]}</v></c></row></sheetData>'))
    # package-level extras
    pkg.set("customXml/item1.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<root xmlns="urn:example:juesuan:custom">kitchen-sink</root>')
    pkg.set("customXml/itemProps1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                                        f'<ds:datastoreItem ds:itemID="{guid("kitchen/customXml")}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>')
    pkg.add_override("customXml/itemProps1.xml", CT["customXmlProps"])
    pkg.add_rel("customXml/item1.xml", REL + "customXmlProps", "itemProps1.xml")
    pkg.add_rel("xl/workbook.xml", REL + "customXml", "../customXml/item1.xml")
    pkg.set("xl/cellimages.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                 '<etc:cellImages xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"/>')
    pkg.add_override("xl/cellimages.xml", "application/vnd.wps-officedocument.cellimage+xml")
    pkg.add_rel("xl/workbook.xml", P.REL_WPS_CELLIMAGE, "cellimages.xml")
    pkg.set("xl/juesuan/extension1.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<ext xmlns="urn:example:juesuan:unknown"/>')
    pkg.add_override("xl/juesuan/extension1.xml", "application/vnd.example.juesuan-extension+xml")
    pkg.add_rel("xl/workbook.xml", "http://schemas.example.org/juesuan/2023/relationships/extension", "juesuan/extension1.xml")
    extra += ["customXml/item1.xml", "customXml/itemProps1.xml", "xl/cellimages.xml", "xl/juesuan/extension1.xml"]
    extra += sorted(n for n in pkg.entries if n.startswith(("xl/pivot", "xl/charts/", "xl/chartsheets/", "xl/media/")))
    return pkg, ["kitchen-sink", "libreoffice-then-openpyxl", "pivot-table", "chart-pie", "chart-bar", "chartsheet", "image-png",
                 "shape", "textbox", "group-shape", "data-validation-decimal", "x14-data-validation", "conditional-formatting",
                 "comments-legacy", "comments-threaded", "defined-names", "defined-name-local", "print-titles", "print-area",
                 "page-setup", "header-footer", "frozen-panes", "column-widths", "hidden-rows", "hidden-sheet",
                 "very-hidden-sheet", "sheet-protection-sha512", "sheet-protection-legacy-hash", "workbook-protection-sha512",
                 "hyperlink-internal", "hyperlink-external", "extra-merges", "shared-formula", "formula-cached", "inline-string",
                 "sst-phonetic-runs", "error-values", "boolean-cells", "rows-without-r", "custom-xml", "wps-cellimages",
                 "unknown-override-part", "openpyxl-flavour"], sorted(set(extra)), (
        "Most features on one workbook: the 新平 base through LibreOffice (pivot table on 透视表 from 透视数据), then openpyxl "
        "(pie chart, picture, validation, conditional format, note on 公开02表, names, print setup, frozen panes, chartsheet "
        "支出图, hidden 底稿 with a legacy password, veryHidden 参数, 目录 with hyperlinks and a merge), then by hand (shapes "
        "in the same drawing as the chart and picture, a threaded comment with reply on 公开03表, an x14 list validation, "
        "SHA-512 protection of 公开04表 and of the workbook, a 核对 sheet with shared formulas, inline strings, errors, "
        "booleans and a row without r, a rich shared string with a phonetic run, customXml, an empty WPS cellimages part, an "
        "unknown part). LibreOffice's rich runs in the table strings were flattened by openpyxl.")


RECIPES = [
    ("charts-pie-bar.xlsx", SR, charts_pie_bar),
    ("chartsheet.xlsx", XP, chartsheet),
    ("images-shapes.xlsx", SR, images_shapes),
    ("validation-condformat.xlsx", XP, validation_condformat),
    ("comments-legacy.xlsx", SR, comments_legacy),
    ("comments-threaded.xlsx", XP, comments_threaded),
    ("names-print-layout.xlsx", SR, names_print_layout),
    ("hidden-protected.xlsx", XP, hidden_protected),
    ("formulas-links.xlsx", SR, formulas_links),
    ("pivot-libreoffice.xlsx", XP, pivot_libreoffice),
    ("libreoffice-saved.xlsx", SR, libreoffice_saved),
    ("absolute-targets.xlsx", XP, absolute_targets),
    ("dotnet-prefixed.xlsx", SR, dotnet_prefixed),
    ("cell-types.xlsx", XP, cell_types),
    ("package-extras.xlsx", SR, package_extras),
    ("kitchen-sink.xlsx", XP, kitchen_sink),
]


STRUCTURAL = re.compile(r"^(\[Content_Types\]\.xml|_rels/\.rels|xl/_rels/workbook\.xml\.rels|xl/worksheets/_rels/.*|xl/chartsheets/_rels/.*)$")
COMMENT_PARTS = re.compile(r"^xl/(comments/?[^/]*\.xml|drawings/(vmlDrawing|commentsDrawing)[^/]*\.vml|threadedComments/.*|persons/.*)$")


def extra_parts(pkg: Package, base: str, listed) -> Tuple[List[str], List[str]]:
    """(parts, commentParts). parts: the extras a writer has no reason to change, to survive byte for byte: every
    part the base has no part of that name for, and those the recipe lists, less the package's structure (content
    types, the workbook's and the worksheets' relationships). commentParts: existing notes and threads, which a
    writer that adds notes on those sheets extends, keeping what they hold."""
    basep = Package.load(base_path(base))
    names = {n for n in pkg.entries if n not in basep.entries} | {n for n in (listed or []) if n in pkg.entries}
    names = {n for n in names if not STRUCTURAL.match(n)}
    comments = sorted(n for n in names if COMMENT_PARTS.match(n))
    return sorted(names - set(comments)), comments


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--out", default=os.path.join(ROOT, "test", "data", "corpus"))
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--findings", action="store_true", help="also compare `juesuan check --json` with the base")
    ap.add_argument("--no-verify", action="store_true")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    manifest_path = os.path.join(args.out, "manifest.json")
    manifest = []
    if args.only and os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            manifest = [m for m in json.load(f) if m["file"] not in args.only]
    built = []
    for fname, base, recipe in RECIPES:
        if args.only and fname not in args.only:
            continue
        pkg, features, extra, notes = recipe()
        pkg.fix_core()
        problems = pkg.check()
        if problems:
            raise SystemExit(f"{fname}: package problems: {problems}")
        out = os.path.join(args.out, fname)
        pkg.save(out)
        keep, comments = extra_parts(pkg, base, extra)
        entry = {"file": fname, "base": base, "features": features, "parts": keep}
        if comments:
            entry["commentParts"] = comments
        entry.update({"tableSheets": table_sheets(base), "notes": notes})
        manifest.append(entry)
        built.append((fname, base, out))
        print(f"built    {fname:28s} {os.path.getsize(out) // 1024:4d} KB  {len(pkg.entries)} parts")
    order = [r[0] for r in RECIPES]
    manifest.sort(key=lambda m: order.index(m["file"]))
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.write("\n")
    if args.no_verify:
        return 0
    return verify_all(built, args.findings)


def verify_all(built, with_findings: bool) -> int:
    failed = 0
    tmp = tempfile.mkdtemp(prefix="juesuan-corpus-verify-")
    try:
        bases = sorted({b for _, b, _ in built})
        csvs = verify.libreoffice_csv([base_path(b) for b in bases] + [o for _, _, o in built], tmp)
        base_findings = {b: verify.findings(base_path(b), ROOT) for b in bases} if with_findings else {}
        for fname, base, out in built:
            notes = []
            ok = True
            st = verify.structure(out)
            if st:
                ok = False
                notes.append(f"structure: {st[:3]}")
            tables = table_sheets(base)
            diff = verify.compare_tables(base_path(base), out, tables)
            if diff:
                ok = False
                notes.append(f"cells: {diff[:3]}")
            try:
                notes.append("openpyxl: " + verify.openpyxl_opens(out))
            except Exception as e:  # noqa: BLE001
                notes.append(f"openpyxl: cannot load ({type(e).__name__}: {str(e)[:80]})")
            lo = csvs.get(out, {})
            bl = csvs.get(base_path(base), {})
            if not lo:
                ok = False
                notes.append("libreoffice: no output")
            else:
                bs, bm, _ = verify.read_cells(base_path(base))
                bad = []
                for t in tables:
                    box = verify._box(bs[t], bm[t])
                    key = t.replace("/", "_")
                    if key not in lo or verify.csv_box(lo[key], box) != verify.csv_box(bl.get(key, []), box):
                        bad.append(t)
                if bad:
                    ok = False
                    notes.append(f"libreoffice csv differs: {bad}")
                else:
                    notes.append(f"libreoffice: {len(lo)} sheets, tables equal")
            if with_findings:
                mine = verify.findings(out, ROOT)
                theirs = base_findings[base]
                if "error" in (mine or {}) or "error" in (theirs or {}):
                    notes.append(f"juesuan: cannot compare ({(mine or {}).get('error') or (theirs or {}).get('error')})")
                elif mine == theirs:
                    notes.append(f"juesuan: same {len(mine['findings'])} findings")
                else:
                    ok = False
                    notes.append("juesuan: findings differ")
            failed += not ok
            print(f"{'ok' if ok else 'FAIL':8s} {fname:28s} " + "; ".join(notes))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(built) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
