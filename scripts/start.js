#!/usr/bin/env node
/**
 * npm start: build dist/, serve it on localhost:3000 and
 *  - on Windows / macOS with desktop Excel, sideload the add-in with office-addin-debugging when that package
 *    is installed (it is optional; without it, the manual sideloading steps are printed);
 *  - everywhere, print the standalone page's address and keep serving until Ctrl+C.
 * The manifest points Office at https://localhost:3000: Office requires https. When the Office dev certificates
 * exist (~/.office-addin-dev-certs/localhost.crt|key, made by `npx office-addin-dev-certs install`), the server
 * uses them; otherwise it serves plain http, which is fine for the standalone page on localhost.
 *
 *   node scripts/start.js [--no-build] [--port 3000]
 */
const { spawnSync, spawn } = require('child_process');
const fs = require('fs');
const https = require('https');
const os = require('os');
const path = require('path');
const { createHandler, startServer } = require('./serve');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const args = process.argv.slice(2);
const port = Number(args.includes('--port') ? args[args.indexOf('--port') + 1] : process.env.PORT || 3000);

function build() {
  console.log('正在构建（webpack --mode production）…');
  const webpackCli = require.resolve('webpack-cli/bin/cli.js');
  const r = spawnSync(process.execPath, [webpackCli, '--mode', 'production'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('构建失败，见上方输出。');
    process.exit(r.status || 1);
  }
}

function devCerts() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const cert = path.join(dir, 'localhost.crt');
  const key = path.join(dir, 'localhost.key');
  return fs.existsSync(cert) && fs.existsSync(key) ? { cert: fs.readFileSync(cert), key: fs.readFileSync(key) } : null;
}

function serveHttps(certs) {
  return new Promise((resolve, reject) => {
    const server = https.createServer(certs, createHandler(dist));
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, url: `https://localhost:${port}` }));
  });
}

function hasPackage(name) {
  try {
    require.resolve(`${name}/package.json`, { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

function sideload() {
  const manifest = path.join(root, 'manifest.xml');
  if (!fs.existsSync(manifest)) {
    console.log('未找到 manifest.xml，跳过旁加载。');
    return;
  }
  if (!hasPackage('office-addin-debugging')) {
    console.log(
      [
        '未安装 office-addin-debugging（可选），请手动旁加载：',
        process.platform === 'win32'
          ? '  Excel → 文件 → 选项 → 信任中心 → 受信任的加载项目录，添加 manifest.xml 所在的共享文件夹，然后 插入 → 我的加载项 → 共享文件夹。'
          : '  把 manifest.xml 复制到 ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ 后重启 Excel，在 插入 → 我的加载项 中打开。',
      ].join('\n'),
    );
    return;
  }
  console.log('正在用 office-addin-debugging 旁加载到 Excel…');
  const bin = path.join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'office-addin-debugging.cmd' : 'office-addin-debugging',
  );
  const child = spawn(bin, ['start', manifest, 'desktop', '--app', 'excel', '--no-debug', '--dev-server-port', String(port)], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  child.on('exit', (code) => code && console.log(`office-addin-debugging 退出（${code}）；服务器继续运行。`));
}

async function main() {
  if (!args.includes('--no-build')) build();
  const certs = devCerts();
  const served = certs ? await serveHttps(certs) : await startServer({ root: dist, port });
  const base = served.url;
  console.log(`\n正在提供 dist/：${base}/`);
  console.log(`本地网页版（打开示例）：${base}/index.html?sample=1`);
  if (!certs) {
    console.log('说明：Excel 加载项需要 https://localhost:3000（manifest 中的地址）；当前为 http，仅适用于本地网页版。');
    console.log('      如需在 Excel 中加载，请先运行 npx office-addin-dev-certs install 生成本机证书。');
  }
  if ((process.platform === 'win32' || process.platform === 'darwin') && certs) sideload();
  else if (process.platform === 'win32' || process.platform === 'darwin') console.log('未找到本机开发证书，跳过旁加载。');
  console.log('按 Ctrl+C 停止。');
  const stop = () => served.server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`启动失败：${e.message}`);
  process.exit(1);
});
