// tokenizer: ops/s of our command-line tokenizer against lexure (Sapphire's lexer + parser) and
// shell-quote's parse, on the same realistic mix of chat commands, measured in one process:
// warm-up, then interleaved rounds in rotating order, median per parser.
import { createRequire } from 'node:module';
import { parse as shellParse } from 'shell-quote';
import type * as Lexure from '../node_modules/lexure/dist/types/index';
import { tokenize } from '../src/main/runtime/text/tokenizer';
import { report } from './lib/report';

// lexure's package.json "exports" hides its typings from TypeScript: load its CommonJS build (the
// same code as its ESM wrapper) and type it from the shipped declarations.
const { Lexer, Parser } = createRequire(import.meta.url)('lexure') as typeof Lexure;

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 150);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const WARMUP_ROUNDS = 3;

/** The seed spec's cases: all three parsers must agree on these before anything is timed. */
const SEED: [string, string[]][] = [
  ['help test', ['help', 'test']],
  ["factoid add test 'test is test message'", ['factoid', 'add', 'test', 'test is test message']],
];

const lorem =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore ' +
  'et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut ' +
  'aliquip ex ea commodo consequat.';

/** What users type at a bot. No shell operators ($ | & ; < > # * ?), which shell-quote would expand. */
const INPUTS = [
  ...SEED.map(([input]) => input),
  'ping',
  'ban someone 7d spamming links in general',
  'play https://example.com/watch/abc123 --volume 50 --shuffle',
  `say "${lorem}"`,
  `factoid add rules '${lorem}'`,
  'remind me in 2h "call the dentist about the appointment on Friday afternoon"',
  'a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8 9 0 aa bb cc dd ee ff gg',
  lorem,
  'tag create "multi word name" "a \\"quoted\\" body" plain\\ escaped \'it\\\'s\'',
  'config set greeting "Hello, welcome to the server! Read the rules first." --channel welcome',
];

type Parse = (input: string) => string[];

const ours: Parse = (input) => tokenize(input).map((t) => t.value);

const lexure: Parse = (input) => {
  const tokens = new Lexer(input)
    .setQuotes([
      ['"', '"'],
      ["'", "'"],
    ])
    .lex();
  return new Parser(tokens).parse().ordered.map((t) => t.value);
};

const shellQuote: Parse = (input) =>
  shellParse(input).map((entry) => {
    if (typeof entry !== 'string')
      throw new Error(`shell-quote gave a non-word for ${JSON.stringify(input)}`);
    return entry;
  });

const parsers: Record<'ours' | 'lexure' | 'shellQuote', Parse> = { ours, lexure, shellQuote };

for (const [input, expected] of SEED) {
  for (const [name, parse] of Object.entries(parsers)) {
    const got = parse(input);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new Error(`${name} disagrees on ${JSON.stringify(input)}: ${JSON.stringify(got)}`);
    }
  }
}
for (const input of INPUTS) shellQuote(input); // every input is plain words for shell-quote too

let sink = 0;

/** Parses the whole input mix repeatedly for about `ms`; returns parses per second. */
function measure(parse: Parse, ms: number): number {
  let ops = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (const input of INPUTS) sink += parse(input).length;
    ops += INPUTS.length;
    elapsed = performance.now() - started;
  } while (elapsed < ms);
  return ops / (elapsed / 1000);
}

const names = Object.keys(parsers) as (keyof typeof parsers)[];
const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(round + i) % names.length]!;
    const opsPerS = measure(parsers[name], ROUND_MS);
    if (round >= WARMUP_ROUNDS) samples[name]!.push(opsPerS);
  }
}
if (sink === 0) throw new Error('nothing was parsed');

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ourOps = median(samples.ours!);
const lexureOps = median(samples.lexure!);
const shellQuoteOps = median(samples.shellQuote!);
const bestPeer = Math.max(lexureOps, shellQuoteOps);

report(
  'tokenizer',
  {
    ops_per_s: { value: ourOps, unit: 'ops/s' },
    lexure_ops_per_s: { value: lexureOps, unit: 'ops/s' },
    shell_quote_ops_per_s: { value: shellQuoteOps, unit: 'ops/s' },
    ratio_to_best_peer: { value: ourOps / bestPeer, unit: 'ratio' },
  },
  {
    ops_per_s: `one op = one command line; median of ${ROUNDS} interleaved ${ROUND_MS} ms rounds`,
    ratio_to_best_peer: `goal ≥ 2; best peer: ${lexureOps >= shellQuoteOps ? 'lexure' : 'shell-quote'}`,
  },
);
