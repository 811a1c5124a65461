import type { APIRoute } from 'astro';
import { getLibrary } from '../../../data/library.ts';
import { lessonPaths, type LessonProps } from '../../../data/lesson-page.ts';
import { lessonData } from '../../../lib/teach/lesson-data.ts';

export const getStaticPaths = lessonPaths;

export const GET: APIRoute<LessonProps> = ({ props }) =>
  new Response(JSON.stringify(lessonData(getLibrary(), props.lesson)), { headers: { 'Content-Type': 'application/json' } });
