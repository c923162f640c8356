/** Voice recording: the candidate's choice, chunks as they are recorded, playback, space, deletion, transcripts. */
import { AppError } from '../../../shared/api/envelope';
import type { TranscriptLine } from '../../../shared/api/voice';
import { AiCallError } from '../ai/errors';
import { aiEndpoint } from '../ai/config';
import type { Core, HandlerSlice } from '../core';
import { MAX_UPLOAD_BYTES, placeLines, planUploads, transcribeFile } from './transcribe';

type VoiceCalls =
  | 'voice.defaults'
  | 'voice.plan'
  | 'voice.chunk'
  | 'voice.get'
  | 'voice.audio'
  | 'voice.usage'
  | 'voice.delete'
  | 'voice.transcription'
  | 'voice.setTranscriptionModel'
  | 'voice.transcribe';

export const NEEDS_ENDPOINT =
  'Transcription needs an OpenAI-compatible endpoint. Set one up in Settings → AI; your recording is kept meanwhile.';

export function voiceHandlers(core: Core): HandlerSlice<VoiceCalls> {
  const voice = () => core.stores().voice;

  async function transcribe(sessionId: string): Promise<TranscriptLine[]> {
    const endpoint = aiEndpoint(core);
    if (!endpoint) throw new AiCallError({ kind: 'not-configured', message: NEEDS_ENDPOINT });
    const model = voice().transcriptionModel();
    const rec = voice().get(sessionId);
    if (rec.segments.length === 0)
      throw new AppError('NOT_FOUND', 'This interview has no recorded audio to transcribe.');
    const lines: TranscriptLine[] = [];
    for (const seg of rec.segments) {
      const chunks = voice().timedChunks(sessionId, seg.segment);
      // Without its first chunk a segment has no header: no endpoint could decode it.
      if (chunks[0]?.seq !== 0) continue;
      const bySeq = new Map(chunks.map((c) => [c.seq, c.bytes]));
      const parts = planUploads(chunks, MAX_UPLOAD_BYTES);
      for (const [i, part] of parts.entries()) {
        const bytes = Buffer.concat([chunks[0]!.bytes, ...part.seqs.map((q) => bySeq.get(q)!)]);
        const said = await transcribeFile(endpoint, model, {
          bytes,
          name: `interview-${seg.segment}-${i}.webm`,
          mimeType: seg.mimeType.split(';')[0]!,
        });
        lines.push(...placeLines(said, part, seg.startedAtMs));
      }
    }
    return lines.sort((a, b) => a.atMs - b.atMs);
  }

  return {
    'voice.defaults': () => ({ recordByDefault: voice().recordByDefault() }),
    'voice.plan': ({ sessionId, record }) => voice().plan(sessionId, record),
    'voice.chunk': ({ dataBase64, ...rest }) =>
      voice().addChunk({ ...rest, bytes: Buffer.from(dataBase64, 'base64') }),
    'voice.get': ({ sessionId }) => voice().get(sessionId),
    'voice.audio': ({ sessionId, segment }) => {
      const { mimeType, bytes } = voice().audio(sessionId, segment);
      return { mimeType, base64: bytes.toString('base64'), sizeBytes: bytes.length };
    },
    'voice.usage': () => voice().usage(),
    'voice.delete': ({ sessionId }) => voice().delete(sessionId),
    'voice.transcription': () => ({
      configured: aiEndpoint(core) !== null,
      model: voice().transcriptionModel(),
    }),
    'voice.setTranscriptionModel': ({ model }) => voice().setTranscriptionModel(model),
    'voice.transcribe': async ({ sessionId }) => {
      try {
        const lines = await transcribe(sessionId);
        voice().saveTranscript(sessionId, voice().transcriptionModel(), lines);
      } catch (e) {
        if (!(e instanceof AiCallError)) throw e;
        const message =
          e.failure.kind === 'model-not-found'
            ? `The endpoint has no speech model named “${voice().transcriptionModel()}” (404). Set the transcription model in Settings → Voice recordings.`
            : e.failure.message;
        // Kept with the recording, so the session page says it until a retry succeeds.
        voice().transcribeFailed(sessionId, message);
      }
      return voice().get(sessionId);
    },
  };
}
