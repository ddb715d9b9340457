// Messages from the webview are untrusted: each is validated (src/shared/protocol) before it reaches the
// handler for its type; anything else is logged and dropped.
import { PROTOCOL_VERSION, validateWebviewMessage, type WebviewMessage } from '../../shared/protocol';
import type { Log } from '../log';

export type WebviewMessageHandlers = {
  readonly [K in WebviewMessage['type']]: (message: Extract<WebviewMessage, { type: K }>) => void;
};

export function createMessageRouter(log: Log, handlers: WebviewMessageHandlers): (raw: unknown) => void {
  return (raw) => {
    const result = validateWebviewMessage(raw);
    if (!result.ok) {
      log.warn(`Panel: ignored a message from the webview: ${result.error}`);
      return;
    }
    const message = result.value;
    if (message.type === 'ready' && message.protocol !== PROTOCOL_VERSION) {
      log.warn(`Panel: the webview speaks protocol ${message.protocol}, the host ${PROTOCOL_VERSION}.`);
    }
    (handlers[message.type] as (m: WebviewMessage) => void)(message);
  };
}
