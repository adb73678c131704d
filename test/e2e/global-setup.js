/** Builds dist/ once for every browser test (skip with E2E_SKIP_BUILD=1 when dist/ is fresh). */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

module.exports = async () => {
  const root = path.join(__dirname, '..', '..');
  if (process.env.E2E_SKIP_BUILD === '1' && fs.existsSync(path.join(root, 'dist', 'index.html'))) return;
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [root] });
  const r = spawnSync(process.execPath, [cli, '--mode', 'production'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`webpack failed:\n${r.stdout}\n${r.stderr}`);
};
