/**
 * The corpus (test/data/corpus, made by scripts/corpus/make_corpus.py): the samples plus what real users' files
 * carry — charts, images, shapes, validation, conditional formats, notes and threaded comments, names, print
 * setup, hidden and protected sheets, shared formulas, a pivot table, absolute targets, prefixed XML, WPS parts.
 * For each file: the check finds exactly what it finds on the base; marking changes only the parts and elements
 * the marks write; every other part keeps its bytes; clearing the marks gives back the file entry for entry.
 */
import * as fs from 'fs';
import * as path from 'path';
import { unzipSync } from 'fflate';
import { openWorkbook, snapshotOf } from '../src/adapters/xlsx/read';
import { applyPlanToPackage } from '../src/adapters/xlsx/write/apply';
import { scanXml } from '../src/adapters/xlsx/package/xml';
import { clearMarksPlan, markFindingsPlan } from '../src/core/plans';
import { recognise } from '../src/core/recognise';
import { validate } from '../src/core/validate';
import type { Finding } from '../src/core/model';
import { parseRange, splitQualified } from '../src/core/snapshot';
import { readSheetLook } from '../src/adapters/xlsx/read/look';

const DIR = path.join(__dirname, 'data', 'corpus');
const SAMPLES = path.join(__dirname, '..', 'samples');

interface Entry {
  file: string;
  base: string;
  features: string[];
  parts: string[];
  commentParts?: string[];
  tableSheets: string[];
}
const MANIFEST: Entry[] = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as Entry[];

function check(bytes: Uint8Array, name: string) {
  const opened = openWorkbook(bytes, name);
  const snapshot = snapshotOf(opened, name);
  const recognition = recognise(snapshot);
  return { opened, snapshot, recognition, findings: validate(recognition).findings };
}

const publicFields = (f: Finding) => ({
  rule: f.rule,
  severity: f.severity,
  message: f.message,
  cells: f.cells,
  expected: f.expected,
  actual: f.actual,
});
const entries = (bytes: Uint8Array) => unzipSync(bytes);
const text = (b: Uint8Array | undefined) => (b === undefined ? undefined : Buffer.from(b).toString('utf8'));

/** A worksheet's cells by reference (element text), and everything outside `<sheetData>` with `<legacyDrawing>` cut. */
function sheetParts(xml: string): { cells: Map<string, string>; rest: string } {
  const cells = new Map<string, string>();
  const spans: Record<'sheetData' | 'legacyDrawing', [number, number] | null> = { sheetData: null, legacyDrawing: null };
  let start = -1;
  let ref = '';
  scanXml(xml, {
    open(name, tag) {
      if (name === 'sheetData' || name === 'legacyDrawing') spans[name] = [tag.start, tag.end];
      else if (name === 'c') {
        start = tag.start;
        ref = tag.attr('r') ?? '';
      }
    },
    close(name, _s, end) {
      if (name === 'sheetData' && spans.sheetData) spans.sheetData = [spans.sheetData[0], end];
      else if (name === 'c' && start >= 0) {
        cells.set(ref, xml.slice(start, end));
        start = -1;
      }
    },
  });
  const cut = [spans.sheetData, spans.legacyDrawing].filter((x): x is [number, number] => x !== null).sort((a, b) => b[0] - a[0]);
  let rest = xml;
  for (const [a, b] of cut) rest = rest.slice(0, a) + rest.slice(b);
  return { cells, rest };
}

const withoutStyle = (cell: string) => cell.replace(/^(<(?:\w+:)?c\b[^>]*?)\s+s="\d+"/, '$1');

describe.each(MANIFEST.map((e) => [e.file, e]))('%s', (_file, entry) => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, entry.file)));
  const base = check(new Uint8Array(fs.readFileSync(path.join(SAMPLES, entry.base))), entry.base);
  const mine = check(bytes, entry.file);

  test('the check finds exactly what it finds on the base workbook', () => {
    expect(mine.findings.map(publicFields)).toEqual(base.findings.map(publicFields));
    expect(mine.recognition.tables.map((t) => [t.sheet, t.kind, t.label])).toEqual(
      base.recognition.tables.map((t) => [t.sheet, t.kind, t.label]),
    );
  });

  test('marking changes only the parts and cells the marks write; every extra keeps its bytes; clearing gives the file back', () => {
    const o = openWorkbook(bytes, entry.file);
    const plan = markFindingsPlan(mine.findings);
    const report = applyPlanToPackage(o, plan);
    const marked = o.pkg.toBytes();
    const before = entries(bytes);
    const after = entries(marked);
    // Nothing is lost; the extras are byte for byte as they were.
    expect(Object.keys(before).filter((k) => !(k in after))).toEqual([]);
    for (const part of entry.parts)
      expect([part, Buffer.compare(Buffer.from(after[part]), Buffer.from(before[part])) === 0]).toEqual([part, true]);
    // The marked sheets: outside <sheetData> nothing changes (a <legacyDrawing> may be added); inside, only the
    // marked cells, and in them only their style.
    const targets = new Map<string, Set<string>>();
    for (const op of plan.ops)
      if (op.op === 'fill') (targets.get(op.sheet) ?? targets.set(op.sheet, new Set()).get(op.sheet)!).add(op.range);
    for (const sheet of o.book.sheets.filter((s) => s.type === 'worksheet' && s.part && s.name !== '_juesuan')) {
      const was = text(before[sheet.part!]);
      const now = text(after[sheet.part!]);
      if (was === now) continue;
      expect([sheet.name, targets.has(sheet.name)]).toEqual([sheet.name, true]);
      const a = sheetParts(was!);
      const b = sheetParts(now!);
      expect(b.rest).toBe(a.rest);
      for (const [ref, cell] of a.cells) {
        if (targets.get(sheet.name)!.has(ref)) expect(withoutStyle(b.cells.get(ref)!)).toBe(withoutStyle(cell));
        else expect([ref, b.cells.get(ref)]).toEqual([ref, cell]);
      }
    }
    // Read back (as the page draws it), every marked cell shows its colour and each finding's note is there.
    const reread = openWorkbook(marked, entry.file);
    for (const op of plan.ops) {
      if (op.op === 'fill') {
        const look = readSheetLook(reread, op.sheet)!;
        const box = parseRange(op.range);
        expect([op.sheet, op.range, look.cells.get(box.top)?.get(box.left)?.fill]).toEqual([
          op.sheet,
          op.range,
          `FF${op.color.slice(1).toUpperCase()}`,
        ]);
      } else if (op.op === 'note') {
        expect(readSheetLook(reread, op.sheet)!.notes.get(op.cell)).toContain(op.text);
      }
    }
    expect(report.cellsFilled).toBe(plan.ops.filter((op) => op.op === 'fill').length);

    // Read again, cleared: the original package, entry for entry, byte for byte.
    const again = openWorkbook(marked, entry.file);
    applyPlanToPackage(again, clearMarksPlan());
    const cleared = entries(again.pkg.toBytes());
    expect(Object.keys(cleared)).toEqual(Object.keys(before));
    for (const k of Object.keys(before))
      expect([k, Buffer.compare(Buffer.from(cleared[k]), Buffer.from(before[k])) === 0]).toEqual([k, true]);
  });

  test('a damaged part the snapshot does not need changes nothing', () => {
    const extra = entry.parts.find((p) => /\.(xml|vml)$/.test(p));
    if (!extra) return;
    const files = entries(bytes);
    files[extra] = new TextEncoder().encode('<<< not xml at all');
    const { zipSync } = jest.requireActual<typeof import('fflate')>('fflate');
    const damaged = check(zipSync(files), entry.file);
    expect(damaged.findings.map(publicFields)).toEqual(base.findings.map(publicFields));
  });
});

describe('what the corpus files carry reads right', () => {
  const read = (file: string) => snapshotOf(openWorkbook(new Uint8Array(fs.readFileSync(path.join(DIR, file))), file), file);

  test('hidden, very hidden and protected sheets', () => {
    const s = read('hidden-protected.xlsx');
    const flags = Object.fromEntries(s.sheets.map((x) => [x.name, [x.hidden === true, x.protected === true]]));
    expect(flags['公开01表']).toEqual([false, true]);
    expect(flags['公开02表']).toEqual([false, true]);
    expect(Object.values(flags).filter(([hidden]) => hidden)).toHaveLength(2);
  });

  test('a chartsheet is not a worksheet: no sheet, no failure', () => {
    const s = read('chartsheet.xlsx');
    expect(s.sheets.map((x) => x.name)).not.toContain('收支结构图');
  });

  test('the cells of 单元格类型: inline and rich strings without phonetic runs, escapes, dates, errors, booleans, rows without r', () => {
    const s = read('cell-types.xlsx');
    const sheet = s.sheets.find((x) => x.name === '单元格类型')!;
    const values = sheet.cells.map((c) => c.value);
    expect(values).toEqual(expect.arrayContaining([true, false, '#REF!', '#DIV/0!']));
    expect(values.some((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))).toBe(true);
    // The unit line of 公开01表 carries a phonetic run: it still reads as printed.
    const t01 = s.sheets.find((x) => x.name === '公开01表')!;
    expect(t01.cells.some((c) => c.value === '金额单位：元')).toBe(true);
    expect(values.every((v) => typeof v !== 'string' || !/_x[0-9A-F]{4}_/.test(v))).toBe(true);
  });

  test('qualified cell names of the findings point at the base sheets', () => {
    const { findings } = check(new Uint8Array(fs.readFileSync(path.join(DIR, 'formulas-links.xlsx'))), 'formulas-links.xlsx');
    for (const f of findings)
      for (const c of f.cells) expect(MANIFEST[0].tableSheets.concat(['公开01表'])).toContain(splitQualified(c).sheet);
  });
});
