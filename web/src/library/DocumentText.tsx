/**
 * A document's text as real headings, paragraphs and lists (decision 0009): a section of level 1–3
 * is an h2–h4 whose anchor is its element id (so that /bibliotek/<id>#kallelse lands there); in
 * the body a blank line starts a new paragraph and a line starting with "- " is a list item. The
 * text is plain: it is never read as HTML.
 */
import type { ReactNode } from 'react';
import type { Section } from './api.ts';

type Block = { kind: 'p'; lines: string[] } | { kind: 'ul'; items: string[] };

/** The body as blocks: paragraphs and lists. */
export function blocksOf(body: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of body.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let last: Block | null = null;
    for (const raw of chunk.split('\n')) {
      const line = raw.trimEnd();
      if (!line.trim()) continue;
      const item = /^\s*-\s+(.*)$/.exec(line);
      if (item) {
        if (last?.kind === 'ul') last.items.push(item[1]!);
        else { last = { kind: 'ul', items: [item[1]!] }; blocks.push(last); }
      } else if (last?.kind === 'p') last.lines.push(line.trim());
      else { last = { kind: 'p', lines: [line.trim()] }; blocks.push(last); }
    }
  }
  return blocks;
}

export function Body({ body }: { body: string }) {
  return (
    <>
      {blocksOf(body).map((b, i) => (b.kind === 'ul'
        ? <ul key={i}>{b.items.map((item, j) => <li key={j}>{item}</li>)}</ul>
        : <p key={i} className="doc-paragraph">{b.lines.join('\n')}</p>))}
    </>
  );
}

/** A heading of level 1–3 as h2–h4 (the page's h1 is the document's title). */
export function SectionHeading({ level, id, children }: { level: number; id?: string; children: ReactNode }) {
  if (level >= 3) return <h4 id={id} tabIndex={-1}>{children}</h4>;
  if (level === 2) return <h3 id={id} tabIndex={-1}>{children}</h3>;
  return <h2 id={id} tabIndex={-1}>{children}</h2>;
}

export function DocumentText({ sections, target }: { sections: Section[]; target?: string }) {
  return (
    <div className="doc-text">
      {sections.map((s) => (
        <section key={s.anchor} className={`doc-section level-${s.level}${target === s.anchor ? ' is-target' : ''}`}>
          <SectionHeading level={s.level} id={s.anchor}>{s.heading}</SectionHeading>
          <Body body={s.body} />
        </section>
      ))}
    </div>
  );
}

/** A search snippet: the words the search matched stand between « and » and are marked. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/«([^»]*)»/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</>;
}
