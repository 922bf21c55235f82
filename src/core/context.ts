import { z } from 'zod';

/** What the core remembers about a conversation between turns: topics, never message text. */
export const ConversationContextSchema = z.strictObject({
  /** The entry last answered, so "how long should I hold it?" knows what "it" is. */
  lastEntryId: z.string().nullable(),
  /** Tags of the last topic, to narrow follow-ups ("any I can do at my desk?"). */
  lastTags: z.array(z.string()),
  /** Options offered in the last clarify reply, so "the second one" or "1" can pick one. */
  offered: z.array(z.string()).default([]),
  /** Set once crisis language was seen: no playful replies or nudge offers in this conversation. */
  crisis: z.boolean().default(false),
  /** Safety features seen earlier (names such as "back" or "pregnant", never words from the message). */
  safety: z.array(z.string()).default([]),
  /** Turns so far. */
  turns: z.number().int().nonnegative(),
});
export type ConversationContext = z.infer<typeof ConversationContextSchema>;

export const emptyContext = (): ConversationContext => ({ lastEntryId: null, lastTags: [], offered: [], crisis: false, safety: [], turns: 0 });

/** Where conversation context lives: memory now, the database with the storage layer. */
export interface ContextStore {
  get(conversation: string, now: Date): Promise<ConversationContext | null>;
  set(conversation: string, context: ConversationContext, expiresAt: Date): Promise<void>;
}

/** In-memory context with a time-to-live; bounded so a flood of conversations cannot grow it forever. */
export class MemoryContextStore implements ContextStore {
  private readonly items = new Map<string, { context: ConversationContext; expiresAt: number }>();
  constructor(private readonly maxItems = 10_000) {}

  async get(conversation: string, now: Date): Promise<ConversationContext | null> {
    const item = this.items.get(conversation);
    if (!item) return null;
    if (item.expiresAt <= now.getTime()) {
      this.items.delete(conversation);
      return null;
    }
    return item.context;
  }

  async set(conversation: string, context: ConversationContext, expiresAt: Date): Promise<void> {
    this.items.delete(conversation);
    this.items.set(conversation, { context, expiresAt: expiresAt.getTime() });
    // Map keeps insertion order: the first key is the least recently written.
    while (this.items.size > this.maxItems) {
      const oldest = this.items.keys().next().value;
      if (oldest === undefined) break;
      this.items.delete(oldest);
    }
  }
}
