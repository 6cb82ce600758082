/** Reads a server-sent event stream in the background; `text()` is everything read so far, `done` resolves at its end. Tests only. */
export function collectEventText(stream: ReadableStream<Uint8Array>): { text: () => string; done: Promise<void> } {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const done = (async () => {
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) return;
      text += decoder.decode(value);
    }
  })();
  return { text: () => text, done };
}
