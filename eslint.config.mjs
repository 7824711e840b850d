// Lint rules that hold boundaries the code must keep, not style:
// - no regex in src/ may backtrack super-linearly (every file in a notes folder is untrusted input);
// - src/core/ never imports vscode (it is unit-tested in plain Node);
// - no promise is left floating (an unhandled rejection in the extension host is a silent failure);
// - a feature (src/features/<a>/) imports src/core/, src/features/shared/ and its own files, never another
//   feature's files (what two features need lives in shared/); src/core/ never imports src/features/.
import * as path from 'node:path';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

const SRC = path.join(import.meta.dirname, 'src');

/** Where a file sits: `core`, `feature:<name>`, or undefined (the entry points, src/features/index.ts). */
function areaOf(file) {
  const rel = path.relative(SRC, file).split(path.sep);
  if (rel[0] === 'core') return 'core';
  if (rel[0] === 'features' && rel.length > 2) return `feature:${rel[1]}`;
  return undefined;
}

const boundaries = {
  rules: {
    imports: {
      meta: {
        type: 'problem',
        schema: [],
        messages: {
          feature: "{{from}} imports {{to}}: a feature does not import another feature's files; move what both need to src/features/shared/.",
          core: 'src/core/ imports {{to}}: the core never depends on the features.',
        },
      },
      create(context) {
        const from = areaOf(context.filename);
        if (!from) return {};
        const check = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const to = areaOf(path.resolve(path.dirname(context.filename), spec) + '.ts');
          const target = path.relative(SRC, path.resolve(path.dirname(context.filename), spec)).split(path.sep);
          if (from === 'core' && target[0] === 'features') context.report({ node: node.source, messageId: 'core', data: { to: spec } });
          if (from.startsWith('feature:') && to?.startsWith('feature:') && to !== from && to !== 'feature:shared') {
            context.report({ node: node.source, messageId: 'feature', data: { from: from.slice(8), to: spec } });
          }
          // `../scaffold` (a feature's index) resolves to src/features/scaffold.ts: the folder is the feature.
          if (from.startsWith('feature:') && target[0] === 'features' && target.length === 2 && target[1] !== 'shared' && `feature:${target[1]}` !== from) {
            context.report({ node: node.source, messageId: 'feature', data: { from: from.slice(8), to: spec } });
          }
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.vscode-test/**', 'node_modules/**', 'media/**', 'bench/tmp/**'] },
  {
    files: ['src/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, regexp, boundaries },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
      'regexp/no-useless-quantifier': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'boundaries/imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core/ has no vscode import: it is unit-tested in plain Node.' }] }],
    },
  },
);
