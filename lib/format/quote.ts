/** A value a person typed, quoted for an error message: escaped (control characters shown, never acted on) and cut at 60 characters. */
export function quoteForMessage(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}
