/** The web app manifest: lets the site be installed and opened like an app. */
import type { APIRoute } from 'astro';
import { withBase } from '../lib/site/url.ts';

export const GET: APIRoute = () => {
  const base = withBase(import.meta.env.BASE_URL);
  const icon = withBase(base, 'icon.svg');
  const manifest = {
    id: base,
    name: 'Read the News Closely',
    short_name: 'News Closely',
    description:
      'Free lessons that teach how to read the news: spot sourcing gaps, emotive language and unsupported predictions.',
    lang: 'en',
    dir: 'ltr',
    start_url: base,
    scope: base,
    display: 'standalone',
    // --bg and --accent in src/styles/global.css (light theme).
    background_color: '#fdfcf9',
    theme_color: '#0b4f94',
    categories: ['education'],
    icons: [
      { src: icon, sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: icon, sizes: 'any', type: 'image/svg+xml', purpose: 'maskable' },
    ],
  };
  return new Response(JSON.stringify(manifest, null, 2), { headers: { 'Content-Type': 'application/manifest+json' } });
};
