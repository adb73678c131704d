/**
 * manifest.xml: well-formed XML, every resid defined, every URL https, every image URL a real PNG of the
 * stated size in assets/, the pane URLs the entries the build produces — and valid against the Office XSDs.
 *
 * The XSDs (offline kit) live in ../shared/office-schemas, beside the repository: CI has them, a fresh clone
 * does not. The two schema checks run only when they are there and are reported as skipped otherwise; every
 * other check needs only the repository and always runs (well-formedness through xmllint-wasm, no schema).
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { validateXML } from 'xmllint-wasm';
import { sharedPart } from './shared-dir';

const root = path.resolve(__dirname, '..');
const schemas = sharedPart('office-schemas', 'the checks of manifest.xml against the Office add-in XSDs');
const xml = readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const body = xml.replace(/<!--[\s\S]*?-->/g, '');

function attrs(tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of body.matchAll(new RegExp(`<${tag}\\b([^>]*)/?>`, 'g'))) {
    const a: Record<string, string> = {};
    for (const x of m[1].matchAll(/([\w:]+)="([^"]*)"/g)) a[x[1]] = x[2];
    out.push(a);
  }
  return out;
}

function pngSize(file: string): { w: number; h: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}

function assetOf(url: string): string {
  const m = /^https:\/\/localhost:3000\/assets\/([\w.-]+\.png)$/.exec(url);
  expect(m).not.toBeNull();
  return path.join(root, 'assets', m![1]);
}

/** xmllint's parser on its own (no schema): the parse errors, none when well-formed. */
async function parseErrors(text: string, fileName = 'manifest.xml'): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName, contents: text }], normalization: 'format' });
  return r.errors.map((e) => e.rawMessage);
}

describe('manifest.xml against the Office add-in XSDs (../shared/office-schemas)', () => {
  schemas.note();
  const validator = schemas.file('validate-manifest.mjs');

  schemas.test('validates against the Office add-in XSDs (offline, xmllint-wasm)', () => {
    expect(existsSync(validator)).toBe(true);
    const r = spawnSync(process.execPath, [validator, 'manifest.xml'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('manifest.xml validates');
    expect(r.status).toBe(0);
  });

  schemas.test('the validator does reject a broken manifest (the check can fail)', () => {
    const broken = path.join(root, 'test', '.out');
    mkdirSync(broken, { recursive: true });
    const file = path.join(broken, 'broken-manifest.xml');
    writeFileSync(file, xml.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'));
    const r = spawnSync(process.execPath, [validator, file], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Everything');
  });
});

describe('manifest.xml', () => {
  it('is well-formed XML (xmllint-wasm, no schema needed)', async () => {
    expect(await parseErrors(xml)).toEqual([]);
  });

  it('the well-formedness check can fail: a mismatched end tag is rejected', async () => {
    const errors = await parseErrors(xml.replace('</Permissions>', '</Permission>'), 'broken.xml');
    expect(errors.join('\n')).toContain('Opening and ending tag mismatch');
  });

  it('every URL is https; http:// only in namespace names', () => {
    const urls = [...body.matchAll(/="([a-z][a-z0-9+.-]*:\/\/[^"]*)"/gi)].map((m) => ({
      url: m[1],
      at: body.slice(0, m.index).match(/[\w:]+$/)?.[0],
    }));
    expect(urls.length).toBeGreaterThan(10);
    const namespaces = urls.filter((u) => u.at === 'xmlns' || u.at?.startsWith('xmlns:'));
    expect(namespaces.every((u) => u.url.startsWith('http://schemas.microsoft.com/') || u.url.startsWith('http://www.w3.org/'))).toBe(true);
    expect(urls.filter((u) => !namespaces.includes(u) && !u.url.startsWith('https://'))).toEqual([]);
    // URLs as element text too (none today, but they would have to be https as well).
    expect([...body.matchAll(/>\s*([a-z]+:\/\/[^<\s]*)/gi)].map((m) => m[1]).filter((u) => !u.startsWith('https://'))).toEqual([]);
  });

  it('ids of controls, groups and resources are unique', () => {
    const ids = (re: RegExp) => [...body.matchAll(re)].map((m) => m[1]);
    for (const list of [ids(/<(?:Control|Group|OfficeTab)\b[^>]*\bid="([^"]+)"/g), ids(/<bt:(?:Image|Url|String) id="([^"]+)"/g)]) {
      expect(list.length).toBeGreaterThan(0);
      expect(list.filter((id, i) => list.indexOf(id) !== i)).toEqual([]);
    }
  });

  it('has the product identity, host, requirements and pane URL', () => {
    expect(body).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/Id>/);
    expect(attrs('DisplayName')).toEqual([{ DefaultValue: '决算公开助手' }]);
    expect(attrs('Host')[0]).toEqual({ Name: 'Workbook' });
    expect(attrs('Sets')).toEqual([{ DefaultMinVersion: '1.1' }]);
    expect(attrs('Set')).toEqual([{ Name: 'ExcelApi', MinVersion: '1.13' }]);
    expect(body).toContain('<Permissions>ReadWriteDocument</Permissions>');
    expect(body).not.toContain('<AppDomain>');
    expect(attrs('SourceLocation')[0]).toEqual({ DefaultValue: 'https://localhost:3000/taskpane.html' });
  });

  it('every page URL is one the build produces from a source here', () => {
    const sources: Record<string, string> = {
      'taskpane.html': 'src/taskpane/taskpane.html',
      'commands.html': 'src/commands/commands.html',
      'help.html': 'src/taskpane/help.html',
    };
    const pages = [...body.matchAll(/https:\/\/localhost:3000\/([\w.-]+\.html)/g)].map((m) => m[1]);
    expect([...new Set(pages)].sort()).toEqual(['commands.html', 'help.html', 'taskpane.html']);
    for (const p of pages) expect(existsSync(path.join(root, sources[p]))).toBe(true);
  });

  it('defines every resid it uses, and uses every resource it defines', () => {
    const used = new Set([...body.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]));
    const defined = new Set([...body.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
    expect([...used].filter((u) => !defined.has(u))).toEqual([]);
    expect([...defined].filter((d) => !used.has(d))).toEqual([]);
    for (const id of used) expect(id.length).toBeLessThanOrEqual(32);
  });

  it('ribbon: group 决算公开 with 一键审核 (pane, ?action=check), 打开助手 (pane) and 清除标记 (function)', () => {
    const strings = Object.fromEntries(attrs('bt:String').map((a) => [a.id, a.DefaultValue]));
    const urls = Object.fromEntries(attrs('bt:Url').map((a) => [a.id, a.DefaultValue]));
    expect(strings['Group.Label']).toBe('决算公开');
    const controls = [...body.matchAll(/<Control xsi:type="Button" id="([^"]+)">([\s\S]*?)<\/Control>/g)].map((m) => ({
      id: m[1],
      label: strings[/<Label resid="([^"]+)"/.exec(m[2])![1]],
      action: /<Action xsi:type="(\w+)"/.exec(m[2])![1],
      url: /<SourceLocation resid="([^"]+)"/.exec(m[2]) ? urls[/<SourceLocation resid="([^"]+)"/.exec(m[2])![1]] : null,
      fn: /<FunctionName>(\w+)<\/FunctionName>/.exec(m[2])?.[1] ?? null,
    }));
    expect(controls).toEqual([
      {
        id: 'Juesuan.Check',
        label: '一键审核',
        action: 'ShowTaskpane',
        url: 'https://localhost:3000/taskpane.html?action=check',
        fn: null,
      },
      { id: 'Juesuan.Open', label: '打开助手', action: 'ShowTaskpane', url: 'https://localhost:3000/taskpane.html', fn: null },
      { id: 'Juesuan.Clear', label: '清除标记', action: 'ExecuteFunction', url: null, fn: 'clearMarks' },
    ]);
    expect(urls['Commands.Url']).toBe('https://localhost:3000/commands.html');
    // The function the button names is the one commands.ts associates.
    expect(readFileSync(path.join(root, 'src/commands/commands.ts'), 'utf8')).toContain("Office.actions.associate('clearMarks'");
  });

  it('every image is a PNG in assets/ of the size it is declared at', () => {
    const images = attrs('bt:Image').filter((a) => a.id);
    expect(images.length).toBe(6);
    const sizeOf = Object.fromEntries(
      attrs('bt:Image')
        .filter((a) => a.size)
        .map((a) => [a.resid, Number(a.size)]),
    );
    for (const img of images) {
      const file = assetOf(img.DefaultValue);
      expect(existsSync(file)).toBe(true);
      const { w, h } = pngSize(file);
      expect([w, h]).toEqual([sizeOf[img.id], sizeOf[img.id]]);
    }
    expect(pngSize(assetOf(attrs('IconUrl')[0].DefaultValue))).toEqual({ w: 32, h: 32 });
    expect(pngSize(assetOf(attrs('HighResolutionIconUrl')[0].DefaultValue))).toEqual({ w: 64, h: 64 });
  });
});
