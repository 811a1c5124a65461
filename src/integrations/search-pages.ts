/**
 * Build-time middleware of the search-index integration: each rendered page
 * that search covers goes to the Pagefind index as it is made (see
 * lib/search/page-sink.ts). Added only to `astro build`; without a sink (no
 * search index open) it passes every response through untouched.
 */
import { defineMiddleware } from 'astro:middleware';
import { INDEXED_PAGE, pageFileOf, pageSink } from '../lib/search/page-sink.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const sink = pageSink();
  if (!sink || !context.isPrerendered || response.status !== 200) return response;
  const file = pageFileOf(context.url.pathname, import.meta.env.BASE_URL);
  if (!file || !INDEXED_PAGE.test(file)) return response;
  const html = await response.text();
  sink.add(file, html);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
