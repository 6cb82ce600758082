declare const shellCommandBrand: unique symbol;

/**
 * A POSIX shell command whose every interpolated value was single-quoted by {@link sh}.
 * The brand makes it a type error to hand a plain string to the SSH layer.
 */
export interface ShellCommand {
  readonly text: string;
  readonly [shellCommandBrand]: true;
}

/** A value {@link sh} accepts in a `${…}` slot. */
export type ShellValue = string | number | bigint | ShellCommand | readonly (string | number | bigint | ShellCommand)[];

/**
 * Commands issued in this process. Held on globalThis because Next bundles this module
 * more than once (instrumentation, actions, routes): a command made by one copy must be
 * recognised by another.
 */
const ISSUED_KEY = Symbol.for('tandem.shellCommands');
const issued: WeakSet<object> = ((globalThis as { [ISSUED_KEY]?: WeakSet<object> })[ISSUED_KEY] ??= new WeakSet<object>());

function brand(text: string): ShellCommand {
  const command = Object.freeze({ text, toString: () => text });
  issued.add(command);
  return command as unknown as ShellCommand;
}

/** True when `value` was produced by {@link sh} (or {@link asArgument}) in this process. */
export function isShellCommand(value: unknown): value is ShellCommand {
  return typeof value === 'object' && value !== null && issued.has(value);
}

/**
 * Quotes one value as a single shell word: `'` + value with each `'` written as `'\''` + `'`.
 * Inside single quotes a POSIX shell expands nothing, so `$(…)`, backticks, `;`, `|`, globs
 * and newlines stay literal. NUL cannot exist in an argv entry, so it throws instead of
 * being silently cut. A leading `-` is still seen as an option by the called program:
 * callers put `--` before positional user-supplied values.
 */
export function shellQuote(value: string | number | bigint): string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`sh: refusing to interpolate non-finite number ${value}`);
    text = String(value);
  } else if (typeof value === 'bigint') {
    text = value.toString();
  } else if (typeof value === 'string') {
    text = value;
  } else {
    throw new TypeError(`sh: cannot interpolate a value of type ${typeof value}`);
  }
  if (text.includes('\0')) throw new TypeError('sh: a value contains a NUL byte, which no command argument can hold');
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function renderValue(value: unknown): string {
  if (isShellCommand(value)) return value.text;
  if (Array.isArray(value)) return value.map((element: unknown) => renderScalar(element)).join(' ');
  return renderScalar(value);
}

function renderScalar(value: unknown): string {
  if (isShellCommand(value)) return value.text;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return shellQuote(value);
  throw new TypeError(`sh: cannot interpolate a value of type ${value === null ? 'null' : typeof value}`);
}

/**
 * The one way to build a remote command. The template's literal text is trusted shell,
 * taken as written (like `String.raw`: `\n` reaches the shell as backslash-n);
 * every `${value}` is quoted as one word ({@link shellQuote}), a {@link ShellCommand} is
 * inserted verbatim so commands compose, and an array becomes its elements quoted and
 * space-separated (an empty array adds no word at all).
 *
 * @example sh`pg_ctlcluster ${version} ${name} stop -m fast`
 */
export function sh(strings: TemplateStringsArray, ...values: readonly ShellValue[]): ShellCommand {
  let text = strings.raw[0] ?? '';
  values.forEach((value, index) => {
    text += renderValue(value) + (strings.raw[index + 1] ?? '');
  });
  return brand(text);
}

/**
 * Turns a whole command into one quoted word, for programs that take a command as a
 * single argument (`sh -c`, `su -c`, `runuser … -- sh -c`). The result is itself a
 * {@link ShellCommand} so it can be interpolated verbatim.
 */
export function asArgument(command: ShellCommand): ShellCommand {
  return brand(shellQuote(command.text));
}
