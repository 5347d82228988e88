/** imagelib cannot work here: the native canvas did not load. Check `imagelib.available` first. */
export class ImageLibUnavailable extends Error {
  override readonly name = 'ImageLibUnavailable';
  constructor(readonly reason: string) {
    super(
      `imagelib is not available: the native canvas (@napi-rs/canvas) did not load (${reason}). ` +
        'Check imagelib.available before using it.',
    );
  }
}

/** An image could not be loaded or an operation got bad input. */
export class ImageError extends Error {
  override readonly name = 'ImageError';
}
