import { createRequire } from 'node:module';
import type { NeuralNetwork as NeuralNetworkType } from '@nlpjs/neural';

// @nlpjs/neural is CommonJS without types of its own; createRequire loads it the same way on Node 20, 22 and 24.
export const NeuralNetwork = (createRequire(import.meta.url)('@nlpjs/neural') as { NeuralNetwork: typeof NeuralNetworkType }).NeuralNetwork;
