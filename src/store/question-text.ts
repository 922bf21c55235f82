/**
 * What is kept of a question the knowledge base could not answer: the least text that still tells a
 * content maintainer what people asked. Mentions, links, e-mail addresses and long numbers (phone,
 * ticket, account) are dropped, case and spacing are folded, and it is capped at 500 characters.
 * It cannot find a name typed in plain words, which is why only unanswered questions are kept, for
 * at most 30 days (QUESTION_LOG_RETENTION_DAYS), with no user id.
 */
export function scrubQuestion(text: string): string {
  return text
    .normalize('NFC')
    // Slack <@U123>, <#C123|general>, <!here>; Discord <@123>, <@!123>, <@&123>, <#123>.
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
    .replace(/[^\s@]+@[^\s@]+\.[^\s@]+/g, ' ')
    // Five or more digits, possibly broken by spaces, dots or dashes.
    .replace(/\+?\d(?:[\s().-]*\d){4,}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .slice(0, 500);
}
