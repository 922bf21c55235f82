// Slack redelivers an event it thinks we missed (x-slack-retry-num 1–3, the last about 5 minutes after
// the first; https://docs.slack.dev/apis/events-api/#retries), and Bolt does not drop these. We remember
// event ids for 10 minutes, so a retry of an event we already took never produces a second answer, while
// a retry of an event that never reached us (first delivery lost) is still answered.

const TTL_MS = 10 * 60_000;

export class RecentEventIds {
  private readonly seen = new Map<string, number>();
  constructor(private readonly maxItems = 20_000) {}

  /** True the first time an id is offered within the window; false for a repeat. */
  claim(eventId: string, nowMs: number): boolean {
    const at = this.seen.get(eventId);
    if (at !== undefined && nowMs - at < TTL_MS) return false;
    this.seen.delete(eventId);
    this.seen.set(eventId, nowMs);
    for (const [id, t] of this.seen) {
      if (this.seen.size <= this.maxItems && nowMs - t < TTL_MS) break;
      this.seen.delete(id);
    }
    return true;
  }
}
