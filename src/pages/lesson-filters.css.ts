import type { APIRoute } from 'astro';
import { getLibrary } from '../data/library.ts';
import { lessonFilterGroups } from '../data/lesson-filters.ts';
import { filterCss } from '../lib/filter-css.ts';

export const GET: APIRoute = () =>
  new Response(filterCss(lessonFilterGroups(getLibrary())), { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
