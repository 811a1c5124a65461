/** Join the site's base path and a site-relative path ("lessons/x/"). */
export function withBase(base: string, path = ''): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + path.replace(/^\/+/, '');
}
