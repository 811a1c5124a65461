/**
 * The site's Content-Security-Policy, in one place: served as a header by
 * static hosts that read `_headers` (Netlify, Cloudflare Pages) and as a
 * <meta> fallback everywhere else. No inline script or style is allowed;
 * 'wasm-unsafe-eval' is there for Pagefind's WebAssembly search.
 */
const DIRECTIVES: [string, string][] = [
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
];

/** Directives a <meta> element cannot carry. */
const HEADER_ONLY = new Set(['frame-ancestors']);

export function cspHeader(): string {
  return DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');
}

export function cspMeta(): string {
  return DIRECTIVES.filter(([k]) => !HEADER_ONLY.has(k))
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

export function headersFile(): string {
  return [
    '/*',
    `  Content-Security-Policy: ${cspHeader()}`,
    '  Referrer-Policy: no-referrer',
    '  X-Content-Type-Options: nosniff',
    '  Permissions-Policy: camera=(), microphone=(), geolocation=()',
    '  Cross-Origin-Opener-Policy: same-origin',
    '',
  ].join('\n');
}
