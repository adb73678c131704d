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
    ...text.matchAll(
      /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
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

/**
 * Which layer may import which (ARCHITECTURE.md, "Layers"): the whole matrix. A layer's own files and the npm
 * packages listed for it are allowed; every other import is a violation.
 */
describe('the layer matrix', () => {
  const LAYERS: Record<string, { dirs: string[]; may: string[]; packages: RegExp }> = {
    core: { dirs: ['src/core'], may: ['core'], packages: /^decimal\.js$/ },
    'adapter xlsx': { dirs: ['src/adapters/xlsx'], may: ['core'], packages: /^(fflate|htmlparser2|fs|path|zlib)$/ },
    'adapter office': { dirs: ['src/adapters/office'], may: ['core'], packages: /^$/ },
    'adapter solver': { dirs: ['src/adapters/solver'], may: ['core'], packages: /^highs$/ },
    ui: { dirs: ['src/ui'], may: ['core'], packages: /^(react|react-dom(\/.*)?|@fluentui\/.*)$/ },
    cli: { dirs: ['src/cli'], may: ['core', 'adapter xlsx', 'adapter solver'], packages: /^(fs|os|path|worker_threads)$/ },
    web: { dirs: ['src/web'], may: ['core', 'adapter xlsx', 'adapter solver', 'ui'], packages: /^(react|react-dom(\/.*)?|@fluentui\/.*)$/ },
    'excel front end': {
      dirs: ['src/taskpane', 'src/commands'],
      may: ['core', 'adapter office', 'adapter solver', 'ui'],
      packages: /^(react|react-dom(\/.*)?|@fluentui\/.*)$/,
    },
  };
  const layerOf = (abs: string): string | null => {
    const rel = path.relative(root, abs);
    for (const [name, l] of Object.entries(LAYERS))
      if (l.dirs.some((d) => rel === d || rel.startsWith(`${d}/`) || rel.startsWith(`${d}.`))) return name;
    return null;
  };
  const rows = Object.entries(LAYERS).flatMap(([name, l]) =>
    l.dirs.flatMap((d) => sources(path.join(root, d)).map((f) => [name, path.relative(root, f)])),
  );

  test('every source file belongs to a layer', () => {
    const all = sources(path.join(root, 'src')).map((f) => path.relative(root, f));
    expect(all.filter((f) => layerOf(path.join(root, f)) === null)).toEqual([]);
  });

  test.each(rows)('%s: %s imports only what its layer may', (name, rel) => {
    const file = path.join(root, rel);
    const layer = LAYERS[name];
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) {
        expect([spec, layer.packages.test(spec)]).toEqual([spec, true]);
        continue;
      }
      const target = layerOf(path.resolve(path.dirname(file), spec));
      expect([spec, target === name || (target !== null && layer.may.includes(target))]).toEqual([spec, true]);
    }
  });
});
