/**
 * Files for a new lesson, with comments that teach the format. Used by
 * `npm run new:lesson -- <slug>`.
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
title: "Replace with the article's headline"
# Where it was published. For a text you wrote yourself, delete outlet
# and write: constructed: true   (the page then says "Constructed for teaching").
outlet: "Replace with the outlet's name"
date: ${today}
# What kind of text it is: news | opinion | analysis | sponsored | press-release | social-post
genre: news
# Who is behind it: the outlet's name, a comma, then what kind of outlet it is.
publisher: "Replace with the outlet's name, then what kind of site or outlet it is"
byline: "Replace with who wrote it, or: Unknown"
provenance: "Replace with where the text comes from and why it may be reproduced (e.g. for criticism and teaching)."
---
Replace this line with the headline

Replace this paragraph with the article, keeping its spelling, quotes and punctuation exactly. According to officials, the plan will certainly work.

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
    the claim or check it. Replace this example with your own.
  question: Who would know about this plan, and where would they say so in public?
  check: Look for a named statement from the body that made the plan.

- id: certainly-work
  quote: will certainly work
  lens: unsupported-prediction
  kind: certainty-without-evidence
  note: >-
    "Certainly" turns a hope into a fact. What evidence would show the plan
    will work? Replace this example with your own.
  question: What would you need to see before believing this forecast?
  rewrite: Officials say they expect the plan to work because ...
`;
  const control = `---
# A short, well-sourced text on the same topic, written for this lesson: named sources,
# evidence with its source, hedged forecasts. Learners should find little or nothing to flag.
title: "Replace with the control passage's headline"
constructed: true
date: ${today}
genre: news
publisher: "Replace with an invented outlet's name, then what kind of outlet it is (fictional)"
provenance: "Written for this site as a control passage. Not a real news report."
---
Replace this line with the control passage's headline

Replace this paragraph with a calm report, for example: The council's finance officer, Ana Ruiz, said in a report published on Monday that the plan would cost 2.1 million pounds.
`;
  const lesson = `---
# Shown to learners: title, summary, the questions and objectives up front, key points at the end.
title: "Replace with the lesson title"
summary: "One sentence on what the learner will do."
level: intro                 # intro | intermediate | advanced
minutes: 30                  # for teachers (15–45); not shown to learners
audience: [secondary students (14+), adult learners]
topic: "Local news"
excerpt: ${slug}
control: ${slug}-control
path: ${nextPath}                      # place on the "start here" path
questions:
  - "Replace with a question the lesson answers"
objectives:
  - "Replace with what learners will be able to do"
keyPoints:
  - "Replace with the main thing to remember"
# For the teaching guide:
preparation: "Replace with what a teacher should prepare."
discussion:
  - "Replace with a discussion question"
misconceptions:
  - "Replace with a common misconception and the correction"
extensions:
  - "Replace with a follow-up activity"
---

A paragraph or two of context for the learner: where the text comes from and what to notice.

<TeacherNote>
Only teachers see this, in the teaching guide: timing, tips, sensitivities.
</TeacherNote>

<Walkthrough>

<Step lens="sourcing-gap" title="Who says so?">
What to look for under this lens in this text, without giving the answers away.
</Step>

<Step lens="unsupported-prediction" title="How could they know?">
What to look for under this lens in this text.
</Step>

<ControlStep>
What good sourcing looks like in the control passage.
</ControlStep>

</Walkthrough>

<AnnotatedExcerpt />

## Debrief

Bring the lesson together: what did the three lenses show?
`;
  return {
    [`excerpts/${slug}.md`]: excerpt,
    [`excerpts/${slug}.yaml`]: annotations,
    [`excerpts/${slug}-control.md`]: control,
    [`excerpts/${slug}-control.yaml`]: '# The control passage should need little or no flagging; an empty list is fine.\n[]\n',
    [`lessons/${slug}.mdx`]: lesson,
  };
}
