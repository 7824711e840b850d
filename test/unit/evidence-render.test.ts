// The evidence webview's HTML (src/features/evidence/render.ts) with hostile input everywhere a note
// or a ladder can put text: nothing may come out as markup, no handler, no link that runs something,
// and the page's CSP and nonce must hold. The integration tier checks that the webview opens; its
// HTML is not reachable from the extension API, so the renderer is checked here.
import * as assert from 'node:assert/strict';
import type { EvidenceSummary } from '../../src/core/evidence/evidence';
import { parseFromWebview, PAGE_COMMANDS } from '../../src/features/evidence/protocol';
import { esc, renderBody, renderPage, renderTitle, type EvidenceViewModel } from '../../src/features/evidence/render';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)' x='",
  '</style><style>body{display:none}</style>',
  '</title></textarea></noscript><script>alert(2)</script>',
  'javascript:alert(1)',
  'command:workbench.action.terminal.new',
  '<a href="command:workbench.action.quit">quit</a>',
  '<iframe srcdoc="<script>alert(3)</script>"></iframe>',
  '`${alert(4)}` {{constructor.constructor("alert(5)")()}}',
  '<!-- --><![CDATA[ ]]>&amp;&lt;already&gt;',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(6)">',
  '<base href="command:x">',
  '<form action="command:x"><button formaction="command:y">',
];

function hostileModel(): EvidenceViewModel {
  const criteria = HOSTILE.map((text, i) => ({
    id: `ic.L6.x${i}"><script>alert(${i})</script>`,
    title: text,
    area: HOSTILE[(i + 1) % HOSTILE.length]!,
    count: i % 3,
    latest: i % 3 === 0 ? null : text,
    stale: i % 2 === 0,
    notes: i % 3 === 0 ? [] : [`career/brag/${text}.md`, `../../${HOSTILE[(i + 2) % HOSTILE.length]}`],
    earlier: i % 2 === 0 ? [`career/feedback/${text}.md`] : [],
  }));
  const summary: EvidenceSummary = {
    track: HOSTILE[0]!,
    currentLevel: HOSTILE[1]!,
    targetLevel: HOSTILE[2]!,
    period: { since: '2026-01-01', until: '2026-06-30' },
    covered: 1,
    total: criteria.length,
    criteria,
  };
  const notes = new Map<string, { title: string; date: string | null; type: 'brag' | 'design-doc' | 'decision' | 'feedback'; from?: string }>();
  criteria.forEach((c, i) =>
    c.notes.forEach((path, j) =>
      notes.set(path, { title: HOSTILE[(i + j) % HOSTILE.length]!, date: j === 0 ? HOSTILE[i]! : null, type: j === 0 ? 'brag' : 'decision' }),
    ),
  );
  // Feedback notes inside the period (dated, so they become timeline marks) with hostile titles and authors.
  criteria.forEach((c, i) =>
    c.notes.forEach((path) =>
      notes.set(`${path}#fb`, { title: HOSTILE[i % HOSTILE.length]!, date: '2026-03-01', type: 'feedback', from: HOSTILE[(i + 4) % HOSTILE.length]! }),
    ),
  );
  criteria.forEach((c) =>
    c.earlier.forEach((path, j) =>
      notes.set(path, { title: HOSTILE[j % HOSTILE.length]!, date: '2025-01-01', type: 'feedback', from: HOSTILE[(j + 1) % HOSTILE.length]! }),
    ),
  );
  criteria.forEach((c) => (c.notes as string[]).push(...c.notes.map((p) => `${p}#fb`)));
  return {
    summary,
    trackTitle: HOSTILE[3]!,
    current: { id: HOSTILE[4]!, title: HOSTILE[5]!, equivalent: HOSTILE[6]! },
    target: { id: HOSTILE[7]!, title: HOSTILE[8]!, equivalent: HOSTILE[9]! },
    criteria: criteria.map((c, i) => ({ id: c.id, description: HOSTILE[(i + 3) % HOSTILE.length]! })),
    notes,
    details: {
      timeline: HOSTILE.map((month, i) => ({ month, count: i })),
      byType: [
        { type: 'brag', count: 3 },
        { type: 'decision', count: 1 },
      ],
      byArea: HOSTILE.map((area, i) => ({ area, count: i + 1 })),
      notes: 7,
      untagged: 2,
    },
    staleAfterMonths: HOSTILE[10] as unknown as number,
    today: HOSTILE[11]!,
    ladderSource: HOSTILE[12]!,
  };
}

const ASSETS = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  script: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/evidence.js',
  style: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/evidence.css',
  nonce: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2',
};

interface Tag {
  readonly name: string;
  readonly closing: boolean;
  readonly attributes: ReadonlyArray<readonly [string, string | undefined]>;
}

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][\w:.-]*(?:="[^"<>]*")?)*)\s*\/?>/;
const ATTRIBUTE = /([a-zA-Z_:][\w:.-]*)(?:="([^"<>]*)")?/g;

/**
 * Every tag of `html`. Fails when a `<` starts anything but a well-formed tag with double-quoted
 * attribute values (which is what escaping guarantees: no raw `<`, `>` or `"` inside a value), so a
 * tag smuggled in by a note cannot hide from the checks below.
 */
function tags(html: string): Tag[] {
  const out: Tag[] = [];
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    if (html.startsWith('<!DOCTYPE html>', i)) continue;
    const m = TAG.exec(html.slice(i));
    assert.ok(m, `a raw "<" that is not a tag at ${i}: ${JSON.stringify(html.slice(Math.max(0, i - 40), i + 60))}`);
    out.push({ name: m[2]!.toLowerCase(), closing: m[1] === '/', attributes: [...m[3]!.matchAll(ATTRIBUTE)].map((a) => [a[1]!.toLowerCase(), a[2]] as const) });
  }
  return out;
}

const ALLOWED_TAGS = new Set([
  'html',
  'head',
  'meta',
  'link',
  'title',
  'body',
  'main',
  'script',
  'header',
  'section',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'span',
  'strong',
  'ul',
  'li',
  'a',
  'button',
  'svg',
  'rect',
  'text',
  'circle',
  'path',
  'line',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'lang',
  'charset',
  'http-equiv',
  'content',
  'name',
  'rel',
  'href',
  'src',
  'nonce',
  'id',
  'class',
  'tabindex',
  'type',
  'role',
  'title',
  'viewbox',
  'preserveaspectratio',
  'x',
  'y',
  'width',
  'height',
  'rx',
  'cx',
  'cy',
  'r',
  'd',
  'x1',
  'y1',
  'x2',
  'y2',
]);

function unescape(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39|#96);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`' })[e]!);
}

function checkMarkup(html: string, page: boolean): void {
  const all = tags(html);
  for (const tag of all) {
    assert.ok(ALLOWED_TAGS.has(tag.name), `unexpected <${tag.name}>`);
    for (const [name, value] of tag.attributes) {
      assert.ok(ALLOWED_ATTRIBUTES.has(name) || name.startsWith('data-') || name.startsWith('aria-'), `unexpected attribute ${name} on <${tag.name}>`);
      assert.ok(!name.startsWith('on'), `event handler ${name}`);
      assert.notEqual(name, 'style', 'no inline style');
      const v = unescape(value ?? '')
        .trim()
        .toLowerCase();
      if (name === 'href') assert.ok(v === '#' || (tag.name === 'link' && v === ASSETS.style.toLowerCase()), `href="${v}" on <${tag.name}>`);
      if (name === 'src') assert.equal(v, ASSETS.script.toLowerCase());
      assert.ok(
        !/^\s*(javascript|command|data|vbscript):/.test(v) || name === 'title' || name.startsWith('data-') || name.startsWith('aria-'),
        `${name}="${v}" runs something`,
      );
    }
  }
  const scripts = all.filter((t) => t.name === 'script' && !t.closing);
  if (page) {
    assert.equal(scripts.length, 1, 'exactly one script: the page script from media/');
    assert.deepEqual(Object.fromEntries(scripts[0]!.attributes), { nonce: ASSETS.nonce, src: ASSETS.script });
  } else {
    assert.equal(scripts.length, 0, 'the body has no script');
  }
  assert.ok(!all.some((t) => t.name === 'style'), 'no <style> element');
  // Links to notes carry the path in a data attribute only, escaped.
  for (const a of all.filter((t) => t.name === 'a' && !t.closing)) {
    const attrs = Object.fromEntries(a.attributes);
    assert.equal(attrs['href'], '#');
    assert.ok(typeof attrs['data-open'] === 'string');
  }
}

suite('evidence webview renderer: hostile input', () => {
  const model = hostileModel();
  const page = renderPage(model, ASSETS);
  const body = renderBody(model);

  test('no tag, handler or script from a note or the ladder survives in the page', () => {
    checkMarkup(page, true);
  });

  test('no tag, handler or script survives in the body sent on updates', () => {
    checkMarkup(body, false);
  });

  test('the hostile strings are shown as text: escaped, not dropped', () => {
    for (const text of HOSTILE) {
      if (!/[<>&"'`]/.test(text)) continue;
      assert.ok(page.includes(esc(text)), `"${text}" is shown escaped`);
    }
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(page.includes('data-open="career/brag/&lt;img src=x onerror=alert(1)&gt;.md"'));
    assert.ok(!page.includes('</style>'), 'a title cannot close a style element');
    assert.ok(!page.includes('</title></textarea>'));
  });

  test('groups, expectations and points from a hostile ladder: only allowed markup, the strings shown as text', () => {
    const grouped: EvidenceViewModel = {
      ...model,
      summary: { ...model.summary, points: { earned: 3, total: 9, threshold: 5 } },
      criteria: model.criteria.map((c, i) => ({
        ...c,
        ...(i % 4 === 3 ? {} : { group: HOSTILE[(i + 5) % HOSTILE.length]! }),
        expectation: HOSTILE[(i + 6) % HOSTILE.length]!,
        points: i,
      })),
    };
    const html = renderBody(grouped);
    checkMarkup(html, false);
    checkMarkup(renderPage(grouped, ASSETS), true);
    assert.ok(html.includes('<section class="group"'), 'the groups are rendered');
    for (const text of HOSTILE) {
      if (!/[<>&"'`]/.test(text)) continue;
      assert.ok(html.includes(esc(text)), `"${text}" is shown escaped`);
    }
  });

  test('the title is plain text (it becomes the tab title and document.title, never markup)', () => {
    assert.equal(renderTitle(model), `Evidence: ${HOSTILE[4]} → ${HOSTILE[7]}`);
    assert.ok(page.includes(`<title>${esc(renderTitle(model))}</title>`));
  });

  test('CSP: default-src none, scripts only by the nonce, styles and images from the webview resource root', () => {
    const meta = tags(page).find((t) => t.name === 'meta' && t.attributes.some(([n, v]) => n === 'http-equiv' && v === 'Content-Security-Policy'));
    assert.ok(meta, 'a CSP meta element');
    const csp = unescape(Object.fromEntries(meta.attributes)['content']!);
    const directives = csp.split(';').map((d) => d.trim());
    assert.equal(directives[0], "default-src 'none'");
    assert.ok(directives.includes(`script-src 'nonce-${ASSETS.nonce}'`), csp);
    assert.ok(directives.includes(`style-src ${ASSETS.cspSource}`), csp);
    assert.ok(directives.includes(`img-src ${ASSETS.cspSource} data:`), csp);
    assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(csp), csp);
    assert.ok(page.indexOf('Content-Security-Policy') < page.indexOf('<link'), 'the CSP comes before any resource');
  });

  test('the nonce is the one given for this render', () => {
    const other = renderPage(model, { ...ASSETS, nonce: 'ffffffffffffffffffffffffffffffffffff' });
    assert.ok(other.includes(`${esc("'nonce-ffffffffffffffffffffffffffffffffffff'")}`), 'in the CSP');
    assert.ok(other.includes('nonce="ffffffffffffffffffffffffffffffffffff"'), 'on the script');
    assert.ok(!other.includes(ASSETS.nonce));
  });

  test('assets with quotes cannot break out of their attributes', () => {
    const evil = renderPage(model, {
      cspSource: `https://x" onload="alert(1)`,
      script: `x.js" onload="alert(1)`,
      style: `y.css"><script>alert(1)</script>`,
      nonce: `n" onload="x`,
    });
    for (const tag of tags(evil)) for (const [name] of tag.attributes) assert.ok(!name.startsWith('on'), `${name} on <${tag.name}>`);
    assert.equal(tags(evil).filter((t) => t.name === 'script' && !t.closing).length, 1);
  });

  test('esc escapes every character that matters in text and in quoted attributes', () => {
    assert.equal(esc(`<a href="x" title='y'>&\`</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
    assert.equal(esc(undefined), '');
    assert.equal(esc(null), '');
    assert.equal(esc(12), '12');
  });
});

suite('evidence webview protocol: messages from the page are untrusted', () => {
  test('accepts the known messages', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'openNote', path: 'career/brag/x.md' }), { type: 'openNote', path: 'career/brag/x.md' });
    for (const command of PAGE_COMMANDS) assert.deepEqual(parseFromWebview({ type: 'run', command }), { type: 'run', command });
    assert.deepEqual(parseFromWebview({ type: 'run', command: 'newBragEntryForCriterion', criterionId: 'ic.L6.x' }), {
      type: 'run',
      command: 'newBragEntryForCriterion',
      criterionId: 'ic.L6.x',
    });
  });

  test('refuses anything else', () => {
    for (const bad of [
      null,
      undefined,
      'ready',
      42,
      [],
      {},
      { type: 'eval', code: 'alert(1)' },
      { type: 'run', command: 'workbench.action.terminal.new' },
      { type: 'run', command: 'careerLattice.exportPacket' },
      { type: 'run', command: { toString: () => 'exportPacket' } },
      { type: 'openNote' },
      { type: 'openNote', path: 42 },
      { type: 'openNote', path: 'x'.repeat(5000) },
      { type: 'run', command: '__proto__' },
    ]) {
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
  });

  test('keeps only the fields it knows', () => {
    assert.deepEqual(parseFromWebview({ type: 'openNote', path: 'career/x.md', command: 'x', extra: 1 }), { type: 'openNote', path: 'career/x.md' });
    assert.deepEqual(parseFromWebview({ type: 'run', command: 'refresh', criterionId: 42 }), { type: 'run', command: 'refresh' });
  });
});
