/**
 * The lesson workbench's page logic: binds the form to a Draft
 * (src/lib/write/workbench.ts), runs the project's validator on the draft's files
 * after every change, places each message beside its field, previews the
 * walkthrough with the site's scoring, keeps drafts in localStorage and
 * hands out the files. Author text only ever becomes text nodes or form
 * values, never HTML.
 */
// Must come first: it turns off zod's eval before the schemas below are built.
import './zod-jitless.ts';
import { anchorQuote } from '../lib/content/anchor.ts';
import { LENS_IDS, LENSES, isLensId, type LensId } from '../lib/content/lenses.ts';
import { describeTally, scoreStep, tally, type Target } from '../lib/learner/score.ts';
import { splitBlocks, type Block } from '../lib/content/text.ts';
import { tokenize, tokenRange, type Token } from '../lib/learner/tokens.ts';
import type { SourceFile } from '../lib/content/validate.ts';
import {
  checkDraft,
  controlSlug,
  draftFromFiles,
  draftFromLab,
  emptyDraft,
  exportDraft,
  fileNames,
  idFor,
  importDraft,
  FILE_KEYS,
  lensesUsed,
  namedFiles,
  pickQuote,
  readDraftStore,
  readLabHandoff,
  repeatsOf,
  type Draft,
  type DraftAnnotation,
  type DraftCheck,
  type DraftFiles,
  type DraftStore,
  type FileKey,
  type OpenedFiles,
  type IssueTarget,
  type PlacedIssue,
} from '../lib/write/workbench.ts';
import { zip } from '../lib/write/zip.ts';
import { LAB_HANDOFF_KEY, unreadableKey, WRITE_DRAFTS_KEY } from '../lib/learner/storage-keys.ts';
import { copyField } from './clipboard.ts';
import { MarkSurface } from './marking.ts';
import { readStore, writeStore } from './store.ts';

const DEBOUNCE_MS = 250;
const LIST_FIELDS = ['lesson.questions', 'lesson.objectives', 'lesson.keyPoints', 'lesson.discussion', 'lesson.misconceptions'];

interface PageData {
  techniques: { id: string; file: SourceFile }[];
  excerpts: string[];
  kinds: { id: string; title: string; lens: LensId }[];
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

const today = () => new Date().toISOString().slice(0, 10);
const newId = () => `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function download(name: string, data: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function start(root: HTMLElement): Workbench {
  return new Workbench(root);
}

/** Where a check's message points, as the list of checks names it (annotations name their number). */
const TARGET_PLACE: Record<Exclude<IssueTarget['kind'], 'annotation'>, string> = {
  lesson: 'Lesson: ',
  slug: 'Short name: ',
  control: 'Control passage: ',
  meta: 'Text and source: ',
  text: 'Text and source: ',
};

export class Workbench {
  private root: HTMLElement;
  private data: PageData;
  private store!: DraftStore;
  private draft!: Draft;
  private tokens: Token[] = [];
  private blocks: Block[] = [];
  private surface: MarkSurface;
  private editing = -1;
  private check: DraftCheck | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private storageOk = true;
  private previewKey = '';
  /** The window and document listeners of the current connection. */
  private global: AbortController | null = null;

  constructor(root: HTMLElement) {
    this.root = root;
    this.data = JSON.parse(this.$('.wb-data').textContent ?? '{}') as PageData;
    this.surface = new MarkSurface(this.$('#wb-surface'), {
      mode: 'range',
      idPrefix: 'wb-text',
      onChange: () => this.showSelection(),
      onEnter: () => this.annotateSelection(),
    });
    this.$('#wb-surface').setAttribute('aria-describedby', 'wb-mark-help');
    this.$('#wb-surface').setAttribute('aria-labelledby', 'wb-mark-h');
    this.fillKinds();
    this.loadStore();
    this.fromLab();
    this.wire();
    this.$('.wb-app').hidden = false;
    this.load(this.draft);
    this.listen();
  }

  /** Save when the page is hidden or left (again, after `stop`). */
  listen() {
    this.global?.abort();
    this.global = new AbortController();
    const { signal } = this.global;
    window.addEventListener('pagehide', () => this.flush(), { signal });
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && this.flush(), { signal });
  }

  /** The element left the page: save now and drop the window and document listeners. */
  stop() {
    this.flush();
    this.global?.abort();
    this.global = null;
  }

  private $<T extends HTMLElement = HTMLElement>(sel: string): T {
    const el = this.root.querySelector<T>(sel);
    if (!el) throw new Error(`workbench: missing ${sel}`);
    return el;
  }

  private say(text: string) {
    this.$('.wb-status').textContent = text;
  }

  // ---------- storage ----------

  private loadStore() {
    const raw = readStore(WRITE_DRAFTS_KEY);
    const { store, corrupt } = readDraftStore(raw);
    if (corrupt && raw) {
      // Keep what could not be read, next to the store, instead of overwriting it.
      writeStore(unreadableKey(WRITE_DRAFTS_KEY, Date.now()), raw);
      this.say('Some saved drafts on this device could not be read. They were kept aside, not deleted; the others are below.');
    }
    this.store = store;
    this.draft =
      store.drafts.find((d) => d.id === store.current) ?? store.drafts[0] ?? this.addDraft(emptyDraft(newId(), today()));
  }

  private addDraft(d: Draft): Draft {
    this.store.drafts.unshift(d);
    this.store.current = d.id;
    return d;
  }

  private flush() {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.run();
    }
    this.save();
  }

  private save() {
    this.draft.updated = Date.now();
    this.store.current = this.draft.id;
    const ok = writeStore(WRITE_DRAFTS_KEY, JSON.stringify(this.store));
    const box = this.$('.wb-storage');
    if (!ok) {
      this.$('.wb-storage-text').textContent =
        'This draft cannot be saved on this device: storage is full or turned off. It stays on this page until you close it; export the draft file now to keep it.';
      box.hidden = false;
    } else if (!this.storageOk) box.hidden = true;
    this.storageOk = ok;
  }

  private fromLab() {
    let raw: string | null;
    try {
      raw = sessionStorage.getItem(LAB_HANDOFF_KEY);
      sessionStorage.removeItem(LAB_HANDOFF_KEY);
    } catch {
      return;
    }
    const handoff = readLabHandoff(raw);
    if (!handoff) return;
    const text = handoff.text.endsWith('\n') ? handoff.text : `${handoff.text}\n`;
    const d = draftFromLab(handoff, tokenize(text, splitBlocks(text)), newId(), today());
    this.draft = this.addDraft(d);
    this.say(
      `Opened from the practice lab: your text and ${d.annotations.length} accepted cue${d.annotations.length === 1 ? '' : 's'} as draft annotations. Each needs a note of its own.`,
    );
  }

  // ---------- binding ----------

  private fillKinds() {
    const sel = this.$<HTMLSelectElement>('#wb-ann-kind');
    sel.append(new Option('None', ''));
    for (const lens of LENS_IDS) {
      const g = document.createElement('optgroup');
      g.label = LENSES[lens].label;
      for (const k of this.data.kinds.filter((x) => x.lens === lens)) g.append(new Option(k.title, k.id));
      sel.append(g);
    }
  }

  private get(path: string): unknown {
    let cur: unknown = this.draft;
    for (const p of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
    return cur;
  }

  private set(path: string, value: unknown) {
    const parts = path.split('.');
    let cur = this.draft as unknown as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
    cur[parts[parts.length - 1]] = value;
  }

  private fill() {
    for (const el of this.root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('[data-bind]')) {
      const path = el.dataset.bind!;
      const v = this.get(path);
      if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = v === true;
      else if (path === 'lesson.audience') el.value = ((v as string[]) ?? []).join(', ');
      else if (Array.isArray(v)) el.value = v.join('\n');
      else el.value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
    }
    this.$<HTMLInputElement>('#wb-meta-outlet').disabled = this.draft.meta.constructed;
    this.$<HTMLInputElement>('#wb-control-outlet').disabled = this.draft.control?.meta.constructed === true;
    const opened = this.draft.origin?.mdx !== undefined;
    this.$('.wb-new-only').hidden = opened;
    this.$('.wb-opened-only').hidden = !opened;
    this.$('.wb-control-fields').hidden = !this.draft.control;
    this.$('.wb-control-kept').hidden = !!this.draft.control;
    this.$('.wb-control-name').textContent = `content/excerpts/${controlSlug(this.draft) || '…'}.md`;
  }

  private read(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement) {
    const path = el.dataset.bind!;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') this.set(path, el.checked);
    else if (path === 'lesson.audience')
      this.set(
        path,
        el.value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
    else if (path === 'lesson.minutes') this.set(path, Number(el.value));
    else if (LIST_FIELDS.includes(path)) this.set(path, el.value.split('\n'));
    else this.set(path, el.value);
    if (path === 'meta.constructed')
      this.$<HTMLInputElement>('#wb-meta-outlet').disabled = el instanceof HTMLInputElement && el.checked;
    if (path === 'control.meta.constructed')
      this.$<HTMLInputElement>('#wb-control-outlet').disabled = el instanceof HTMLInputElement && el.checked;
    if (path === 'slug') this.$('.wb-control-name').textContent = `content/excerpts/${controlSlug(this.draft) || '…'}.md`;
    if (path === 'text') this.renderText();
    this.schedule();
  }

  private wire() {
    this.root.addEventListener('input', (e) => {
      const el = e.target as HTMLInputElement;
      if (el.dataset.bind !== undefined) this.read(el);
      else if (el.closest('.wb-editor')) this.readEditor(el);
    });
    this.root.addEventListener('change', (e) => {
      const el = e.target as HTMLInputElement;
      if (el.id === 'wb-draft') this.switchTo(el.value);
      else if (el.id === 'wb-import') void this.importFile(el);
      else if (el.id === 'wb-open') void this.openFiles(el);
      else if (el.type === 'checkbox' || el.tagName === 'SELECT') {
        if (el.dataset.bind !== undefined) this.read(el);
        else if (el.closest('.wb-editor')) this.readEditor(el);
      }
    });
    this.root.addEventListener('click', (e) => {
      const b = (e.target as Element).closest<HTMLButtonElement>('button');
      if (!b) return;
      const act = b.dataset.act;
      if (act === 'new') this.newDraft();
      else if (act === 'export') this.exportDraft();
      else if (act === 'delete') this.deleteDraft();
      else if (act === 'annotate') this.annotateSelection();
      else if (act === 'requote') this.requote();
      else if (act === 'done') this.closeEditor();
      else if (act === 'zip') this.downloadZip();
      else if (act === 'edit') this.openEditor(Number(b.dataset.i));
      else if (act === 'up' || act === 'down') this.move(Number(b.dataset.i), act === 'up' ? -1 : 1);
      else if (act === 'remove') this.remove(Number(b.dataset.i));
      else if (act === 'goto') this.goto(b.dataset.target ?? '');
      else if (b.dataset.download) this.downloadFile(b.dataset.download as FileKey);
      else if (b.dataset.copy) void this.copyFile(b.dataset.copy as FileKey);
    });
  }

  // ---------- drafts ----------

  private load(d: Draft) {
    this.draft = d;
    this.store.current = d.id;
    this.editing = -1;
    this.$('.wb-editor').hidden = true;
    this.previewKey = '';
    this.fill();
    this.renderDrafts();
    this.renderText();
    this.run();
  }

  private renderDrafts() {
    const sel = this.$<HTMLSelectElement>('#wb-draft');
    sel.replaceChildren(
      ...this.store.drafts.map((d) => {
        const name = squash(d.meta.title || d.lesson.title || d.slug || 'Untitled draft').slice(0, 60);
        const when = d.updated ? new Date(d.updated).toLocaleString() : 'not saved yet';
        return new Option(`${name} (${when})`, d.id, false, d.id === this.draft.id);
      }),
    );
  }

  private switchTo(id: string) {
    this.flush();
    const d = this.store.drafts.find((x) => x.id === id);
    if (d) {
      this.load(d);
      this.say(`Opened the draft "${squash(d.meta.title || d.slug || 'Untitled draft')}".`);
    }
  }

  private newDraft() {
    this.flush();
    this.load(this.addDraft(emptyDraft(newId(), today())));
    this.save();
    this.say('Started a new draft. Your other drafts are still in the list.');
    this.$('#wb-slug').focus();
  }

  private deleteDraft() {
    const gone = this.draft;
    this.store.drafts = this.store.drafts.filter((d) => d.id !== gone.id);
    const next = this.store.drafts[0] ?? this.addDraft(emptyDraft(newId(), today()));
    this.load(next);
    this.save();
    this.say(
      `Deleted the draft "${squash(gone.meta.title || gone.slug || 'Untitled draft')}". Export drafts you want to keep before deleting them.`,
    );
  }

  private exportDraft() {
    this.flush();
    download(`${this.draft.slug || 'lesson'}.draft.json`, exportDraft(this.draft), 'application/json');
    this.say('Exported the draft file. Import it here (on any device) to carry on.');
  }

  private async importFile(input: HTMLInputElement) {
    const f = input.files?.[0];
    input.value = '';
    if (!f) return;
    const d = importDraft(await f.text());
    if (!d) {
      this.say(
        `"${f.name}" is not a workbench draft file, so nothing was imported. Choose a file exported with "Export draft file".`,
      );
      return;
    }
    this.flush();
    d.id = newId();
    this.load(this.addDraft(d));
    this.save();
    this.say(`Imported the draft "${squash(d.meta.title || d.slug || f.name)}".`);
  }

  private async openFiles(input: HTMLInputElement) {
    const files = [...(input.files ?? [])];
    input.value = '';
    const got: OpenedFiles = {};
    let slug = '';
    const ignored: string[] = [];
    // The control passage's files are named after the lesson's `control:` (usually <slug>-control).
    const mdx = files.find((f) => /\.mdx$/i.test(f.name));
    const named = mdx ? /^control:\s*["']?([a-z0-9-]+)/m.exec(await mdx.text())?.[1] : undefined;
    for (const f of files) {
      const m = /^(.*)\.(md|ya?ml|mdx)$/i.exec(f.name);
      if (!m) {
        ignored.push(f.name);
        continue;
      }
      const ext = m[2].toLowerCase();
      const control = ext !== 'mdx' && (named ? m[1] === named : /-control$/.test(m[1]) && files.length > 1);
      const plain = ext === 'yml' ? 'yaml' : (ext as 'md' | 'yaml' | 'mdx');
      const key: FileKey = control ? (plain === 'md' ? 'cmd' : 'cyaml') : plain;
      got[key] = (await f.text()).replace(/^\uFEFF/, '');
      if (!control) slug ||= m[1];
    }
    if (!slug && named === undefined) slug = files.map((f) => /^(.*)-control\./.exec(f.name)?.[1]).find(Boolean) ?? '';
    if (got.md === undefined && got.yaml === undefined && got.mdx === undefined) {
      this.say("Choose the lesson's .md, .yaml or .mdx files; nothing was opened.");
      return;
    }
    this.flush();
    const d = draftFromFiles(got, slug, newId(), today());
    this.load(this.addDraft(d));
    this.save();
    const names = (Object.keys(got) as FileKey[])
      .map((k) => (k === 'cmd' ? 'control .md' : k === 'cyaml' ? 'control .yaml' : `.${k}`))
      .join(', ');
    this.say(
      `Opened "${slug}" (${names}) as a new draft${ignored.length ? `; ignored ${ignored.join(', ')}` : ''}. Unchanged parts will be written back exactly as they were.`,
    );
  }

  // ---------- the text ----------

  private renderText() {
    this.blocks = splitBlocks(this.draft.text);
    this.tokens = tokenize(this.draft.text, this.blocks);
    this.surface.marked.clear();
    this.surface.render(this.draft.text, this.blocks, this.tokens);
    this.showSelection();
  }

  private showSelection() {
    const r = this.surface.range();
    const out = this.$('.wb-selection');
    if (!r) out.textContent = 'No words selected.';
    else out.textContent = `Selected: "${squash(this.draft.text.slice(this.tokens[r.a].start, this.tokens[r.b].end))}"`;
  }

  /** Highlight annotated words as the validator anchored them, with numbers (never colour alone). */
  private paintAnnotations() {
    const el = this.$('#wb-surface');
    el.querySelectorAll('.wb-num').forEach((n) => n.remove());
    for (const w of this.surface.words) w.className = w.className.replace(/\s*(wb-ann|lens-[a-z-]+)/g, '');
    const anns = this.check?.excerpt?.annotations ?? [];
    for (const a of anns) {
      const { a: from, b: to } = tokenRange(this.tokens, a.start, a.end);
      for (let i = from; i < to; i++) this.surface.words[i]?.classList.add('wb-ann', `lens-${a.lenses[0]}`);
      const last = this.surface.words[to - 1];
      if (last) {
        const n = h('sup', String(this.draft.annotations.findIndex((x) => x.id === a.id) + 1), 'wb-num');
        n.setAttribute('aria-hidden', 'true');
        last.after(n);
      }
    }
  }

  // ---------- annotations ----------

  private annotateSelection() {
    const r = this.surface.range();
    if (!r) {
      this.say('Select some words in the text first.');
      this.$('#wb-surface').focus();
      return;
    }
    const pick = pickQuote(this.draft.text, this.tokens, r.a, r.b);
    if (!pick) return;
    const ann: DraftAnnotation = {
      id: idFor(
        pick.quote,
        this.draft.annotations.map((a) => a.id),
      ),
      quote: pick.quote,
      prefix: pick.prefix,
      suffix: pick.suffix,
      lens: [],
      kind: [],
      key: [],
      scored: true,
      note: '',
      question: '',
      check: '',
      rewrite: '',
      lensNote: '',
    };
    // Keep the file in reading order: insert before the first annotation that starts later.
    let at = this.draft.annotations.findIndex((a) => {
      const r = anchorQuote(this.draft.text, { exact: a.quote, prefix: a.prefix || undefined, suffix: a.suffix || undefined });
      return r.ok && r.start > pick.start;
    });
    if (at < 0) at = this.draft.annotations.length;
    this.draft.annotations.splice(at, 0, ann);
    this.surface.clear();
    this.say(
      `Added an annotation on "${squash(pick.quote)}"${pick.prefix || pick.suffix ? ' (the words occur more than once, so the workbench added the words around them)' : ''}. Choose a lens and write the note.`,
    );
    this.openEditor(at, true);
    this.run();
  }

  private openEditor(i: number, lensFirst = false) {
    const a = this.draft.annotations[i];
    if (!a) return;
    this.editing = i;
    const form = this.$('.wb-editor');
    form.hidden = false;
    this.$('#wb-editor-h').textContent = `Annotation ${i + 1}: ${a.id}`;
    this.renderQuote();
    for (const el of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('[data-ann]')) {
      const f = el.dataset.ann as keyof DraftAnnotation;
      if (f === 'scored') (el as HTMLInputElement).checked = a.scored;
      else if (f === 'key') el.value = a.key.join(', ');
      else if (f === 'kind') {
        const v = a.kind.join(',');
        if (v && ![...(el as HTMLSelectElement).options].some((o) => o.value === v))
          (el as HTMLSelectElement).append(new Option(a.kind.join(', '), v));
        el.value = v;
      } else el.value = String(a[f] ?? '');
    }
    for (const cb of form.querySelectorAll<HTMLInputElement>('[data-ann-lens]'))
      cb.checked = a.lens.includes(cb.dataset.annLens!);
    this.placeMessages();
    if (lensFirst) form.querySelector<HTMLInputElement>('[data-ann-lens]')?.focus();
    else this.$('#wb-editor-h').focus();
  }

  private renderQuote() {
    const a = this.draft.annotations[this.editing];
    const q = this.$('.wb-quote');
    q.replaceChildren();
    if (!a) return;
    q.append(h('strong', 'Quote: '), h('q', a.quote));
    if (a.prefix) q.append(` after "${a.prefix}"`);
    if (a.suffix) q.append(` before "${a.suffix}"`);
    const n = repeatsOf(this.draft.text, a.quote);
    if (n > 1) q.append(h('span', ` These words occur ${n} times in the text; the words around them pick this one.`, 'wb-hint'));
  }

  private readEditor(el: HTMLInputElement) {
    const a = this.draft.annotations[this.editing];
    if (!a) return;
    if (el.dataset.annLens) {
      const l = el.dataset.annLens;
      a.lens = el.checked ? [...a.lens.filter((x) => x !== l), l] : a.lens.filter((x) => x !== l);
    } else {
      const f = el.dataset.ann;
      if (f === 'scored') a.scored = el.checked;
      else if (f === 'key')
        a.key = el.value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
      else if (f === 'kind') a.kind = el.value ? el.value.split(',') : [];
      else if (f === 'id') {
        a.id = el.value.trim();
        this.$('#wb-editor-h').textContent = `Annotation ${this.editing + 1}: ${a.id}`;
      } else if (f) (a as unknown as Record<string, string>)[f] = el.value;
    }
    this.schedule();
  }

  private requote() {
    const a = this.draft.annotations[this.editing];
    const r = this.surface.range();
    if (!a || !r) {
      this.say('Select the new words in the text first, then press "Use the selected words instead".');
      return;
    }
    const pick = pickQuote(this.draft.text, this.tokens, r.a, r.b);
    if (!pick) return;
    Object.assign(a, { quote: pick.quote, prefix: pick.prefix, suffix: pick.suffix });
    a.key = a.key.filter((k) => pick.quote.toLowerCase().includes(k.toLowerCase()));
    this.surface.clear();
    this.renderQuote();
    this.say(`The annotation now quotes "${squash(pick.quote)}".`);
    this.run();
  }

  private closeEditor() {
    const i = this.editing;
    this.editing = -1;
    this.$('.wb-editor').hidden = true;
    this.root.querySelector<HTMLButtonElement>(`.wb-list button[data-act="edit"][data-i="${i}"]`)?.focus();
  }

  private move(i: number, by: number) {
    const j = i + by;
    const list = this.draft.annotations;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    if (this.editing === i) this.editing = j;
    else if (this.editing === j) this.editing = i;
    this.run();
    this.say(`Moved "${list[j].id}" to position ${j + 1} of ${list.length}.`);
    const act = by < 0 ? 'up' : 'down';
    const target =
      this.root.querySelector<HTMLButtonElement>(`.wb-list button[data-act="${act}"][data-i="${j}"]:not([disabled])`) ??
      this.root.querySelector<HTMLButtonElement>(`.wb-list button[data-act="edit"][data-i="${j}"]`);
    target?.focus();
  }

  private remove(i: number) {
    const [gone] = this.draft.annotations.splice(i, 1);
    if (!gone) return;
    if (this.editing === i) {
      this.editing = -1;
      this.$('.wb-editor').hidden = true;
    } else if (this.editing > i) this.editing--;
    this.run();
    this.say(`Deleted the annotation "${gone.id}".`);
    (
      this.root.querySelector<HTMLButtonElement>(
        `.wb-list button[data-act="edit"][data-i="${Math.min(i, this.draft.annotations.length - 1)}"]`,
      ) ?? this.$('#wb-surface')
    ).focus();
  }

  private renderList() {
    const list = this.$('.wb-list');
    const anns = this.draft.annotations;
    this.$('.wb-list-none').hidden = anns.length > 0;
    list.replaceChildren(
      ...anns.map((a, i) => {
        const li = h('li', undefined, `wb-item${a.lens[0] ? ` lens-${a.lens[0]}` : ''}`);
        li.dataset.i = String(i);
        const head = h('p');
        head.append(h('strong', `${a.id || '(no id)'}: `), h('q', squash(a.quote)));
        li.append(head);
        const tags = h('p', undefined, 'wb-tags');
        tags.append(a.lens.length ? a.lens.map((l) => (isLensId(l) ? LENSES[l].label : l)).join(' + ') : 'No lens yet');
        if (a.kind.length) tags.append(`; ${a.kind.join(', ')}`);
        if (!a.scored) tags.append('; unscored (arguable)');
        const n = repeatsOf(this.draft.text, a.quote);
        if (n > 1) tags.append(`; the words occur ${n} times${a.prefix || a.suffix ? ', the words around them pick one' : ''}`);
        li.append(tags);
        if (a.note.trim()) li.append(h('p', squash(a.note).slice(0, 160), 'wb-note'));
        const msgs = h('ul', undefined, 'wb-item-msgs');
        for (const p of this.issuesFor(i)) msgs.append(h('li', this.message(p), 'wb-msg'));
        if (msgs.childElementCount) li.append(msgs);
        const row = h('p', undefined, 'wb-row');
        const btn = (act: string, text: string, label: string, disabled = false) => {
          const b = h('button', text);
          b.type = 'button';
          b.dataset.act = act;
          b.dataset.i = String(i);
          b.setAttribute('aria-label', `${label} "${a.id || squash(a.quote)}"`);
          b.disabled = disabled;
          return b;
        };
        row.append(
          btn('edit', 'Edit', 'Edit'),
          btn('up', 'Move up', 'Move up', i === 0),
          btn('down', 'Move down', 'Move down', i === anns.length - 1),
          btn('remove', 'Delete', 'Delete'),
        );
        li.append(row);
        return li;
      }),
    );
  }

  // ---------- checks ----------

  private schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, DEBOUNCE_MS);
  }

  private run() {
    this.check = checkDraft(this.draft, this.data);
    this.renderList();
    this.placeMessages();
    this.renderChecks();
    this.paintAnnotations();
    this.renderFiles();
    this.renderPreview();
    this.renderDrafts();
    this.save();
  }

  private issuesFor(i: number): PlacedIssue[] {
    return (this.check?.issues ?? []).filter((p) => p.target.kind === 'annotation' && p.target.index === i);
  }

  private message(p: PlacedIssue): string {
    const where = p.issue.line ? ` (${p.issue.file.split('/').pop()}, line ${p.issue.line})` : '';
    return `${p.issue.problem}${where}. ${p.issue.detail?.length ? `${p.issue.detail.join('; ')}. ` : ''}Fix: ${p.issue.fix}`;
  }

  /** The data-msg slot an issue belongs in. */
  private slotOf(p: PlacedIssue): string {
    const t = p.target;
    if (t.kind === 'meta') return `meta:${t.field}`;
    if (t.kind === 'text') return 'text';
    if (t.kind === 'slug') return 'slug';
    if (t.kind === 'lesson') return `lesson:${t.field ?? ''}`;
    if (t.kind === 'control') return `control:${t.field}`;
    return `ann:${t.field ?? 'quote'}`;
  }

  private placeMessages() {
    for (const el of this.root.querySelectorAll<HTMLElement>('[data-msg]')) el.textContent = '';
    for (const el of this.root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const p of this.check?.issues ?? []) {
      if (p.target.kind === 'annotation' && p.target.index !== this.editing) continue;
      let slot = this.root.querySelector<HTMLElement>(`[data-msg="${this.slotOf(p)}"]`);
      if (!slot && p.target.kind === 'lesson') slot = this.root.querySelector<HTMLElement>('[data-msg="lesson:"]');
      if (!slot && p.target.kind === 'meta') slot = this.root.querySelector<HTMLElement>('[data-msg="meta:title"]');
      if (!slot && p.target.kind === 'control') slot = this.root.querySelector<HTMLElement>('[data-msg="control:title"]');
      if (!slot && p.target.kind === 'annotation') slot = this.root.querySelector<HTMLElement>('[data-msg="ann:quote"]');
      if (!slot) continue;
      slot.textContent = (slot.textContent ? `${slot.textContent} ` : '') + this.message(p);
      const field = slot.id ? this.root.querySelector(`[aria-describedby~="${slot.id}"]`) : null;
      field?.setAttribute('aria-invalid', 'true');
    }
  }

  private goto(slot: string) {
    const [kind, rest] = slot.split('|');
    if (kind === 'ann') {
      this.openEditor(Number(rest));
      return;
    }
    const msg = this.root.querySelector<HTMLElement>(`[data-msg="${kind}"]`);
    const field = msg?.id ? this.root.querySelector<HTMLElement>(`[aria-describedby~="${msg.id}"]`) : null;
    (field ?? msg)?.focus();
    (field ?? msg)?.scrollIntoView({ block: 'center' });
  }

  private renderChecks() {
    const issues = this.check?.issues ?? [];
    const sum = this.$('.wb-checks-sum');
    sum.textContent =
      issues.length === 0
        ? 'No problems: these files pass the same checks as the site.'
        : `${issues.length} problem${issues.length === 1 ? '' : 's'} to fix before the files pass the site's checks.`;
    sum.classList.toggle('is-ok', issues.length === 0);
    this.$('.wb-checks').replaceChildren(
      ...issues.map((p) => {
        const li = h('li');
        const t = p.target;
        const where =
          t.kind === 'annotation'
            ? `Annotation ${t.index + 1} (${this.draft.annotations[t.index]?.id || 'no id'}): `
            : TARGET_PLACE[t.kind];
        li.append(h('strong', where), h('span', this.message(p)), ' ');
        const b = h('button', 'Go to the field');
        b.type = 'button';
        b.dataset.act = 'goto';
        b.dataset.target = p.target.kind === 'annotation' ? `ann|${p.target.index}` : this.slotOf(p);
        li.append(b);
        return li;
      }),
    );
  }

  // ---------- preview ----------

  private renderPreview() {
    const box = this.$('.wb-preview');
    const ex = this.check?.excerpt;
    const lenses = lensesUsed(this.draft);
    const key = JSON.stringify([
      this.draft.text,
      ex?.annotations.map((a) => [a.id, a.start, a.end, a.lenses, a.scored, a.note]),
      lenses,
    ]);
    if (key === this.previewKey) return;
    this.previewKey = key;
    box.replaceChildren();
    if (!ex || ex.annotations.length === 0) {
      box.append(h('p', 'The preview appears once the text and at least one annotation pass the checks.', 'wb-hint'));
      return;
    }
    const blocks = ex.blocks;
    const tokens = tokenize(ex.text, blocks);
    const all: (Target & { scored: boolean; note: string; text: string })[] = ex.annotations.map((a) => ({
      id: a.id,
      ...tokenRange(tokens, a.start, a.end),
      lenses: [...a.lenses],
      scored: a.scored,
      note: a.note,
      text: a.text,
    }));
    const defensible = ex.defensible.map((d) => ({
      ...tokenRange(tokens, d.start, d.end),
      lenses: d.lenses,
      reason: d.reason,
      text: d.text,
    }));
    LENS_IDS.filter((l) => lenses.includes(l)).forEach((lens, n) => {
      const sec = h('section', undefined, `wb-step lens-${lens}`);
      const hid = `wb-pv-${lens}-h`;
      sec.setAttribute('aria-labelledby', hid);
      const title = h('h3', `Step ${n + 1}: ${LENSES[lens].label}`);
      title.id = hid;
      sec.append(
        title,
        h('p', `Your turn: find every ${LENSES[lens].label.toLowerCase()} in the text. ${LENSES[lens].question}`),
      );
      const surfEl = h('div', undefined, 'excerpt-text wb-pv-surface');
      surfEl.setAttribute('aria-labelledby', hid);
      const fb = h('div', undefined, 'wb-feedback');
      fb.setAttribute('aria-live', 'polite');
      const surface = new MarkSurface(surfEl, { mode: 'toggle', idPrefix: `wb-pv-${lens}`, onChange: () => clearFeedback() });
      surface.render(ex.text, blocks, tokens);
      const clearFeedback = () => {
        for (const w of surface.words) w.classList.remove('fb-found', 'fb-alarm', 'fb-missed', 'fb-end');
      };
      const row = h('p', undefined, 'wb-row');
      const check = h('button', 'Check', 'primary');
      check.type = 'button';
      const clear = h('button', 'Clear marks');
      clear.type = 'button';
      row.append(check, clear);
      clear.addEventListener('click', () => {
        surface.clear();
        clearFeedback();
        fb.replaceChildren();
      });
      check.addEventListener('click', () => {
        clearFeedback();
        const targets = all.filter((t) => t.scored && t.lenses.includes(lens));
        const arguable = [
          ...all.filter((t) => !t.scored && t.lenses.includes(lens)),
          ...defensible.filter((d) => d.lenses.includes(lens)),
        ];
        const marked = new Set(surface.marked);
        const kindly: string[] = [];
        for (const t of arguable) {
          let hit = false;
          for (let i = t.a; i < t.b; i++) if (marked.delete(i)) hit = true;
          if (hit) kindly.push(`"${squash(t.text)}" is a judgement call: ${'note' in t ? t.note : t.reason}`);
        }
        const result = scoreStep(
          marked,
          targets,
          all.filter((t) => !targets.includes(t) && !arguable.includes(t)),
        );
        fb.replaceChildren(h('p', `You ${describeTally(tally(result))}.`, 'wb-tally'));
        const ul = h('ul');
        for (const t of targets) {
          const found = result.found.includes(t.id);
          for (let i = t.a; i < t.b; i++) if (found && surface.marked.has(i)) surface.words[i].classList.add('fb-found');
          if (found) {
            surface.words[t.b - 1]?.classList.add('fb-end');
            ul.append(h('li', `Found "${squash(t.text)}": ${squash(t.note)}`));
          }
        }
        for (const fa of result.falseAlarms) {
          for (let i = fa.a; i < fa.b; i++) surface.words[i]?.classList.add('fb-alarm');
          surface.words[fa.b - 1]?.classList.add('fb-end');
          const words = squash(ex.text.slice(tokens[fa.a].start, tokens[fa.b - 1].end));
          const other = fa.otherId ? all.find((t) => t.id === fa.otherId) : undefined;
          ul.append(
            h(
              'li',
              other
                ? `"${words}" is flagged in this lesson, but under ${other.lenses.map((l) => (isLensId(l) ? LENSES[l].label.toLowerCase() : l)).join(' and ')}, not this step's lens.`
                : `"${words}" is not flagged for this lens. Read it again: is it ${LENSES[lens].label.toLowerCase()}?`,
            ),
          );
        }
        for (const k of kindly) ul.append(h('li', k));
        if (ul.childElementCount) fb.append(ul);
        const missed = targets.filter((t) => result.missed.includes(t.id));
        if (missed.length) {
          const d = h('details');
          d.append(h('summary', `Show the ${missed.length} phrase${missed.length === 1 ? '' : 's'} not found yet`));
          const ol = h('ol');
          for (const t of missed) ol.append(h('li', `"${squash(t.text)}": ${squash(t.note)}`));
          d.append(ol);
          // As in the walkthrough, missed phrases are shown in the text only once the answers are opened.
          d.addEventListener('toggle', () => {
            for (const t of missed) for (let i = t.a; i < t.b; i++) surface.words[i]?.classList.toggle('fb-missed', d.open);
          });
          fb.append(d);
        }
      });
      sec.append(surfEl, row, fb);
      box.append(sec);
    });
  }

  // ---------- files ----------

  private renderFiles() {
    if (!this.check) return;
    const names = this.names();
    for (const k of FILE_KEYS) {
      const text = this.check.files[k];
      this.$<HTMLTextAreaElement>(`[data-file="${k}"]`).value = text ?? '';
      this.$(`[data-file-name="${k}"]`).textContent = names[k];
      this.$<HTMLElement>(`[data-file="${k}"]`).closest<HTMLElement>('.wb-file')!.hidden = text === undefined;
    }
    this.$('[data-act="zip"]').textContent = `Download all ${this.check.files.cmd === undefined ? 'three' : 'five'} (.zip)`;
  }

  private names(): Record<FileKey, string> {
    return fileNames(this.draft.slug, controlSlug(this.draft));
  }

  private current(): { names: Record<FileKey, string>; files: DraftFiles } {
    this.flush();
    return { names: this.names(), files: this.check!.files };
  }

  private warnIfProblems(what: string) {
    const n = this.check?.issues.length ?? 0;
    this.say(
      n === 0
        ? `${what} These files pass the site's checks.`
        : `${what} Note: ${n} problem${n === 1 ? '' : 's'} still to fix (see Checks) before the files pass.`,
    );
  }

  private downloadFile(k: FileKey) {
    const { names, files } = this.current();
    const type = k === 'yaml' || k === 'cyaml' ? 'application/yaml' : 'text/markdown';
    download(names[k].split('/').pop()!, files[k] ?? '', `${type};charset=utf-8`);
    this.warnIfProblems(`Downloaded ${names[k].split('/').pop()}.`);
  }

  private downloadZip() {
    this.current();
    const bytes = zip(namedFiles(this.draft, this.check!.files).map(({ name, data }) => ({ name, data })));
    download(`${this.draft.slug || 'my-lesson'}.zip`, bytes, 'application/zip');
    this.warnIfProblems('Downloaded the zip: unpack it in the project folder and the files land in content/.');
  }

  private async copyFile(k: FileKey) {
    this.current();
    const field = this.$<HTMLTextAreaElement>(`[data-file="${k}"]`);
    await copyField(field, this.$('.wb-status'), 'file', `Copied ${this.names()[k]} to the clipboard.`);
  }
}
