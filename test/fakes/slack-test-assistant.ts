// The assistant the Slack tests use: the real core over the real knowledge base (knowledge/). Tests
// assert on reply kinds and shapes, never on entry text, so the knowledge base can change freely.
import { createAssistant, type Assistant, type AssistantOptions } from '../../src/core/assistant.js';
export { type Assistant };

export const testAssistant = (opts: Omit<AssistantOptions, 'knowledgeDir'> = {}): Assistant => createAssistant(opts);
