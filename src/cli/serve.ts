/**
 * Serve a built site for the browser tests and the benchmark: `dir` under
 * `base` (e.g. /media-lessons/), with the headers from its _headers file when
 * asked, 404.html for what is missing, and a redirect to the trailing slash
 * for folders, as static hosts do. The files are sent by sirv (the static
 * server Vite's preview uses); this module only adds the base path, headers,
 * redirects and the 404 page around it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, normalize, resolve } from 'node:path';
import sirv from 'sirv';

/** Types sirv's table (mrmime) does not know. */
const EXTRA_TYPES: Record<string, string> = {
  jsonld: 'application/ld+json; charset=utf-8',
  webmanifest: 'application/manifest+json',
  pf_meta: 'application/octet-stream',
  pf_index: 'application/octet-stream',
  pf_fragment: 'application/octet-stream',
};

/** Parse a Netlify/Cloudflare-style _headers file: only the global "/*" block. */
export function readHeaders(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  let inGlobal = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\S/.test(line)) inGlobal = line.trim() === '/*';
    else if (inGlobal && line.includes(':')) {
      const i = line.indexOf(':');
      out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
  }
  return out;
}

export interface Served {
  server: Server;
  origin: string;
  url: string;
  close(): Promise<void>;
}

export async function serve(dir: string, base = '/', headers: Record<string, string> = {}): Promise<Served> {
  const root = resolve(dir);
  const notFound = join(root, '404.html');
  const files = sirv(root, {
    dev: true, // look on disk for each request: the benchmark serves sites it has just built
    etag: false,
    extensions: ['html'], // folder/ -> folder/index.html
    setHeaders(res, pathname) {
      const type = EXTRA_TYPES[pathname.slice(pathname.lastIndexOf('.') + 1)];
      if (type) res.setHeader('Content-Type', type);
    },
    onNoMatch(_req, res) {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(existsSync(notFound) ? readFileSync(notFound) : 'Not found');
    },
  });

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    const raw = new URL(req.url ?? '/', 'http://x').pathname;
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      res
        .writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Bad request: the address has a malformed % escape.');
      return;
    }
    if (!path.startsWith(base)) {
      res.writeHead(404).end('Not under base');
      return;
    }
    const file = normalize(join(root, path.slice(base.length)));
    if (file !== root && !file.startsWith(root + '/')) {
      res.writeHead(403).end();
      return;
    }
    if (!path.endsWith('/') && existsSync(file) && statSync(file).isDirectory()) {
      res.writeHead(301, { Location: `${raw}/` }).end();
      return;
    }
    req.url = `/${(req.url ?? '/').slice(base.length)}`;
    files(req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    server,
    origin,
    url: origin + base,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
