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
