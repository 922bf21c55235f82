import { ConversationContextSchema } from '../core/context.js';
import { nextDue } from '../nudges/slots.js';
import { personOf } from '../nudges/schedule.js';
import { systemClock, type Clock } from '../common/clock.js';
import type { SqlClient } from './sql-client.js';
import { SUB_COLUMNS, toDelivery, toInstallation, toSubscription, type DeliveryRow, type InstallationRow, type SubRow } from './sql-rows.js';
import type {
  ChannelStats, Claim, ClaimOptions, CountedKind, Delivery, DoneCount, FeedbackCount, FinishClaim, Installation, InstallationInput,
  NudgeTarget, Platform, PurgeCounts, QuestionCount, QuestionCountInput, QuestionOrigin, StatsFilter, Store, StoreContexts,
  Subscription, SubscriptionInput, UnansweredQuestion, UnansweredReason, WorkspaceData,
} from './store.js';
import { conversationPrefix, PAUSED_INDEFINITELY, SEEN_EVENT_RETENTION_MS, SEEN_EVENT_WINDOW_MS, UNANSWERED_RETENTION_DAYS } from './store.js';
import type { ConversationContext } from '../core/context.js';
import { scrubQuestion } from './question-text.js';
import { dayRange, mergeChannelStats } from './stats.js';

type UnansweredRow = { id: string; text: string; reason: UnansweredReason; confidence: number; at: Date; platform: Platform | null; workspace: string | null };
const UNANSWERED_COLUMNS = 'id::text AS id, text, reason, confidence, at, platform, workspace';
const toUnanswered = (r: UnansweredRow): UnansweredQuestion => ({
  id: String(r.id), text: r.text, reason: r.reason, confidence: Number(r.confidence), at: new Date(r.at), platform: r.platform, workspace: r.workspace,
});


export async function upsertContext(db: SqlClient, conversation: string, context: ConversationContext, expiresAt: Date): Promise<void> {
  await db.query(
    `INSERT INTO conversation_contexts (conversation, context, expires_at) VALUES ($1, $2::text::jsonb, $3)
     ON CONFLICT (conversation) DO UPDATE SET context = EXCLUDED.context, expires_at = EXCLUDED.expires_at`,
    [conversation, JSON.stringify(context), expiresAt],
  );
}

/** Rows per statement when many are written at once: one statement instead of one query a row. */
const BATCH_ROWS = 500;

/** Many contexts in few statements (the write-behind flush); conversations must be distinct. */
export async function upsertContexts(db: SqlClient, rows: ReadonlyArray<readonly [conversation: string, context: ConversationContext, expiresAt: Date]>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const batch = rows.slice(i, i + BATCH_ROWS);
    await db.query(
      `INSERT INTO conversation_contexts (conversation, context, expires_at)
       SELECT c, x::jsonb, e FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS t(c, x, e)
       ON CONFLICT (conversation) DO UPDATE SET context = EXCLUDED.context, expires_at = EXCLUDED.expires_at`,
      [batch.map((r) => r[0]), batch.map((r) => JSON.stringify(r[1])), batch.map((r) => r[2].toISOString())],
    );
  }
}

const TARGET = 'platform = $1 AND workspace = $2 AND channel = $3';
const targetParams = (t: NudgeTarget) => [t.platform, t.workspace, t.channel];

/** The Store over any SqlClient: the same queries for PGlite and PostgreSQL. */
export class SqlStore implements Store {
  constructor(
    readonly kind: 'pglite' | 'postgres',
    protected readonly db: SqlClient,
    private readonly clock: Clock = systemClock,
  ) {}

  async upsertInstallation(i: InstallationInput): Promise<Installation> {
    const now = this.clock.now();
    const { rows } = await this.db.query<InstallationRow>(
      `INSERT INTO installations (platform, workspace, name, bot_user_id, installed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (platform, workspace) DO UPDATE SET name = EXCLUDED.name, bot_user_id = EXCLUDED.bot_user_id,
         updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [i.platform, i.workspace, i.name, i.botUserId, now],
    );
    return toInstallation(rows[0] as InstallationRow);
  }
  async getInstallation(platform: Platform, workspace: string): Promise<Installation | null> {
    const { rows } = await this.db.query<InstallationRow>('SELECT * FROM installations WHERE platform = $1 AND workspace = $2', [platform, workspace]);
    return rows[0] ? toInstallation(rows[0]) : null;
  }
  async removeInstallation(platform: Platform, workspace: string): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM installations WHERE platform = $1 AND workspace = $2', [platform, workspace]);
      await tx.query(
        `UPDATE subscriptions SET disabled_code = 'uninstalled', disabled_message = 'the app was uninstalled from the workspace',
           disabled_at = $3, next_slot = NULL, version = version + 1, updated_at = $3
         WHERE platform = $1 AND workspace = $2`,
        [platform, workspace, now],
      );
    });
  }

  async saveCredentials(platform: Platform, workspace: string, sealed: string): Promise<boolean> {
    const { rows } = await this.db.query(
      'UPDATE installations SET credentials = $3, updated_at = $4 WHERE platform = $1 AND workspace = $2 RETURNING workspace',
      [platform, workspace, sealed, this.clock.now()],
    );
    return rows.length > 0;
  }
  async getCredentials(platform: Platform, workspace: string): Promise<string | null> {
    const { rows } = await this.db.query<{ credentials: string | null }>('SELECT credentials FROM installations WHERE platform = $1 AND workspace = $2', [platform, workspace]);
    return rows[0]?.credentials ?? null;
  }
  async listCredentials(platform: Platform, limit: number): Promise<Array<{ workspace: string; sealed: string }>> {
    const { rows } = await this.db.query<{ workspace: string; credentials: string }>(
      'SELECT workspace, credentials FROM installations WHERE platform = $1 AND credentials IS NOT NULL ORDER BY installed_at, workspace LIMIT $2',
      [platform, limit],
    );
    return rows.map((r) => ({ workspace: r.workspace, sealed: r.credentials }));
  }

  async upsertSubscription(s: SubscriptionInput): Promise<Subscription> {
    const now = this.clock.now();
    const next = nextDue({ ...s, pausedUntil: null }, now);
    const { rows } = await this.db.query<SubRow>(
      `INSERT INTO subscriptions (platform, workspace, channel, cadence_kind, every_minutes, cron, tz, days, start_minute, end_minute,
         focus_tags, created_by, next_slot, created_at, updated_at, tz_from_profile, tz_checked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16)
       ON CONFLICT (platform, workspace, channel) DO UPDATE SET cadence_kind = EXCLUDED.cadence_kind,
         every_minutes = EXCLUDED.every_minutes, cron = EXCLUDED.cron, tz = EXCLUDED.tz, days = EXCLUDED.days,
         start_minute = EXCLUDED.start_minute, end_minute = EXCLUDED.end_minute, focus_tags = EXCLUDED.focus_tags,
         created_by = EXCLUDED.created_by, next_slot = EXCLUDED.next_slot, paused_until = NULL, disabled_code = NULL,
         disabled_message = NULL, disabled_at = NULL, version = subscriptions.version + 1, updated_at = EXCLUDED.updated_at,
         tz_from_profile = EXCLUDED.tz_from_profile, tz_checked_at = EXCLUDED.tz_checked_at
       RETURNING ${SUB_COLUMNS}`,
      [
        ...targetParams(s), s.cadence.kind, s.cadence.kind === 'every' ? s.cadence.minutes : null,
        s.cadence.kind === 'cron' ? s.cadence.expression : null, s.tz, s.days, s.startMinute, s.endMinute, s.focusTags,
        s.createdBy, next, now, s.tzFromProfile ?? false, s.tzCheckedAt ?? null,
      ],
    );
    return toSubscription(rows[0] as SubRow);
  }
  async getSubscription(t: NudgeTarget): Promise<Subscription | null> {
    const { rows } = await this.db.query<SubRow>(`SELECT ${SUB_COLUMNS} FROM subscriptions WHERE ${TARGET}`, targetParams(t));
    return rows[0] ? toSubscription(rows[0]) : null;
  }
  async getSubscriptionById(id: string): Promise<Subscription | null> {
    if (!/^\d+$/.test(id)) return null;
    const { rows } = await this.db.query<SubRow>(`SELECT ${SUB_COLUMNS} FROM subscriptions WHERE id = $1`, [id]);
    return rows[0] ? toSubscription(rows[0]) : null;
  }
  async listSubscriptions(filter: { platform?: Platform; workspace?: string } = {}): Promise<Subscription[]> {
    const { rows } = await this.db.query<SubRow>(
      `SELECT ${SUB_COLUMNS} FROM subscriptions WHERE ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR workspace = $2) ORDER BY id`,
      [filter.platform ?? null, filter.workspace ?? null],
    );
    return rows.map(toSubscription);
  }

  /** Read-modify-write of pause state under a row lock: nextSlot depends on the whole row. */
  private async changePause(t: NudgeTarget, pausedUntil: Date | null, clearDisabled: boolean): Promise<Subscription | null> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<SubRow>(`SELECT ${SUB_COLUMNS} FROM subscriptions WHERE ${TARGET} FOR UPDATE`, targetParams(t));
      if (!rows[0]) return null;
      const sub = toSubscription(rows[0]);
      const disabled = clearDisabled ? null : sub.disabled;
      const next = disabled ? null : nextDue({ ...sub, pausedUntil }, now);
      const updated = await tx.query<SubRow>(
        `UPDATE subscriptions SET paused_until = $2, next_slot = $3, version = version + 1, updated_at = $4
           ${clearDisabled ? ', disabled_code = NULL, disabled_message = NULL, disabled_at = NULL' : ''}
         WHERE id = $1 RETURNING ${SUB_COLUMNS}`,
        [sub.id, pausedUntil, next, now],
      );
      return toSubscription(updated.rows[0] as SubRow);
    });
  }
  pauseSubscription(t: NudgeTarget, until: Date | null) {
    return this.changePause(t, until ?? PAUSED_INDEFINITELY, false);
  }
  resumeSubscription(t: NudgeTarget) {
    return this.changePause(t, null, true);
  }
  async removeSubscription(t: NudgeTarget): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query(`DELETE FROM subscriptions WHERE ${TARGET} RETURNING id::text AS id`, targetParams(t));
      // A person's own Done counts go with their nudges; a channel's anonymous counts stay for stats.
      if (personOf(t) !== null) await tx.query(`DELETE FROM done_counts WHERE ${TARGET}`, targetParams(t));
      return rows.length > 0;
    });
  }
  async recordProfileTz(id: string, tz: string, now: Date): Promise<Subscription | null> {
    if (!/^\d+$/.test(id)) return null;
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<SubRow>(`SELECT ${SUB_COLUMNS} FROM subscriptions WHERE id = $1 FOR UPDATE`, [id]);
      if (!rows[0]) return null;
      const sub = toSubscription(rows[0]);
      const updated = sub.tz === tz
        ? await tx.query<SubRow>(`UPDATE subscriptions SET tz_checked_at = $2 WHERE id = $1 RETURNING ${SUB_COLUMNS}`, [id, now])
        : await tx.query<SubRow>(
          `UPDATE subscriptions SET tz = $2, tz_checked_at = $3, next_slot = $4, version = version + 1, updated_at = $3 WHERE id = $1 RETURNING ${SUB_COLUMNS}`,
          [id, tz, now, sub.disabled ? null : nextDue({ ...sub, tz }, now)],
        );
      return toSubscription(updated.rows[0] as SubRow);
    });
  }
  async disableSubscription(id: string, reason: { code: string; message: string }, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE subscriptions SET disabled_code = $2, disabled_message = $3, disabled_at = $4, next_slot = NULL,
         version = version + 1, updated_at = $4 WHERE id = $1`,
      [id, reason.code, reason.message, now],
    );
  }

  async claimDue(o: ClaimOptions): Promise<Claim[]> {
    const leaseUntil = new Date(o.now.getTime() + o.leaseMs);
    return this.db.transaction(async (tx) => {
      // SKIP LOCKED: two engines running this at once get disjoint rows instead of waiting on each other.
      const { rows } = await tx.query<SubRow>(
        `WITH due AS (
           SELECT id FROM subscriptions
           WHERE disabled_at IS NULL AND next_slot IS NOT NULL AND next_slot <= $1 AND platform = ANY($2::text[])
             AND (lease_until IS NULL OR lease_until <= $1)
           ORDER BY next_slot, id
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
         UPDATE subscriptions s SET lease_owner = $4, lease_until = $5
         FROM due WHERE s.id = due.id
         RETURNING ${SUB_COLUMNS.replace('id::text AS id', 's.id::text AS id')}`,
        [o.now, [...o.platforms], o.limit, o.owner, leaseUntil],
      );
      if (rows.length === 0) return [];
      const subs = rows.map(toSubscription).sort((a, b) => (a.nextSlot?.getTime() ?? 0) - (b.nextSlot?.getTime() ?? 0) || Number(a.id) - Number(b.id));
      const ids = subs.map((s) => s.id);
      const slots = subs.map((s) => (s.nextSlot as Date).toISOString());
      // The unique key (subscription_id, slot) makes the claim: a slot already finished is never handed out again.
      const claimed = await tx.query<{ subscription_id: string; attempts: number }>(
        `INSERT INTO deliveries (subscription_id, slot, status, attempts, claimed_by, updated_at)
         SELECT u.id, u.slot, 'claimed', 0, $3, $4 FROM unnest($1::bigint[], $2::timestamptz[]) AS u(id, slot)
         ON CONFLICT (subscription_id, slot) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, updated_at = EXCLUDED.updated_at
           WHERE deliveries.status = 'claimed'
         RETURNING subscription_id::text AS subscription_id, attempts`,
        [ids, slots, o.owner, o.now],
      );
      const attempts = new Map(claimed.rows.map((r) => [String(r.subscription_id), Number(r.attempts)]));
      const recent = await tx.query<{ subscription_id: string; entry_id: string }>(
        `SELECT subscription_id::text AS subscription_id, entry_id FROM (
           SELECT subscription_id, entry_id, row_number() OVER (PARTITION BY subscription_id ORDER BY slot DESC) AS n
           FROM deliveries WHERE subscription_id = ANY($1::bigint[]) AND status = 'delivered' AND entry_id IS NOT NULL) r
         WHERE n <= 20 ORDER BY subscription_id, n`,
        [ids],
      );
      const recentBySub = new Map<string, string[]>();
      for (const r of recent.rows) {
        const list = recentBySub.get(String(r.subscription_id)) ?? [];
        list.push(r.entry_id);
        recentBySub.set(String(r.subscription_id), list);
      }
      const claims: Claim[] = [];
      for (const sub of subs) {
        const slot = sub.nextSlot as Date;
        const tries = attempts.get(sub.id);
        if (tries === undefined) {
          // Finished before (nextSlot was moved back by hand): move on, no post.
          await tx.query('UPDATE subscriptions SET next_slot = $2, lease_owner = NULL, lease_until = NULL WHERE id = $1', [sub.id, nextDue(sub, slot)]);
          continue;
        }
        claims.push({ subscription: sub, slot, owner: o.owner, leaseUntil, attempts: tries, recentEntryIds: recentBySub.get(sub.id) ?? [] });
      }
      return claims;
    });
  }

  async finishClaim(f: FinishClaim): Promise<boolean> {
    const o = f.outcome;
    return this.db.transaction(async (tx) => {
      const released = await tx.query(
        `UPDATE subscriptions SET next_slot = CASE WHEN version = $3 THEN $4 ELSE next_slot END, lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND lease_owner = $2 RETURNING id::text AS id`,
        [f.subscriptionId, f.owner, f.version, f.nextSlot],
      );
      if (released.rows.length === 0) return false;
      const updated = await tx.query(
        `UPDATE deliveries SET status = $3, entry_id = $4, attempts = COALESCE($5, attempts), message_ref = $6, error = $7, updated_at = $8
         WHERE subscription_id = $1 AND slot = $2 AND status = 'claimed' RETURNING status`,
        [
          f.subscriptionId, f.slot, o.status, o.status === 'skipped' ? null : o.entryId, o.status === 'skipped' ? null : o.attempts,
          o.status === 'delivered' ? o.messageRef : null, o.status === 'skipped' ? o.reason : o.status === 'failed' ? o.error : null, f.now,
        ],
      );
      return updated.rows.length > 0;
    });
  }
  async deferClaim(subscriptionId: string, owner: string, retryAt: Date): Promise<boolean> {
    const { rows } = await this.db.query('UPDATE subscriptions SET lease_until = $3 WHERE id = $1 AND lease_owner = $2 RETURNING id::text AS id', [subscriptionId, owner, retryAt]);
    return rows.length > 0;
  }
  async listDeliveries(subscriptionId: string, limit: number): Promise<Delivery[]> {
    if (!/^\d+$/.test(subscriptionId)) return [];
    const { rows } = await this.db.query<DeliveryRow>(
      `SELECT subscription_id::text AS subscription_id, slot, status, entry_id, attempts, message_ref, error, updated_at
       FROM deliveries WHERE subscription_id = $1 ORDER BY slot DESC LIMIT $2`,
      [subscriptionId, limit],
    );
    return rows.map(toDelivery);
  }

  async recordDone(platform: Platform, workspace: string, channel: string, day: string): Promise<void> {
    await this.db.query(
      `INSERT INTO done_counts (platform, workspace, channel, day, count) VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (platform, workspace, channel, day) DO UPDATE SET count = done_counts.count + 1`,
      [platform, workspace, channel, day],
    );
  }
  async doneCounts(t: NudgeTarget, fromDay: string, toDay: string): Promise<DoneCount[]> {
    const { rows } = await this.db.query<DoneCount>(
      `SELECT platform, workspace, channel, day, count FROM done_counts WHERE ${TARGET} AND day >= $4 AND day <= $5 ORDER BY day`,
      [...targetParams(t), fromDay, toDay],
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }
  async recordFeedback(entryId: string, helpful: boolean): Promise<void> {
    await this.db.query('INSERT INTO feedback (entry_id, helpful, at) VALUES ($1, $2, $3)', [entryId, helpful, this.clock.now()]);
  }
  async feedbackCounts(since?: Date): Promise<FeedbackCount[]> {
    const { rows } = await this.db.query<{ entry_id: string; helpful: number; not_helpful: number }>(
      `SELECT entry_id, count(*) FILTER (WHERE helpful)::int AS helpful, count(*) FILTER (WHERE NOT helpful)::int AS not_helpful
       FROM feedback WHERE ($1::timestamptz IS NULL OR at >= $1) GROUP BY entry_id ORDER BY entry_id`,
      [since ?? null],
    );
    return rows.map((r) => ({ entryId: r.entry_id, helpful: Number(r.helpful), notHelpful: Number(r.not_helpful) }));
  }
  async recordUnanswered(text: string, reason: UnansweredReason, confidence: number, origin?: QuestionOrigin): Promise<void> {
    await this.db.query('INSERT INTO unanswered_questions (text, reason, confidence, at, platform, workspace) VALUES ($1, $2, $3, $4, $5, $6)', [
      scrubQuestion(text), reason, confidence, this.clock.now(), origin?.platform ?? null, origin?.workspace ?? null,
    ]);
  }
  async listUnanswered(limit: number, since?: Date): Promise<UnansweredQuestion[]> {
    const { rows } = await this.db.query<UnansweredRow>(
      `SELECT ${UNANSWERED_COLUMNS} FROM unanswered_questions WHERE ($2::timestamptz IS NULL OR at >= $2) ORDER BY at DESC, id DESC LIMIT $1`,
      [limit, since ?? null],
    );
    return rows.map(toUnanswered);
  }
  async purgeUnanswered(now: Date, days = UNANSWERED_RETENTION_DAYS): Promise<number> {
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    const { rows } = await this.db.query('DELETE FROM unanswered_questions WHERE at < $1 RETURNING id::text AS id', [cutoff]);
    return rows.length;
  }
  /** Many counts in few statements (the write-behind flush): each question's rows (its tags and '') added up first. */
  protected async recordQuestions(counts: ReadonlyArray<{ q: QuestionCountInput; times: number }>, db: SqlClient = this.db): Promise<void> {
    const rows = new Map<string, { q: QuestionCountInput; tag: string; count: number }>();
    for (const { q, times } of counts) {
      for (const tag of ['', ...(q.kind === 'answer' ? new Set(q.tags) : [])]) {
        const key = JSON.stringify([q.platform, q.workspace, q.channel, q.day, q.kind, tag]);
        const row = rows.get(key);
        if (row) row.count += times;
        else rows.set(key, { q, tag, count: times });
      }
    }
    const all = [...rows.values()];
    for (let i = 0; i < all.length; i += BATCH_ROWS) {
      const b = all.slice(i, i + BATCH_ROWS);
      await db.query(
        `INSERT INTO question_counts (platform, workspace, channel, day, kind, tag, count)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
         ON CONFLICT (platform, workspace, channel, day, kind, tag) DO UPDATE SET count = question_counts.count + EXCLUDED.count`,
        [b.map((r) => r.q.platform), b.map((r) => r.q.workspace), b.map((r) => r.q.channel), b.map((r) => r.q.day), b.map((r) => r.q.kind), b.map((r) => r.tag), b.map((r) => r.count)],
      );
    }
  }
  async recordQuestion(q: QuestionCountInput, times = 1, db: SqlClient = this.db): Promise<void> {
    const tags = ['', ...(q.kind === 'answer' ? new Set(q.tags) : [])];
    await db.query(
      `INSERT INTO question_counts (platform, workspace, channel, day, kind, tag, count)
       SELECT $1, $2, $3, $4, $5, t, $7::int FROM unnest($6::text[]) AS t
       ON CONFLICT (platform, workspace, channel, day, kind, tag) DO UPDATE SET count = question_counts.count + EXCLUDED.count`,
      [q.platform, q.workspace, q.channel, q.day, q.kind, tags, times],
    );
  }
  async channelStats(f: StatsFilter): Promise<ChannelStats[]> {
    const { from, to } = dayRange(f.fromDay, f.toDay);
    const where = '($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR workspace = $2)';
    const p = [f.platform ?? null, f.workspace ?? null];
    const [questions, done, sent] = await Promise.all([
      this.db.query<NudgeTarget & { kind: CountedKind; tag: string; count: number }>(
        `SELECT platform, workspace, channel, kind, tag, sum(count)::int AS count FROM question_counts
         WHERE ${where} AND NOT starts_with(channel, '@') AND day >= $3 AND day <= $4 GROUP BY platform, workspace, channel, kind, tag`,
        [...p, f.fromDay, f.toDay],
      ),
      this.db.query<NudgeTarget & { count: number }>(
        `SELECT platform, workspace, channel, sum(count)::int AS count FROM done_counts
         WHERE ${where} AND NOT starts_with(channel, '@') AND day >= $3 AND day <= $4 GROUP BY platform, workspace, channel`,
        [...p, f.fromDay, f.toDay],
      ),
      this.db.query<NudgeTarget & { count: number }>(
        `SELECT s.platform, s.workspace, s.channel, count(*)::int AS count FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
         WHERE ($1::text IS NULL OR s.platform = $1) AND ($2::text IS NULL OR s.workspace = $2)
           AND NOT starts_with(s.channel, '@') AND d.status = 'delivered' AND d.slot >= $3 AND d.slot < $4 GROUP BY s.platform, s.workspace, s.channel`,
        [...p, from, to],
      ),
    ]);
    const num = <T extends { count: number }>(rows: T[]) => rows.map((r) => ({ ...r, count: Number(r.count) }));
    return mergeChannelStats(num(questions.rows), num(done.rows), num(sent.rows));
  }

  async exportWorkspace(platform: Platform, workspace: string): Promise<WorkspaceData> {
    const ws = [platform, workspace];
    const [installation, subscriptions] = await Promise.all([this.getInstallation(platform, workspace), this.listSubscriptions({ platform, workspace })]);
    const [deliveries, done, questions, unanswered, contexts] = await Promise.all([
      this.db.query<DeliveryRow>(
        `SELECT subscription_id::text AS subscription_id, slot, status, entry_id, attempts, message_ref, error, updated_at FROM deliveries
         WHERE subscription_id IN (SELECT id FROM subscriptions WHERE platform = $1 AND workspace = $2) ORDER BY subscription_id, slot`,
        ws,
      ),
      this.db.query<DoneCount>('SELECT platform, workspace, channel, day, count FROM done_counts WHERE platform = $1 AND workspace = $2 ORDER BY channel, day', ws),
      this.db.query<QuestionCount>(
        'SELECT platform, workspace, channel, day, kind, tag, count FROM question_counts WHERE platform = $1 AND workspace = $2 ORDER BY channel, day, kind, tag',
        ws,
      ),
      this.db.query<UnansweredRow>(`SELECT ${UNANSWERED_COLUMNS} FROM unanswered_questions WHERE platform = $1 AND workspace = $2 ORDER BY at, id`, ws),
      this.db.query<{ conversation: string; context: unknown; expires_at: Date }>(
        "SELECT conversation, context, expires_at FROM conversation_contexts WHERE starts_with(conversation, $1) ORDER BY conversation",
        [conversationPrefix(platform, workspace)],
      ),
    ]);
    return {
      platform, workspace, installation, subscriptions,
      deliveries: deliveries.rows.map(toDelivery),
      doneCounts: done.rows.map((r) => ({ ...r, count: Number(r.count) })),
      questionCounts: questions.rows.map((r) => ({ ...r, count: Number(r.count) })),
      unansweredQuestions: unanswered.rows.map(toUnanswered),
      conversationContexts: contexts.rows.map((r) => ({
        conversation: r.conversation,
        context: (typeof r.context === 'string' ? JSON.parse(r.context) : r.context) as ConversationContext,
        expiresAt: new Date(r.expires_at),
      })),
    };
  }
  async purgeWorkspace(platform: Platform, workspace: string): Promise<PurgeCounts> {
    const ws = [platform, workspace];
    return this.db.transaction(async (tx) => {
      const count = async (sql: string, params: unknown[]) => (await tx.query(sql, params)).rows.length;
      const deliveries = await count(
        'DELETE FROM deliveries WHERE subscription_id IN (SELECT id FROM subscriptions WHERE platform = $1 AND workspace = $2) RETURNING subscription_id',
        ws,
      );
      return {
        installations: await count('DELETE FROM installations WHERE platform = $1 AND workspace = $2 RETURNING workspace', ws),
        subscriptions: await count('DELETE FROM subscriptions WHERE platform = $1 AND workspace = $2 RETURNING id', ws),
        deliveries,
        doneCounts: await count('DELETE FROM done_counts WHERE platform = $1 AND workspace = $2 RETURNING day', ws),
        questionCounts: await count('DELETE FROM question_counts WHERE platform = $1 AND workspace = $2 RETURNING day', ws),
        unansweredQuestions: await count('DELETE FROM unanswered_questions WHERE platform = $1 AND workspace = $2 RETURNING id', ws),
        conversationContexts: await count('DELETE FROM conversation_contexts WHERE starts_with(conversation, $1) RETURNING conversation', [conversationPrefix(platform, workspace)]),
        uploadedImages: await count('DELETE FROM uploaded_images WHERE platform = $1 AND workspace = $2 RETURNING image_key', ws),
      };
    });
  }

  async getUploadedImage(platform: Platform, workspace: string, key: string): Promise<string | null> {
    const { rows } = await this.db.query<{ file_id: string }>(
      'SELECT file_id FROM uploaded_images WHERE platform = $1 AND workspace = $2 AND image_key = $3', [platform, workspace, key]);
    return rows[0]?.file_id ?? null;
  }
  async saveUploadedImage(platform: Platform, workspace: string, key: string, fileId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO uploaded_images (platform, workspace, image_key, file_id, uploaded_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (platform, workspace, image_key) DO UPDATE SET file_id = EXCLUDED.file_id, uploaded_at = EXCLUDED.uploaded_at`,
      [platform, workspace, key, fileId, this.clock.now()]);
  }

  async forgetUploadedImage(platform: Platform, workspace: string, key: string): Promise<void> {
    await this.db.query('DELETE FROM uploaded_images WHERE platform = $1 AND workspace = $2 AND image_key = $3', [platform, workspace, key]);
  }

  async claimEvent(key: string, now: Date): Promise<boolean> {
    // Insert, or take over a row older than the window; a row inside the window returns nothing.
    const { rows } = await this.db.query(
      `INSERT INTO seen_events (key, at) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET at = EXCLUDED.at WHERE seen_events.at <= $3
       RETURNING key`,
      [key.slice(0, 200), now, new Date(now.getTime() - SEEN_EVENT_WINDOW_MS)],
    );
    return rows.length === 1;
  }
  async purgeSeenEvents(now: Date): Promise<number> {
    const { rows } = await this.db.query('DELETE FROM seen_events WHERE at < $1 RETURNING key', [new Date(now.getTime() - SEEN_EVENT_RETENTION_MS)]);
    return rows.length;
  }

  /** Context rows read and written straight through (PgliteStore holds them in memory in front). */
  protected readonly sqlContexts: StoreContexts = {
    get: async (conversation, now) => {
      const { rows } = await this.db.query<{ context: unknown }>(
        'SELECT context FROM conversation_contexts WHERE conversation = $1 AND expires_at > $2',
        [conversation, now],
      );
      if (!rows[0]) return null;
      // jsonb comes back parsed from both drivers; a row written by an older version may not fit the schema any more.
      const parsed = ConversationContextSchema.safeParse(typeof rows[0].context === 'string' ? JSON.parse(rows[0].context) : rows[0].context);
      return parsed.success ? parsed.data : null;
    },
    set: (conversation, context, expiresAt) => upsertContext(this.db, conversation, context, expiresAt),
    purgeExpired: async (now) => {
      const { rows } = await this.db.query('DELETE FROM conversation_contexts WHERE expires_at <= $1 RETURNING conversation', [now]);
      return rows.length;
    },
  };

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
  readonly contexts: StoreContexts = this.sqlContexts;

  close(): Promise<void> {
    return this.db.close();
  }
}
