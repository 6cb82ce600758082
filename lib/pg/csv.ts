/**
 * Parses CSV as `psql --csv` writes it: `,` between fields, `\n` (or `\r\n`) between
 * records, fields with `,`, `"`, CR or LF quoted with `"` and inner quotes doubled.
 * Quoted fields may span lines. Throws on malformed input rather than guessing.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let index = 0;
  let atFieldStart = true;

  const endField = (): void => {
    record.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
  };

  while (index < text.length) {
    const char = text[index];
    if (atFieldStart && char === '"') {
      const close = readQuoted(text, index + 1);
      field = close.value;
      index = close.next;
      atFieldStart = false;
      const after = text[index];
      if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
        throw new SyntaxError(`CSV: unexpected ${JSON.stringify(after)} after a quoted field at offset ${index}`);
      }
      continue;
    }
    atFieldStart = false;
    if (char === ',') {
      endField();
    } else if (char === '\n') {
      endRecord();
    } else if (char === '\r' && text[index + 1] === '\n') {
      endRecord();
      index += 1;
    } else {
      field += char;
    }
    index += 1;
  }
  if (!atFieldStart || record.length > 0) endRecord();
  return records;
}

function readQuoted(text: string, start: number): { value: string; next: number } {
  let value = '';
  let index = start;
  for (;;) {
    const quote = text.indexOf('"', index);
    if (quote === -1) throw new SyntaxError(`CSV: unterminated quoted field starting at offset ${start - 1}`);
    value += text.slice(index, quote);
    if (text[quote + 1] === '"') {
      value += '"';
      index = quote + 2;
    } else {
      return { value, next: quote + 1 };
    }
  }
}
