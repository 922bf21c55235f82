// @nlpjs/neural ships no types; these cover the part backbuddy uses (nlp.js's intent classifier).
declare module '@nlpjs/neural' {
  export type NeuralInput = Record<string, number>;
  export type NeuralSettings = { iterations?: number; errorThresh?: number; deltaErrorThresh?: number; learningRate?: number; momentum?: number; alpha?: number; log?: boolean };
  export type NeuralJson = { settings: NeuralSettings; features?: string[]; intents?: string[]; perceptrons?: number[][] };
  export class NeuralNetwork {
    constructor(settings?: NeuralSettings);
    train(corpus: { input: NeuralInput; output: Record<string, number> }[]): { iterations: number; error: number };
    run(input: NeuralInput): Record<string, number> | undefined;
    toJSON(): NeuralJson;
    fromJSON(json: NeuralJson): void;
  }
}
