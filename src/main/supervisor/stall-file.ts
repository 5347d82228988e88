/** In the data dir: the runtime's watchdog thread and exit handler leave the culprit here. */
export const STALL_FILE = 'runtime-stall.json';
