"""LibreOffice through UNO, headless: open a workbook, optionally add a data sheet and a DataPilot (pivot) table,
store as "Calc MS Excel 2007 XML". Run with Debian's /usr/bin/python3 (python3-uno).

    /usr/bin/python3 lo_uno.py resave IN.xlsx OUT.xlsx
    /usr/bin/python3 lo_uno.py pivot  IN.xlsx OUT.xlsx

A private user profile in a temporary folder keeps the run independent of any profile on the machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno  # noqa: F401  (python3-uno)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.table import CellAddress, CellRangeAddress

# Small source data for the pivot: 支出 by 功能分类 (类) and 性质 (基本/项目), in 元 as in the 新平 sample's 公开03表.
PIVOT_SOURCE = [
    ("科目类", "支出性质", "金额"),
    ("一般公共服务支出", "项目支出", 3668),
    ("社会保障和就业支出", "基本支出", 411545.09),
    ("卫生健康支出", "基本支出", 3789314.87),
    ("卫生健康支出", "项目支出", 86030.34),
    ("住房保障支出", "基本支出", 302586),
]


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class Office:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="juesuan-lo-")
        self.pipe = "juesuan_corpus_%d" % os.getpid()
        self.proc = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
             "-env:UserInstallation=file://" + self.profile,
             "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(120):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe)
                break
            except NoConnectException:
                time.sleep(0.5)
        if ctx is None:
            self.close()
            raise RuntimeError("LibreOffice did not start")
        self.desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

    def open(self, path):
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        return self.desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))

    @staticmethod
    def store(doc, path):
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc.storeToURL(url, (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))

    def close(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def add_pivot(doc):
    sheets = doc.Sheets
    n = sheets.Count
    sheets.insertNewByName("透视数据", n)
    sheets.insertNewByName("透视表", n + 1)
    src = sheets.getByName("透视数据")
    for r, row in enumerate(PIVOT_SOURCE):
        for c, v in enumerate(row):
            cell = src.getCellByPosition(c, r)
            if isinstance(v, str):
                cell.setString(v)
            else:
                cell.setValue(v)
    rng = CellRangeAddress()
    rng.Sheet = n
    rng.StartColumn, rng.StartRow = 0, 0
    rng.EndColumn, rng.EndRow = 2, len(PIVOT_SOURCE) - 1
    dst = sheets.getByName("透视表")
    tables = dst.getDataPilotTables()
    desc = tables.createDataPilotDescriptor()
    desc.setSourceRange(rng)
    from com.sun.star.sheet.DataPilotFieldOrientation import ROW, COLUMN, DATA
    from com.sun.star.sheet.GeneralFunction import SUM
    fields = desc.getDataPilotFields()
    f0 = fields.getByIndex(0)
    f0.Orientation = ROW
    f1 = fields.getByIndex(1)
    f1.Orientation = COLUMN
    f2 = fields.getByIndex(2)
    f2.Orientation = DATA
    f2.Function = SUM
    at = CellAddress()
    at.Sheet = n + 1
    at.Column, at.Row = 0, 2
    tables.insertNewByName("支出透视", at, desc)
    dst.getCellByPosition(0, 0).setString("支出按科目类与性质汇总（数据透视表，LibreOffice 生成）")


def main(argv):
    mode, src, out = argv[1], argv[2], argv[3]
    office = Office()
    try:
        doc = office.open(src)
        if doc is None:
            raise RuntimeError("LibreOffice could not open " + src)
        if mode == "pivot":
            add_pivot(doc)
        elif mode != "resave":
            raise SystemExit("mode: resave | pivot")
        office.store(doc, out)
        doc.close(True)
    finally:
        office.close()


if __name__ == "__main__":
    main(sys.argv)
