// One way to turn anything thrown into a line for the log or the UI. Thrown values are untrusted (a server's
// text can end up in an Error's message), so the line is bounded: callers may show it as it is.

const MAX_ERROR_TEXT = 300;

/** `Name: message` for errors (with `cause` when it says more), `String(x)` otherwise; never throws, never long. */
export function describeError(error: unknown, options: { stack?: boolean } = {}): string {
  let text: string;
  try {
    if (error instanceof Error) {
      text = options.stack && error.stack ? error.stack : error.message || error.name;
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof Error && cause.message && !text.includes(cause.message)) text += ` (${cause.message})`;
    } else {
      text = String(error);
    }
  } catch {
    text = 'unprintable error';
  }
  const limit = options.stack ? MAX_ERROR_TEXT * 10 : MAX_ERROR_TEXT;
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
