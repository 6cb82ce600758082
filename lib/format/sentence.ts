/**
 * A text as one sentence: a full stop added only when it does not already end in `.`, `!`
 * or `?`. Error messages from SSH, PostgreSQL and remote commands are sentences already
 * ("…the connection may be dead."); composing them into a longer text with another stop
 * printed "…dead..". Every place that embeds such a message at the end of a sentence uses this.
 */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
