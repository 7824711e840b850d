/**
 * A second, faster reader of plain YAML for the places that read notes in bulk: the `yaml` package
 * (which every bundle has: edits, positions, the bounds check) reads a small front matter in about
 * 150 µs, js-yaml in under 20 µs. Only the index's worker thread (dist/indexWorker.js, desktop)
 * installs one ({@link installFastYaml}), so js-yaml is in that bundle alone and the extension's own
 * bundles stay smaller; everywhere else every YAML text is read by the `yaml` package.
 *
 * A reader resolves scalars by the YAML 1.2 core schema, exactly as the `yaml` package does, so a
 * value does not depend on which reader read it; it throws on anything it does not read.
 */
export type FastYamlReader = (text: string) => unknown;

let installed: FastYamlReader | undefined;

/** Installs (or, with undefined, removes) the reader for this thread. */
export function installFastYaml(reader: FastYamlReader | undefined): void {
  installed = reader;
}

/** The reader this thread has, if any. */
export function fastYamlReader(): FastYamlReader | undefined {
  return installed;
}
