/**
 * The layering of ARCHITECTURE.md, enforced: the core imports nothing but itself and decimal.js and
 * touches no host globals, so it runs unchanged in Excel, in node and in the standalone page.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Code without comments and string literals, so that a comment naming `document` is no violation. */
function codeOnly(file: string): string {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");
}

describe('the pure core (src/core)', () => {
  const files = sources(path.join(root, 'src/core'));

  test('has files to check', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  test.each(files.map((f) => [path.relative(root, f)]))('%s imports only the core and decimal.js', (rel) => {
    const file = path.join(root, rel);
    for (const spec of importsOf(file)) {
      if (spec === 'decimal.js') continue;
      expect(spec.startsWith('.')).toBe(true);
      const target = path.resolve(path.dirname(file), spec);
      expect(path.relative(path.join(root, 'src/core'), target).startsWith('..')).toBe(false);
    }
  });

  test.each(files.map((f) => [path.relative(root, f)]))('%s uses no host globals', (rel) => {
    const code = codeOnly(path.join(root, rel));
    expect(code).not.toMatch(/\b(window|document|Office|Excel|process|localStorage|fetch|XMLHttpRequest)\s*[.(]/);
  });
});

describe('adapters and front ends', () => {
  test('adapters hold no domain rules or specs', () => {
    for (const dir of ['src/adapters/xlsx', 'src/adapters/office']) {
      for (const file of sources(path.join(root, dir))) {
        for (const spec of importsOf(file)) expect(spec).not.toMatch(/core\/(rules|specs|validate|recognise)/);
      }
    }
  });
});
