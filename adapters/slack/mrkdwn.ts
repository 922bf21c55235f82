// Escaping and size limits for Slack text. Slack reads `&`, `<` and `>` as control characters in mrkdwn
// (<@U…> mentions, <!channel>, <url|label> links), so text from the core or echoed from users is escaped.
// https://docs.slack.dev/messaging/formatting-message-text#escaping

/** Section and context text: at most 3000 characters. https://docs.slack.dev/reference/block-kit/blocks/section-block */
export const SECTION_MAX = 3000;
/** A header's plain text: at most 150 characters. */
export const HEADER_MAX = 150;
/** A button's label: at most 75 characters. */
export const BUTTON_LABEL_MAX = 75;
/** A message carries at most 50 blocks; a Home tab view at most 100. */
export const MESSAGE_BLOCKS_MAX = 50;
export const HOME_BLOCKS_MAX = 100;

export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Cut to `max` characters with an ellipsis, never in the middle of an `&amp;`-style entity. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1).replace(/&[a-z]{0,4}$/, '');
  return `${cut}…`;
}

/** Escaped and cut to fit a section. */
export const mrkdwnText = (text: string, max = SECTION_MAX): string => truncate(escapeMrkdwn(text), max);

/** Plain text (headers, buttons): no escaping needed, only the length limit. */
export const plainText = (text: string, max: number): string => truncate(text, max);

/** A link whose label and URL cannot break out of the `<url|label>` syntax. */
export const mrkdwnLink = (url: string, label: string): string =>
  `<${url.replace(/[<>|\s]/g, encodeURIComponent)}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
