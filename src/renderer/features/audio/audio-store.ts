import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { AudioStateDto } from '../../../shared/dto/audio';

export interface AudioViewState {
  /** The newest state from the runtime, or null before the first one. */
  audio: AudioStateDto | null;
  /** When `audio` arrived (positions are extrapolated from it while playing). */
  receivedAt: number;
  error: string | null;
  setAudio(state: AudioStateDto): void;
  setError(error: string | null): void;
}

export type AudioStore = UseBoundStore<StoreApi<AudioViewState>>;

export function createAudioStore(): AudioStore {
  return create<AudioViewState>()((set) => ({
    audio: null,
    receivedAt: 0,
    error: null,
    setAudio: (audio) => set({ audio, receivedAt: Date.now(), error: null }),
    setError: (error) => set({ error }),
  }));
}

export const useAudioStore: AudioStore = createAudioStore();
