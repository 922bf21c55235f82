import type { Config } from '../config/schema.js';
import type { Store } from './store.js';

/** How often expired rows are deleted, and how long question text is kept. */
export type RetentionPolicy = {
  /** Time between runs (RETENTION_INTERVAL_MINUTES). */
  everyMs: number;
  /** Days unanswered question text is kept (QUESTION_LOG_RETENTION_DAYS, at most 30). */
  questionDays: number;
};

export const DEFAULT_RETENTION: RetentionPolicy = { everyMs: 60 * 60_000, questionDays: 30 };

export const retentionFrom = (config: Pick<Config, 'RETENTION_INTERVAL_MINUTES' | 'QUESTION_LOG_RETENTION_DAYS'>): RetentionPolicy => ({
  everyMs: config.RETENTION_INTERVAL_MINUTES * 60_000,
  questionDays: config.QUESTION_LOG_RETENTION_DAYS,
});

export type Purged = { contexts: number; questions: number; events: number };

/**
 * One retention run: conversation context past its expiry (CONTEXT_TTL_MINUTES after the last turn),
 * unanswered question text older than the policy's days, and platform event ids older than an hour.
 * Deletes are idempotent, so every replica may run it.
 */
export async function purgeExpired(store: Store, now: Date, policy: RetentionPolicy): Promise<Purged> {
  const [contexts, questions, events] = await Promise.all([
    store.contexts.purgeExpired(now),
    store.purgeUnanswered(now, policy.questionDays),
    store.purgeSeenEvents(now),
  ]);
  return { contexts, questions, events };
}
