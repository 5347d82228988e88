import { AudioStateSchema } from '../dto/audio';

/** Pushed by the api layer (batched) whenever a player, its queue or a download changes. */
export const audioEvents = {
  audio: AudioStateSchema,
};
