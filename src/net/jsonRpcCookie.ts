// Bitcoin Core's cookie file: "user:password" on one line, written anew at every start of the node. Reading
// failures become messages that name the path and the reason, never the file's content.

import { bitcoindMessages } from '../core/sources/bitcoind/errors';

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/** `fail` makes the error (the client scrubs every message it throws). */
export async function readCookie(
  cookiePath: string,
  readFile: (path: string) => Promise<string>,
  fail: (message: string) => Error,
): Promise<Credentials> {
  let text: string;
  try {
    text = await readFile(cookiePath);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw fail(bitcoindMessages.cookieMissing(cookiePath));
    const reason =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory'
          : typeof code === 'string'
            ? code
            : 'read failed';
    throw fail(bitcoindMessages.cookieUnreadable(cookiePath, reason));
  }
  const line = text.trim();
  const colon = line.indexOf(':');
  if (colon <= 0 || colon === line.length - 1 || /[\r\n]/.test(line))
    throw fail(bitcoindMessages.cookieMalformed(cookiePath));
  return { user: line.slice(0, colon), password: line.slice(colon + 1) };
}
