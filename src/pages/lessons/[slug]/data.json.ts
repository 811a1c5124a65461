import type { APIRoute, GetStaticPaths } from 'astro';
import { getLibrary } from '../../../data/library.ts';
import { lessonData } from '../../../lib/lesson-data.ts';

export const getStaticPaths: GetStaticPaths = () => getLibrary().lessons.map((l) => ({ params: { slug: l.slug } }));

export const GET: APIRoute = ({ params }) => {
  const lib = getLibrary();
  const lesson = lib.lessons.find((l) => l.slug === params.slug)!;
  return new Response(JSON.stringify(lessonData(lib, lesson)), { headers: { 'Content-Type': 'application/json' } });
};
