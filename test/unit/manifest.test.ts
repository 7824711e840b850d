import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * ids.ts imports `vscode` only for types in other modules; this file reads it as text so the unit tier
 * never loads the vscode module.
 */
const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const idsSource = fs.readFileSync(path.join(root, 'src/features/shared/ids.ts'), 'utf8');
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));

/** A manifest string with its `%key%` resolved from package.nls.json (what VS Code shows). */
function resolve(value: string): string {
  const m = /^%(.+)%$/.exec(value);
  if (!m) return value;
  assert.ok(m[1]! in nls, `package.nls.json has no ${m[1]}`);
  return nls[m[1]!]!;
}

function constantsOf(objectName: string): Record<string, string> {
  const block = new RegExp(`export const ${objectName} = \\{([\\s\\S]*?)\\} as const;`).exec(idsSource);
  assert.ok(block, `${objectName} not found in ids.ts`);
  return Object.fromEntries([...block[1]!.matchAll(/(\w+):\s*'([^']+)'/g)].map((m) => [m[1]!, m[2]!]));
}

suite('package.json mirrors the ids module', () => {
  const commands = Object.values(constantsOf('Commands'));
  const contributed: Array<{ command: string; title: string; category: string; icon: string }> = manifest.contributes.commands;

  test('every command id in ids.ts is contributed, and nothing else', () => {
    assert.deepEqual(contributed.map((c) => c.command).sort(), [...commands].sort());
  });

  test('every command has the category "Career Lattice" and a codicon', () => {
    for (const c of contributed) {
      assert.equal(c.category, 'Career Lattice', c.command);
      assert.match(c.icon, /^\$\([a-z-]+\)$/, c.command);
      assert.ok(resolve(c.title).length > 3, c.command);
    }
  });

  test('menus and keybindings only name contributed commands', () => {
    const known = new Set(commands);
    for (const [menu, entries] of Object.entries(manifest.contributes.menus as Record<string, Array<{ command: string }>>)) {
      for (const entry of entries) assert.ok(known.has(entry.command), `${menu}: ${entry.command}`);
    }
    for (const k of manifest.contributes.keybindings) assert.ok(known.has(k.command), k.command);
    for (const w of manifest.contributes.viewsWelcome) {
      for (const m of resolve(w.contents as string).matchAll(/command:([\w.]+)/g)) {
        if (m[1]!.startsWith('careerLattice.')) assert.ok(known.has(m[1]! as never), `viewsWelcome: ${m[1]}`);
      }
    }
  });

  test('view ids and the container match', () => {
    const views = constantsOf('Views');
    assert.equal(manifest.contributes.viewsContainers.activitybar[0].id, views['container']);
    assert.deepEqual(
      manifest.contributes.views[views['container']!].map((v: { id: string }) => v.id),
      [views['ladder'], views['notes'], views['harvest']],
    );
  });

  test('every setting in ids.ts is contributed with a description and a default', () => {
    const settings = constantsOf('Settings');
    const properties = manifest.contributes.configuration.properties as Record<
      string,
      { markdownDescription?: string; description?: string; default?: unknown }
    >;
    const keys = Object.entries(settings)
      .filter(([k]) => k !== 'section')
      .map(([, v]) => `${settings['section']}.${v}`);
    assert.deepEqual(Object.keys(properties).sort(), keys.sort());
    for (const [key, p] of Object.entries(properties)) {
      assert.ok(resolve(p.markdownDescription ?? p.description ?? '').length > 20, `${key} has a description`);
      assert.ok('default' in p, `${key} has a default`);
    }
  });

  test('item-only commands are hidden from the palette', () => {
    const hidden = new Set(
      (manifest.contributes.menus.commandPalette as Array<{ command: string; when: string }>).filter((m) => m.when === 'false').map((m) => m.command),
    );
    for (const id of [
      'careerLattice.getLadder',
      'careerLattice.getEvidenceSummary',
      'careerLattice.openNote',
      'careerLattice.setAsCurrentLevel',
      'careerLattice.getDrafts',
      'careerLattice.draftActions',
      'careerLattice.acceptDraft',
    ])
      assert.ok(hidden.has(id), id);
  });

  test('every %placeholder% of the manifest is in package.nls.json, and every entry there is used', () => {
    const text = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = new Set([...text.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!));
    for (const key of used) assert.ok(key in nls, `missing ${key}`);
    for (const key of Object.keys(nls)) assert.ok(used.has(key), `unused ${key}`);
  });

  test('the grammars exist and name their scopes', () => {
    for (const g of manifest.contributes.grammars) {
      const grammar = JSON.parse(fs.readFileSync(path.join(root, g.path), 'utf8'));
      assert.equal(grammar.scopeName, g.scopeName);
      assert.ok(grammar.injectionSelector);
    }
  });
});
