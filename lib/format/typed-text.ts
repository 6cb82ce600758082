import { z } from 'zod';

/** Control characters but tab, line feed and carriage return: C0, DEL and C1. */
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * True for text a person may type into a free-text field (notes, a reason, a comment): no control
 * characters but tabs and line breaks. PostgreSQL cannot store a NUL (the insert throws), and
 * escape sequences would reach whoever reads the audit log in a terminal.
 */
export function isTypedText(text: string): boolean {
  return !CONTROL_BUT_LINE_BREAKS.test(text);
}

/** {@link isTypedText} for a one-line value (a name, a password): no tab or line break either. */
export function isTypedLine(text: string): boolean {
  return !ANY_CONTROL.test(text);
}

export const TYPED_TEXT_MESSAGE = 'Use printable text: no control characters';

const DECIMAL_ID = /^\d{1,9}$/;

/** A record's id as a form posts it: decimal digits only (`Number` would also read `0x1`, `1e0` or ` 1` as 1); anything else is `message`. */
export const decimalIdField = (message: string) => z.string(message).regex(DECIMAL_ID, message).transform(Number);

/** A whole number or a decimal fraction as a person types it (no hexadecimal, exponent or blank that `Number` would read). */
export const DECIMAL_NUMBER = /^\d{1,12}(\.\d{1,6})?$/;
