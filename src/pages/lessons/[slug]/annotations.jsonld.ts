/**
 * The lesson's annotations as W3C Web Annotation JSON-LD: one
 * AnnotationCollection, the main text as its first page and the control
 * passage as the next (see src/lib/content/web-annotation.ts).
 */
import type { APIRoute } from 'astro';
import { getLibrary } from '../../../data/library.ts';
import { lessonPaths, type LessonProps } from '../../../data/lesson-page.ts';
import { lessonAnnotations, siteRoot } from '../../../lib/content/web-annotation.ts';

export const getStaticPaths = lessonPaths;

export const GET: APIRoute<LessonProps> = ({ props, site }) => {
  const doc = lessonAnnotations(getLibrary(), props.lesson.slug, siteRoot(site, import.meta.env.BASE_URL));
  return new Response(JSON.stringify(doc, null, 2), { headers: { 'Content-Type': 'application/ld+json; charset=utf-8' } });
};
