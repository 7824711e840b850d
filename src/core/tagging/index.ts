/** Auto-tagging: which ladder criteria a note evidences, from a model trained at build time. No `vscode` here. */
export {
  DEFAULT_LIMIT,
  DEFAULT_MIN_SCORE,
  TagInferrer,
  shippedModel,
  type InferOptions,
  type TagSuggestion,
  type TaggedExample,
  type TaggerOptions,
} from './infer';
export { proseOf } from './normalize';
export { stemWord, tokenize } from './text';
