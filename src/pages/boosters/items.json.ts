/**
 * Booster review items for every lesson: flagged phrases with their lenses
 * and notes, and plain phrases with nothing to flag (see src/lib/learner/booster.ts).
 * Fetched only by the booster page.
 */
import type { APIRoute } from 'astro';
import { getLibrary } from '../../data/library.ts';
import { boosterItems } from '../../lib/learner/booster.ts';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(boosterItems(getLibrary())), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
