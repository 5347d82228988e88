import { z } from 'zod';

// zod 4 probes `new Function` (to compile fast parsers) the first time it parses an object.
// Under the panel's CSP (`script-src 'self'`) that probe is refused and reported as a CSP
// violation; `jitless` skips it and parses with the interpreter. Imported before any parse.
z.config({ jitless: true });
