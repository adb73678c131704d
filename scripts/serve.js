#!/usr/bin/env node
/**
 * A small static file server for dist/ (plain node http, no dependencies): correct MIME types, no directory
 * listings, nothing outside the root, the standalone page's Content-Security-Policy as a header too.
 *
 *   node scripts/serve.js [--port 3000] [--host 127.0.0.1] [--root dist]
 *   const { startServer } = require('./scripts/serve'); const s = await startServer({ port: 0 });
 */
const fs = require('fs');
const http = require('http');
const path = require('path');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wasm': 'application/wasm',
};

// The policies live in scripts/csp.js, shared with the meta tags webpack writes into the pages.
const { PAGE_CSP, ADDIN_CSP } = require('./csp');

/** Pages that run outside Office get PAGE_CSP; every other HTML page ADDIN_CSP. */
const STRICT_PAGES = new Set(['/index.html']);

function headersFor(urlPath, ext) {
  const h = {
    'Content-Type': MIME[ext] || 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Local development server: always the fresh build.
    'Cache-Control': 'no-cache',
  };
  if (ext === '.html') h['Content-Security-Policy'] = STRICT_PAGES.has(urlPath) ? PAGE_CSP : ADDIN_CSP;
  return h;
}

function createHandler(root) {
  const base = path.resolve(root);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('405 方法不允许');
      return;
    }
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url || '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('400 地址无效');
      return;
    }
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const file = path.resolve(base, '.' + urlPath);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('403 禁止访问');
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`404 找不到 ${urlPath}`);
        return;
      }
      res.writeHead(200, { ...headersFor(urlPath, path.extname(file).toLowerCase()), 'Content-Length': st.size });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    });
  };
}

/** Starts serving; resolves with `{ server, port, url, close() }`. `port: 0` picks a free port. */
function startServer({ root = path.join(__dirname, '..', 'dist'), port = 3000, host = '127.0.0.1' } = {}) {
  return new Promise((resolve, reject) => {
    const server = http.createServer(createHandler(root));
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({
        server,
        port: actual,
        url: `http://localhost:${actual}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

if (require.main === module) {
  const root = path.resolve(arg('root', path.join(__dirname, '..', 'dist')));
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`找不到 ${path.join(root, 'index.html')}：请先运行 npm run build。`);
    process.exit(1);
  }
  startServer({ root, port: Number(arg('port', process.env.PORT || 3000)), host: arg('host', '127.0.0.1') }).then(
    (s) => console.log(`正在提供 ${root}：${s.url}/index.html`),
    (e) => {
      console.error(`无法启动服务器：${e.message}`);
      process.exit(1);
    },
  );
}

module.exports = { startServer, createHandler, MIME, PAGE_CSP, ADDIN_CSP };
