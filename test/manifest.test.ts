/**
 * manifest.xml: valid against the Office XSDs (offline kit in ../shared/office-schemas), every resid defined,
 * every image URL a real PNG of the stated size in assets/, the pane URLs the entries the build produces.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const schemas = path.resolve(__dirname, '../../shared/office-schemas');
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

describe('manifest.xml', () => {
  it('validates against the Office add-in XSDs (offline, xmllint-wasm)', () => {
    expect(existsSync(path.join(schemas, 'validate-manifest.mjs'))).toBe(true);
    const r = spawnSync(process.execPath, [path.join(schemas, 'validate-manifest.mjs'), 'manifest.xml'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('manifest.xml validates');
    expect(r.status).toBe(0);
  });

  it('the validator does reject a broken manifest (the check can fail)', () => {
    const broken = path.join(root, 'test', '.out');
    require('fs').mkdirSync(broken, { recursive: true });
    const file = path.join(broken, 'broken-manifest.xml');
    require('fs').writeFileSync(file, xml.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'));
    const r = spawnSync(process.execPath, [path.join(schemas, 'validate-manifest.mjs'), file], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Everything');
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
