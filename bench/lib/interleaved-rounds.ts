// The timing schedule both reply-latency users follow (the IRC client, the fake Discords).

export type Side = 'bot' | 'bare';

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export interface Round {
  bot: number[];
  bare: number[];
}

export interface ScheduleSpec {
  /**
   * Rounds timed right after start, before the warm-up: the bots' code is still being compiled
   * and optimised by V8 (reported on their own, as what the first few hundred answers see).
   */
  earlyRounds: number;
  /**
   * Round trips per side between the early and the timed rounds, back to back: until V8 has
   * optimised both bots' code. A bot that has been up a while runs optimised code; a short
   * warm-up compares two programs halfway through their JIT tiers, where the one with more code
   * is further behind.
   */
  warmup: number;
  rounds: number;
  /** Round trips per side in each round. */
  trips: number;
  /** Pause after each timed round trip (ms): people do not type a thousand lines a second. */
  pauseMs: number;
}

export interface Schedule {
  early: Round[];
  rounds: Round[];
}

/**
 * Early rounds, warm-up, timed rounds. In a round both sides alternate trip by trip, the order
 * flipping every trip and every round: both see the same machine load (this box is shared).
 * `trip(side, pauseMs)` makes one round trip, pauses, and returns its time (ms).
 */
export async function interleavedRounds(
  spec: ScheduleSpec,
  trip: (side: Side, pauseMs: number) => Promise<number>,
): Promise<Schedule> {
  const timed = async (count: number): Promise<Round[]> => {
    const rounds: Round[] = [];
    for (let r = 0; r < count; r++) {
      const round: Round = { bot: [], bare: [] };
      for (let i = 0; i < spec.trips; i++) {
        for (const side of (r + i) % 2 === 0 ? (['bot', 'bare'] as const) : (['bare', 'bot'] as const))
          round[side].push(await trip(side, spec.pauseMs));
      }
      rounds.push(round);
    }
    return rounds;
  };
  const early = await timed(spec.earlyRounds);
  for (let i = 0; i < spec.warmup; i++) {
    await trip('bot', 0);
    await trip('bare', 0);
  }
  return { early, rounds: await timed(spec.rounds) };
}
