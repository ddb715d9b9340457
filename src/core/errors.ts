// One way to turn anything thrown into a line for the log or the UI. Thrown values are untrusted (a server's
// text can end up in an Error's message), so the line is bounded: callers may show it as it is.

/** The one length limit for untrusted text we echo (log lines, notifications, the panel's protocol). */
export const MAX_SHOWN_TEXT_CHARS = 300;
const MAX_ERROR_TEXT = MAX_SHOWN_TEXT_CHARS;

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

/** Text from a server (a reason, a message) for one log line or notification: control characters gone, bounded. */
export function oneLine(text: string, max = MAX_ERROR_TEXT): string {
  const line = text
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
