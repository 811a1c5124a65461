import type { APIRoute, GetStaticPaths } from 'astro';
import { getLibrary } from '../../../data/library.ts';
import { findLesson } from '../../../lib/content/lookup.ts';
import { lessonData } from '../../../lib/teach/lesson-data.ts';

export const getStaticPaths: GetStaticPaths = () => getLibrary().lessons.map((l) => ({ params: { slug: l.slug } }));

export const GET: APIRoute = ({ params }) => {
  const lib = getLibrary();
  const lesson = findLesson(lib, String(params.slug))!;
  return new Response(JSON.stringify(lessonData(lib, lesson)), { headers: { 'Content-Type': 'application/json' } });
};
