/**
 * No function of src/ over 100 lines without a reason stated in a comment: its leading comment says how long it
 * is and why (`About 130 lines, half of them the layout …`, `Over 100 lines: the loop mirrors …`). A function on
 * the pending list below is one another piece of work is still building; the test fails when an entry is no
 * longer needed.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import ts from 'typescript';

const LIMIT = 100;
/** A comment stating the length: `100 lines`, `about 130 lines`. */
const STATES_LENGTH = /\d+ lines/;

/** `file:name` → why it is still long (reviewed; keep it short). */
const PENDING: Record<string, string> = {
  'src/ui/panels/ConvertPanel.tsx:ConvertPanel': 'the conversion pane is being built (conversion issue); split or reason to follow',
  'src/ui/panels/TemplatePanel.tsx:TemplatePanel': 'the template pane is being built (templates issue); split or reason to follow',
};

const root = path.resolve(__dirname, '..');

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

interface Long {
  where: string;
  lines: number;
  reasoned: boolean;
}

/** The node whose leading comment speaks for a function: its declaration, or the statement assigning it. */
function commentHolder(fn: ts.Node): ts.Node {
  let n: ts.Node = fn;
  while (n.parent && (ts.isVariableDeclaration(n.parent) || ts.isVariableDeclarationList(n.parent) || ts.isCallExpression(n.parent)))
    n = n.parent;
  if (n.parent && ts.isVariableStatement(n.parent)) n = n.parent;
  return n;
}

function nameOf(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string {
  if (fn.name) return fn.name.getText(sf);
  for (let p: ts.Node | undefined = fn.parent; p; p = p.parent) if (ts.isVariableDeclaration(p)) return p.name.getText(sf);
  return '(anonymous)';
}

function longFunctions(file: string): Long[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Long[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const fn = n;
      const lines = sf.getLineAndCharacterOfPosition(fn.end).line - sf.getLineAndCharacterOfPosition(fn.getStart(sf)).line + 1;
      if (lines > LIMIT) {
        const holder = commentHolder(fn);
        const comments = (ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? []).map((c) => text.slice(c.pos, c.end)).join('\n');
        out.push({
          where: `${path.relative(root, file).split(path.sep).join('/')}:${nameOf(fn, sf)}`,
          lines,
          reasoned: STATES_LENGTH.test(comments),
        });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const long = sources(path.join(root, 'src')).flatMap(longFunctions);

test(`no function over ${LIMIT} lines without its reason in a comment`, () => {
  const unreasoned = long.filter((l) => !l.reasoned && !(l.where in PENDING)).map((l) => `${l.where} (${l.lines} lines)`);
  expect(unreasoned).toEqual([]);
});

test('the pending list holds only functions still long and without a reason', () => {
  const stale = Object.keys(PENDING).filter((w) => !long.some((l) => l.where === w && !l.reasoned));
  expect(stale).toEqual([]);
});

test('the check sees a long function, and its reason', () => {
  const body = Array.from({ length: LIMIT + 5 }, (_, i) => `  x += ${i};`).join('\n');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'juesuan-length-')), 'demo.ts');
  const write = (comment: string) => {
    writeFileSync(file, `${comment}\nexport function demo(x: number): number {\n${body}\n  return x;\n}\n`);
    return longFunctions(file).map((l) => [l.lines, l.reasoned]);
  };
  expect(write('/** Adds. */')).toEqual([[LIMIT + 8, false]]);
  expect(write('/** Adds (about 108 lines: one step per case, as the table prints them). */')).toEqual([[LIMIT + 8, true]]);
});
