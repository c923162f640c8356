/**
 * The microphone, recorded in chunks that are sent to the back end as they are made: a crash or a
 * killed app loses at most the chunk being recorded (TIMESLICE_MS). Each run of the MediaRecorder
 * is a segment (a stream with its own header); a pause ends one and the resume starts the next, so a
 * segment's audio time maps straight onto the session's clock.
 *
 * Chunks go through the ordinary API call as base64 (see shared/api/voice.ts for why), one at a
 * time in order; a failed upload stays queued and is tried again, so a busy disk loses nothing.
 */
import { AUDIO_MIME_TYPES } from '../../../shared/api/voiceFormats';
import { call } from '../api/client';
import { bytesToBase64 } from '../components/files';

/** A chunk every few seconds: at most this much audio is lost if the app is killed. */
export const TIMESLICE_MS = 3000;
/** Speech in Opus is clear at 32 kbit/s: about 240 KB a minute. */
export const AUDIO_BITS_PER_SECOND = 32_000;
const RETRY_MS = 2000;

export type RecorderState =
  | { kind: 'starting' }
  | { kind: 'recording' }
  | { kind: 'paused' }
  | { kind: 'stopped' }
  /** The microphone could not be used: the interview goes on without recording. */
  | { kind: 'unavailable'; message: string };

export interface RecorderStatus {
  state: RecorderState;
  chunksSent: number;
  /** Chunks recorded but not yet stored by the back end. */
  pending: number;
  /** The last upload's failure, until an upload succeeds. */
  uploadError: string | null;
}

interface Pending {
  segment: number;
  seq: number;
  mimeType: (typeof AUDIO_MIME_TYPES)[number];
  segmentStartedClientMs: number;
  chunkEndedClientMs: number;
  blob: Blob;
}

/** What a failed getUserMedia means to the candidate. */
export function microphoneMessage(e: unknown): string {
  const name = (e as { name?: string }).name;
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'Not recording: the microphone was not allowed. The interview goes on.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'Not recording: no microphone was found. The interview goes on.';
  if (name === 'NotReadableError')
    return 'Not recording: the microphone is busy in another program. The interview goes on.';
  return `Not recording: the microphone could not start (${(e as Error).message || name || 'no reason given'}). The interview goes on.`;
}

function pickMimeType(): (typeof AUDIO_MIME_TYPES)[number] | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return AUDIO_MIME_TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

export class VoiceRecorder {
  private stream: MediaStream | null = null;
  private recorder: MediaRecorder | null = null;
  private audioContext: AudioContext | null = null;
  analyser: AnalyserNode | null = null;
  private mimeType: (typeof AUDIO_MIME_TYPES)[number] = AUDIO_MIME_TYPES[0];
  private segment = 0;
  private readonly queue: Pending[] = [];
  private pumping = false;
  private closed = false;
  status: RecorderStatus = { state: { kind: 'starting' }, chunksSent: 0, pending: 0, uploadError: null };
  private readonly listeners = new Set<(s: RecorderStatus) => void>();

  constructor(
    private readonly sessionId: string,
    /** The first segment number free in this session (recordings made earlier keep theirs). */
    firstSegment: number,
  ) {
    this.segment = firstSegment;
  }

  onChange(listener: (s: RecorderStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<RecorderStatus>): void {
    this.status = { ...this.status, ...patch, pending: this.queue.length };
    for (const l of this.listeners) l(this.status);
  }

  /** Opens the microphone; records at once unless `paused`. */
  async start(paused: boolean): Promise<void> {
    const mimeType = pickMimeType();
    if (!mimeType || !navigator.mediaDevices?.getUserMedia) {
      this.set({
        state: {
          kind: 'unavailable',
          message: 'Not recording: this browser cannot record audio. The interview goes on.',
        },
      });
      return;
    }
    this.mimeType = mimeType;
    try {
      // Audio only: the desktop app refuses the camera and the screen outright.
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true },
        video: false,
      });
    } catch (e) {
      this.set({ state: { kind: 'unavailable', message: microphoneMessage(e) } });
      return;
    }
    if (this.closed) return this.releaseStream();
    try {
      this.audioContext = new AudioContext();
      const source = this.audioContext.createMediaStreamSource(this.stream);
      this.analyser = this.audioContext.createAnalyser();
      this.analyser.fftSize = 512;
      source.connect(this.analyser);
      void this.audioContext.resume().catch(() => undefined);
    } catch {
      // The level meter is a comfort; recording works without it.
      this.analyser = null;
    }
    if (paused) this.set({ state: { kind: 'paused' } });
    else this.begin();
  }

  /** The microphone's level now, 0 to 1. */
  level(buffer: Uint8Array<ArrayBuffer>): number {
    if (!this.analyser) return 0;
    this.analyser.getByteTimeDomainData(buffer);
    let sum = 0;
    for (const v of buffer) sum += ((v - 128) / 128) ** 2;
    return Math.min(1, Math.sqrt(sum / buffer.length) * 3);
  }

  private begin(): void {
    if (!this.stream || this.recorder || this.closed) return;
    const recorder = new MediaRecorder(this.stream, {
      mimeType: this.mimeType,
      audioBitsPerSecond: AUDIO_BITS_PER_SECOND,
    });
    const segment = this.segment;
    let seq = 0;
    // This segment's own start: a resumed segment must not rename the last chunk of this one.
    let startedClientMs = Date.now();
    recorder.onstart = () => {
      startedClientMs = Date.now();
    };
    recorder.ondataavailable = (e) => {
      if (e.data.size === 0) return;
      this.queue.push({
        segment,
        seq: seq++,
        mimeType: this.mimeType,
        segmentStartedClientMs: startedClientMs,
        chunkEndedClientMs: Date.now(),
        blob: e.data,
      });
      this.set({});
      void this.pump();
    };
    recorder.onerror = () => {
      this.set({
        state: {
          kind: 'unavailable',
          message: 'Recording stopped: the microphone stopped working. The interview goes on.',
        },
      });
    };
    recorder.start(TIMESLICE_MS);
    this.recorder = recorder;
    this.segment++;
    this.set({ state: { kind: 'recording' } });
  }

  /** Ends the current segment; its last chunk is still sent. */
  private end(): Promise<void> {
    const recorder = this.recorder;
    this.recorder = null;
    if (!recorder || recorder.state === 'inactive') return Promise.resolve();
    return new Promise((resolve) => {
      recorder.addEventListener('stop', () => resolve(), { once: true });
      recorder.stop();
    });
  }

  pause(): void {
    if (this.status.state.kind !== 'recording') return;
    void this.end();
    this.set({ state: { kind: 'paused' } });
  }

  resume(): void {
    if (this.status.state.kind !== 'paused') return;
    this.begin();
  }

  /** Stops recording and closes the microphone; chunks still queued keep being sent. */
  async stop(): Promise<void> {
    this.closed = true;
    await this.end();
    this.releaseStream();
    if (this.status.state.kind !== 'unavailable') this.set({ state: { kind: 'stopped' } });
  }

  private releaseStream(): void {
    for (const t of this.stream?.getTracks() ?? []) t.stop();
    this.stream = null;
    void this.audioContext?.close().catch(() => undefined);
    this.audioContext = null;
    this.analyser = null;
  }

  /** Sends queued chunks one at a time, in order; a failure waits and tries the same chunk again. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const next = this.queue[0]!;
        try {
          const bytes = new Uint8Array(await next.blob.arrayBuffer());
          await call('voice.chunk', {
            sessionId: this.sessionId,
            segment: next.segment,
            seq: next.seq,
            mimeType: next.mimeType,
            segmentStartedClientMs: next.segmentStartedClientMs,
            chunkEndedClientMs: next.chunkEndedClientMs,
            sentClientMs: Date.now(),
            dataBase64: bytesToBase64(bytes),
          });
          this.queue.shift();
          this.set({ chunksSent: this.status.chunksSent + 1, uploadError: null });
        } catch (e) {
          this.set({ uploadError: (e as Error).message });
          setTimeout(() => void this.pump(), RETRY_MS);
          return;
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** The screen is gone: stop telling it. Queued chunks are still sent (and retried). */
  detach(): void {
    this.listeners.clear();
  }
}
