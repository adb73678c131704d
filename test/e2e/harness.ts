/**
 * Shared set-up of the browser tests: dist/ (built by global-setup.js), the static server on a free port,
 * Debian's chromium (never a downloaded browser).
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.join(__dirname, '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const OUT = path.join(ROOT, 'test', '.out');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServer } = require('../../scripts/serve.js') as {
  startServer: (o: { root: string; port: number }) => Promise<{ url: string; port: number; close(): Promise<void> }>;
};

/** dist/ is built by global-setup.js before the tests; this builds it only when a test runs without it. */
export function buildOnce(): void {
  if (fs.existsSync(path.join(DIST, 'index.html'))) return;
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const r = spawnSync(process.execPath, [cli, '--mode', 'production'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`webpack failed:\n${r.stdout}\n${r.stderr}`);
}

export interface Harness {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  buildOnce();
  fs.mkdirSync(OUT, { recursive: true });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install -y chromium`);
  const server = await startServer({ root: DIST, port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  return {
    url: server.url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** What a page did that a test should see: requests, console errors, uncaught errors, CSP violations. */
export interface PageLog {
  requests: string[];
  errors: string[];
  cspViolations: string[];
  /** `404 http://…/favicon.ico`: every HTTP answer of 400 or more. */
  failed: string[];
}

export async function watch(page: Page): Promise<PageLog> {
  const log: PageLog = { requests: [], errors: [], cspViolations: [], failed: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('response', (r) => {
    if (r.status() >= 400) log.failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(`console: ${m.text()}`);
    if (/Content Security Policy/i.test(m.text())) log.cspViolations.push(m.text());
  });
  await page.exposeFunction('__cspViolation', (s: string) => log.cspViolations.push(s));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(s: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return log;
}

/** Every request went to the page's own origin (or stayed in the page: data:, blob:). */
export function foreignRequests(log: PageLog, origin: string): string[] {
  return log.requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
}
