/**
 * When to stop restarting. Two failures without a known culprit within the window mean the
 * cause is not a command file the quarantine can take out: restarting again would loop. The
 * same culprit twice within the window means its quarantine did not take effect: also stop.
 */
export class RestartPolicy {
  private readonly failures: { at: number; culprit: string | null }[] = [];

  constructor(private readonly windowMs = 60_000) {}

  /** Records a failure; returns why not to restart, or null to restart. */
  record(at: number, culprit: string | null): string | null {
    while (this.failures.length && at - this.failures[0]!.at > this.windowMs) this.failures.shift();
    const repeated = this.failures.some((f) => f.culprit === culprit);
    this.failures.push({ at, culprit });
    if (!repeated) return null;
    const seconds = Math.round(this.windowMs / 1000);
    return culprit === null
      ? `the runtime failed twice within ${seconds} s without a known culprit; not restarting it again`
      : `${culprit} brought the runtime down twice within ${seconds} s despite its quarantine; not restarting it again`;
  }
}
