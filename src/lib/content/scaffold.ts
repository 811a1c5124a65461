/**
 * Files for a new lesson, with comments that teach the format. Used by
 * `npm run new:lesson -- <slug>`. Every placeholder starts with "TODO:"
 * (PLACEHOLDER in lesson-rules.ts), so an unedited scaffold cannot be published.
 */

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function checkSlug(slug: string | undefined, existing: readonly string[]): string | null {
  if (!slug) return 'Give the new lesson a name, e.g. npm run new:lesson -- city-council-budget';
  if (!SLUG_RE.test(slug) || slug.length > 60)
    return `"${slug}" is not a valid lesson name: use lower-case letters, digits and single hyphens (e.g. city-council-budget), at most 60 characters.`;
  if (slug.endsWith('-control')) return `"${slug}" ends in "-control", which is kept for control passages; choose another name.`;
  if (existing.includes(slug) || existing.includes(`${slug}-control`))
    return `A lesson or excerpt called "${slug}" already exists. Choose another name, or edit the existing files.`;
  return null;
}

export function scaffold(slug: string, nextPath: number, today: string): Record<string, string> {
  const excerpt = `---
# The article, exactly as published. Paste it below the closing ---.
# Every text starting with TODO: is a placeholder: check:content and the build
# refuse to publish until all of them are replaced.
title: "TODO: the article's headline"
# Where it was published. For a text you wrote yourself, delete outlet
# and write: constructed: true   (the page then says "Constructed for teaching").
outlet: "TODO: the outlet's name"
date: ${today}
# What kind of text it is: news | opinion | analysis | sponsored | press-release | social-post
genre: news
# Who is behind it: the outlet's name, a comma, then what kind of outlet it is.
publisher: "TODO: the outlet's name, then what kind of site or outlet it is"
byline: "TODO: who wrote it, or: Unknown"
provenance: "TODO: where the text comes from and why it may be reproduced (e.g. for criticism and teaching)."
---
TODO: the headline, on one line

TODO: the article, keeping its spelling, quotes and punctuation exactly. According to officials, the plan will certainly work.

Leave one blank line between paragraphs.
`;
  const annotations = `# Annotations: each one quotes the words it is about, copied from the text.
# Fields: id, quote, lens (sourcing-gap | emotive-language | unsupported-prediction, or a
# list of them), kind (optional, a page in content/techniques), note (required: why it
# matters in this text), question, check (how a reader would check it), rewrite, lensNote.
# If a quote occurs more than once, add prefix: or suffix: with the words around it.
# Run npm run check:content after each change: it names any quote it cannot find.

- id: according-to-officials
  quote: According to officials
  lens: sourcing-gap
  kind: vague-attribution
  note: >-
    Which officials? Nobody is named, so the reader cannot tell who is behind
    the claim or check it. TODO: replace this example with your own.
  question: Who would know about this plan, and where would they say so in public?
  check: Look for a named statement from the body that made the plan.

- id: certainly-work
  quote: will certainly work
  lens: unsupported-prediction
  kind: certainty-without-evidence
  note: >-
    "Certainly" turns a hope into a fact. What evidence would show the plan
    will work? TODO: replace this example with your own.
  question: What would you need to see before believing this forecast?
  rewrite: Officials say they expect the plan to work because ...
`;
  const control = `---
# A short, well-sourced text on the same topic, written for this lesson: named sources,
# evidence with its source, hedged forecasts. Learners should find little or nothing to flag.
title: "TODO: the control passage's headline"
constructed: true
date: ${today}
genre: news
publisher: "TODO: an invented outlet's name, then what kind of outlet it is (fictional)"
provenance: "Written for this site as a control passage. Not a real news report."
---
TODO: the control passage's headline

TODO: a calm report, for example: The council's finance officer, Ana Ruiz, said in a report published on Monday that the plan would cost 2.1 million pounds.
`;
  const lesson = `---
# Shown to learners: title, summary, the questions and objectives up front, key points at the end.
title: "TODO: the lesson title"
summary: "TODO: one sentence on what the learner will do."
level: intro                 # intro | intermediate | advanced
minutes: 30                  # for teachers (15–45); not shown to learners
audience: [secondary students (14+), adult learners]
topic: "Local news"
excerpt: ${slug}
control: ${slug}-control
path: ${nextPath}                      # place on the "start here" path
questions:
  - "TODO: a question the lesson answers"
objectives:
  - "TODO: what learners will be able to do"
keyPoints:
  - "TODO: the main thing to remember"
# For the teaching guide:
preparation: "TODO: what a teacher should prepare."
discussion:
  - "TODO: a discussion question"
misconceptions:
  - "TODO: a common misconception and the correction"
extensions:
  - "TODO: a follow-up activity"
---

TODO: a paragraph or two of context for the learner: where the text comes from and what to notice.

<TeacherNote>
TODO: only teachers see this, in the teaching guide: timing, tips, sensitivities.
</TeacherNote>

<Walkthrough>

<Step lens="sourcing-gap" title="Who says so?">
TODO: what to look for under this lens in this text, without giving the answers away.
</Step>

<Step lens="unsupported-prediction" title="How could they know?">
TODO: what to look for under this lens in this text.
</Step>

<ControlStep>
TODO: what good sourcing looks like in the control passage.
</ControlStep>

</Walkthrough>

<AnnotatedExcerpt />

## Debrief

TODO: bring the lesson together: what did the three lenses show?
`;
  return {
    [`excerpts/${slug}.md`]: excerpt,
    [`excerpts/${slug}.yaml`]: annotations,
    [`excerpts/${slug}-control.md`]: control,
    [`excerpts/${slug}-control.yaml`]: '# The control passage should need little or no flagging; an empty list is fine.\n[]\n',
    [`lessons/${slug}.mdx`]: lesson,
  };
}
