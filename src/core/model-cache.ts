import { readFileSync } from 'node:fs';
import { keyedFile, writeKeyed } from '../knowledge/cache-files.js';

/**
 * knowledge/safety-model.json in a form that loads in a few milliseconds: its ~80,000 weights as raw
 * float64, after a small JSON header (thresholds, bias, input names). Reading the JSON spent ~30 ms on
 * the weights' digits and ~15 ms checking them, on every cold start. Kept in
 * node_modules/.cache/backbuddy by a hash of the JSON file, and written only from a model that passed
 * its checks; a double stored as its 8 bytes reads back as the same double, so verdicts are the same.
 */
const CACHE = { name: 'safety-model', ext: 'bin' } as const;

/** What a classifier needs of a model (a `SafetyModel` is one); the weights may be a Float64Array read from the cache. */
export type ModelWeights = { threshold: number; crisisThreshold?: number | undefined; bias: number[]; inputs: string[]; weights: ArrayLike<number> };
type Header = Pick<ModelWeights, 'threshold' | 'crisisThreshold' | 'bias' | 'inputs'>;

/** The model saved under `key`, or null when there is none (or it is damaged). */
export function readCompactModel(key: string): ModelWeights | null {
  const file = keyedFile(CACHE, key);
  if (!file) return null;
  try {
    const bytes = readFileSync(file);
    const headerEnd = 4 + bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.toString('utf8', 4, headerEnd)) as Header;
    const start = align8(headerEnd);
    // Copied out: a Float64Array needs an offset that is a multiple of 8 in its buffer.
    const weights = new Float64Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length));
    return weights.length === header.inputs.length * header.bias.length ? { ...header, weights } : null;
  } catch {
    return null;
  }
}

/** Saves a checked model under `key` for the next cold start; never throws. */
export function saveCompactModel(key: string, model: ModelWeights): void {
  const header = Buffer.from(JSON.stringify({ threshold: model.threshold, crisisThreshold: model.crisisThreshold, bias: model.bias, inputs: model.inputs } satisfies Header));
  const start = align8(4 + header.length);
  const bytes = Buffer.alloc(start + model.weights.length * 8);
  bytes.writeUInt32LE(header.length, 0);
  header.copy(bytes, 4);
  new Float64Array(bytes.buffer, bytes.byteOffset + start, model.weights.length).set(model.weights);
  writeKeyed(CACHE, key, bytes);
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;
