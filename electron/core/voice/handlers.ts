/** Voice recording: the candidate's choice, chunks as they are recorded, playback, space, deletion. */
import type { Core, HandlerSlice } from '../core';

type VoiceCalls =
  | 'voice.defaults'
  | 'voice.plan'
  | 'voice.chunk'
  | 'voice.get'
  | 'voice.audio'
  | 'voice.usage'
  | 'voice.delete';

export function voiceHandlers(core: Core): HandlerSlice<VoiceCalls> {
  const voice = () => core.stores().voice;
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
  };
}
