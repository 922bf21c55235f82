import type { Delivery, DeliveryStatus, Installation, Platform, Subscription, Weekday } from './store.js';

/** Row shapes of the SQL tables and their mapping to the Store types. */
export type SubRow = {
  id: string; platform: Platform; workspace: string; channel: string; cadence_kind: 'every' | 'cron'; every_minutes: number | null;
  cron: string | null; tz: string; days: Weekday[]; start_minute: number; end_minute: number; focus_tags: string[];
  paused_until: Date | null; created_by: string | null; disabled_code: string | null; disabled_message: string | null;
  disabled_at: Date | null; next_slot: Date | null; version: number; created_at: Date; updated_at: Date;
  tz_from_profile: boolean; tz_checked_at: Date | null;
};

// ids are bigserial: pg returns int8 as strings and PGlite as numbers, so every query casts them to text.
export const SUB_COLUMNS = `id::text AS id, platform, workspace, channel, cadence_kind, every_minutes, cron, tz, days, start_minute, end_minute,
  focus_tags, paused_until, created_by, disabled_code, disabled_message, disabled_at, next_slot, version, created_at, updated_at, tz_from_profile, tz_checked_at`;

export function toSubscription(r: SubRow): Subscription {
  return {
    id: String(r.id),
    platform: r.platform,
    workspace: r.workspace,
    channel: r.channel,
    cadence: r.cadence_kind === 'every' ? { kind: 'every', minutes: Number(r.every_minutes) } : { kind: 'cron', expression: r.cron ?? '' },
    tz: r.tz,
    tzFromProfile: Boolean(r.tz_from_profile),
    tzCheckedAt: r.tz_checked_at ? new Date(r.tz_checked_at) : null,
    days: r.days,
    startMinute: Number(r.start_minute),
    endMinute: Number(r.end_minute),
    focusTags: r.focus_tags,
    createdBy: r.created_by,
    pausedUntil: r.paused_until,
    disabled: r.disabled_at ? { code: r.disabled_code ?? 'unknown', message: r.disabled_message ?? '', at: r.disabled_at } : null,
    nextSlot: r.next_slot,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type DeliveryRow = { subscription_id: string; slot: Date; status: DeliveryStatus; entry_id: string | null; attempts: number; message_ref: string | null; error: string | null; updated_at: Date };
export const toDelivery = (r: DeliveryRow): Delivery => ({
  subscriptionId: String(r.subscription_id), slot: r.slot, status: r.status, entryId: r.entry_id, attempts: Number(r.attempts),
  messageRef: r.message_ref, error: r.error, updatedAt: r.updated_at,
});

export type InstallationRow = { platform: Platform; workspace: string; name: string | null; bot_user_id: string | null; installed_at: Date; updated_at: Date };
export const toInstallation = (r: InstallationRow): Installation => ({
  platform: r.platform, workspace: r.workspace, name: r.name, botUserId: r.bot_user_id, installedAt: r.installed_at, updatedAt: r.updated_at,
});
