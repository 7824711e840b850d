/** Auto-tagging: which ladder criteria a note evidences, from the ladder's signal phrases. No `vscode` here. */
export { DEFAULT_LIMIT, DEFAULT_MIN_SCORE, TagInferrer, type InferOptions, type TagSuggestion } from './infer';
export { normalizeWords, proseOf, stem } from './normalize';
