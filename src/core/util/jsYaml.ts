import { FAILSAFE_SCHEMA, safeLoad, Schema, Type } from 'js-yaml';
import type { FastYamlReader } from './fastYaml';

/*
 * The YAML 1.2 core schema for js-yaml, as the `yaml` package reads it: js-yaml's own core schema keeps
 * YAML 1.1 numbers (`1:1` is 61, `010` is 8, `1_000` is 1000), so a text read on the fast path would
 * differ from the same text read precisely. Plain scalars only; anything else stays text.
 */
const CORE_NULL = /^(?:~|null|Null|NULL)?$/;
const CORE_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const CORE_INT = /^(?:[-+]?\d+|0o[0-7]+|0x[\dA-Fa-f]+)$/;
const CORE_FLOAT = /^(?:[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[Ee][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const YAML12_CORE = new Schema({
  include: [FAILSAFE_SCHEMA],
  implicit: [
    new Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: (d: string) => CORE_NULL.test(d), construct: () => null }),
    new Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: (d: string) => CORE_BOOL.test(d), construct: (d: string) => d.toLowerCase() === 'true' }),
    new Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (d: string) => CORE_INT.test(d),
      construct: (d: string) => (d.startsWith('0o') ? parseInt(d.slice(2), 8) : d.startsWith('0x') ? parseInt(d.slice(2), 16) : Number(d)),
    }),
    new Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (d: string) => CORE_FLOAT.test(d),
      construct: (d: string) => (/nan$/i.test(d) ? Number.NaN : /inf$/i.test(d) ? (d.startsWith('-') ? -Infinity : Infinity) : Number(d)),
    }),
  ],
});

/** js-yaml's safe loader with the YAML 1.2 core schema: plain data only (no `!!js/function`, no dates). */
export const jsYamlReader: FastYamlReader = (text) => safeLoad(text, { schema: YAML12_CORE, json: false });
