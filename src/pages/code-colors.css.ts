import type { APIRoute } from 'astro';
import { bundledThemes } from 'shiki';
import { codeCss } from '../lib/site/code-classes.ts';

export const GET: APIRoute = async () => {
  const [light, dark] = await Promise.all([bundledThemes['github-light-default'](), bundledThemes['github-dark-default']()]);
  return new Response(codeCss(light.default, dark.default), { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
