/** The static server the browser tests and the benchmark use. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHeaders, serve, type Served } from '../../src/cli/serve.ts';

const dir = mkdtempSync(join(tmpdir(), 'ml-serve-'));
let site: Served;

beforeAll(async () => {
  mkdirSync(join(dir, 'lessons', 'a'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<h1>Home</h1>');
  writeFileSync(join(dir, '404.html'), '<h1>Not here</h1>');
  writeFileSync(join(dir, 'lessons', 'a', 'index.html'), '<h1>Lesson A</h1>');
  writeFileSync(join(dir, 'data.jsonld'), '{}');
  writeFileSync(join(dir, 'x.pf_meta'), 'meta');
  writeFileSync(
    join(dir, '_headers'),
    "/*\n  Content-Security-Policy: default-src 'self'\n  X-Test: yes\n/other\n  X-Other: no\n",
  );
  site = await serve(dir, '/base/', readHeaders(join(dir, '_headers')));
});
afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string) => fetch(site.origin + path, { redirect: 'manual' });

describe('serve', () => {
  it('reads only the global block of _headers', () => {
    expect(readHeaders(join(dir, '_headers'))).toEqual({ 'Content-Security-Policy': "default-src 'self'", 'X-Test': 'yes' });
    expect(readHeaders(join(dir, 'missing'))).toEqual({});
  });

  it('serves folders under the base path with the site headers', async () => {
    const home = await get('/base/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect(home.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(await home.text()).toBe('<h1>Home</h1>');
    const lesson = await get('/base/lessons/a/?q=1');
    expect(await lesson.text()).toBe('<h1>Lesson A</h1>');
    expect((await get('/base/data.jsonld')).headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect((await get('/base/x.pf_meta')).headers.get('content-type')).toBe('application/octet-stream');
  });

  it('redirects a folder to its trailing slash, and answers 404.html for what is missing', async () => {
    const r = await get('/base/lessons/a');
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('/base/lessons/a/');
    const missing = await get('/base/nope/');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('<h1>Not here</h1>');
    expect((await get('/elsewhere/')).status).toBe(404);
  });

  it('answers 400 to a malformed % escape and keeps serving', async () => {
    for (const bad of ['/base/%', '/base/%E0%A4%A', '/base/lessons/%zz/']) {
      const r = await get(bad);
      expect(r.status, bad).toBe(400);
      expect(await r.text()).toContain('malformed');
    }
    expect((await get('/base/')).status).toBe(200);
  });

  it('never serves files outside the folder', async () => {
    for (const p of ['/base/..%2f..%2fetc%2fpasswd', '/base/%2e%2e/%2e%2e/etc/passwd']) {
      const r = await get(p);
      expect([403, 404], p).toContain(r.status);
      expect(await r.text()).not.toContain('root:');
    }
  });
});
