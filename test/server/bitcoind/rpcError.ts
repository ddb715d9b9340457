// An RPC error as Core reports it: a code from rpc/protocol.h and a message.
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}
