/** scripts/serve.js: the static server npm start and the browser tests use. */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { buildOnce } from './harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServer, PAGE_CSP, ADDIN_CSP } = require('../../scripts/serve.js') as {
  startServer: (o: { root: string; port: number }) => Promise<{ url: string; port: number; close(): Promise<void> }>;
  PAGE_CSP: string;
  ADDIN_CSP: string;
};

function get(port: number, rawPath: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    // Raw request: no client-side normalisation of `..`.
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve.js', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-serve-'));
  const site = path.join(root, 'dist');
  let server: { port: number; close(): Promise<void> };

  beforeAll(async () => {
    fs.mkdirSync(path.join(site, 'samples'), { recursive: true });
    fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>x</title>');
    fs.writeFileSync(path.join(site, 'taskpane.html'), '<!doctype html><title>t</title>');
    fs.writeFileSync(path.join(site, 'app.js'), 'void 0;');
    fs.writeFileSync(path.join(site, 'samples', '示例.xlsx'), 'PK');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
    server = await startServer({ root: site, port: 0 });
  });

  afterAll(async () => {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('serves files with their MIME type; the page (and / ) with the strict CSP, add-in pages framable but not framing', async () => {
    const page = await get(server.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("script-src 'self';");
    expect(PAGE_CSP).toContain("frame-ancestors 'none'");
    const pane = (await get(server.port, '/taskpane.html')).headers['content-security-policy'];
    expect(pane).toBe(ADDIN_CSP);
    expect(ADDIN_CSP).toContain("frame-src 'none'");
    expect(ADDIN_CSP).not.toContain('frame-ancestors');
    expect((await get(server.port, '/app.js')).headers['content-security-policy']).toBeUndefined();
    const js = await get(server.port, '/app.js');
    expect([js.headers['content-type'], js.headers['x-content-type-options']]).toEqual(['text/javascript; charset=utf-8', 'nosniff']);
    const xlsx = await get(server.port, `/samples/${encodeURIComponent('示例.xlsx')}`);
    expect([xlsx.status, xlsx.headers['content-type'], xlsx.body]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'PK',
    ]);
  });

  test('nothing outside the root, no listings, only GET/HEAD', async () => {
    expect((await get(server.port, '/../secret.txt')).status).toBe(404);
    expect((await get(server.port, '/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get(server.port, '/..%2fsecret.txt')).status).toBe(403);
    expect((await get(server.port, '/samples')).status).toBe(404);
    expect((await get(server.port, '/index.html', 'POST')).status).toBe(405);
    const head = await get(server.port, '/index.html', 'HEAD');
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '31']);
    expect((await get(server.port, '/%E0%A4%A')).status).toBe(400);
  });
});

describe('npm start (scripts/start.js)', () => {
  test('serves the built dist/ and prints the standalone page address, until stopped', async () => {
    const { spawn } = await import('child_process');
    const dist = path.join(__dirname, '..', '..', 'dist');
    if (!fs.existsSync(path.join(dist, 'index.html'))) buildOnce();
    const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'start.js'), '--no-build', '--port', '0'], {
      env: { ...process.env, HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-home-')) },
    });
    try {
      const out = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no address printed:\n${text}`)), 15000);
        child.stdout.on('data', (d: Buffer) => {
          text += d.toString();
          if (/按 Ctrl\+C 停止/.test(text)) {
            clearTimeout(timer);
            resolve(text);
          }
        });
      });
      const m = /本地网页版（打开示例）：http:\/\/localhost:(\d+)\/index\.html\?sample=1/.exec(out);
      expect(m).not.toBeNull();
      // No dev certificates in this HOME: plain http, and the note saying Office needs https.
      expect(out).toContain('Excel 加载项需要 https://localhost:3000');
      const page = await get(Number(m![1]), '/index.html?sample=1');
      expect([page.status, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
      expect(page.body).toContain('<div id="root"></div>');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
