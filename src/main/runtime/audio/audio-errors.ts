/** An audio request that cannot be served (not connected, no voice on this network). Shown to users. */
export class AudioError extends Error {
  readonly userMessage: string;

  constructor(message: string) {
    super(message);
    this.name = 'AudioError';
    this.userMessage = message;
  }
}
