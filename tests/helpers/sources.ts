/** Small in-memory content sets for validation tests. */
import type { ContentSources } from '../../src/lib/content/validate.ts';

export const EXCERPT_TEXT = `Troops Mass Near The River

According to reports, revenge-thirsty troops are amassing. The troops will certainly attack.

An absolute massacre is coming, officials said.`;

const technique = (id: string, lens?: string) => ({
  id,
  file: {
    path: `content/techniques/${id}.md`,
    content: `---\ntitle: ${id}\n${lens ? `lens: ${lens}\n` : ''}summary: About ${id}.\n---\nBody.\n`,
  },
});

export const TECHNIQUES = [
  technique('sourcing-gap'),
  technique('emotive-language'),
  technique('unsupported-prediction'),
  technique('vague-attribution', 'sourcing-gap'),
  technique('name-calling', 'emotive-language'),
  technique('hyperbole', 'emotive-language'),
  technique('guessed-motive', 'unsupported-prediction'),
];

export const GOOD_ANNOTATIONS = `- id: vague-reports
  quote: According to reports
  lens: sourcing-gap
  kind: vague-attribution
  note: Which reports? None is named.
  question: Who reported this?
  check: Search for a named report of troop movements.
- id: revenge-thirsty
  quote: revenge-thirsty
  lens: [emotive-language, unsupported-prediction]
  kind: [name-calling, guessed-motive]
  note: A loaded label that also claims to know what the troops feel.
  question: How could the writer know what the troops want?
- id: massacre
  quote: absolute massacre
  lens: emotive-language
  kind: hyperbole
  note: Exaggeration that pushes fear.
  question: What has actually happened so far?
`;

export const GOOD_LESSON = `---
title: A lesson
summary: Summary.
level: intro
minutes: 20
audience: [students]
topic: Conflict
excerpt: troops
control: troops-control
questions: [Who says so?]
objectives: [Spot gaps.]
keyPoints: [Ask who says so.]
discussion: [Who would know?]
misconceptions: [A source is always named.]
---
Body.

<Walkthrough>

<Step lens="sourcing-gap" title="Who says so?">
Look for the sources.
</Step>

<ControlStep>
Good sourcing.
</ControlStep>

</Walkthrough>

<AnnotatedExcerpt />

## Debrief

What did you find?
`;

export function sources(over: { annotations?: string; lesson?: string; excerptFrontmatter?: string } = {}): ContentSources {
  const fm =
    over.excerptFrontmatter ??
    'title: Troops\noutlet: Example Daily\ndate: 2018-02\ngenre: news\npublisher: Example Daily, a test newspaper\nprovenance: Test text.';
  return {
    techniques: TECHNIQUES,
    excerpts: [
      {
        slug: 'troops',
        text: { path: 'content/excerpts/troops.md', content: `---\n${fm}\n---\n${EXCERPT_TEXT}` },
        annotations: { path: 'content/excerpts/troops.yaml', content: over.annotations ?? GOOD_ANNOTATIONS },
      },
      {
        slug: 'troops-control',
        text: {
          path: 'content/excerpts/troops-control.md',
          content:
            '---\ntitle: Calm\nconstructed: true\ndate: 2018\ngenre: news\npublisher: The Calm Gazette, an invented newspaper (fictional)\nprovenance: Test text.\n---\nThe ministry said on Monday that 200 soldiers had moved.',
        },
      },
    ],
    lessons: [{ slug: 'a-lesson', file: { path: 'content/lessons/a-lesson.mdx', content: over.lesson ?? GOOD_LESSON } }],
  };
}
