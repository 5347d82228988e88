/** An error the REST layer answers with `status` and Discord's JSON error body. */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

/** Key of the files uploaded with an interaction response or webhook message (multipart). */
export const FILES = Symbol('uploaded files');
