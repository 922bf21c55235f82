// Discord's size limits and escaping, so render.ts reads as layout only.
// https://discord.com/developers/docs/resources/message#embed-object-embed-limits

export const CONTENT_MAX = 2000;
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const FIELD_NAME_MAX = 256;
export const FIELD_VALUE_MAX = 1024;
export const FOOTER_MAX = 2048;
/** All titles, descriptions, fields and footers of a message's embeds together. */
export const EMBEDS_TOTAL_MAX = 6000;
export const BUTTON_LABEL_MAX = 80;
export const CUSTOM_ID_MAX = 100;
export const BUTTONS_PER_ROW = 5;
export const ROWS_MAX = 5;
export const CHOICES_MAX = 25;
export const CHOICE_MAX = 100;

export const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * Markdown characters backslash-escaped (Discord shows them as typed), and heading, quote and list
 * markers at line starts. One linear pass: discord.js's escapeMarkdown took seconds on long text full of
 * asterisks, which people can send.
 */
export const escapeMd = (text: string): string =>
  text.replace(/[\\*_~`|[\]()]/g, '\\$&').replace(/^(\s*)([#>-])/gm, '$1\\$2');

/** Text from the core or echoed from people, escaped and cut to `max` (cut first, so huge input costs nothing). */
export const md = (text: string, max = EMBED_DESCRIPTION_MAX): string => cut(escapeMd(text.slice(0, max)), max);

/** A link whose label cannot break out of `[label](url)`. */
export const mdLink = (url: string, label: string): string =>
  `[${escapeMd(label.replace(/[[\]]/g, ''))}](${url.replace(/[()\s]/g, encodeURIComponent)})`;

/** Nothing we post may ping: echoed "@everyone" or "<@id>" stays text. The person asking is still notified of a reply. */
export const NO_PINGS = { parse: [] as never[], repliedUser: true };
