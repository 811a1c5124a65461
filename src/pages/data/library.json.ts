/** The whole library as one JSON file for researchers (see src/lib/content/web-annotation.ts). */
import type { APIRoute } from 'astro';
import { getLibrary } from '../../data/library.ts';
import { libraryJson, siteRoot } from '../../lib/content/web-annotation.ts';

export const GET: APIRoute = ({ site }) => {
  const data = libraryJson(getLibrary(), siteRoot(site, import.meta.env.BASE_URL));
  return new Response(JSON.stringify(data, null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
