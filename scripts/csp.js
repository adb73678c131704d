/**
 * The Content-Security-Policies of our pages, written once: webpack puts the meta form into each page
 * (src/web/index.html, src/taskpane/taskpane.html, src/commands/commands.html), scripts/serve.js sends the
 * header form. No external origin anywhere: nothing leaves the machine.
 */
const COMMON = ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:"];
const CLOSING = ["object-src 'none'", "base-uri 'none'", "form-action 'none'"];

/** The standalone page: it downloads the changed workbook through a blob: URL. */
const PAGE_META = [...COMMON, "connect-src 'self' blob:", ...CLOSING].join('; ');
/** The add-in pages (task pane, ribbon commands), framed by Office. */
const ADDIN_META = [...COMMON, "connect-src 'self'", ...CLOSING].join('; ');

/** Header forms: what a meta tag cannot say (frame-ancestors), or what only our own server adds. */
const PAGE_CSP = `${PAGE_META}; frame-ancestors 'none'`;
/**
 * Office frames the add-in pages (so no frame-ancestors), and frames are refused outright: office.js, even
 * served from here, appends a hidden iframe to Microsoft's telemetry proxy
 * (telemetryservice.firstpartyapps.oaspapps.com) three seconds after it loads (o15apptofilemappingtable.js,
 * ULSEndpointProxy); `frame-src 'none'` keeps that request from ever leaving.
 */
const ADDIN_CSP = [...COMMON, "connect-src 'self'", "frame-src 'none'", ...CLOSING].join('; ');

module.exports = { PAGE_META, ADDIN_META, PAGE_CSP, ADDIN_CSP };
