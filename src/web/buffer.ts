// Injected by esbuild.js into the web bundle wherever a dependency uses Node's `Buffer` global, which
// a web worker lacks: gray-matter's toFile() calls `Buffer.from(content)` on every parse (for its
// `orig` field, unused here), and `yaml` uses Buffer for `!!binary` values when there is one.
// The npm `buffer` package is the same API in plain JavaScript; the trailing slash picks the package
// rather than Node's built-in module of the same name.
export { Buffer } from 'buffer/';
