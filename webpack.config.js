/**
 * Builds the add-in (taskpane.html, commands.html) and the standalone page (index.html) into dist/.
 * Everything the pages load is in dist/: office.js and the files it pulls for Excel, the sample workbooks.
 * No eval anywhere (the pages run under `script-src 'self'`): no eval source maps, exceljs' prebuilt browser
 * bundle is used as is.
 *
 *   npx webpack --mode production          (npm run build)
 *   npx webpack --mode development
 */
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');
const { ADDIN_META, PAGE_META } = require('./scripts/csp');

const root = __dirname;
const OFFICE_DIST = path.join(root, 'node_modules/@microsoft/office-js/dist');
/** Where office.js lands in dist/ (the add-in pages reference `office-js/office.js`). */
const OFFICE_OUT = 'office-js';

/**
 * What office.js loads next to itself when it runs in Excel: the host file for the platform (excel-win32-16.01.js,
 * excel-web-16.00.js, excel-mac-16.00.js, …), o15apptofilemappingtable.js, the UI strings of the Office language
 * (zh-cn, zh-tw, en-us; office.js falls back to en-us for the others), telemetry/oteljs_agave.js. Debug builds,
 * other hosts (Word, Outlook, …) and the other 100 languages are left out: 8.9 MB instead of 86 MB.
 */
const officeFiles = [
  'office.js',
  'o15apptofilemappingtable.js',
  'excel-*.js',
  'excelwebapp-*.js',
  'excelios-*.js',
  'telemetry/oteljs*.js',
  'zh-cn/office_strings.js',
  'zh-tw/office_strings.js',
  'en-us/office_strings.js',
];

/**
 * Files and folders this build writes into dist/ (bundles in js/; the hashed top-level names are those of
 * earlier builds). Everything else in dist/ — the CLI bundle in dist/cli/, other tools' files — is kept.
 */
const OWN_OUTPUT =
  /^(?:js\/.*|(?:web|taskpane|commands|\d+)\.[0-9a-f]{8}\.js(?:\.map)?|[\w-]+\.html|manifest[\w-]*\.xml|office-js\/.*|assets\/.*|samples\/.*)$/;

/** The entry of the solver's worker (no page of its own). */
const WORKER = 'highs-worker';

/** An entry and its page; the page's meta Content-Security-Policy comes from scripts/csp.js. */
function entry(name, file, template, filename, csp) {
  return { name, file: path.join(root, file), html: { filename, chunks: [name], template: path.join(root, template), csp } };
}

module.exports = (_env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const dev = mode === 'development';
  const entries = [
    entry('taskpane', 'src/taskpane/index.tsx', 'src/taskpane/taskpane.html', 'taskpane.html', ADDIN_META),
    entry('commands', 'src/commands/commands.ts', 'src/commands/commands.html', 'commands.html', ADDIN_META),
    entry('web', 'src/web/index.tsx', 'src/web/index.html', 'index.html', PAGE_META),
  ];

  const copy = [
    ...officeFiles.map((from) => ({
      from,
      context: OFFICE_DIST,
      // Keep the folders (zh-cn/, telemetry/): office.js asks for them relative to itself.
      to: ({ absoluteFilename }) => `${OFFICE_OUT}/${path.relative(OFFICE_DIST, absoluteFilename).split(path.sep).join('/')}`,
      globOptions: { ignore: ['**/*.debug.js'] },
      // Microsoft's files as shipped: not minified again, no source maps made for them.
      info: { minimized: true },
      noErrorOnMissing: true,
    })),
    // Icons and images; the scripts that draw them stay behind.
    { from: 'assets', to: 'assets', noErrorOnMissing: true, info: { minimized: true }, globOptions: { ignore: ['**/*.js', '**/*.ts'] } },
    { from: 'manifest*.xml', context: root, to: '[name][ext]', noErrorOnMissing: true },
    // The manifest's SupportUrl points here.
    { from: 'src/taskpane/help.html', context: root, to: 'help.html' },
    { from: 'samples/*.xlsx', context: root, to: 'samples/[name][ext]', noErrorOnMissing: true },
    // HiGHS's WebAssembly beside the worker that loads it (js/highs-worker.js asks for highs.wasm next to itself).
    { from: 'node_modules/highs/build/highs.wasm', context: root, to: 'js/highs.wasm', info: { minimized: true } },
  ];

  return {
    mode,
    context: root,
    entry: {
      ...Object.fromEntries(entries.map((e) => [e.name, e.file])),
      // The rounding solver's Web Worker (单位换算): a fixed name the pane can start, its modules all in one file.
      [WORKER]: { import: path.join(root, 'src/web/solver.worker.ts'), filename: 'js/highs-worker.js', chunkLoading: false },
    },
    output: {
      path: path.join(root, 'dist'),
      filename: dev ? 'js/[name].js' : 'js/[name].[contenthash:8].js',
      chunkFilename: dev ? 'js/[name].js' : 'js/[name].[contenthash:8].js',
      publicPath: '',
      // Cleans only what this build makes: dist/cli/ (the CLI bundle) and other tools' files stay.
      clean: { keep: (file) => !OWN_OUTPUT.test(file.split(path.sep).join('/')) },
    },
    // Eval-based source maps would need 'unsafe-eval'.
    devtool: dev ? 'cheap-module-source-map' : 'source-map',
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      // exceljs' "browser" field points at its prebuilt bundle (dist/exceljs.min.js, node built-ins shimmed inside).
      mainFields: ['browser', 'module', 'main'],
      fallback: { fs: false, path: false, stream: false, crypto: false, url: false, module: false },
    },
    module: {
      // A prebuilt UMD bundle: parsing it only costs time and raises "pre-built file" warnings.
      noParse: /exceljs[\\/]dist[\\/]exceljs(\.min)?\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'esbuild-loader',
          options: { target: 'es2020', jsx: 'automatic', tsconfig: path.join(root, 'tsconfig.json') },
        },
      ],
    },
    optimization: {
      // esbuild minifies in seconds what terser takes a minute on (exceljs alone is 1 MB).
      minimizer: [new EsbuildPlugin({ target: 'es2020', legalComments: 'none' })],
      // Chunks by shared module sets: commands.html does not download exceljs or the grid.
      splitChunks: { chunks: (chunk) => chunk.name !== WORKER },
    },
    performance: { hints: false },
    plugins: [
      ...entries.map((e) => new HtmlWebpackPlugin({ ...e.html, inject: 'body', scriptLoading: 'defer', minify: !dev })),
      new CopyWebpackPlugin({ patterns: copy }),
      // HiGHS's loader names node's modules as `node:fs`…; in the browser they are the empty fallbacks above.
      new webpack.NormalModuleReplacementPlugin(/^node:/, (resource) => {
        resource.request = resource.request.replace(/^node:/, '');
      }),
    ],
    stats: 'errors-warnings',
  };
};
