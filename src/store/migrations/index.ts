/**
 * Versioned schema, plain SQL that runs unchanged on PGlite and PostgreSQL. Append new versions; never
 * edit an applied one. `migrate` (src/store/migrate.ts) records applied versions in schema_migrations.
 */
export type Migration = { version: number; name: string; statements: readonly string[] };

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    statements: [
      `CREATE TABLE installations (
        platform text NOT NULL,
        workspace text NOT NULL,
        name text,
        bot_user_id text,
        installed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace)
      )`,
      `CREATE TABLE subscriptions (
        id bigserial PRIMARY KEY,
        platform text NOT NULL CHECK (platform IN ('slack', 'discord', 'cli')),
        workspace text NOT NULL,
        channel text NOT NULL,
        cadence_kind text NOT NULL CHECK (cadence_kind IN ('every', 'cron')),
        every_minutes integer CHECK (every_minutes BETWEEN 30 AND 480),
        cron text,
        tz text NOT NULL,
        days text[] NOT NULL,
        start_minute integer NOT NULL CHECK (start_minute >= 0),
        end_minute integer NOT NULL CHECK (end_minute <= 1440),
        focus_tags text[] NOT NULL DEFAULT '{}',
        paused_until timestamptz,
        created_by text,
        disabled_code text,
        disabled_message text,
        disabled_at timestamptz,
        next_slot timestamptz,
        version integer NOT NULL DEFAULT 0,
        lease_owner text,
        lease_until timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (platform, workspace, channel),
        CHECK (start_minute < end_minute),
        CHECK ((cadence_kind = 'every' AND every_minutes IS NOT NULL) OR (cadence_kind = 'cron' AND cron IS NOT NULL))
      )`,
      `CREATE INDEX subscriptions_due ON subscriptions (next_slot) WHERE disabled_at IS NULL`,
      `CREATE TABLE deliveries (
        subscription_id bigint NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        slot timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('claimed', 'delivered', 'skipped', 'failed')),
        entry_id text,
        attempts integer NOT NULL DEFAULT 0,
        message_ref text,
        error text,
        claimed_by text,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (subscription_id, slot)
      )`,
      `CREATE TABLE done_counts (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        day text NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        count integer NOT NULL,
        PRIMARY KEY (platform, workspace, channel, day)
      )`,
      `CREATE TABLE feedback (
        id bigserial PRIMARY KEY,
        entry_id text NOT NULL,
        helpful boolean NOT NULL,
        at timestamptz NOT NULL
      )`,
      `CREATE INDEX feedback_entry ON feedback (entry_id)`,
      `CREATE TABLE unanswered_questions (
        id bigserial PRIMARY KEY,
        text text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('no_match', 'low_confidence', 'clarify', 'out_of_scope')),
        confidence double precision NOT NULL,
        at timestamptz NOT NULL
      )`,
      `CREATE INDEX unanswered_questions_at ON unanswered_questions (at)`,
      `CREATE TABLE conversation_contexts (
        conversation text PRIMARY KEY,
        context jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
      `CREATE INDEX conversation_contexts_expiry ON conversation_contexts (expires_at)`,
    ],
  },
  {
    version: 2,
    name: 'seen events',
    statements: [
      // Platform event ids already taken, so a redelivered event (Slack retries) is answered once even
      // when the retry reaches another replica. Rows older than an hour are purged.
      `CREATE TABLE seen_events (
        key text PRIMARY KEY,
        at timestamptz NOT NULL
      )`,
      `CREATE INDEX seen_events_at ON seen_events (at)`,
    ],
  },
  {
    version: 3,
    name: 'question counts and question origins',
    statements: [
      // Anonymous counts of questions per channel and UTC day, by reply kind (tag '') and, for answers,
      // by each tag of the entry. Direct messages are counted under the channel '(direct)'.
      `CREATE TABLE question_counts (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        day text NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        kind text NOT NULL CHECK (kind IN ('answer', 'clarify', 'out_of_scope')),
        tag text NOT NULL DEFAULT '',
        count integer NOT NULL,
        PRIMARY KEY (platform, workspace, channel, day, kind, tag)
      )`,
      // Which workspace an unanswered question came from, so `data export|purge` can find it. No user id.
      `ALTER TABLE unanswered_questions ADD COLUMN platform text`,
      `ALTER TABLE unanswered_questions ADD COLUMN workspace text`,
      `CREATE INDEX unanswered_questions_workspace ON unanswered_questions (platform, workspace)`,
      `CREATE INDEX feedback_at ON feedback (at)`,
    ],
  },
  {
    version: 4,
    name: 'personal nudges follow the profile zone',
    statements: [
      // A personal subscription (channel '@<user>') whose zone comes from the person's profile; the
      // engine re-reads it at most daily (tz_checked_at) and follows a move.
      `ALTER TABLE subscriptions ADD COLUMN tz_from_profile boolean NOT NULL DEFAULT false`,
      `ALTER TABLE subscriptions ADD COLUMN tz_checked_at timestamptz`,
    ],
  },
  {
    version: 5,
    name: 'installation credentials',
    statements: [
      // A Slack workspace installed through OAuth: its installation (bot token included) sealed with
      // AES-256-GCM under TOKEN_ENCRYPTION_KEY (src/common/token-box.ts). Never plain text. Null for
      // installs whose token stays in the environment (SLACK_BOT_TOKEN) and for Discord.
      `ALTER TABLE installations ADD COLUMN credentials text`,
    ],
  },
  {
    version: 6,
    name: 'uploaded images',
    statements: [
      // Routine illustrations uploaded to a workspace (Slack files.getUploadURLExternal), so each is
      // uploaded once per workspace and then referenced by file id. image_key holds the content hash.
      `CREATE TABLE uploaded_images (
        platform text NOT NULL,
        workspace text NOT NULL,
        image_key text NOT NULL,
        file_id text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace, image_key)
      )`,
    ],
  },
];

/** Every table the migrations create, for tests that TRUNCATE between cases. */
export const TABLES = ['deliveries', 'subscriptions', 'installations', 'done_counts', 'feedback', 'unanswered_questions', 'conversation_contexts', 'seen_events', 'question_counts', 'uploaded_images'] as const;
